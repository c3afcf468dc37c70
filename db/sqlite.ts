/**
 * Everything that is specific to SQLite lives here: opening the file, the
 * connection pragmas Charaka relies on, and (later) FTS5 and online backups.
 * The rest of the code speaks Kysely's portable query builder.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection } from "kysely";
import type { Database } from "./schema";

/** The pragmas every connection must have; asserted after opening. */
export const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  foreign_keys: 1,
  synchronous: 2, // FULL
  busy_timeout: 5000,
} as const;

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
  assertPragmas(sqlite, file);
  return sqlite;
}

export function readPragmas(sqlite: SQLite.Database) {
  return {
    journal_mode: String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase(),
    foreign_keys: Number(sqlite.pragma("foreign_keys", { simple: true })),
    synchronous: Number(sqlite.pragma("synchronous", { simple: true })),
    busy_timeout: Number(sqlite.pragma("busy_timeout", { simple: true })),
  };
}

/** Throws (refusing to start) when a pragma did not take, e.g. WAL on a read-only medium. */
export function assertPragmas(sqlite: SQLite.Database, file: string): void {
  const actual = readPragmas(sqlite);
  const problems: string[] = [];
  if (file !== ":memory:" && actual.journal_mode !== REQUIRED_PRAGMAS.journal_mode)
    problems.push(`journal_mode is ${actual.journal_mode}, expected wal`);
  if (actual.foreign_keys !== REQUIRED_PRAGMAS.foreign_keys) problems.push("foreign_keys is off");
  if (actual.synchronous !== REQUIRED_PRAGMAS.synchronous)
    problems.push(`synchronous is ${actual.synchronous}, expected 2 (FULL)`);
  if (actual.busy_timeout < REQUIRED_PRAGMAS.busy_timeout)
    problems.push(`busy_timeout is ${actual.busy_timeout}, expected >= ${REQUIRED_PRAGMAS.busy_timeout}`);
  if (problems.length > 0) {
    throw new Error(`SQLite database ${file} is not configured safely: ${problems.join("; ")}`);
  }
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a
 * transaction that reads then writes (audit chain, optimistic versions) never fails
 * half-way with SQLITE_BUSY when another process (a CLI job, a backup) writes too.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly options: { database: SQLite.Database }) {
    super(options);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.options);
  }
}

export function createSqliteKysely(file: string): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}
