/**
 * The budget is part of the signed text (issue #20): drafted with the text, its lines' amounts the
 * sums of their shares and each party's contribution the sum of its own; frozen in the versions,
 * compared between them, printed in the PDF with the tranche schedule; after signing it changes
 * only by a committee reallocation within the agreement's limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { currentSnapshot, getVersionSnapshot, listParties } from "~/domain/agreement/agreement.queries.server";
import { compareSnapshots } from "~/domain/agreement/compare";
import { transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import {
  addBudgetLine,
  addBudgetShare,
  addTranche,
  reallocateBudget,
  removeBudgetShare,
} from "~/domain/finance/budget.server";
import { budgetOf } from "~/domain/finance/budget.queries.server";
import { agreementPdfModel, renderAgreementPdf } from "~/domain/signing/agreement-pdf.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement } from "../support/factories";
import { pdfText, writeTemp } from "../support/pdf";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;
let a: TestAgreement;
let association = "";
let partner = "";

const share = (partyId: string, amount: number) => ({
  partyId,
  kind: "cash" as const,
  amount,
  hours: undefined,
  hourlyRate: undefined,
  deliverableId: undefined,
  note: undefined,
});

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
  a = await f.agreement({ title: "Campagne médicale de Smara" });
  const parties = await a.parties();
  association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
  partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
});
afterAll(() => t.close());

describe("drafting the budget", () => {
  it("a line is the sum of its shares, a party's contribution the sum of its shares", async () => {
    const transport = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
      category: "transport",
      description: "Transport vers les douars",
      planActionId: undefined,
      ...share(partner, 1_500_000),
    });
    expect(transport.ok).toBe(true);
    const medicines = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
      category: "other",
      description: "Médicaments",
      planActionId: undefined,
      ...share(partner, 2_500_000),
    });
    if (!medicines.ok) throw new Error("line");
    expect(
      (
        await addBudgetShare(db, a.owner.actor, a.owner.meta, await a.load(), {
          lineId: medicines.id,
          partyId: association,
          kind: "volunteer_time",
          amount: undefined,
          hours: 120,
          hourlyRate: 5_000,
          deliverableId: undefined,
          note: "Bénévoles de l'association",
        })
      ).ok,
    ).toBe(true);
    const budget = await budgetOf(db, a.id);
    expect(budget.totals.lines.map((l) => l.amount)).toEqual([1_500_000, 3_100_000]);
    const parties = await listParties(db, a.id);
    expect(parties.find((p) => p.id === partner)?.contributionCents).toBe(4_000_000);
    expect(parties.find((p) => p.id === association)?.contributionCents).toBe(600_000);
  });

  it("a partner, a treasurer and another organization cannot edit it (404)", async () => {
    const treasurer = await f.person({ organizationId: a.owner.organizationId, role: "treasurer" });
    const outsider = await f.person();
    for (const who of [a.partner, treasurer]) {
      const refused = await addTranche(db, who.actor, who.meta, await a.load(), {
        payerPartyId: partner,
        receiverPartyId: association,
        amount: 1,
        currency: "MAD",
        plannedOn: undefined,
        condition: "signature",
        conditionDeliverableId: undefined,
        conditionOutcomeId: undefined,
        graceDays: 30,
      });
      expect(refused).toEqual({ ok: false, error: "not_found" });
    }
    // The outsider does not even see the agreement; with the owner's loaded facts it is still refused.
    const refused = await removeBudgetShare(db, outsider.actor, outsider.meta, await a.load(), {
      shareId: "0000000000000000",
    });
    expect(refused).toEqual({ ok: false, error: "not_found" });
  });

  it("the schedule lists the partner's tranches, and both go into the frozen text", async () => {
    for (const [amount, condition, plannedOn] of [
      [2_400_000, "signature", undefined],
      [1_600_000, "date", "2026-09-01"],
    ] as const) {
      const added = await addTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
        payerPartyId: partner,
        receiverPartyId: association,
        amount,
        currency: "MAD",
        plannedOn,
        condition,
        conditionDeliverableId: undefined,
        conditionOutcomeId: undefined,
        graceDays: 30,
      });
      expect(added.ok).toBe(true);
    }
    const snapshot = await currentSnapshot(db, (await a.load()).agreement);
    expect(snapshot.budget?.lines.map((l) => [l.number, l.description, l.shares.length])).toEqual([
      [1, "Transport vers les douars", 1],
      [2, "Médicaments", 2],
    ]);
    expect(snapshot.tranches?.map((x) => [x.number, x.amountMinor, x.condition, x.plannedOn])).toEqual([
      [1, 2_400_000, "signature", null],
      [2, 1_600_000, "date", "2026-09-01"],
    ]);
    expect(snapshot.parties.map((p) => p.contributionCents).sort()).toEqual([4_000_000, 600_000].sort());
  });

  it("versions freeze it, compare shows a change, and the PDF prints the budget and the schedule", async () => {
    await a.moveTo("negotiation");
    const medicinesShare = (await budgetOf(db, a.id)).shares.find((s) => s.kind === "volunteer_time")!;
    expect(
      (await removeBudgetShare(db, a.owner.actor, a.owner.meta, await a.load(), { shareId: medicinesShare.id })).ok,
    ).toBe(true);
    await a.moveTo("awaiting_signatures");
    const v1 = (await getVersionSnapshot(db, a.id, 1))!;
    const v2 = (await getVersionSnapshot(db, a.id, 2))!;
    expect(v1.budget?.lines[1]?.shares).toHaveLength(2);
    expect(v2.budget?.lines[1]?.shares).toHaveLength(1);
    const budget = compareSnapshots(v1, v2).find((s) => s.label.kind === "budget")!;
    expect(budget.changed).toBe(true);
    expect(
      budget.parts
        .filter((p) => p.change === "removed")
        .map((p) => p.text)
        .join(""),
    ).toContain("120 h");
    expect(compareSnapshots(v1, v2).find((s) => s.label.kind === "schedule")?.changed).toBe(false);

    const model = await agreementPdfModel(
      db,
      a.id,
      await currentSnapshot(db, (await a.load()).agreement),
      "fr",
      "https://x.test",
    );
    const text = pdfText(writeTemp(await renderAgreementPdf(model)));
    expect(text).toContain("Budget");
    expect(text).toContain("Transport vers les douars");
    expect(text).toMatch(/40\D000,00\sMAD/);
    expect(text).toContain("Échéancier des tranches");
    expect(text).toContain("Tranche n° 2");
    expect(text).toContain("1 septembre 2026");
  });
});

describe("after signing", () => {
  it("the budget is frozen: only a reallocation decided in approved minutes, within the limit", async () => {
    await a.moveTo("active");
    const loaded = await a.load();
    const frozen = await addBudgetLine(db, a.owner.actor, a.owner.meta, loaded, {
      category: "other",
      description: "Après coup",
      planActionId: undefined,
      ...share(partner, 100),
    });
    expect(frozen).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.budgetFrozen" }] });

    const [transport, medicines] = (await budgetOf(db, a.id)).lines;
    const circulated = await f.decision(a.id, { approved: false });
    const notYet = await reallocateBudget(db, a.owner.actor, a.owner.meta, loaded, {
      fromLineId: medicines!.id,
      toLineId: transport!.id,
      amount: 100_000,
      outcomeId: circulated.outcomeId,
    });
    expect(notYet).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.decisionNotApproved" }] });

    const { outcomeId } = await f.decision(a.id);
    // 10 % of 25,000 MAD: 2,500 MAD, in two decisions of 1,500 and 1,000, then no more.
    const move = (amount: number) =>
      reallocateBudget(db, a.owner.actor, a.owner.meta, loaded, {
        fromLineId: medicines!.id,
        toLineId: transport!.id,
        amount,
        outcomeId,
      });
    expect((await move(150_000)).ok).toBe(true);
    expect((await move(100_000)).ok).toBe(true);
    expect(await move(1)).toEqual({ ok: false, error: "rule", errors: [{ key: "finance.error.beyondLimit" }] });
    const budget = await budgetOf(db, a.id);
    expect(budget.totals.lines.map((l) => l.amount)).toEqual([1_750_000, 2_250_000]);
    expect(budget.totals.total).toBe(4_000_000);
    const audit = await db
      .selectFrom("audit_event")
      .select("data")
      .where("agreement_id", "=", a.id)
      .where("type", "=", "budget.reallocated")
      .execute();
    expect(audit.map((e) => JSON.parse(e.data).amount)).toEqual(["1500.00 MAD", "1000.00 MAD"]);
  });

  it("a partner may not reallocate (404), nor may anyone once the agreement has ended", async () => {
    const [transport, medicines] = (await budgetOf(db, a.id)).lines;
    const { outcomeId } = await f.decision(a.id);
    const input = { fromLineId: medicines!.id, toLineId: transport!.id, amount: 1, outcomeId };
    expect(await reallocateBudget(db, a.partner.actor, a.partner.meta, await a.load(a.partner), input)).toEqual({
      ok: false,
      error: "not_found",
    });
    const ended = await transitionAgreement(db, a.owner.actor, a.owner.meta, {
      agreementId: a.id,
      action: "terminate",
      reason: "Fin anticipée",
      date: "2026-06-30",
    });
    expect(ended.ok).toBe(true);
    expect(await reallocateBudget(db, a.owner.actor, a.owner.meta, await a.load(), input)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.reallocateInForce" }],
    });
  });
});
