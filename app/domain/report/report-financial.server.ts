/**
 * The financial part of a report, read from the money tables (migration 0060) — the one place a
 * report reads them:
 * - received: the tranches' 'received' events (what reached the bank, `amount_mad_minor`), except
 *   those undone by a 'reversed' event;
 * - spent: expenses net of their reversals (a reversal is a row with the opposite amount pointing at
 *   the expense it undoes; it counts on the day of the expense it reverses), per budget line;
 * - the balance (cash on hand): received − spent up to the period's end;
 * - the period's expenses, each with its net amount (one wholly reversed is left out).
 * The statement is in MAD, the currency money is received in; expenses in another currency are not
 * summed into it (docs/decisions/0021-partner-reports.md).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sumMinor } from "~/lib/money";
import type { FinancialPart } from "./report";

const STATEMENT_CURRENCY = "MAD";

export async function reportFinancialPart(
  db: Kysely<Database>,
  agreementId: string,
  period: { from: string; to: string },
): Promise<FinancialPart> {
  const received = await db
    .selectFrom("tranche_event as e")
    .innerJoin("tranche as t", "t.id", "e.tranche_id")
    .select(["e.on_date as on", "e.amount_mad_minor as mad"])
    .where("t.agreement_id", "=", agreementId)
    .where("e.kind", "=", "received")
    .where("e.on_date", "<=", period.to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("tranche_event as r")
            .select("r.id")
            .where("r.kind", "=", "reversed")
            .whereRef("r.reverses_event_id", "=", "e.id"),
        ),
      ),
    )
    .execute();
  const receivedToDate = sumMinor(received.map((r) => Number(r.mad ?? 0)));
  const receivedInPeriod = sumMinor(received.filter((r) => r.on >= period.from).map((r) => Number(r.mad ?? 0)));

  const lines = await db
    .selectFrom("budget_line")
    .select(["id", "position", "description"])
    .where("agreement_id", "=", agreementId)
    .orderBy("position")
    .execute();
  const shares = lines.length
    ? await db
        .selectFrom("budget_share")
        .select(["budget_line_id as lineId", "amount_minor as amount"])
        .where(
          "budget_line_id",
          "in",
          lines.map((l) => l.id),
        )
        .execute()
    : [];
  const moves = await db
    .selectFrom("budget_reallocation")
    .select(["from_line_id as from", "to_line_id as to", "amount_minor as amount"])
    .where("agreement_id", "=", agreementId)
    .execute();

  const rows = await db
    .selectFrom("expense")
    .select([
      "id",
      "budget_line_id as lineId",
      "spent_on as on",
      "supplier",
      "description",
      "amount_minor as amount",
      "currency",
      "reverses_expense_id as reverses",
    ])
    .where("agreement_id", "=", agreementId)
    .where("currency", "=", STATEMENT_CURRENCY)
    .orderBy("spent_on")
    .orderBy("created_at")
    .execute();
  const originals = rows.filter((r) => !r.reverses);
  const net = originals.map((o) => ({
    ...o,
    amount: sumMinor([Number(o.amount), ...rows.filter((r) => r.reverses === o.id).map((r) => Number(r.amount))]),
  }));
  const toDate = net.filter((e) => e.on <= period.to);
  const inPeriod = toDate.filter((e) => e.on >= period.from);
  const position = new Map(lines.map((l) => [l.id, l.position]));
  const spentInPeriod = sumMinor(inPeriod.map((e) => e.amount));
  const spentToDate = sumMinor(toDate.map((e) => e.amount));
  return {
    currency: STATEMENT_CURRENCY,
    receivedInPeriod,
    receivedToDate,
    lines: lines.map((l) => ({
      position: l.position,
      description: l.description,
      budget: sumMinor([
        ...shares.filter((s) => s.lineId === l.id).map((s) => Number(s.amount)),
        ...moves.filter((m) => m.to === l.id).map((m) => Number(m.amount)),
        ...moves.filter((m) => m.from === l.id).map((m) => -Number(m.amount)),
      ]),
      spentInPeriod: sumMinor(inPeriod.filter((e) => e.lineId === l.id).map((e) => e.amount)),
      spentToDate: sumMinor(toDate.filter((e) => e.lineId === l.id).map((e) => e.amount)),
    })),
    spentInPeriod,
    spentToDate,
    balance: receivedToDate - spentToDate,
    expenses: inPeriod
      .filter((e) => e.amount !== 0)
      .map((e) => ({
        id: e.id,
        on: e.on,
        line: position.get(e.lineId) ?? 0,
        supplier: e.supplier,
        description: e.description,
        amount: e.amount,
      })),
  };
}
