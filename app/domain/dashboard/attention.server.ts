/**
 * "What needs my attention?" for the dashboard: the next meetings of the committees I sit on,
 * the action items asked of me or my organization, my organizations' overdue obligations, and
 * the agreements in force that end soon (within their renewal notice, or 90 days).
 * Only agreements the actor's organizations are party to are considered.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { unindexed } from "../../../db/dialect";
import { organizationIds, type Actor } from "../access/access";
import { computedEndDate } from "../agreement/lifecycle";
import { myActionItems } from "../committee/action-items.server";
import { overdueObligationsOf } from "../delivery/obligations.server";
import { nowIso } from "~/lib/time";

const DEFAULT_NOTICE_DAYS = 90;
/** How many rows each of the dashboard's lists shows. */
const SHOWN = 8;

/**
 * `status in (active, suspended)` written so that SQLite does not pick the status index (which
 * reads every agreement in force) over the organization's parties (an actor's few hundred).
 */
const inForceStatus = (db: DB) => sql<boolean>`${unindexed(db, "agreement.status")} in ('active', 'suspended')`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An agreement ends soon when its end date falls within its renewal notice (or 90 days) from today. */
export function endsSoon(end: string | null, today: string, noticeDays: number | null): boolean {
  if (!end || end < today) return false;
  return daysBetween(today, end) <= Math.max(noticeDays ?? 0, DEFAULT_NOTICE_DAYS);
}

export async function attention(db: DB, actor: Actor, today: string, now = new Date()) {
  const orgs = organizationIds(actor);

  const meetings = await db
    .selectFrom("meeting")
    .innerJoin("committee_member", "committee_member.committee_id", "meeting.committee_id")
    .innerJoin("agreement", "agreement.id", "meeting.agreement_id")
    .select(["meeting.id", "meeting.number", "meeting.starts_at as startsAt", "meeting.time_zone as timeZone", "meeting.location", "agreement.id as agreementId", "agreement.reference", "agreement.title"])
    .where("committee_member.user_id", "=", actor.userId)
    .where("meeting.status", "=", "planned")
    .where("meeting.starts_at", ">=", nowIso(new Date(now.getTime() - 12 * 3_600_000)))
    .orderBy("meeting.starts_at")
    .limit(5)
    .execute();

  // Overdue first, then by due date; those without a date last.
  const actionItems = await myActionItems(db, actor, "open", today, { limit: SHOWN });

  const inForce = orgs.length
    ? await db
        .selectFrom("agreement")
        .innerJoin("agreement_party", "agreement_party.agreement_id", "agreement.id")
        .select(["agreement.id", "agreement.reference", "agreement.title", "agreement.effective_date", "agreement.end_date", "agreement.duration_months", "agreement.renewal_notice_days", "agreement.tacit_renewal"])
        .where("agreement_party.organization_id", "in", orgs)
        .where(inForceStatus(db))
        .distinct()
        .orderBy("agreement.reference")
        .execute()
    : [];

  // One query over all agreements in force (not one per agreement): a federation has hundreds.
  const overdueObligations = await overdueObligationsOf(db, orgs, today);

  const expiring = inForce
    .map((a) => ({ ...a, end: computedEndDate({ effectiveDate: a.effective_date, endDate: a.end_date, durationMonths: a.duration_months }) }))
    .filter((a) => endsSoon(a.end, today, a.renewal_notice_days))
    .map((a) => ({ id: a.id, reference: a.reference, title: a.title, end: a.end!, tacitRenewal: a.tacit_renewal === 1, days: daysBetween(today, a.end!) }))
    .sort((x, y) => x.days - y.days || x.reference.localeCompare(y.reference));

  // What fits on a screen: the first few of each list, with the count where it is larger.
  return {
    meetings,
    actionItems,
    overdueObligations: overdueObligations.slice(0, SHOWN),
    overdueObligationCount: overdueObligations.length,
    expiring: expiring.slice(0, SHOWN),
    expiringCount: expiring.length,
  };
}
