/**
 * The partner's impact page's view model: one page of the signed agreements of the reader's
 * organizations, each deliverable saying whether it awaits the partner's confirmation, and the
 * meetings' times formatted in the reader's language (see MeetingTime); and the money: what its
 * organizations paid that reached the associations (in all and per agreement), the tranches it has to
 * pay (late ones flagged), those paid and awaiting the association's receipt, the receipts its own
 * organizations have to confirm, and the expenses it questioned that are not settled.
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { awaitsConfirmation } from "../delivery/delivery";
import { ATTENTION_SHOWN, moneyAttention } from "../finance/finance-view.server";
import { partnerMoneyDelivered } from "../finance/finance-totals.server";
import { acceptedReports } from "../report/report-view.server";
import { countPartnerImpact, IMPACT_PAGE_SIZE, partnerImpact } from "./impact.server";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";

export async function impactView(db: DB, actor: Actor, query: { page: number; locale: Locale; today: string }) {
  const { formatMeetingTime } = createTranslator(query.locale);
  const total = await countPartnerImpact(db, actor);
  const pages = Math.max(1, Math.ceil(total / IMPACT_PAGE_SIZE));
  const agreements = await partnerImpact(db, actor, query.today, {
    limit: IMPACT_PAGE_SIZE,
    offset: (query.page - 1) * IMPACT_PAGE_SIZE,
  });
  const [delivered, attention] = await Promise.all([
    partnerMoneyDelivered(
      db,
      actor,
      agreements.map((a) => a.id),
    ),
    moneyAttention(db, actor, query.today, ATTENTION_SHOWN),
  ]);
  return {
    money: {
      delivered: delivered.delivered,
      questioned: delivered.questioned,
      // The first of each list (the counts are whole): /finances and each agreement's page have them all.
      toPay: attention.toPay,
      late: attention.counts.lateToPay,
      awaitingReceipt: attention.awaitingReceipt,
      toConfirm: attention.toConfirm,
      counts: attention.counts,
    },
    // The reports the partners accepted (issue 21), newest first.
    acceptedReports: await acceptedReports(db, actor),
    page: query.page,
    pages,
    agreements: agreements.map((a) => ({
      ...a,
      moneyDelivered: delivered.byAgreement.get(a.id) ?? 0,
      deliverables: a.deliverables.map((d) => ({ ...d, toConfirm: awaitsConfirmation(d.status) })),
      meetings: a.meetings.map((m) => ({ ...m, when: formatMeetingTime(m.startsAt, m.timeZone, "medium") })),
    })),
  };
}
