/**
 * Kept money totals (issue #22): what each agreement adds to its organizations' totals
 * (agreement_money) and their sums per organization (organization_money), per currency, so that
 * /finances and /impact read a few rows instead of summing every agreement on each request.
 *
 * Every command that changes a kept figure — a tranche added, removed or moved by an event (due,
 * called, paid, received, cancelled, reversed), an expense or its reversal, a budget line, a party —
 * calls keepMoney() in its transaction: it computes the agreement's rows from scratch
 * (moneyContributions, a handful of indexed queries on one agreement), writes them, and adds the
 * difference to its organizations' rows. The same function computes every row from scratch for the
 * test that compares the kept rows after each command and for the benchmark's generator.
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { DB } from "../../../db/client";
import type { AgreementMoneyTable, Database } from "../../../db/schema";
import { CURRENCIES, sumMinor } from "~/lib/money";
import { cashOnHand, EXPENSE_CURRENCY } from "./expense";
import { TRANCHE_STATUSES, awaitsPayment, isLate } from "./tranche";

type Trx = Transaction<Database>;

export interface MoneyContribution {
  agreementId: string;
  organizationId: string;
  reference: string;
  currency: string;
  pledgedMinor: number;
  pledgedTranches: number;
  receivedMinor: number;
  spentMinor: number;
  deliveredMinor: number;
  dueTranches: number;
}

const FIGURES = [
  "pledgedMinor",
  "pledgedTranches",
  "receivedMinor",
  "spentMinor",
  "deliveredMinor",
  "dueTranches",
] as const satisfies ReadonlyArray<keyof MoneyContribution>;

const COLUMN = {
  pledgedMinor: "pledged_minor",
  pledgedTranches: "pledged_tranches",
  receivedMinor: "received_minor",
  spentMinor: "spent_minor",
  deliveredMinor: "delivered_minor",
  dueTranches: "due_tranches",
} as const;

/** Every agreement with money has a row in this currency for each of its organizations. */
export const KEPT_ROW_CURRENCY = EXPENSE_CURRENCY;

const DUE_STATUSES = TRANCHE_STATUSES.filter(awaitsPayment);
const CANCELLED = TRANCHE_STATUSES.filter((s) => s === "cancelled");

/**
 * What agreements add to their organizations' money totals, computed from scratch: for the given
 * agreements, or for all when none are given. One MAD row per (agreement with money, organization
 * party to it), and one per other currency it has non-cancelled tranches in.
 */
export async function moneyContributions(db: DB | Trx, agreementIds?: readonly string[]): Promise<MoneyContribution[]> {
  if (agreementIds && !agreementIds.length) return [];
  const ids = agreementIds ? [...new Set(agreementIds)] : null;
  const [agreements, parties, tranches, received, spent] = await Promise.all([
    db
      .selectFrom("agreement")
      .select(["agreement.id", "agreement.reference"])
      .$if(ids !== null, (q) => q.where("agreement.id", "in", ids!))
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("budget_line")
              .select("budget_line.id")
              .whereRef("budget_line.agreement_id", "=", "agreement.id"),
          ),
          eb.exists(
            eb.selectFrom("tranche").select("tranche.id").whereRef("tranche.agreement_id", "=", "agreement.id"),
          ),
        ]),
      )
      .execute(),
    db
      .selectFrom("agreement_party")
      .select(["agreement_id as agreementId", "organization_id as organizationId"])
      .distinct()
      .$if(ids !== null, (q) => q.where("agreement_id", "in", ids!))
      .execute(),
    db
      .selectFrom("tranche")
      .select([
        "agreement_id as agreementId",
        "currency",
        sql<number>`sum(amount_minor)`.as("minor"),
        sql<number>`count(*)`.as("count"),
        sql<number>`sum(case when ${sql.ref("status")} in (${sql.join(DUE_STATUSES)}) then 1 else 0 end)`.as("due"),
      ])
      .$if(ids !== null, (q) => q.where("agreement_id", "in", ids!))
      .where("status", "not in", CANCELLED)
      .groupBy(["agreement_id", "currency"])
      .execute(),
    db
      .selectFrom("tranche_event")
      .innerJoin("tranche", "tranche.id", "tranche_event.tranche_id")
      .innerJoin("agreement_party as payer", "payer.id", "tranche.payer_party_id")
      .select([
        "tranche.agreement_id as agreementId",
        "payer.organization_id as payerId",
        sql<number>`sum(tranche_event.amount_mad_minor)`.as("minor"),
      ])
      .$if(ids !== null, (q) => q.where("tranche.agreement_id", "in", ids!))
      .where("tranche_event.kind", "=", "received")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("tranche_event as reversal")
              .select("reversal.id")
              .whereRef("reversal.reverses_event_id", "=", "tranche_event.id"),
          ),
        ),
      )
      .groupBy(["tranche.agreement_id", "payer.organization_id"])
      .execute(),
    db
      .selectFrom("expense")
      .select(["agreement_id as agreementId", sql<number>`sum(amount_minor)`.as("minor")])
      .$if(ids !== null, (q) => q.where("agreement_id", "in", ids!))
      .groupBy("agreement_id")
      .execute(),
  ]);
  const orgsOf = new Map<string, string[]>();
  for (const p of parties) orgsOf.set(p.agreementId, [...(orgsOf.get(p.agreementId) ?? []), p.organizationId]);
  const currencies = new Map<string, Map<string, { minor: number; count: number; due: number }>>();
  for (const t of tranches) {
    const own = currencies.get(t.agreementId) ?? new Map();
    own.set(t.currency, { minor: Number(t.minor), count: Number(t.count), due: Number(t.due) });
    currencies.set(t.agreementId, own);
  }
  const receivedBy = new Map<string, Map<string, number>>();
  for (const r of received) {
    const own = receivedBy.get(r.agreementId) ?? new Map<string, number>();
    own.set(r.payerId, sumMinor([own.get(r.payerId) ?? 0, Number(r.minor ?? 0)]));
    receivedBy.set(r.agreementId, own);
  }
  const spentOf = new Map(spent.map((s) => [s.agreementId, Number(s.minor ?? 0)]));
  const rows: MoneyContribution[] = [];
  for (const a of agreements) {
    const byPayer = receivedBy.get(a.id) ?? new Map<string, number>();
    const receivedMinor = sumMinor([...byPayer.values()]);
    const own = currencies.get(a.id) ?? new Map<string, { minor: number; count: number; due: number }>();
    const list = [...new Set([EXPENSE_CURRENCY, ...own.keys()])].sort();
    for (const organizationId of orgsOf.get(a.id) ?? [])
      for (const currency of list) {
        const t = own.get(currency);
        const mad = currency === EXPENSE_CURRENCY;
        rows.push({
          agreementId: a.id,
          organizationId,
          reference: a.reference,
          currency,
          pledgedMinor: t?.minor ?? 0,
          pledgedTranches: t?.count ?? 0,
          receivedMinor: mad ? receivedMinor : 0,
          spentMinor: mad ? (spentOf.get(a.id) ?? 0) : 0,
          deliveredMinor: mad ? (byPayer.get(organizationId) ?? 0) : 0,
          dueTranches: t?.due ?? 0,
        });
      }
  }
  return rows;
}

