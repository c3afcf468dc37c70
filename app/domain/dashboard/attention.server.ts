/**
 * "What needs my attention?" for the dashboard: the next meetings of the committees I sit on,
 * the action items asked of me or my organization, my organizations' overdue obligations, and
 * the agreements in force that end soon (within their renewal notice, or 90 days), and the
 * deliverables another party declared delivered that wait for my organization's confirmation.
 * Only agreements the actor's organizations are party to are considered.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { myActionItems } from "../committee/action-items.server";
import { overdueObligationsOf } from "../delivery/obligations.server";
import { daysBetween, nowIso } from "~/lib/time";

/** How many rows each of the dashboard's lists shows. */
const SHOWN = 8;

export async function attention(db: DB, actor: Actor, today: string, now = new Date()) {
  const orgs = organizationIds(actor);

  const meetings = await db
    .selectFrom("meeting")
    .innerJoin("committee_member", "committee_member.committee_id", "meeting.committee_id")
    .innerJoin("agreement", "agreement.id", "meeting.agreement_id")
    .select([
      "meeting.id",
      "meeting.number",
      "meeting.starts_at as startsAt",
      "meeting.time_zone as timeZone",
      "meeting.location",
      "agreement.id as agreementId",
      "agreement.reference",
      "agreement.title",
    ])
    .where("committee_member.user_id", "=", actor.userId)
    .where("meeting.status", "=", "planned")
    .where("meeting.starts_at", ">=", nowIso(new Date(now.getTime() - 12 * 3_600_000)))
    .orderBy("meeting.starts_at")
    .limit(5)
    .execute();

  // Overdue first, then by due date; those without a date last.
  const actionItems = await myActionItems(db, actor, "open", today, { limit: SHOWN });

  // Ending soon: between its notice day and its last day (both stored, see due-dates.server.ts).
  const ending = db
    .selectFrom("agreement")
    .innerJoin("agreement_party", "agreement_party.agreement_id", "agreement.id")
    .where("agreement_party.organization_id", "in", orgs)
    .where("agreement_party.agreement_status", "in", ["active", "suspended"])
    .where("agreement.notice_from", "<=", today)
    .where("agreement.ends_on", ">=", today);
  const expiringRows = orgs.length
    ? await ending
        .select([
          "agreement.id",
          "agreement.reference",
          "agreement.title",
          "agreement.ends_on",
          "agreement.tacit_renewal",
        ])
        .distinct()
        .orderBy("agreement.ends_on")
        .orderBy("agreement.reference")
        .limit(SHOWN)
        .execute()
    : [];
  const expiringCount =
    expiringRows.length < SHOWN
      ? expiringRows.length
      : Number((await ending.select(sql<number>`count(distinct agreement.id)`.as("n")).executeTakeFirst())?.n ?? 0);
  const expiring = expiringRows.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    end: a.ends_on!,
    tacitRenewal: a.tacit_renewal === 1,
    days: daysBetween(today, a.ends_on!),
  }));

  const overdueObligations = await overdueObligationsOf(db, orgs, today, SHOWN);

  // Declared delivered by another party of an agreement in force: my organization confirms or disputes.
  const deliveriesToConfirm = orgs.length
    ? await db
        .selectFrom("deliverable as d")
        .innerJoin("agreement_party as mine", "mine.agreement_id", "d.agreement_id")
        .innerJoin("agreement_party as responsible", "responsible.id", "d.responsible_party_id")
        // The agreement's reference for the rows found only (a join read it for every party in force).
        .select((eb) => [
          "d.id",
          "d.title",
          "d.updated_at as declaredAt",
          "d.agreement_id as agreementId",
          eb.selectFrom("agreement as a").select("a.reference").whereRef("a.id", "=", "d.agreement_id").as("reference"),
        ])
        .distinct()
        .where("mine.organization_id", "in", orgs)
        .where("mine.agreement_status", "=", "active")
        .whereRef("mine.organization_id", "!=", "responsible.organization_id")
        .where("d.status", "=", "delivered")
        .orderBy("d.updated_at")
        .limit(SHOWN)
        .execute()
    : [];

  // What fits on a screen: the first few of each list, with the count where it is larger.
  return {
    meetings,
    actionItems,
    overdueObligations: overdueObligations.items,
    overdueObligationCount: overdueObligations.count,
    expiring,
    expiringCount,
    deliveriesToConfirm,
  };
}
