/**
 * "What needs my attention?" for the dashboard: the next meetings of the committees I sit on,
 * the action items asked of me or my organization, my organizations' overdue obligations, and
 * the agreements in force that end soon (within their renewal notice, or 90 days), and the
 * deliverables another party declared delivered that wait for my organization's confirmation.
 * Only agreements the actor's organizations are party to are considered.
 *
 * Which items each list holds is kept in attention_entry (attention-entries.server.ts decides); here
 * each list takes its first few entries for today, then reads those records for what they show.
 */
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { actionItemRows } from "../committee/action-items.server";
import { daysBetween, nowIso } from "~/lib/time";
import { countSubjects, firstSubjects, keptEntries } from "./attention-entries.server";
import { shareAnAgreement } from "../organization/organization.server";

/** How many rows each of the dashboard's lists shows. */
const SHOWN = 8;
/** How many of the next meetings it shows. */
const MEETINGS_SHOWN = 5;

export async function attention(db: DB, actor: Actor, today: string, now = new Date()) {
  const orgs = organizationIds(actor);
  const [meetings, actionItems, overdue, expiring, deliveriesToConfirm] = await Promise.all([
    nextMeetings(db, actor, now),
    actionItemRows(db, await openActionItems(db, actor), today),
    overdueObligations(db, orgs, today),
    endingSoon(db, orgs, today),
    deliveriesAwaitingConfirmation(db, orgs),
  ]);
  // What fits on a screen: the first few of each list, with the count where it is larger.
  return {
    meetings,
    actionItems,
    overdueObligations: overdue.items,
    overdueObligationCount: overdue.count,
    expiring: expiring.items,
    expiringCount: expiring.count,
    deliveriesToConfirm,
  };
}

/** The planned meetings of the committees I sit on, from twelve hours ago on (one under way is still next). */
async function nextMeetings(db: DB, actor: Actor, now: Date) {
  const ids = await firstSubjects(
    keptEntries(db, [actor.userId], "meeting")
      .where("on_date", ">=", nowIso(new Date(now.getTime() - 12 * 3_600_000)))
      .orderBy("on_date")
      .orderBy("subject_id"),
    MEETINGS_SHOWN,
    1,
  );
  if (!ids.length) return [];
  return db
    .selectFrom("meeting")
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
    .where("meeting.id", "in", ids)
    .orderBy("meeting.starts_at")
    .orderBy("meeting.id")
    .execute();
}

/** Open action items owned by me as a committee member or by a party of my organizations: overdue first, by due date. */
async function openActionItems(db: DB, actor: Actor) {
  const audiences = [actor.userId, ...organizationIds(actor)];
  return firstSubjects(
    keptEntries(db, audiences, "action_item")
      .orderBy((eb) => eb("on_date", "is", null))
      .orderBy("on_date")
      .orderBy("sort_key")
      .orderBy("subject_id"),
    SHOWN,
    audiences.length,
  );
}

/**
 * My organizations' obligations in agreements in force whose next due date is past: the first few,
 * soonest due first, then by agreement reference, and how many there are.
 */
async function overdueObligations(db: DB, orgs: readonly string[], today: string) {
  if (!orgs.length) return { items: [], count: 0 };
  const overdue = keptEntries(db, orgs, "obligation").where("on_date", "<", today);
  const ids = await firstSubjects(
    overdue.orderBy("on_date").orderBy("sort_key").orderBy("subject_id"),
    SHOWN,
    orgs.length,
  );
  const items = ids.length
    ? await db
        .selectFrom("obligation")
        .innerJoin("agreement", "agreement.id", "obligation.agreement_id")
        .select([
          "obligation.id",
          "obligation.description",
          "obligation.next_due_on as due",
          "agreement.id as agreementId",
          "agreement.reference",
        ])
        .where("obligation.id", "in", ids)
        .orderBy("obligation.next_due_on")
        .orderBy("agreement.reference")
        .orderBy("obligation.id")
        .execute()
    : [];
  const count = items.length < SHOWN ? items.length : await countSubjects(overdue, !(await shareAnAgreement(db, orgs)));
  return { items: items.map((o) => ({ ...o, due: o.due! })), count };
}

/** Ending: agreements in force between their notice day and their last day, soonest first. */
async function endingSoon(db: DB, orgs: readonly string[], today: string) {
  if (!orgs.length) return { items: [], count: 0 };
  const ending = keptEntries(db, orgs, "agreement_ending").where("on_date", ">=", today).where("alert_on", "<=", today);
  const ids = await firstSubjects(ending.orderBy("on_date").orderBy("sort_key"), SHOWN, orgs.length);
  const rows = ids.length
    ? await db
        .selectFrom("agreement")
        .select(["id", "reference", "title", "ends_on", "tacit_renewal"])
        .where("id", "in", ids)
        .orderBy("ends_on")
        .orderBy("reference")
        .execute()
    : [];
  const items = rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    end: a.ends_on!,
    tacitRenewal: a.tacit_renewal === 1,
    days: daysBetween(today, a.ends_on!),
  }));
  const count = items.length < SHOWN ? items.length : await countSubjects(ending, !(await shareAnAgreement(db, orgs)));
  return { items, count };
}

/** Declared delivered by another party of an agreement in force: my organization confirms or disputes. */
async function deliveriesAwaitingConfirmation(db: DB, orgs: readonly string[]) {
  if (!orgs.length) return [];
  const ids = await firstSubjects(
    keptEntries(db, orgs, "delivery_to_confirm").orderBy("on_date").orderBy("subject_id"),
    SHOWN,
    orgs.length,
  );
  if (!ids.length) return [];
  return db
    .selectFrom("deliverable as d")
    .innerJoin("agreement as a", "a.id", "d.agreement_id")
    .select(["d.id", "d.title", "d.updated_at as declaredAt", "d.agreement_id as agreementId", "a.reference"])
    .where("d.id", "in", ids)
    .orderBy("d.updated_at")
    .orderBy("d.id")
    .execute();
}
