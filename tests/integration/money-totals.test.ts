/**
 * The kept money totals (agreement_money, organization_money; issue #22) equal the sums computed from
 * scratch after every command that changes them: a budget line added or removed, a party added or
 * removed, tranches added and removed, made due by the signature, called, paid, received, a receipt
 * reversed, a tranche cancelled, expenses recorded (one, or an import) and reversed; after the demo
 * seed, and once the demo data (with a real agreement it took part in) is removed. On both engines (the integration suite also runs on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addParty, removeParty } from "~/domain/agreement/agreement.commands.server";
import { addBudgetLine, addTranche, removeBudgetLine, removeTranche } from "~/domain/finance/budget.server";
import { recordExpense, recordExpenses, reverseExpense } from "~/domain/finance/expenses.server";
import { removeDemoData } from "~/domain/demo/demo.server";
import {
  callForFunds,
  cancelTranche,
  confirmReceipt,
  recordPayment,
  reverseTrancheEvent,
} from "~/domain/finance/tranches.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { keptAndFromScratch } from "../support/kept";
import { factories, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
});
afterAll(() => t.close());

async function expectKept(step: string, on: DB = db) {
  const { kept, scratch } = await keptAndFromScratch(on);
  expect(kept, step).toEqual(scratch);
  return kept;
}

async function partyIds(a: TestAgreement) {
  const parties = await a.parties();
  return {
    association: parties.find((p) => p.organizationId === a.owner.organizationId)!.id,
    partner: parties.find((p) => p.organizationId === a.partner.organizationId)!.id,
  };
}

const line = (partyId: string, amount: number) => ({
  category: "equipment" as const,
  description: "Ligne",
  planActionId: undefined,
  partyId,
  kind: "cash" as const,
  amount,
  hours: undefined,
  hourlyRate: undefined,
  deliverableId: undefined,
  note: undefined,
});

const tranche = (payerPartyId: string, receiverPartyId: string, amount: number, currency: "MAD" | "EUR") => ({
  payerPartyId,
  receiverPartyId,
  amount,
  currency,
  plannedOn: undefined,
  condition: "signature" as const,
  conditionDeliverableId: undefined,
  conditionOutcomeId: undefined,
  graceDays: 30,
});

const expense = (budgetLineId: string, amount: number) => ({
  budgetLineId,
  partyId: undefined,
  spentOn: "2026-03-10",
  supplier: "Fournisseur",
  description: "Dépense",
  amount,
  method: "cash" as const,
  receipt: null,
});

describe("kept money totals", () => {
  it("equal the sums from scratch after every command that changes a sum /finances or /impact shows", async () => {
    const a = await f.agreement({ title: "Totaux tenus", status: "draft", partners: ["foundation", "company"] });
    const { association, partner } = await partyIds(a);
    const first = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), line(partner, 5_000_000));
    if (!first.ok) throw new Error("line");
    let kept = await expectKept("budget line added");
    expect(kept.organizations.length).toBe(0); // an agreement with money and no figures yet: zeros
    const second = await addBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), line(partner, 1_000));
    if (!second.ok) throw new Error("line");
    const removedLine = await removeBudgetLine(db, a.owner.actor, a.owner.meta, await a.load(), {
      lineId: second.id,
    });
    expect(removedLine.ok).toBe(true);
    await expectKept("budget line removed");

    const ids: string[] = [];
    for (const [amount, currency] of [
      [3_000_000, "MAD"],
      [1_000_000, "EUR"],
      [700_000, "MAD"],
      [50_000, "MAD"],
    ] as const) {
      const added = await addTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
        ...tranche(partner, association, amount, currency),
      });
      if (!added.ok) throw new Error("tranche");
      ids.push(added.id);
      await expectKept(`tranche ${ids.length} added`);
    }
    expect((await removeTranche(db, a.owner.actor, a.owner.meta, await a.load(), { trancheId: ids.pop()! })).ok).toBe(
      true,
    );
    kept = await expectKept("tranche removed");
    expect(kept.organizations.find((r) => r.key === `${a.partner.organizationId} EUR`)).toMatchObject({
      pledged_minor: 1_000_000,
      pledged_tranches: 1,
    });

    const added = await addParty(db, a.owner.actor, a.owner.meta, await a.load(), {
      organizationId: await f.organization({ kind: "company" }),
      role: "partner",
    });
    expect(added.ok).toBe(true);
    await expectKept("party added");
    const extra = (await a.parties()).at(-1)!;
    expect((await removeParty(db, a.owner.actor, a.owner.meta, await a.load(), { partyId: extra.id })).ok).toBe(true);
    await expectKept("party removed");

    await a.moveTo("active");
    kept = await expectKept("signed: tranches due");
    expect(kept.organizations.find((r) => r.key === `${a.owner.organizationId} MAD`)).toMatchObject({
      due_tranches: 2,
    });

    const called = await callForFunds(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: ids[0]!,
      calledOn: "2026-03-01",
    });
    expect(called.ok).toBe(true);
    await expectKept("called");
    for (const id of [ids[0]!, ids[1]!]) {
      const paid = await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        trancheId: id,
        paidOn: "2026-03-02",
        amount: id === ids[0] ? 3_000_000 : 1_000_000,
        method: "transfer",
        proof: null,
      });
      expect(paid.ok).toBe(true);
      await expectKept("paid");
      const received = await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
        trancheId: id,
        receivedOn: "2026-03-03",
        amountMad: id === ids[0] ? 2_998_500 : 10_800_000,
      });
      expect(received.ok).toBe(true);
      await expectKept("received");
    }
    kept = await expectKept("both received");
    expect(kept.organizations.find((r) => r.key === `${a.partner.organizationId} MAD`)).toMatchObject({
      received_minor: 13_798_500,
      delivered_minor: 13_798_500,
    });
    expect(kept.organizations.find((r) => r.key === `${a.owner.organizationId} MAD`)).toMatchObject({
      received_minor: 13_798_500,
      delivered_minor: 0,
    });

    const receipt = (await db
      .selectFrom("tranche_event")
      .select("id")
      .where("tranche_id", "=", ids[1]!)
      .where("kind", "=", "received")
      .executeTakeFirstOrThrow())!;
    const reversed = await reverseTrancheEvent(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: ids[1]!,
      eventId: receipt.id,
      reason: "Montant erroné",
      today: "2026-03-04",
    });
    expect(reversed.ok).toBe(true);
    await expectKept("receipt reversed");

    const { outcomeId } = await f.decision(a.id);
    const cancelled = await cancelTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: ids[2]!,
      reason: "Projet réduit",
      outcomeId,
      today: "2026-03-05",
    });
    expect(cancelled.ok).toBe(true);
    await expectKept("tranche cancelled");

    const spent = await recordExpense(db, a.owner.actor, a.owner.meta, await a.load(), expense(first.id, 400_001));
    if (!spent.ok) throw new Error("expense");
    await expectKept("expense recorded");
    const imported = await recordExpenses(db, a.owner.actor, a.owner.meta, await a.load(), [
      expense(first.id, 10_000),
      expense(first.id, 20_000),
    ]);
    expect(imported.ok).toBe(true);
    await expectKept("expenses imported");
    const undone = await reverseExpense(db, a.owner.actor, a.owner.meta, await a.load(), {
      expenseId: spent.id,
      reason: "Erreur",
      today: "2026-03-11",
    });
    expect(undone.ok).toBe(true);
    kept = await expectKept("expense reversed");
    expect(kept.organizations.find((r) => r.key === `${a.owner.organizationId} MAD`)).toMatchObject({
      spent_minor: 30_000,
    });

    // A second agreement of the same partner adds to its totals.
    const b = await f.agreement({ title: "Deuxième", partner: a.partner, status: "draft" });
    const bp = await partyIds(b);
    await addTranche(db, b.owner.actor, b.owner.meta, await b.load(), tranche(bp.partner, bp.association, 99, "MAD"));
    await expectKept("second agreement");
  }, 60_000);

  it("are right after the demo seed (through the commands) and after the demo data is removed", async () => {
    const demo = await createTestDatabase({ demo: true });
    try {
      const kept = await expectKept("demo seeded", demo.db);
      expect(kept.organizations.length).toBeGreaterThan(0);
      // A real association's agreement with a demo foundation goes with the demo data.
      const g = factories(demo.db);
      const a = await g.agreement({ title: "Avec une fondation de démonstration", status: "draft" });
      const demoOrg = await demo.db
        .selectFrom("organization")
        .select("id")
        .where("is_demo", "=", 1)
        .where("kind", "=", "foundation")
        .executeTakeFirstOrThrow();
      expect(
        (
          await addParty(demo.db, a.owner.actor, a.owner.meta, await a.load(), {
            organizationId: demoOrg.id,
            role: "partner",
          })
        ).ok,
      ).toBe(true);
      const demoParty = (await a.parties()).find((p) => p.organizationId === demoOrg.id)!.id;
      const { association } = await partyIds(a);
      await addTranche(
        demo.db,
        a.owner.actor,
        a.owner.meta,
        await a.load(),
        tranche(demoParty, association, 5_000, "MAD"),
      );
      await expectKept("real agreement with a demo party", demo.db);
      expect(await removeDemoData(demo.db, { actorUserId: null, ip: "127.0.0.1", userAgent: "vitest" })).not.toBeNull();
      await expectKept("demo data removed", demo.db);
    } finally {
      await demo.close();
    }
  }, 60_000);
});