/** Organizations' totals computed from scratch: the sums of moneyContributions per organization and currency. */
export function organizationSums(contributions: readonly MoneyContribution[]) {
  const sums = new Map<string, Omit<MoneyContribution, "agreementId" | "reference">>();
  for (const c of contributions) {
    const key = `${c.organizationId} ${c.currency}`;
    const row = sums.get(key) ?? {
      organizationId: c.organizationId,
      currency: c.currency,
      pledgedMinor: 0,
      pledgedTranches: 0,
      receivedMinor: 0,
      spentMinor: 0,
      deliveredMinor: 0,
      dueTranches: 0,
    };
    for (const f of FIGURES) row[f] = sumMinor([row[f], c[f]]);
    sums.set(key, row);
  }
  return [...sums.values()];
}

/** A contribution's figures as the kept tables' columns. */
export const keptFigures = (c: Pick<MoneyContribution, (typeof FIGURES)[number]>) => ({
  pledged_minor: c.pledgedMinor,
  pledged_tranches: c.pledgedTranches,
  received_minor: c.receivedMinor,
  spent_minor: c.spentMinor,
  delivered_minor: c.deliveredMinor,
  due_tranches: c.dueTranches,
});

const toRow = (c: MoneyContribution) => ({
  agreement_id: c.agreementId,
  organization_id: c.organizationId,
  reference: c.reference,
  currency: c.currency,
  ...keptFigures(c),
});

/** A kept agreement_money row as a contribution, its figures multiplied by `sign`. */
const fromRow = (k: Selectable<AgreementMoneyTable>, sign: 1 | -1): MoneyContribution => ({
  agreementId: k.agreement_id,
  organizationId: k.organization_id,
  reference: k.reference,
  currency: k.currency,
  pledgedMinor: sign * Number(k.pledged_minor),
  pledgedTranches: sign * Number(k.pledged_tranches),
  receivedMinor: sign * Number(k.received_minor),
  spentMinor: sign * Number(k.spent_minor),
  deliveredMinor: sign * Number(k.delivered_minor),
  dueTranches: sign * Number(k.due_tranches),
});

/** Adds figures to organizations' kept rows (creating the rows they lack). */
async function addToOrganizations(
  trx: DB | Trx,
  deltas: ReadonlyArray<Omit<MoneyContribution, "agreementId" | "reference">>,
): Promise<void> {
  for (const d of deltas) {
    if (FIGURES.every((f) => d[f] === 0)) continue;
    const { agreement_id: _a, reference: _r, ...values } = toRow({ ...d, agreementId: "", reference: "" });
    await trx
      .insertInto("organization_money")
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(["organization_id", "currency"])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              FIGURES.map((f) => [
                COLUMN[f],
                eb(`organization_money.${COLUMN[f]}`, "+", eb.ref(`excluded.${COLUMN[f]}`)),
              ]),
            ),
          ),
      )
      .execute();
  }
}

