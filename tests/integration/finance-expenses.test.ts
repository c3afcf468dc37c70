/**
 * Expenses (issue #20): the spending party records them with a receipt; money records are never
 * edited — a mistake is corrected by a reversing entry, once, and an expense in an accepted report
 * cannot be reversed; a partner questions an expense, the spender answers, the partner who asked
 * settles, and it is listed as questioned until then. Every step is in the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addBudgetLine } from "~/domain/finance/budget.server";
import {
  answerExpenseQuery,
  attachExpenseReceipt,
  listExpenses,
  queryExpense,
  recordExpense,
  reverseExpense,
  settleExpenseQuery,
} from "~/domain/finance/expenses.server";
import { financesView } from "~/domain/finance/finance-view.server";
import { expensesCsv } from "~/domain/finance/expenses-csv.server";
import { parseCsv } from "~/domain/export/csv";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { storeFile } from "~/lib/uploads.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;
let a: TestAgreement;
let treasurer: Person;
let lineId = "";
let association = "";

const receipt = () => storeFile(Buffer.from("%PDF-1.4 facture"), "pdf", "facture.pdf");
const expense = (amount: number, supplier = "Transports Atlas") => ({
  budgetLineId: lineId,
  partyId: undefined,
  spentOn: "2026-05-10",
  supplier,
  description: "Location d'un minibus vers les douars",
  amount,
  method: "transfer" as const,
});

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
  a = await f.agreement({ title: "Campagne médicale (dépenses)" });
  const parties = await a.parties();
  association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
  const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
  const line = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
    category: "transport",
    description: "Transport",
    planActionId: undefined,
    partyId: partner,
    kind: "cash",
    amount: 1_500_000,
    hours: undefined,
    hourlyRate: undefined,
    deliverableId: undefined,
    note: undefined,
  });
  if (!line.ok) throw new Error("line");
  lineId = line.id;
  await a.moveTo("active");
  treasurer = await f.person({ organizationId: a.owner.organizationId, role: "treasurer" });
});
afterAll(() => t.close());

const net = async () => (await financesView(db, a.owner.actor, await a.load(), "2026-06-01")).totals.spent;

describe("recording", () => {
  it("the spender's treasurer records an expense with its receipt; a partner may not record the association's", async () => {
    const done = await recordExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
      ...expense(250_000),
      receipt: receipt(),
    });
    expect(done.ok).toBe(true);
    expect(
      await recordExpense(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        ...expense(100),
        partyId: association,
        receipt: null,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    const [row] = await listExpenses(db, a.id);
    expect(row).toMatchObject({ amountMinor: 250_000, receiptName: "facture.pdf", receiptType: "application/pdf" });
  });

  it("a receipt is added once to an expense recorded without one, never replaced", async () => {
    const done = await recordExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
      ...expense(30_000, "Pharmacie de Smara"),
      receipt: null,
    });
    if (!done.ok) throw new Error("expense");
    const input = { expenseId: done.id, receipt: receipt() };
    expect((await attachExpenseReceipt(db, treasurer.actor, treasurer.meta, await a.load(treasurer), input)).ok).toBe(
      true,
    );
    expect(await attachExpenseReceipt(db, treasurer.actor, treasurer.meta, await a.load(treasurer), input)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.hasReceipt" }],
    });
  });
});

describe("reversing entries", () => {
  it("a mistake is reversed by an opposite entry, once; the original stays as it was", async () => {
    const before = await net();
    const done = await recordExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
      ...expense(999_900, "Erreur de saisie"),
      receipt: null,
    });
    if (!done.ok) throw new Error("expense");
    expect(await net()).toBe(before + 999_900);
    const reverse = { expenseId: done.id, reason: "Montant saisi deux fois", today: "2026-05-11" };
    expect((await reverseExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), reverse)).ok).toBe(true);
    expect(await net()).toBe(before);
    const rows = await listExpenses(db, a.id);
    const original = rows.find((r) => r.id === done.id)!;
    const reversal = rows.find((r) => r.reversesExpenseId === done.id)!;
    expect(original.amountMinor).toBe(999_900);
    expect(reversal).toMatchObject({ amountMinor: -999_900, reason: "Montant saisi deux fois" });
    expect(await reverseExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), reverse)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.alreadyReversed" }],
    });
    expect(
      await reverseExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
        ...reverse,
        expenseId: reversal.id,
      }),
    ).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.reversalOfReversal" }] });
    // The partner may not reverse the association's entries.
    expect(
      await reverseExpense(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        ...reverse,
        expenseId: original.id,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });

  it("an expense in an accepted financial report is locked", async () => {
    const done = await recordExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
      ...expense(12_000, "Imprimerie"),
      receipt: null,
    });
    if (!done.ok) throw new Error("expense");
    await db
      .updateTable("expense")
      .set({ locked_by_report_id: "report0000000001" })
      .where("id", "=", done.id)
      .execute();
    expect(
      await reverseExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
        expenseId: done.id,
        reason: "x",
        today: "2026-05-12",
      }),
    ).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.expenseLocked" }] });
  });
});

describe("the CSV export", () => {
  it("lists every entry, reversals as negative lines, and its amounts sum to what was spent", async () => {
    const rows = parseCsv(await expensesCsv(db, a.id, "fr"));
    expect(rows[0]).toContain("Montant (MAD)");
    const toMinor = (cell: string) => Number(cell.replace(",", "").replace("-", "")) * (cell.startsWith("-") ? -1 : 1);
    const total = rows.slice(1).reduce((s, r) => s + toMinor(r[4]!), 0);
    expect(total).toBe(await net());
    expect(rows.some((r) => r[4]!.startsWith("-") && r[7] === "Montant saisi deux fois")).toBe(true);
    const en = parseCsv(await expensesCsv(db, a.id, "en"));
    expect(en[1]![4]).toMatch(/^\d+\.\d\d$/);
  });
});

describe("a partner's question", () => {
  it("asked by the partner, answered by the spender, settled by the partner who asked; questioned until then", async () => {
    const [first] = await listExpenses(db, a.id);
    const ask = { expenseId: first!.id, kind: "ineligible" as const, body: "Ce minibus est-il prévu au budget ?" };
    // The spender does not question its own expense.
    expect(await queryExpense(db, treasurer.actor, treasurer.meta, await a.load(treasurer), ask)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await queryExpense(db, a.partner.actor, a.partner.meta, await a.load(a.partner), ask)).ok).toBe(true);
    const questioned = async () =>
      (await financesView(db, a.partner.actor, await a.load(a.partner), "2026-06-01")).expenses.find(
        (e) => e.id === first!.id,
      )!;
    const q = (await questioned()).queries[0]!;
    expect(q).toMatchObject({ state: "open", canSettle: false, canAnswer: false, kind: "ineligible" });
    expect((await questioned()).questioned).toBe(true);
    // The partner cannot settle before the answer, nor answer for the association.
    expect(
      await settleExpenseQuery(db, a.partner.actor, a.partner.meta, await a.load(a.partner), { queryId: q.id }),
    ).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.notAnswered" }] });
    expect(
      await answerExpenseQuery(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        queryId: q.id,
        answer: "x",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    const answer = { queryId: q.id, answer: "Oui : ligne 1, transport vers les douars." };
    expect((await answerExpenseQuery(db, treasurer.actor, treasurer.meta, await a.load(treasurer), answer)).ok).toBe(
      true,
    );
    expect(await answerExpenseQuery(db, treasurer.actor, treasurer.meta, await a.load(treasurer), answer)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.alreadyAnswered" }],
    });
    expect((await questioned()).queries[0]).toMatchObject({ state: "answered", canSettle: true });
    // The association cannot settle the partner's question.
    expect(
      await settleExpenseQuery(db, treasurer.actor, treasurer.meta, await a.load(treasurer), { queryId: q.id }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      (await settleExpenseQuery(db, a.partner.actor, a.partner.meta, await a.load(a.partner), { queryId: q.id })).ok,
    ).toBe(true);
    expect((await questioned()).questioned).toBe(false);
    const types = await db
      .selectFrom("audit_event")
      .select("type")
      .where("agreement_id", "=", a.id)
      .where("type", "like", "expense.%")
      .execute();
    expect(new Set(types.map((e) => e.type))).toEqual(
      new Set([
        "expense.recorded",
        "expense.receipt_attached",
        "expense.reversed",
        "expense.queried",
        "expense.query_answered",
        "expense.query_settled",
      ]),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
