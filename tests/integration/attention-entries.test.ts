/**
 * The dashboard's kept "needs attention" entries (issue #22, migration 0180): the lists read them,
 * every audited change keeps its agreement's entries in its own transaction, and they are always what
 * attentionEntriesOf computes from scratch. (Every integration file also checks the last point when it
 * closes its database: tests/support/db.ts.)
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { inTransaction, beforeCommit } from "../../db/transaction";
import { prepareDatabase } from "../../db/setup";
import { newId } from "~/lib/crypto.server";
import { nowIso, todayInMorocco } from "~/lib/time";
import { loadActor } from "~/domain/access/access.server";
import { attention } from "~/domain/dashboard/attention.server";
import { dashboardCharts } from "~/domain/dashboard/charts.server";
import { keepAttention, staleAttention } from "~/domain/dashboard/attention-entries.server";
import { moveDeliverable } from "~/domain/delivery/deliverables.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person } from "../support/factories";
import { migrations } from "../../db/migrations";

let t: TestDatabase;
let db: DB;
const today = todayInMorocco();
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

const entriesOf = (agreementId: string) =>
  db.selectFrom("attention_entry").selectAll().where("agreement_id", "=", agreementId).execute();

describe("kept dashboard entries", () => {
  it("a deliverable declared delivered is on the other party's list as soon as the command commits", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active" });
    const id = await f.deliverable(a, {
      title: "325 cartables",
      target: 325,
      deliveries: [{ deliveredOn: "2026-09-15", quantity: 325, beneficiaries: 325 }],
    });
    expect((await attention(db, a.partner.actor, today)).deliveriesToConfirm).toEqual([]);
    const moved = await moveDeliverable(db, a.owner.actor, a.owner.meta, await a.load(), {
      deliverableId: id,
      action: "markDelivered",
    });
    expect(moved.ok).toBe(true);
    const theirs = await attention(db, a.partner.actor, today);
    expect(theirs.deliveriesToConfirm.map((d) => d.title)).toEqual(["325 cartables"]);
    // Not on the declaring party's own list.
    expect((await attention(db, a.owner.actor, today)).deliveriesToConfirm).toEqual([]);
    expect(await staleAttention(db)).toEqual([]);
  });

  it("the lists read the kept entries: a change no command made shows once its agreement's entries are kept", async () => {
    const f = factories(db);
    const a = await f.agreement({
      status: "active",
      obligations: [{ description: "Rapport d'étape", dueDate: "2026-03-31" }],
    });
    // Its due date moved by hand: the lists still show the kept one until the entries are kept again.
    await db.updateTable("obligation").set({ next_due_on: "2026-05-15" }).where("agreement_id", "=", a.id).execute();
    expect((await staleAttention(db)).map((s) => [s.kept?.on_date, s.expected?.on_date])).toEqual([
      ["2026-03-31", "2026-05-15"],
    ]);
    expect((await attention(db, a.owner.actor, "2026-04-01")).overdueObligations).toHaveLength(1);
    await db.transaction().execute((trx) => keepAttention(trx, a.id));
    expect((await attention(db, a.owner.actor, "2026-04-01")).overdueObligations).toEqual([]);
    expect(await staleAttention(db)).toEqual([]);
  });

  it("a command whose transaction fails leaves the entries as they were", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active" });
    const id = await f.deliverable(a, {
      title: "Salle informatique",
      target: 1,
      deliveries: [{ deliveredOn: "2026-09-15", quantity: 1, beneficiaries: 40 }],
    });
    const before = await entriesOf(a.id);
    const loaded = await a.load(); // before the transaction: on SQLite it holds the one connection
    await expect(
      inTransaction(db, async (trx) => {
        const moved = await moveDeliverable(trx, a.owner.actor, a.owner.meta, loaded, {
          deliverableId: id,
          action: "markDelivered",
        });
        expect(moved.ok).toBe(true);
        throw new Error("the rest of the command failed");
      }),
    ).rejects.toThrow("the rest of the command failed");
    expect(await entriesOf(a.id)).toEqual(before);
    expect((await attention(db, a.partner.actor, today)).deliveriesToConfirm).toEqual([]);
    expect(await staleAttention(db)).toEqual([]);
  });

  it("a person of two organizations party to one agreement sees it once in each list and count", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active", effectiveDate: inDays(-700), durationMonths: 24 });
    await f.deliverable(a, { title: "Campagne médicale" });
    // The association's president is also a member of the partner foundation.
    const at = nowIso();
    await db
      .insertInto("membership")
      .values({
        id: newId(),
        user_id: a.owner.userId,
        organization_id: a.partner.organizationId,
        role: "member",
        title: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const both: Person = { ...a.owner, actor: await loadActor(db, { id: a.owner.userId, isPlatformAdmin: false }) };
    expect(both.actor.memberships).toHaveLength(2);
    const mine = await attention(db, both.actor, today);
    expect(mine.expiring.map((e) => e.reference)).toEqual([a.reference]);
    expect(mine.expiringCount).toBe(1);
    const charts = await dashboardCharts(db, both.actor);
    expect(charts.progress.map((p) => p.reference)).toEqual([a.reference]);
    expect(charts.progressCount).toBe(1);
  });

  it("are filled from the data already there when migration 0180 is applied", async () => {
    const other = await createTestDatabase({ demo: true });
    try {
      const kept = Number(
        (
          await other.db
            .selectFrom("attention_entry")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n,
      );
      expect(kept).toBeGreaterThan(0);
      // As a database of the version before: no table, the migration (and the later ones) not applied.
      const later = Object.keys(migrations).filter((name) => name > "2026-12-02-0180-attention-entries");
      for (const name of [...later].reverse()) await migrations[name]!.down!(other.db);
      await other.db.schema.dropTable("attention_entry").execute();
      await sql`delete from kysely_migration where name >= '2026-12-02-0180'`.execute(other.db);
      const { applied } = await prepareDatabase(other.db, { demo: false });
      expect(applied).toEqual(["2026-12-02-0180-attention-entries", ...later]);
      expect(
        Number(
          (
            await other.db
              .selectFrom("attention_entry")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirst()
          )?.n,
        ),
      ).toBe(kept);
      expect(await staleAttention(other.db)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("are computed again when migration 0210 is applied: the kinds an older version did not keep appear", async () => {
    const other = await createTestDatabase({ demo: true });
    try {
      const newKinds = ["tranche_awaiting_receipt", "report_accepted", "reviewed_agreement"] as const;
      const ofNewKinds = async () =>
        Number(
          (
            await other.db
              .selectFrom("attention_entry")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("kind", "in", [...newKinds])
              .executeTakeFirst()
          )?.n,
        );
      const kept = await ofNewKinds();
      expect(kept).toBeGreaterThan(0);
      // As the entries of the version before: none of the new kinds, the tranches without a sort key.
      await other.db
        .deleteFrom("attention_entry")
        .where("kind", "in", [...newKinds])
        .execute();
      await other.db
        .updateTable("attention_entry")
        .set({ sort_key: "" })
        .where("kind", "in", ["tranche_to_pay", "tranche_expected", "tranche_to_confirm"])
        .execute();
      expect((await staleAttention(other.db)).length).toBeGreaterThan(0);
      await sql`delete from kysely_migration where name = '2026-12-02-0210-attention-money-reports'`.execute(other.db);
      const { applied } = await prepareDatabase(other.db, { demo: false });
      expect(applied).toEqual(["2026-12-02-0210-attention-money-reports"]);
      expect(await ofNewKinds()).toBe(kept);
      expect(await staleAttention(other.db)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe("beforeCommit", () => {
  it("runs each key's task once, inside the outermost transaction, after the work of every command in it", async () => {
    const seen: string[] = [];
    await inTransaction(db, async (outer) => {
      beforeCommit(outer, "a", async () => void seen.push("a1"));
      await inTransaction(outer, async (inner) => {
        beforeCommit(inner, "a", async () => void seen.push("a2"));
        beforeCommit(inner, "b", async () => {
          seen.push("b");
          beforeCommit(inner, "c", async () => void seen.push("c"));
        });
      });
      seen.push("work done");
    });
    expect(seen).toEqual(["work done", "a2", "b", "c"]);
  });
});
