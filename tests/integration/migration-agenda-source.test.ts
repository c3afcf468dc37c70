/**
 * Migration 2026-12-01-0071 on a database written before it (the demo's meetings, their agenda,
 * decisions and action items): agenda items may now come from a report, and on SQLite, where the
 * table is rebuilt, every item, its prepared texts and every outcome's and action item's link to it
 * are kept. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { Migrator, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { newId } from "~/lib/crypto.server";
import { createEmptyTestDatabase, type TestDatabase } from "../support/db";

// Every migration but 0071: the seed runs today's code, which needs the tables of later migrations too.
const WITHOUT = Object.fromEntries(Object.entries(migrations).filter(([name]) => !name.startsWith("2026-12-01-0071")));
/** Applies `set`; 0071 then runs after later ones, as on a database that was upgraded in two steps. */
async function migrate(set: Record<string, Migration>) {
  const migrator = new Migrator({
    db: t.db,
    provider: { getMigrations: async () => set },
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
let t: TestDatabase;

async function snapshot() {
  const items = await t.db.selectFrom("agenda_item").selectAll().orderBy("id").execute();
  const outcomes = await t.db.selectFrom("meeting_outcome").select(["id", "agenda_item_id"]).orderBy("id").execute();
  const actions = await t.db.selectFrom("action_item").select(["id", "agenda_item_id"]).orderBy("id").execute();
  return { items, outcomes, actions };
}

beforeAll(async () => {
  t = await createEmptyTestDatabase();
  await migrate(WITHOUT);
  await seedDemoIfEmpty(t.db);
});
afterAll(() => t.close());

describe("migration 0071: agenda items from reports", () => {
  it("keeps every agenda item and the links of outcomes and action items to them, then takes 'report'", async () => {
    const before = await snapshot();
    expect(before.items.length).toBeGreaterThan(0);
    expect(before.outcomes.some((o) => o.agenda_item_id !== null)).toBe(true);
    await migrate(migrations);
    expect(await snapshot()).toEqual(before);

    const item = before.items[0]!;
    await t.db
      .insertInto("agenda_item")
      .values({
        ...item,
        id: newId(),
        position: 99,
        source_kind: "report",
        source_id: "r".repeat(16),
      })
      .execute();
    await expect(
      t.db
        .insertInto("agenda_item")
        .values({ ...item, id: newId(), position: 100, source_kind: "other" as never })
        .execute(),
    ).rejects.toThrow();
  });
});
