/**
 * A prepared agenda item may come from a report (issue #21: "reports submitted or accepted since the
 * last meeting"): `agenda_item.source_kind` also takes 'report'. Without it, scheduling a meeting
 * after a report was submitted broke the CHECK constraint of migration 0008.
 *
 * PostgreSQL changes the constraint in place. SQLite cannot: agenda_item is rebuilt from its own
 * stored definition (every column, the new list), its indexes and triggers recreated as stored. Its
 * rows keep their ids; meeting outcomes and action items point at them by id, but dropping the old
 * table sets those links to null (ON DELETE SET NULL runs with foreign keys on), so they are kept
 * aside and put back. Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// A migration imports nothing that may change (docs/decisions/0006): db/dialect.ts isPostgres, copied.
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const SOURCES = (kinds: readonly string[]) =>
  `source_kind is null or source_kind in (${kinds.map((k) => `'${k}'`).join(", ")})`;
const BEFORE = ["action_item", "obligation", "deliverable", "plan", "done_items"] as const;
const AFTER = [...BEFORE, "report"] as const;

async function rebuildOnSqlite(db: Kysely<any>, kinds: readonly string[]) {
  const stored = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = 'agenda_item'`.execute(db);
  const table = stored.rows.find((r) => r.type === "table")!.sql!;
  const check = /constraint\s+"agenda_item_source"\s+check\s*\((?:[^()]|\([^()]*\))*\)/i;
  if (!check.test(table)) throw new Error("agenda_item_source not found in agenda_item's definition");
  const created = table
    .replace(/^create table\s+"?agenda_item"?/i, 'create table "agenda_item_new"')
    .replace(check, `constraint "agenda_item_source" check (${SOURCES(kinds)})`);
  await sql.raw(created).execute(db);
  await sql`insert into agenda_item_new select * from agenda_item`.execute(db);
  await sql`create table agenda_item_links_0071 as
    select 'outcome' as tbl, id, agenda_item_id from meeting_outcome where agenda_item_id is not null
    union all
    select 'action_item' as tbl, id, agenda_item_id from action_item where agenda_item_id is not null`.execute(db);
  await sql`drop table agenda_item`.execute(db);
  await sql`alter table agenda_item_new rename to agenda_item`.execute(db);
  for (const other of stored.rows.filter((r) => r.type !== "table" && r.sql)) await sql.raw(other.sql!).execute(db);
  await sql`update meeting_outcome set agenda_item_id = (
      select l.agenda_item_id from agenda_item_links_0071 l where l.tbl = 'outcome' and l.id = meeting_outcome.id)
    where id in (select id from agenda_item_links_0071 where tbl = 'outcome')`.execute(db);
  await sql`update action_item set agenda_item_id = (
      select l.agenda_item_id from agenda_item_links_0071 l where l.tbl = 'action_item' and l.id = action_item.id)
    where id in (select id from agenda_item_links_0071 where tbl = 'action_item')`.execute(db);
  await sql`drop table agenda_item_links_0071`.execute(db);
}

async function setSources(db: Kysely<any>, kinds: readonly string[]) {
  if (isPostgres(db)) {
    await db.schema.alterTable("agenda_item").dropConstraint("agenda_item_source").execute();
    await db.schema
      .alterTable("agenda_item")
      .addCheckConstraint("agenda_item_source", sql.raw(SOURCES(kinds)))
      .execute();
  } else {
    await rebuildOnSqlite(db, kinds);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setSources(db, AFTER);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("agenda_item").set({ source_kind: null }).where("source_kind", "=", "report").execute();
  await setSources(db, BEFORE);
}
