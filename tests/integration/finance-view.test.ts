/**
 * The finances page's model (issue #20): the budget's totals per line and party, the schedule with
 * what each reader may do (the payer pays, the receiver calls and confirms, a partner reads), the
 * receiver's dossier shown only on the payer's side, and the balance received − spent.
 */
import type { Actor } from "~/domain/access/access";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addBudgetLine, addTranche } from "~/domain/finance/budget.server";
import { isQuestioned } from "~/domain/finance/expense";
import { partnerMoneyDelivered } from "~/domain/finance/finance-totals.server";
import {
  agreementMoney,
  financesView,
  moneyAttention,
  moneyCounts,
  organizationFinancesView,
} from "~/domain/finance/finance-view.server";
import { confirmReceipt, recordPayment } from "~/domain/finance/tranches.server";
import { queryExpense, recordExpense } from "~/domain/finance/expenses.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;
let a: TestAgreement;
let lineId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
  a = await f.agreement({ title: "Campagne médicale" });
  const parties = await a.parties();
  const association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
  const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
  const line = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
    category: "transport",
    description: "Transport vers les douars",
    planActionId: undefined,
    partyId: partner,
    kind: "cash",
    amount: 9_000_000,
    hours: undefined,
    hourlyRate: undefined,
    deliverableId: undefined,
    note: undefined,
  });
  if (!line.ok) throw new Error("line");
  lineId = line.id;
  const added = await addTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
    payerPartyId: partner,
    receiverPartyId: association,
    amount: 9_000_000,
    currency: "MAD",
    plannedOn: undefined,
    condition: "signature",
    conditionDeliverableId: undefined,
    conditionOutcomeId: undefined,
    graceDays: 30,
  });
  if (!added.ok) throw new Error("tranche");
  await a.moveTo("active");
});
afterAll(() => t.close());

/** The dashboard's counts, read by their own query, are the lengths of the lists /finances shows. */
async function expectCountsOfAttention(today: string, ...others: Actor[]) {
  for (const actor of [a.owner.actor, a.partner.actor, ...others]) {
    const lists = await moneyAttention(db, actor, today);
    expect(await moneyCounts(db, actor, today)).toEqual({
      toPay: lists.toPay.length,
      expected: lists.expected.length,
      late: lists.late,
      toConfirm: lists.toConfirm.length,
    });
  }
}