/**
 * Keeps the money totals of an agreement and of its organizations after a change, in the caller's
 * transaction: the agreement's rows from scratch, and their difference added to its organizations'.
 */
export async function keepMoney(trx: Trx, agreementId: string): Promise<void> {
  const [fresh, kept] = await Promise.all([
    moneyContributions(trx, [agreementId]),
    trx.selectFrom("agreement_money").selectAll().where("agreement_id", "=", agreementId).execute(),
  ]);
  await trx.deleteFrom("agreement_money").where("agreement_id", "=", agreementId).execute();
  if (fresh.length) await trx.insertInto("agreement_money").values(fresh.map(toRow)).execute();
  await addToOrganizations(trx, organizationSums([...fresh, ...kept.map((k) => fromRow(k, -1))]));
}

/** Forgets agreements about to be deleted: their rows go, and are taken off their organizations' totals. */
export async function forgetMoney(trx: Trx, agreementIds: readonly string[]): Promise<void> {
  if (!agreementIds.length) return;
  const kept = await trx.selectFrom("agreement_money").selectAll().where("agreement_id", "in", agreementIds).execute();
  await trx.deleteFrom("agreement_money").where("agreement_id", "in", agreementIds).execute();
  await addToOrganizations(trx, organizationSums(kept.map((k) => fromRow(k, -1))));
}

/**
 * Rebuilds every kept row from scratch (the benchmark's generator writes money without the
 * commands): the same moneyContributions the test compares the kept rows with.
 */
export async function rebuildMoneyTotals(db: DB): Promise<void> {
  const rows = await moneyContributions(db);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("organization_money").execute();
    await trx.deleteFrom("agreement_money").execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto("agreement_money")
        .values(rows.slice(i, i + 500).map(toRow))
        .execute();
    const sums = organizationSums(rows).map((s) => {
      const { agreement_id: _a, reference: _r, ...values } = toRow({ ...s, agreementId: "", reference: "" });
      return values;
    });
    for (let i = 0; i < sums.length; i += 500)
      await trx
        .insertInto("organization_money")
        .values(sums.slice(i, i + 500))
        .execute();
  });
}

const currencyOrder = (c: string) => {
  const i = (CURRENCIES as readonly string[]).indexOf(c);
  return i < 0 ? CURRENCIES.length : i;
};

/**
 * The money of organizations across their agreements (/finances's totals), from the kept rows: what
 * the tranches pledge per currency, received, spent, cash on hand, tranches due; and how many of
 * those are late today (their agreements found through the kept rows' due count).
 */
export async function organizationMoneyTotals(db: DB, orgs: readonly string[], today: string) {
  if (!orgs.length) return { pledged: [], received: 0, spent: 0, cashOnHand: 0, due: 0, late: 0 };
  const [rows, due] = await Promise.all([
    orgs.length === 1
      ? db
          .selectFrom("organization_money")
          .select(["currency", "pledged_minor", "pledged_tranches", "received_minor", "spent_minor", "due_tranches"])
          .where("organization_id", "=", orgs[0]!)
          .execute()
      : // An agreement of several of the organizations counts once.
        db
          .selectFrom("agreement_money")
          .select([
            "agreement_id",
            "currency",
            "pledged_minor",
            "pledged_tranches",
            "received_minor",
            "spent_minor",
            "due_tranches",
          ])
          .distinct()
          .where("organization_id", "in", orgs)
          .execute(),
    db
      .selectFrom("tranche")
      .select(["status", "due_since as dueSince", "grace_days as graceDays"])
      .where("agreement_id", "in", (eb) =>
        eb
          .selectFrom("agreement_money")
          .select("agreement_money.agreement_id")
          .where("agreement_money.organization_id", "in", orgs)
          .where("agreement_money.due_tranches", ">", 0),
      )
      .where("status", "in", DUE_STATUSES)
      .execute(),
  ]);
  const pledged = new Map<string, number>();
  for (const r of rows)
    if (Number(r.pledged_tranches) > 0)
      pledged.set(r.currency, sumMinor([pledged.get(r.currency) ?? 0, Number(r.pledged_minor)]));
  const received = sumMinor(rows.map((r) => Number(r.received_minor)));
  const spent = sumMinor(rows.map((r) => Number(r.spent_minor)));
  return {
    pledged: [...pledged]
      .sort(([a], [b]) => currencyOrder(a) - currencyOrder(b) || (a < b ? -1 : 1))
      .map(([currency, minor]) => ({ currency, minor })),
    received,
    spent,
    cashOnHand: cashOnHand(received, spent),
    due: rows.reduce((n, r) => n + Number(r.due_tranches), 0),
    late: due.filter((t) => isLate({ status: t.status, dueSince: t.dueSince, graceDays: t.graceDays }, today)).length,
  };
}
