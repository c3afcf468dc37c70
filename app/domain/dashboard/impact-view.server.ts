/**
 * The partner's impact page's view model: one page of the signed agreements of the reader's
 * organizations, each deliverable saying whether it awaits the partner's confirmation, and the
 * meetings' times formatted in the reader's language (see MeetingTime).
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { awaitsConfirmation } from "../delivery/delivery";
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
  return {
    page: query.page,
    pages,
    agreements: agreements.map((a) => ({
      ...a,
      deliverables: a.deliverables.map((d) => ({ ...d, toConfirm: awaitsConfirmation(d.status) })),
      meetings: a.meetings.map((m) => ({ ...m, when: formatMeetingTime(m.startsAt, m.timeZone, "medium") })),
    })),
  };
}