describe("the finances page's model", () => {
  it("offers the payment to the payer only, and shows it the receiver's dossier", async () => {
    const partnerView = await financesView(db, a.partner.actor, await a.load(a.partner), "2026-06-01");
    const ownerView = await financesView(db, a.owner.actor, await a.load(), "2026-06-01");
    expect(partnerView.tranches[0]).toMatchObject({ status: "due", canPay: true, canReceive: false, canCall: false });
    expect(partnerView.tranches[0]!.receiverDossier).toMatchObject({ complete: false });
    expect(ownerView.tranches[0]).toMatchObject({ canPay: false, canCall: true, receiverDossier: null });
    expect(ownerView.lines[0]).toMatchObject({ amount: 9_000_000, actual: 0 });
    expect(ownerView.addsUp).toEqual({ state: "no_total" });
  });

  it("the dashboard's attention: the payer has it to pay, the receiver expects it; late after the grace days", async () => {
    const payer = await moneyAttention(db, a.partner.actor, "2026-06-01");
    expect(payer.toPay.map((x) => x.number)).toEqual([1]);
    expect(payer.expected).toEqual([]);
    const receiver = await moneyAttention(db, a.owner.actor, "2026-06-01");
    expect(receiver.expected.map((x) => x.number)).toEqual([1]);
    expect(receiver.toPay).toEqual([]);
    const signedOn = (await a.load()).agreement.signed_on!;
    const afterGrace = new Date(Date.parse(`${signedOn}T00:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 10);
    expect((await moneyAttention(db, a.partner.actor, afterGrace)).late).toBe(1);
    expect(await moneyCounts(db, a.partner.actor, afterGrace)).toEqual({
      toPay: 1,
      expected: 0,
      late: 1,
      toConfirm: 0,
    });
    const outsider = await f.person({ organizationId: await f.organization() });
    expect(await moneyAttention(db, outsider.actor, "2026-06-01")).toMatchObject({ toPay: [], expected: [], late: 0 });
    await expectCountsOfAttention("2026-06-01", outsider.actor);
    await expectCountsOfAttention(afterGrace, outsider.actor);
    expect((await organizationFinancesView(db, outsider.actor, "2026-06-01")).agreements).toEqual([]);
  });

  it("after payment the receiver confirms; the balance is received minus spent, in minor units", async () => {
    const trancheId = (await financesView(db, a.owner.actor, await a.load(), "2026-06-01")).tranches[0]!.id;
    expect(
      (
        await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
          trancheId,
          paidOn: "2026-06-02",
          amount: 9_000_000,
          method: "transfer",
          proof: null,
        })
      ).ok,
    ).toBe(true);
    const paid = await financesView(db, a.owner.actor, await a.load(), "2026-06-03");
    expect(paid.tranches[0]).toMatchObject({ status: "paid", canReceive: true, awaitsReceipt: true });
    expect((await moneyAttention(db, a.owner.actor, "2026-06-03")).toConfirm.map((x) => x.number)).toEqual([1]);
    await expectCountsOfAttention("2026-06-03");
    await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId,
      receivedOn: "2026-06-04",
      amountMad: 8_998_500,
    });
    const spent = await recordExpense(db, a.owner.actor, a.owner.meta, await a.load(), {
      budgetLineId: lineId,
      partyId: undefined,
      spentOn: "2026-06-05",
      supplier: "Transports Atlas",
      description: "Location d'un minibus",
      amount: 1_000_050,
      method: "transfer",
      receipt: null,
    });
    expect(spent.ok).toBe(true);
    const view = await financesView(db, a.partner.actor, await a.load(a.partner), "2026-06-06");
    expect(view.totals).toMatchObject({ received: 8_998_500, fees: 1_500, spent: 1_000_050, cashOnHand: 7_998_450 });
    expect(view.lines[0]).toMatchObject({ actual: 1_000_050, remaining: 7_999_950, overSpent: false });
    expect(view.expenses[0]).toMatchObject({ canQuery: true, canReverse: false });
    expect(view.series.at(-1)).toEqual({ month: "2026-06", received: 8_998_500, spent: 1_000_050 });
    // /finances shows the same figures as the agreement's page.
    const across = await organizationFinancesView(db, a.partner.actor, "2026-06-06");
    expect(across.agreements.find((x) => x.id === a.id)).toMatchObject({
      received: view.totals.received,
      spent: view.totals.spent,
      cashOnHand: view.totals.cashOnHand,
      budget: view.totals.budget,
      due: 0,
    });
  });

  it("computes /finances by aggregate queries with the same figures as each agreement's own sums", async () => {
    // A second agreement of the same association: a tranche due since signature and late, an expense questioned.
    const b = await f.agreement({ title: "Paniers du Ramadan", owner: a.owner });
    const parties = await b.parties();
    const association = parties.find((p) => p.organizationId === b.owner.organizationId)!.id;
    const partner = parties.find((p) => p.organizationId === b.partner.organizationId)!.id;
    const line = await addBudgetLine(db, b.owner.actor, b.owner.meta, await b.load(), {
      category: "other",
      description: "Paniers",
      planActionId: undefined,
      partyId: partner,
      kind: "cash",
      amount: 2_500_075,
      hours: undefined,
      hourlyRate: undefined,
      deliverableId: undefined,
      note: undefined,
    });
    if (!line.ok) throw new Error("line");
    for (const currency of ["MAD", "EUR"] as const)
      await addTranche(db, b.owner.actor, b.owner.meta, await b.load(), {
        payerPartyId: partner,
        receiverPartyId: association,
        amount: 1_250_000,
        currency,
        plannedOn: undefined,
        condition: "signature",
        conditionDeliverableId: undefined,
        conditionOutcomeId: undefined,
        graceDays: 0,
      });
    await b.moveTo("active");
    const spent = await recordExpense(db, b.owner.actor, b.owner.meta, await b.load(), {
      budgetLineId: line.id,
      partyId: undefined,
      spentOn: "2026-06-05",
      supplier: "Marjane",
      description: "Farine",
      amount: 300_001,
      method: "cash",
      receipt: null,
    });
    if (!spent.ok) throw new Error("expense");
    await queryExpense(db, b.partner.actor, b.partner.meta, await b.load(b.partner), {
      expenseId: spent.id,
      kind: "comment",
      body: "Quelle quantité ?",
    });
    const today = "2099-01-01";
    const across = await organizationFinancesView(db, a.owner.actor, today);
    expect(across.agreements.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    for (const row of across.agreements) {
      const own = await agreementMoney(db, row.id, today);
      expect(row).toMatchObject({
        budget: own.totals.budget,
        pledged: own.totals.pledged,
        received: own.totals.received,
        spent: own.totals.spent,
        cashOnHand: own.totals.cashOnHand,
        due: own.tranches.filter((t) => t.status === "due" || t.status === "called").length,
        late: own.tranches.filter((t) => t.late).length,
        questioned: own.expenses.filter((e) => isQuestioned(e.queries)).length,
      });
    }
    expect(across.agreements.find((x) => x.id === b.id)).toMatchObject({ due: 2, late: 2, questioned: 1 });
    // The partner's side (/impact): what it paid that reached the association, and its open questions.
    expect(await partnerMoneyDelivered(db, a.partner.actor)).toMatchObject({ delivered: 8_998_500, questioned: 0 });
    expect(await partnerMoneyDelivered(db, b.partner.actor)).toMatchObject({ delivered: 0, questioned: 1 });
  });

  it("pages /finances by reference, its totals (kept) the sums of every agreement's own figures", async () => {
    const today = "2099-01-01";
    const all = await organizationFinancesView(db, a.owner.actor, today, { size: 100 });
    expect(all.agreements.length).toBe(2);
    expect(all.next).toBeNull();
    // One row per page: the cursor walks the same agreements in the same order, then stops.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await organizationFinancesView(db, a.owner.actor, today, { after, size: 1 });
      expect(page.agreements.length).toBe(1);
      expect(page.first).toBe(after === undefined);
      expect(page.totals).toEqual(all.totals);
      seen.push(page.agreements[0]!.id);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(all.agreements.map((x) => x.id));
    // The totals at the top: the sums of each agreement's own (agreementMoney), computed from scratch.
    const own = await Promise.all(all.agreements.map((x) => agreementMoney(db, x.id, today)));
    const pledged = new Map<string, number>();
    for (const m of own)
      for (const p of m.totals.pledged) pledged.set(p.currency, (pledged.get(p.currency) ?? 0) + p.minor);
    const sum = (f: (m: (typeof own)[number]) => number) => own.reduce((n, m) => n + f(m), 0);
    expect(all.totals).toEqual({
      pledged: [...pledged].map(([currency, minor]) => ({ currency, minor })),
      received: sum((m) => m.totals.received),
      spent: sum((m) => m.totals.spent),
      cashOnHand: sum((m) => m.totals.cashOnHand),
      due: sum((m) => m.tranches.filter((t) => t.status === "due" || t.status === "called").length),
      late: sum((m) => m.tranches.filter((t) => t.late).length),
    });
    expect(all.totals).toMatchObject({ due: 2, late: 2 });
  });

  it("puts the money in the annual impact report: received and spent that year, cash on hand, per line", async () => {
    const { renderImpactReport } = await import("~/domain/dashboard/impact-report.server");
    const { pdfText, writeTemp } = await import("../support/pdf");
    const loaded = await a.load(a.partner);
    const fr = pdfText(writeTemp(await renderImpactReport(db, loaded, 2026, "fr"), "impact-money-fr.pdf"));
    const flat = fr.replace(/\s+/g, " ");
    expect(flat).toContain("L'argent de la convention");
    expect(flat).toMatch(/Reçu en 2026 \(MAD\) 89\D985,00 MAD/);
    expect(flat).toMatch(/Dépensé en 2026 10\D000,50 MAD/);
    expect(flat).toMatch(/Trésorerie disponible 79\D984,50 MAD/);
    expect(flat).toMatch(/Ligne 1 · Transport 10\D000,50 MAD \/ 90\D000,00 MAD/);
    const ar = pdfText(writeTemp(await renderImpactReport(db, loaded, 2026, "ar"), "impact-money-ar.pdf"));
    expect(ar).toContain("أموال الاتفاقية");
    expect(ar).toContain("الرصيد المتوفر");
    // A year without money moves says so with zeros, not the other years' figures.
    const before = pdfText(writeTemp(await renderImpactReport(db, loaded, 2025, "fr"), "impact-money-2025.pdf"));
    expect(before.replace(/\s+/g, " ")).toMatch(/Reçu en 2025 \(MAD\) 0,00 MAD/);
  });
});
