import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Driver,
  type Migration,
} from "kysely";
import type { Database } from "../../db/schema";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest } from "../../db/migrator";
import { prepareDatabase } from "../../db/setup";
import { openSqlite, readPragmas } from "../../db/sqlite";
import { CachedStatementConnection } from "../../db/sqlite-statements";
import { DEMO_ACCOUNTS } from "../../db/seed/demo";
import { createEmptyTestDatabase, createTestDatabase, onPostgres } from "../support/db";
import { staleDueDates } from "~/domain/delivery/due-dates.server";
import { beneficiariesDrift } from "~/domain/dashboard/beneficiaries.server";

const dirs: string[] = [];
function tempPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-db-"));
  dirs.push(dir);
  return path.join(dir, "nested", "folder", "charaka.sqlite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("database connection", () => {
  // SQLite only: PostgreSQL has no file nor pragmas; its durability is the server's configuration.
  it.skipIf(onPostgres)(
    "creates the file and its folder, with WAL, foreign keys, synchronous=FULL, busy_timeout ≥ 5000 and its page cache",
    () => {
      const file = tempPath();
      const sqlite = openSqlite(file);
      expect(fs.existsSync(file)).toBe(true);
      expect(readPragmas(sqlite)).toEqual({ journal_mode: "wal", foreign_keys: 1, synchronous: 2, busy_timeout: 5000 });
      // The page cache: 64 MB unless SQLITE_CACHE_MB says otherwise (SQLite's own default is 2 MB).
      expect(sqlite.pragma("cache_size", { simple: true })).toBe(-64 * 1024);
      sqlite.close();
      const small = openSqlite(file, 8);
      expect(small.pragma("cache_size", { simple: true })).toBe(-8 * 1024);
      small.close();
    },
  );

  it("enforces foreign keys", async () => {
    const handle = await createEmptyTestDatabase();
    await migrateToLatest(handle.db);
    const now = new Date().toISOString();
    await expect(
      handle.db
        .insertInto("membership")
        .values({
          id: "m",
          user_id: "missing",
          organization_id: "missing",
          role: "member",
          title: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
    await handle.close();
  });
});

describe("migrations and demo seed", () => {
  // On the database under test: a SQLite file, or PostgreSQL with TEST_DATABASE_URL.
  it("apply once; running them again changes nothing", async () => {
    const handle = await createEmptyTestDatabase();
    expect(await migrateToLatest(handle.db)).toContain("2026-11-23-0001-foundation");
    expect(await migrateToLatest(handle.db)).toEqual([]);
    await handle.close();
  });

  it("seed the demo accounts into an empty database, and never into one that has data", async () => {
    const handle = await createEmptyTestDatabase();
    const first = await prepareDatabase(handle.db, { demo: true });
    expect(first.seeded).toBe(true);
    const emails = (await handle.db.selectFrom("user").select("email").execute()).map((u) => u.email);
    for (const required of [
      "admin@charaka.example",
      "president@sofara.example",
      "membre@sofara.example",
      "rse@clearvision.example",
      "president@insaf.example",
    ]) {
      expect(emails).toContain(required);
    }
    expect(emails).toHaveLength(DEMO_ACCOUNTS.length);
    const second = await prepareDatabase(handle.db, { demo: true });
    expect(second.seeded).toBe(false);
    expect(await handle.db.selectFrom("user").select("id").execute()).toHaveLength(DEMO_ACCOUNTS.length);
    await handle.close();
  });

  it("seed nothing when demo data is turned off", async () => {
    const handle = await createEmptyTestDatabase();
    const result = await prepareDatabase(handle.db, { demo: false });
    expect(result.seeded).toBe(false);
    expect(await handle.db.selectFrom("user").select("id").execute()).toHaveLength(0);
    await handle.close();
  });

  it("a failing migration changes nothing, not even the pending migrations before it (one transaction)", async () => {
    const handle = await createEmptyTestDatabase();
    const good: Migration = {
      up: async (db) => void (await db.schema.createTable("probe_ok").addColumn("id", "text").execute()),
    };
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable("probe").addColumn("id", "text").execute();
        await sql`insert into probe (id) values ('half-way')`.execute(db);
        throw new Error("deliberate failure");
      },
    };
    const failure = await prepareDatabase(handle.db, {
      demo: false,
      migrations: { ...migrations, "2099-01-01-0001-good": good, "2099-01-01-0002-broken": broken },
    }).catch((e: Error) => e);
    expect(String(failure)).toContain("2099-01-01-0002-broken");
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(tables.filter((name) => name.startsWith("probe") || name === "agreement")).toEqual([]);
    expect(await migrateToLatest(handle.db)).toHaveLength(Object.keys(migrations).length);
    await handle.close();
  });
});

