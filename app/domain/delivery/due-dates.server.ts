/**
 * Dates derived from an agreement's terms, stored so that the dashboard filters and sorts them in
 * SQL with an index (issue #8) instead of computing them for every agreement in force on each
 * request: the agreement's last day (`agreement.ends_on`, lifecycle's computedEndDate), the day it
 * starts to be flagged as ending soon (`agreement.notice_from`, noticeFrom), and each obligation's
 * next due date (`obligation.next_due_on`, delivery's nextDueDate).
 *
 * None of them depends on today: they change only when their inputs do. Every command that writes
 * an input (the agreement's dates or renewal notice; an obligation's due date, recurrence, status
 * or completion) calls refreshDueDates for the agreement in its transaction.
 */
import type { Kysely } from "kysely";
import type { Agreement, Database } from "../../../db/schema";
import { computedEndDate, noticeFrom } from "../agreement/lifecycle";
import { nextDueDate } from "./delivery";

/** The stored dates an agreement's terms give. */
export function agreementDueDates(
  a: Pick<Agreement, "effective_date" | "end_date" | "duration_months" | "renewal_notice_days">,
): Pick<Agreement, "ends_on" | "notice_from"> {
  const end = computedEndDate({
    effectiveDate: a.effective_date,
    endDate: a.end_date,
    durationMonths: a.duration_months,
  });
  return { ends_on: end, notice_from: end ? noticeFrom(end, a.renewal_notice_days) : null };
}

/** Recomputes and stores the agreement's derived dates and its obligations' next due dates (only those that changed are written). */
export async function refreshDueDates(db: Kysely<Database>, agreementId: string): Promise<void> {
  const agreement = await db
    .selectFrom("agreement")
    .select(["effective_date", "end_date", "duration_months", "renewal_notice_days", "ends_on", "notice_from"])
    .where("id", "=", agreementId)
    .executeTakeFirst();
  if (!agreement) return;
  const dates = agreementDueDates(agreement);
  if (dates.ends_on !== agreement.ends_on || dates.notice_from !== agreement.notice_from) {
    await db.updateTable("agreement").set(dates).where("id", "=", agreementId).execute();
  }
  const obligations = await db
    .selectFrom("obligation")
    .select(["id", "due_date", "recurrence", "status", "completed_on", "next_due_on"])
    .where("agreement_id", "=", agreementId)
    .execute();
  for (const o of obligations) {
    const next = nextDueDate({
      dueDate: o.due_date,
      recurrence: o.recurrence,
      status: o.status,
      completedOn: o.completed_on,
      agreementStart: agreement.effective_date,
      agreementEnd: dates.ends_on,
    });
    if (next !== o.next_due_on)
      await db.updateTable("obligation").set({ next_due_on: next }).where("id", "=", o.id).execute();
  }
}

/**
 * Stored dates that differ from what the rules give now (none when every write refreshed them):
 * what the tests check after commands, and a way to find rows written around the commands.
 */
export async function staleDueDates(
  db: Kysely<Database>,
): Promise<Array<{ table: "agreement" | "obligation"; id: string; stored: string | null; expected: string | null }>> {
  const stale: Array<{
    table: "agreement" | "obligation";
    id: string;
    stored: string | null;
    expected: string | null;
  }> = [];
  const agreements = await db
    .selectFrom("agreement")
    .select(["id", "effective_date", "end_date", "duration_months", "renewal_notice_days", "ends_on", "notice_from"])
    .execute();
  const ends = new Map<string, { start: string | null; end: string | null }>();
  for (const a of agreements) {
    const dates = agreementDueDates(a);
    ends.set(a.id, { start: a.effective_date, end: dates.ends_on });
    if (dates.ends_on !== a.ends_on)
      stale.push({ table: "agreement", id: a.id, stored: a.ends_on, expected: dates.ends_on });
    else if (dates.notice_from !== a.notice_from)
      stale.push({ table: "agreement", id: a.id, stored: a.notice_from, expected: dates.notice_from });
  }
  for (const o of await db
    .selectFrom("obligation")
    .select(["id", "agreement_id", "due_date", "recurrence", "status", "completed_on", "next_due_on"])
    .execute()) {
    const dates = ends.get(o.agreement_id)!;
    const next = nextDueDate({
      dueDate: o.due_date,
      recurrence: o.recurrence,
      status: o.status,
      completedOn: o.completed_on,
      agreementStart: dates.start,
      agreementEnd: dates.end,
    });
    if (next !== o.next_due_on) stale.push({ table: "obligation", id: o.id, stored: o.next_due_on, expected: next });
  }
  return stale;
}
