/**
 * Dates derived from an agreement's terms, stored so that the dashboard filters and sorts them in
 * SQL with an index instead of computing them for every agreement in force on every request
 * (issue #8): `agreement.ends_on` and `agreement.notice_from` (when it starts to be flagged as
 * ending soon), `obligation.next_due_on`. Kept up to date by app/domain/delivery/due-dates.server.ts.
 * Existing rows are filled with the rules as they are when this runs (lifecycle.ts, delivery.ts).
 * Frozen once merged.
 */
import type { Kysely } from "kysely";
import { computedEndDate, noticeFrom } from "../../app/domain/agreement/lifecycle";
import { nextDueDate } from "../../app/domain/delivery/delivery";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agreement").addColumn("ends_on", "text").execute();
  await db.schema.alterTable("agreement").addColumn("notice_from", "text").execute();
  await db.schema.alterTable("obligation").addColumn("next_due_on", "text").execute();
  // An organization's overdue obligations: by its parties, those due before today, soonest first.
  await db.schema.createIndex("obligation_party_due_idx").on("obligation").columns(["responsible_party_id", "next_due_on"]).execute();

  const agreements: Array<{ id: string; effective_date: string | null; end_date: string | null; duration_months: number | null; renewal_notice_days: number | null }> = await db
    .selectFrom("agreement")
    .select(["id", "effective_date", "end_date", "duration_months", "renewal_notice_days"])
    .execute();
  const ends = new Map<string, { start: string | null; end: string | null }>();
  for (const a of agreements) {
    const end = computedEndDate({ effectiveDate: a.effective_date, endDate: a.end_date, durationMonths: a.duration_months });
    ends.set(a.id, { start: a.effective_date, end });
    if (end) await db.updateTable("agreement").set({ ends_on: end, notice_from: noticeFrom(end, a.renewal_notice_days) }).where("id", "=", a.id).execute();
  }
  const obligations: Array<{ id: string; agreement_id: string; due_date: string | null; recurrence: "none" | "monthly" | "quarterly" | "yearly"; status: "pending" | "in_progress" | "done" | "waived"; completed_on: string | null }> = await db
    .selectFrom("obligation")
    .select(["id", "agreement_id", "due_date", "recurrence", "status", "completed_on"])
    .execute();
  for (const o of obligations) {
    const dates = ends.get(o.agreement_id)!;
    const next = nextDueDate({ dueDate: o.due_date, recurrence: o.recurrence, status: o.status, completedOn: o.completed_on, agreementStart: dates.start, agreementEnd: dates.end });
    if (next) await db.updateTable("obligation").set({ next_due_on: next }).where("id", "=", o.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("obligation_party_due_idx").execute();
  await db.schema.alterTable("obligation").dropColumn("next_due_on").execute();
  await db.schema.alterTable("agreement").dropColumn("notice_from").execute();
  await db.schema.alterTable("agreement").dropColumn("ends_on").execute();
}
