/**
 * The dashboard's view model: the person's organizations, their agreements by status, what awaits
 * their signature, what needs their attention, the charts and the recent activity, read in one place
 * for the route (app/routes/_app._index/route.tsx).
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { agreementsAtAGlance, recentActivity } from "../agreement/agreement.queries.server";
import { eventDetails } from "../audit/event-view";
import { listOrganizations } from "../organization/organization.server";
import { reportsAttention } from "../report/report-view.server";
import { countSignaturesAwaitedFrom, signaturesAwaitedFrom } from "../signing/signing.server";
import { attention } from "./attention.server";
import { dashboardCharts } from "./charts.server";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { moneyCounts } from "../finance/finance-view.server";

export async function dashboardView(
  db: DB,
  actor: Actor,
  input: { name: string; isPlatformAdmin: boolean; locale: Locale; today: string },
) {
  const organizations = await listOrganizations(db, actor, "mine");
  const agreements = await agreementsAtAGlance(db, actor, 5);
  const todo = await attention(db, actor, input.today);
  const { formatMeetingTime } = createTranslator(input.locale);
  return {
    counts: agreements.counts,
    recent: agreements.recent.map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status })),
    // What fits on a screen: the latest few, with the count.
    awaitingMySignature: await signaturesAwaitedFrom(db, actor.userId, 8),
    awaitingMySignatureCount: await countSignaturesAwaitedFrom(db, actor.userId),
    name: input.name,
    isPlatformAdmin: input.isPlatformAdmin,
    organizations: organizations.map((o) => ({
      id: o.id,
      kind: o.kind,
      nameFr: o.nameFr,
      nameAr: o.nameAr,
      city: o.city,
      memberCount: o.memberCount,
    })),
    money: await moneyCounts(db, actor, input.today),
    // Meeting times as the server formats them (see MeetingTime).
    attention: {
      ...todo,
      meetings: todo.meetings.map((m) => ({ ...m, when: formatMeetingTime(m.startsAt, m.timeZone, "medium") })),
    },
    // Reports due, late, to review and sent back (app/domain/report).
    reports: await reportsAttention(db, actor, input.today),
    charts: await dashboardCharts(db, actor),
    activity: (await recentActivity(db, actor)).map((e) => ({
      seq: e.seq,
      type: e.type,
      createdAt: e.createdAt,
      actorName: e.actorName,
      agreementId: e.agreementId,
      reference: e.reference,
      details: eventDetails(e.data),
    })),
  };
}

export type DashboardView = Awaited<ReturnType<typeof dashboardView>>;
