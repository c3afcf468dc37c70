/**
 * What the dashboard reads, stored so that it is read through an index instead of computed from
 * every agreement in force on every request (issue #8):
 * - dates derived from an agreement's terms: `agreement.ends_on` and `agreement.notice_from` (when
 *   it starts to be flagged as ending soon), `obligation.next_due_on`; kept up to date by
 *   app/domain/delivery/due-dates.server.ts; existing rows are filled with the rules as they were
 *   when this migration was written (lifecycle.ts, delivery.ts of 2026-11-24), copied below so that
 *   a later change to those rules never changes what this migration does;
 * - `beneficiaries_by_month`, the sum of each agreement's deliveries per month, kept by
 *   app/domain/dashboard/beneficiaries.server.ts;
 * - indexes that let an organization's parties and overdue obligations be read from the index alone.
 * Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

// --- The rules of 2026-11-24, frozen here (lifecycle.ts computedEndDate/noticeFrom, delivery.ts nextDueDate, time.ts). ---
function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
function addMonthsTo(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
function computedEndDate(a: { effectiveDate: string | null; endDate: string | null; durationMonths: number | null }) {
  if (a.endDate) return a.endDate;
  if (!a.effectiveDate || !a.durationMonths) return null;
  const [y, m, d] = a.effectiveDate.split("-").map(Number) as [number, number, number];
  const lastDayOfTarget = new Date(Date.UTC(y, m - 1 + a.durationMonths + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m - 1 + a.durationMonths, Math.min(d, lastDayOfTarget)));
  if (d <= lastDayOfTarget) target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}
function noticeFrom(end: string, noticeDays: number | null): string {
  return addDaysTo(end, -Math.max(noticeDays ?? 0, 90));
}
type Recurrence = "none" | "monthly" | "quarterly" | "yearly";
const MONTHS: Record<Exclude<Recurrence, "none">, number> = { monthly: 1, quarterly: 3, yearly: 12 };
function nextDueDate(o: {
  dueDate: string | null;
  recurrence: Recurrence;
  status: "pending" | "in_progress" | "done" | "waived";
  completedOn: string | null;
  agreementStart: string | null;
  agreementEnd: string | null;
}): string | null {
  if (o.status === "waived") return null;
  if (o.recurrence === "none") return o.status === "done" ? null : o.dueDate;
  const first = o.dueDate ?? (o.agreementStart ? addMonthsTo(o.agreementStart, MONTHS[o.recurrence]) : null);
  if (!first) return null;
  let occurrence = first;
  for (let i = 0; i < 1200; i++) {
    if (o.agreementEnd && occurrence > o.agreementEnd) return null;
    if (!o.completedOn || occurrence > o.completedOn) return occurrence;
    occurrence = addMonthsTo(first, MONTHS[o.recurrence] * (i + 1));
  }
  return null;
}
// --- end of the frozen rules ---

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("beneficiaries_by_month")
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("beneficiaries", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("beneficiaries_by_month_pk", ["agreement_id", "month"])
    .execute();
  // The chart sums an organization's agreements' months from the index alone.
  await db.schema
    .createIndex("beneficiaries_by_month_idx")
    .on("beneficiaries_by_month")
    .columns(["agreement_id", "month", "beneficiaries"])
    .execute();
  await sql`insert into beneficiaries_by_month (agreement_id, month, beneficiaries)
    select deliverable.agreement_id, substr(delivery.delivered_on, 1, 7), sum(delivery.beneficiaries)
    from delivery inner join deliverable on deliverable.id = delivery.deliverable_id
    group by deliverable.agreement_id, substr(delivery.delivered_on, 1, 7)`.execute(db);

  await db.schema.alterTable("agreement").addColumn("ends_on", "text").execute();
  await db.schema.alterTable("agreement").addColumn("notice_from", "text").execute();
  await db.schema.alterTable("obligation").addColumn("next_due_on", "text").execute();
  // An organization's overdue obligations: by its parties, those due before today, soonest first;
  // with the id, the dashboard counts them and picks the first few without reading the rows.
  await db.schema
    .createIndex("obligation_party_due_idx")
    .on("obligation")
    .columns(["responsible_party_id", "next_due_on", "id"])
    .execute();
  // The organization's parties with their ids (what obligations and action items reference), read
  // from the index alone: replaces (organization_id, agreement_id).
  await db.schema
    .createIndex("agreement_party_organization_party_idx")
    .on("agreement_party")
    .columns(["organization_id", "agreement_id", "id"])
    .execute();
  await db.schema.dropIndex("agreement_party_organization_idx").execute();

  const agreements: Array<{
    id: string;
    effective_date: string | null;
    end_date: string | null;
    duration_months: number | null;
    renewal_notice_days: number | null;
  }> = await db
    .selectFrom("agreement")
    .select(["id", "effective_date", "end_date", "duration_months", "renewal_notice_days"])
    .execute();
  const ends = new Map<string, { start: string | null; end: string | null }>();
  for (const a of agreements) {
    const end = computedEndDate({
      effectiveDate: a.effective_date,
      endDate: a.end_date,
      durationMonths: a.duration_months,
    });
    ends.set(a.id, { start: a.effective_date, end });
    if (end)
      await db
        .updateTable("agreement")
        .set({ ends_on: end, notice_from: noticeFrom(end, a.renewal_notice_days) })
        .where("id", "=", a.id)
        .execute();
  }
  const obligations: Array<{
    id: string;
    agreement_id: string;
    due_date: string | null;
    recurrence: Recurrence;
    status: "pending" | "in_progress" | "done" | "waived";
    completed_on: string | null;
  }> = await db
    .selectFrom("obligation")
    .select(["id", "agreement_id", "due_date", "recurrence", "status", "completed_on"])
    .execute();
  for (const o of obligations) {
    const dates = ends.get(o.agreement_id)!;
    const next = nextDueDate({
      dueDate: o.due_date,
      recurrence: o.recurrence,
      status: o.status,
      completedOn: o.completed_on,
      agreementStart: dates.start,
      agreementEnd: dates.end,
    });
    if (next) await db.updateTable("obligation").set({ next_due_on: next }).where("id", "=", o.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("beneficiaries_by_month").execute();
  await db.schema
    .createIndex("agreement_party_organization_idx")
    .on("agreement_party")
    .columns(["organization_id", "agreement_id"])
    .execute();
  await db.schema.dropIndex("agreement_party_organization_party_idx").execute();
  await db.schema.dropIndex("obligation_party_due_idx").execute();
  await db.schema.alterTable("obligation").dropColumn("next_due_on").execute();
  await db.schema.alterTable("agreement").dropColumn("notice_from").execute();
  await db.schema.alterTable("agreement").dropColumn("ends_on").execute();
}
