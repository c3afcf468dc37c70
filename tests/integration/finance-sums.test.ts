/**
 * Every sum is exact, wherever it is shown (issue #20): for any budget lines, shares, tranches
 * received and expenses (with reversals), the agreement's finances page, /finances and the JSON
 * export give the same totals, equal to the integer sums of what was typed.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addBudgetLine, addBudgetShare, addTranche } from "~/domain/finance/budget.server";
import { recordExpense, reverseExpense } from "~/domain/finance/expenses.server";
import { financesView, organizationFinancesView } from "~/domain/finance/finance-view.server";
import { confirmReceipt, recordPayment } from "~/domain/finance/tranches.server";
import { exportAgreementJson } from "~/domain/export/exports.server";
import { toDecimalString } from "~/lib/money";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
});
afterAll(() => t.close());

const amount = fc.integer({ min: 1, max: 99_999_999_999 });

describe("sums", () => {
  it("the finances page, /finances and the JSON export agree with the integer sums of what was typed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ paid: amount, fee: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 2 }),
        fc.array(fc.record({ amount, reversed: fc.boolean() }), { maxLength: 4 }),
        async (lines, tranches, expenses) => {
          const a = await f.agreement({ title: "Propriété des sommes" });
          const parties = await a.parties();
          const association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
          const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
          const lineIds: string[] = [];
          for (const [cash, inKind] of lines) {
            const line = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
              category: "equipment",
              description: "Ligne",
              planActionId: undefined,
              partyId: partner,
              kind: "cash",
              amount: cash,
              hours: undefined,
              hourlyRate: undefined,
              deliverableId: undefined,
              note: undefined,
            });
            if (!line.ok) throw new Error("line");
            lineIds.push(line.id);
            await addBudgetShare(db, a.owner.actor, a.owner.meta, await a.load(), {
              lineId: line.id,
              partyId: association,
              kind: "in_kind",
              amount: inKind,
              hours: undefined,
              hourlyRate: undefined,
              deliverableId: undefined,
              note: undefined,
            });
          }
          const trancheIds: string[] = [];
          for (const x of tranches) {
            const added = await addTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
              payerPartyId: partner,
              receiverPartyId: association,
              amount: x.paid,
              currency: "MAD",
              plannedOn: undefined,
              condition: "signature",
              conditionDeliverableId: undefined,
              conditionOutcomeId: undefined,
              graceDays: 30,
            });
            if (!added.ok) throw new Error("tranche");
            trancheIds.push(added.id);
          }
          await a.moveTo("active");
          let received = 0;
          for (const [i, x] of tranches.entries()) {
            await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
              trancheId: trancheIds[i]!,
              paidOn: "2026-03-01",
              amount: x.paid,
              method: "transfer",
              proof: null,
            });
            const mad = Math.max(1, x.paid - x.fee);
            const done = await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
              trancheId: trancheIds[i]!,
              receivedOn: "2026-03-02",
              amountMad: mad,
            });
            if (!done.ok) throw new Error("receipt");
            received += mad;
          }
          let spent = 0;
          for (const [i, x] of expenses.entries()) {
            const e = await recordExpense(db, a.owner.actor, a.owner.meta, await a.load(), {
              budgetLineId: lineIds[i % lineIds.length]!,
              partyId: undefined,
              spentOn: "2026-03-10",
              supplier: "Fournisseur",
              description: "Dépense",
              amount: x.amount,
              method: "cash",
              receipt: null,
            });
            if (!e.ok) throw new Error("expense");
            if (x.reversed)
              await reverseExpense(db, a.owner.actor, a.owner.meta, await a.load(), {
                expenseId: e.id,
                reason: "Erreur",
                today: "2026-03-11",
              });
            else spent += x.amount;
          }
          const budget = lines.reduce((s, [c, k]) => s + c + k, 0);
          const page = await financesView(db, a.owner.actor, await a.load(), "2026-04-01");
          expect(page.totals).toMatchObject({ budget, received, spent, cashOnHand: received - spent });
          expect(page.lines.reduce((s, l) => s + l.actual, 0)).toBe(spent);
          const across = (await organizationFinancesView(db, a.owner.actor, "2026-04-01")).agreements.find(
            (x) => x.id === a.id,
          )!;
          expect(across).toMatchObject({ budget, received, spent, cashOnHand: received - spent });
          const json = (await exportAgreementJson(db, await a.load(), "2026-04-01")).money;
          expect(json.totals).toMatchObject({
            budget: toDecimalString(budget),
            receivedMad: toDecimalString(received),
            spentMad: toDecimalString(spent),
            cashOnHandMad: toDecimalString(received - spent),
          });
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