describe("migration 0014 on a database that already has data", () => {
  it("fills the stored due dates and the monthly beneficiaries of existing rows by the same rules as the commands", async () => {
    const t = await createTestDatabase({ demo: true });
    try {
      const before = {
        agreements: await t.db.selectFrom("agreement").select(["id", "ends_on", "notice_from"]).orderBy("id").execute(),
        obligations: await t.db.selectFrom("obligation").select(["id", "next_due_on"]).orderBy("id").execute(),
        months: await t.db
          .selectFrom("beneficiaries_by_month")
          .selectAll()
          .orderBy("agreement_id")
          .orderBy("month")
          .execute(),
      };
      expect(before.obligations.some((o) => o.next_due_on !== null)).toBe(true);
      expect(before.months.length).toBeGreaterThan(0);
      // Back to the schema before 0014 (the seeded rows stay), then forward again: the backfill runs on them.
      // (0200's triggers read the monthly sums: they go and come back around it.)
      await migrations["2026-12-02-0200-organization-totals"]!.down!(t.db);
      await migrations["2026-11-24-0015-search-arabic-trigrams"]!.down!(t.db);
      await migrations["2026-11-24-0014-dashboard-aggregates"]!.down!(t.db);
      await migrations["2026-11-24-0014-dashboard-aggregates"]!.up(t.db);
      await migrations["2026-11-24-0015-search-arabic-trigrams"]!.up(t.db);
      await migrations["2026-12-02-0200-organization-totals"]!.up(t.db);
      expect(await staleDueDates(t.db)).toEqual([]);
      expect(await beneficiariesDrift(t.db)).toEqual([]);
      expect(
        await t.db.selectFrom("agreement").select(["id", "ends_on", "notice_from"]).orderBy("id").execute(),
      ).toEqual(before.agreements);
      expect(await t.db.selectFrom("obligation").select(["id", "next_due_on"]).orderBy("id").execute()).toEqual(
        before.obligations,
      );
      expect(
        await t.db.selectFrom("beneficiaries_by_month").selectAll().orderBy("agreement_id").orderBy("month").execute(),
      ).toEqual(before.months);
    } finally {
      await t.close();
    }
  });
});

// SQLite only: the statement cache is the SQLite connection's (PostgreSQL's driver is `pg`'s).
describe.skipIf(onPostgres)("kept prepared statements (SQLite)", () => {
  async function withCache<T>(
    capacity: number,
    run: (db: Kysely<Database>, cache: CachedStatementConnection, sqlite: SQLite.Database) => Promise<T>,
  ) {
    const sqlite = openSqlite(tempPath());
    const cache = new CachedStatementConnection(sqlite, capacity);
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => singleConnectionDriver(cache),
        createIntrospector: (k) => new SqliteIntrospector(k),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    try {
      return await run(db, cache, sqlite);
    } finally {
      await db.destroy();
      sqlite.close();
    }
  }

  it("reuses the statement of a SQL text already run, and keeps at most its capacity (least recently used out first)", async () => {
    await withCache(2, async (db, cache, sqlite) => {
      const prepared: string[] = [];
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof sqlite.prepare;
      for (let i = 0; i < 3; i++)
        expect((await sql<{ v: number }>`select ${i} as v`.execute(db)).rows).toEqual([{ v: i }]);
      expect(prepared).toEqual(["select ? as v"]);
      await sql`select 'b'`.execute(db);
      await sql`select ${1} as v`.execute(db); // "select ? as v" is now the most recent
      await sql`select 'c'`.execute(db); // evicts "select 'b'"
      expect(cache.size).toBe(2);
      await sql`select ${2} as v`.execute(db);
      await sql`select 'b'`.execute(db);
      expect(prepared).toEqual(["select ? as v", "select 'b'", "select 'c'", "select 'b'"]);
    });
  });

  it("sees schema changes made after a statement was kept, and gives a streamed query its own statement", async () => {
    await withCache(10, async (db) => {
      await sql`create table t (a integer)`.execute(db);
      await sql`insert into t values (1), (2), (3)`.execute(db);
      const read = () =>
        db
          .selectFrom("t" as never)
          .selectAll()
          .execute();
      expect(await read()).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
      await sql`alter table t add column b text default 'x'`.execute(db);
      expect(await read()).toEqual([
        { a: 1, b: "x" },
        { a: 2, b: "x" },
        { a: 3, b: "x" },
      ]);
      // Run the same select while a stream of it is being read: the stream's statement is busy.
      const seen: unknown[] = [];
      for await (const row of db
        .selectFrom("t" as never)
        .selectAll()
        .stream()) {
        seen.push(row);
        expect(await read()).toHaveLength(3);
      }
      expect(seen).toHaveLength(3);
    });
  });
});

/** A driver over one connection, as Kysely's SQLite driver (without its mutex: the tests run one query at a time). */
function singleConnectionDriver(connection: CachedStatementConnection): Driver {
  return {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw("begin"))),
    commitTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw("commit"))),
    rollbackTransaction: async (c) => void (await c.executeQuery(CompiledQuery.raw("rollback"))),
    releaseConnection: async () => {},
    destroy: async () => {},
  };
}
