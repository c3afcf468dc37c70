/**
 * Each party row's copy of its agreement's status (agreement_party.agreement_status, kept by the
 * database's triggers of migration 0140, read by the dashboard and the partner's view through an
 * index) equals the agreement's status after every kind of change: an agreement created, a party
 * added, an amendment's parties copied, each lifecycle step, the daily job's expiry, and a write by
 * any other code straight to the agreement table. The same for its copy of the agreement's
 * updated_at (agreement_party.agreement_updated_at, migration 0170, the lists' page order). On both
 * engines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addParty, createAmendment, transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";
import { keepAttention } from "~/domain/dashboard/attention-entries.server";

let t: TestDatabase;
let db: DB;
beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

/** Parties whose copies differ from their agreement's status or date, computed from scratch. */
async function drift(): Promise<Array<{ id: string; copy: string | null; status: string }>> {
  return db
    .selectFrom("agreement_party")
    .innerJoin("agreement", "agreement.id", "agreement_party.agreement_id")
    .select([
      "agreement_party.id",
      "agreement_party.agreement_status as copy",
      "agreement.status",
      "agreement_party.agreement_updated_at as dateCopy",
      "agreement.updated_at as updatedAt",
    ])
    .where((eb) =>
      eb.or([
        eb("agreement_party.agreement_status", "is", null),
        eb("agreement_party.agreement_status", "!=", eb.ref("agreement.status")),
        eb("agreement_party.agreement_updated_at", "is", null),
        eb("agreement_party.agreement_updated_at", "!=", eb.ref("agreement.updated_at")),
      ]),
    )
    .execute();
}

async function partiesOf(agreementId: string) {
  return db.selectFrom("agreement_party").select("agreement_status").where("agreement_id", "=", agreementId).execute();
}

describe("a party's copy of its agreement's status", () => {
  it("is its agreement's status from creation to signature, with a party added to a draft", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "draft", partners: ["foundation", "company"] });
    expect((await partiesOf(a.id)).map((p) => p.agreement_status)).toEqual(["draft", "draft", "draft"]);
    const added = await addParty(db, a.owner.actor, a.owner.meta, await a.load(), {
      organizationId: await f.organization({ kind: "company" }),
      role: "partner",
    });
    expect(added.ok).toBe(true);
    expect(await drift()).toEqual([]);
    await a.moveTo("negotiation");
    expect((await partiesOf(a.id)).map((p) => p.agreement_status)).toEqual(Array(4).fill("negotiation"));
    expect(await drift()).toEqual([]);
    const signed = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    expect((await partiesOf(signed.id)).map((p) => p.agreement_status)).toEqual(Array(3).fill("active"));
    expect(await drift()).toEqual([]);
  });

  it("follows suspension, resumption and termination", async () => {
    const a = await factories(db).agreement({ status: "active" });
    for (const [action, expected] of [
      ["suspend", "suspended"],
      ["resume", "active"],
      ["terminate", "terminated"],
    ] as const) {
      const moved = await transitionAgreement(db, a.owner.actor, a.owner.meta, {
        agreementId: a.id,
        action,
        reason: "Décision du comité de suivi.",
        date: "2026-06-30",
      });
      expect(moved).toEqual({ ok: true, to: expected });
      expect((await partiesOf(a.id)).map((p) => p.agreement_status)).toEqual([expected, expected]);
    }
    expect(await drift()).toEqual([]);
  });

  it("an amendment's parties, copied from the agreement in force, take the amendment's own status", async () => {
    const a = await factories(db).agreement({ status: "active" });
    const amendment = await createAmendment(db, a.owner.actor, a.owner.meta, await a.load(), {
      title: "Avenant n° 1",
    });
    if (!amendment.ok) throw new Error(JSON.stringify(amendment));
    expect((await partiesOf(amendment.id)).map((p) => p.agreement_status)).toEqual(["draft", "draft"]);
    expect(await drift()).toEqual([]);
  });

  it("follows any write to the agreement's status, even one no command made", async () => {
    const a = await factories(db).agreement({ status: "active" });
    await db.updateTable("agreement").set({ status: "expired" }).where("id", "=", a.id).execute();
    expect((await partiesOf(a.id)).map((p) => p.agreement_status)).toEqual(["expired", "expired"]);
    // A write to the copy itself does not take: the agreement's status wins.
    await db
      .updateTable("agreement_party")
      .set({ agreement_status: "draft" })
      .where("agreement_id", "=", a.id)
      .execute();
    expect((await partiesOf(a.id)).map((p) => p.agreement_status)).toEqual(["expired", "expired"]);
    expect(await drift()).toEqual([]);
    // The dashboard's entries follow the commands only: kept here as a command would keep them.
    await db.transaction().execute((trx) => keepAttention(trx, a.id));
  });

  it("a party's copy of the agreement's date follows every touch and any direct write", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "draft", partners: ["foundation"] });
    const before = (
      await db.selectFrom("agreement").select("updated_at").where("id", "=", a.id).executeTakeFirstOrThrow()
    ).updated_at;
    await addParty(db, a.owner.actor, a.owner.meta, await a.load(), {
      organizationId: await f.organization({ kind: "company" }),
      role: "partner",
    });
    const after = await db
      .selectFrom("agreement")
      .select("updated_at")
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(after.updated_at >= before).toBe(true);
    expect(await drift()).toEqual([]);
    await db.updateTable("agreement").set({ updated_at: "2031-01-01T00:00:00.000Z" }).where("id", "=", a.id).execute();
    const copies = await db
      .selectFrom("agreement_party")
      .select("agreement_updated_at")
      .where("agreement_id", "=", a.id)
      .execute();
    expect(copies.map((c) => c.agreement_updated_at)).toEqual(Array(3).fill("2031-01-01T00:00:00.000Z"));
    await db
      .updateTable("agreement_party")
      .set({ agreement_updated_at: "2000-01-01T00:00:00.000Z" })
      .where("agreement_id", "=", a.id)
      .execute();
    expect(await drift()).toEqual([]);
  });
});
