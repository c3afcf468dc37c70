/**
 * The money across many agreements in a few aggregate queries (not agreement by agreement): what
 * /finances lists per agreement (one page of them), and what the partner's /impact page shows (money
 * delivered, from the kept totals; what needs doing). The same figures as agreementMoney() for each agreement — a test compares them.
 * Sums are integers in minor units, added in SQL and read back as numbers; MAD for what was
 * received (the bank's figure) and spent.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import type { TrancheStatus } from "../../../db/schema";
import { organizationIds, type Actor } from "../access/access";
import { sumMinor } from "~/lib/money";
import { cashOnHand } from "./expense";
import { awaitsPayment, isLate } from "./tranche";

export interface AgreementTotals {
  budget: number;
  pledged: Array<{ currency: string; minor: number }>;
  received: number;
  spent: number;
  cashOnHand: number;
  due: number;
  late: number;
  questioned: number;
}

const empty = (): AgreementTotals => ({
  budget: 0,
  pledged: [],
  received: 0,
  spent: 0,
  cashOnHand: 0,
  due: 0,
  late: 0,
  questioned: 0,
});

/** A received event that still stands: no 'reversed' event points at it. */
const standingReceived = sql<boolean>`tranche_event.kind = 'received' and not exists (
  select 1 from tranche_event as reversal where reversal.reverses_event_id = tranche_event.id
)`;

/** Each agreement's totals, in five aggregate queries whatever the number of agreements. */
export async function agreementTotals(
  db: DB,
  agreementIds: readonly string[],
  today: string,
): Promise<Map<string, AgreementTotals>> {
  const ids = [...new Set(agreementIds)];
  const totals = new Map(ids.map((id) => [id, empty()]));
  if (!ids.length) return totals;
  const [budgets, tranches, received, spent, questioned] = await Promise.all([
    db
      .selectFrom("budget_share")
      .innerJoin("budget_line", "budget_line.id", "budget_share.budget_line_id")
      .select(["budget_line.agreement_id as agreementId", sql<number>`sum(budget_share.amount_minor)`.as("minor")])
      .where("budget_line.agreement_id", "in", ids)
      .groupBy("budget_line.agreement_id")
      .execute(),
    db
      .selectFrom("tranche")
      .select([
        "agreement_id as agreementId",
        "currency",
        "amount_minor as amountMinor",
        "status",
        "due_since as dueSince",
        "grace_days as graceDays",
      ])
      .where("agreement_id", "in", ids)
      .execute(),
    db
      .selectFrom("tranche_event")
      .innerJoin("tranche", "tranche.id", "tranche_event.tranche_id")
      .select(["tranche.agreement_id as agreementId", sql<number>`sum(tranche_event.amount_mad_minor)`.as("minor")])
      .where("tranche.agreement_id", "in", ids)
      .where(standingReceived)
      .groupBy("tranche.agreement_id")
      .execute(),
    db
      .selectFrom("expense")
      .select(["agreement_id as agreementId", sql<number>`sum(amount_minor)`.as("minor")])
      .where("agreement_id", "in", ids)
      .groupBy("agreement_id")
      .execute(),
    db
      .selectFrom("expense_query")
      .innerJoin("expense", "expense.id", "expense_query.expense_id")
      .select(["expense.agreement_id as agreementId", sql<number>`count(distinct expense.id)`.as("count")])
      .where("expense.agreement_id", "in", ids)
      .where("expense_query.settled_at", "is", null)
      .groupBy("expense.agreement_id")
      .execute(),
  ]);
  for (const r of budgets) totals.get(r.agreementId)!.budget = Number(r.minor);
  for (const r of received) totals.get(r.agreementId)!.received = Number(r.minor ?? 0);
  for (const r of spent) totals.get(r.agreementId)!.spent = Number(r.minor);
  for (const r of questioned) totals.get(r.agreementId)!.questioned = Number(r.count);
  const pledged = new Map<string, Map<string, number>>();
  for (const t of tranches) {
    const row = totals.get(t.agreementId)!;
    const status = t.status as TrancheStatus;
    if (awaitsPayment(status)) row.due += 1;
    if (isLate({ status, dueSince: t.dueSince, graceDays: t.graceDays }, today)) row.late += 1;
    if (status === "cancelled") continue;
    const own = pledged.get(t.agreementId) ?? new Map<string, number>();
    own.set(t.currency, sumMinor([own.get(t.currency) ?? 0, Number(t.amountMinor)]));
    pledged.set(t.agreementId, own);
  }
  for (const [id, row] of totals) {
    row.pledged = [...(pledged.get(id) ?? [])].map(([currency, minor]) => ({ currency, minor }));
    row.cashOnHand = cashOnHand(row.received, row.spent);
  }
  return totals;
}

/**
 * The partner's side of the money (/impact): what its organizations paid that reached the
 * associations (MAD, as their banks received it), in all (the kept totals) and for the given
 * agreements (the page's), and the questions its organizations asked about expenses that are not
 * settled yet.
 */
export async function partnerMoneyDelivered(db: DB, actor: Actor, agreementIds: readonly string[] = []) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return { delivered: 0, byAgreement: new Map<string, number>(), questioned: 0 };
  const [total, rows, questions] = await Promise.all([
    db
      .selectFrom("organization_money")
      .select(sql<number>`sum(delivered_minor)`.as("minor"))
      .where("organization_id", "in", orgs)
      .executeTakeFirst(),
    agreementIds.length
      ? db
          .selectFrom("agreement_money")
          .select(["agreement_id as agreementId", sql<number>`sum(delivered_minor)`.as("minor")])
          .where("organization_id", "in", orgs)
          .where("agreement_id", "in", agreementIds)
          .groupBy("agreement_id")
          .execute()
      : [],
    db
      .selectFrom("expense_query")
      .select(sql<number>`count(distinct expense_query.expense_id)`.as("count"))
      .where("expense_query.organization_id", "in", orgs)
      .where("expense_query.settled_at", "is", null)
      .executeTakeFirst(),
  ]);
  return {
    delivered: Number(total?.minor ?? 0),
    byAgreement: new Map(rows.map((r) => [r.agreementId, Number(r.minor ?? 0)])),
    questioned: Number(questions?.count ?? 0),
  };
}
