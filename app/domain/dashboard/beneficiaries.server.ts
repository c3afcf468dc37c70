/**
 * Beneficiaries reached per month: each agreement's deliveries summed by month in
 * `beneficiaries_by_month`, added to in the transaction that records a delivery (deliveries are
 * never edited nor deleted; an agreement's rows go with it). The dashboard's chart sums the rows
 * of the agreements in scope instead of reading every delivery (issue #8).
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import { todayInMorocco } from "~/lib/time";
import { keptRowsDiffer } from "~/lib/kept-rows";
import { CHARTED } from "./attention-entries.server";

/** The month (YYYY-MM) a delivery date counts in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Adds a delivery's beneficiaries to its agreement's month: call in the delivery's transaction. */
export async function countBeneficiaries(
  db: Kysely<Database>,
  agreementId: string,
  deliveredOn: string,
  beneficiaries: number,
): Promise<void> {
  await db
    .insertInto("beneficiaries_by_month")
    .values({ agreement_id: agreementId, month: monthOf(deliveredOn), beneficiaries })
    .onConflict((oc) =>
      oc.columns(["agreement_id", "month"]).doUpdateSet((eb) => ({
        beneficiaries: eb("beneficiaries_by_month.beneficiaries", "+", eb.ref("excluded.beneficiaries")),
      })),
    )
    .execute();
}

/**
 * The last `months` months that have deliveries, oldest first, summed over the agreements `agreementIds`
 * selects (a subquery of agreement ids).
 */
export async function monthlyBeneficiaries(
  db: Kysely<Database>,
  agreementIds: SelectQueryBuilder<Database, keyof Database, { id: string }>,
  months = 12,
  today = todayInMorocco(),
): Promise<Array<{ month: string; count: number }>> {
  return lastMonths(db, sql`beneficiaries_by_month where agreement_id in (${agreementIds})`, months, today);
}

/**
 * The same over the charted agreements of organizations that share none (shareAnAgreement): their
 * kept months (migration 0200) added up, a dozen rows each whatever their agreements.
 */
export async function keptMonthlyBeneficiaries(
  db: Kysely<Database>,
  organizationIds: readonly string[],
  months = 12,
  today = todayInMorocco(),
): Promise<Array<{ month: string; count: number }>> {
  if (!organizationIds.length) return [];
  const rows = sql`organization_beneficiaries_by_month where organization_id in (${sql.join(organizationIds)})`;
  return lastMonths(db, rows, months, today);
}

/**
 * The monthly sums of `rows` (either table's, filtered: both have month and beneficiaries), the last
 * `months` that have some. Read first from the last `months` calendar months on (a federation's
 * agreements hold years of months): when they hold that many months with deliveries, those are the
 * last ones; otherwise from all months.
 */
async function lastMonths(db: Kysely<Database>, rows: RawBuilder<unknown>, months: number, today: string) {
  const sums = async (since: string | null) =>
    (
      await sql<{ month: string; count: number }>`select month, sum(beneficiaries) as count from ${rows}
        ${since === null ? sql`` : sql`and month >= ${since}`}
        group by month order by month desc limit ${months}`.execute(db)
    ).rows;
  let found = await sums(monthsBefore(monthOf(today), months - 1));
  if (found.length < months) found = await sums(null);
  return found.reverse().map((m) => ({ month: m.month, count: Number(m.count) }));
}

/** The month (YYYY-MM) `n` months before `month`. */
function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Months whose stored sum differs from the deliveries' (none when every delivery went through recordDelivery): for tests. */
export async function beneficiariesDrift(
  db: Kysely<Database>,
): Promise<Array<{ agreementId: string; month: string; stored: number; expected: number }>> {
  const expected = await db
    .selectFrom("delivery")
    .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
    .select([
      "deliverable.agreement_id as agreementId",
      sql<string>`substr(delivery.delivered_on, 1, 7)`.as("month"),
      sql<number>`sum(delivery.beneficiaries)`.as("n"),
    ])
    .groupBy(["deliverable.agreement_id", sql`substr(delivery.delivered_on, 1, 7)`])
    .execute();
  const stored = await db.selectFrom("beneficiaries_by_month").selectAll().execute();
  const key = (agreementId: string, month: string) => `${agreementId} ${month}`;
  const storedBy = new Map(stored.map((r) => [key(r.agreement_id, r.month), Number(r.beneficiaries)]));
  const drift = [];
  for (const e of expected) {
    const s = storedBy.get(key(e.agreementId, e.month)) ?? 0;
    storedBy.delete(key(e.agreementId, e.month));
    if (s !== Number(e.n)) drift.push({ agreementId: e.agreementId, month: e.month, stored: s, expected: Number(e.n) });
  }
  for (const [k, s] of storedBy)
    drift.push({ agreementId: k.split(" ")[0]!, month: k.split(" ")[1]!, stored: s, expected: 0 });
  return drift;
}

/**
 * The kept months of organizations (migration 0200) that differ from their charted agreements'
 * months, computed from scratch: none when the database's triggers kept them. Every integration
 * file's database is checked when it closes.
 */
export async function staleOrganizationBeneficiaries(db: Kysely<Database>) {
  const kept = await db
    .selectFrom("organization_beneficiaries_by_month")
    .select(["organization_id as organizationId", "month", "beneficiaries", "agreements"])
    .execute();
  const scratch = await db
    .selectFrom("agreement_party as p")
    .innerJoin("beneficiaries_by_month as b", "b.agreement_id", "p.agreement_id")
    .select([
      "p.organization_id as organizationId",
      "b.month",
      sql<number>`sum(b.beneficiaries)`.as("beneficiaries"),
      sql<number>`count(*)`.as("agreements"),
    ])
    .where("p.agreement_status", "in", CHARTED)
    .groupBy(["p.organization_id", "b.month"])
    .execute();
  return keptRowsDiffer(
    kept,
    scratch,
    (r) => `${r.organizationId} ${r.month} ${Number(r.beneficiaries)} ${Number(r.agreements)}`,
  );
}
