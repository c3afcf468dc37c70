/**
 * Everything that is specific to SQLite lives here: opening the file, the
 * connection pragmas Charaka relies on, and (later) FTS5 and online backups.
 * The rest of the code speaks Kysely's portable query builder.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type KyselyConfig,
} from "kysely";
import { mapConnectionErrors } from "./connection-errors";
import { CachedStatementConnection } from "./sqlite-statements";
import { registerWriteMark } from "./unchanged";
import type { Database } from "./schema";

/** The pragmas every connection must have; asserted after opening. */
export const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  foreign_keys: 1,
  synchronous: 2, // FULL
  busy_timeout: 5000,
} as const;

/**
 * SQLite's page cache per connection, in MB (SQLITE_CACHE_MB). SQLite's own default is 2 MB: a
 * federation's dashboard reads thousands of agreement, party and obligation rows, more pages
 * than that, so every request read them again from the operating system (or the disk when its
 * cache is short, as on the benchmark machine). 64 MB holds the rows a large dataset's pages
 * read (dashboard queries 110 → 50 ms, issue #8); it is filled only as pages are read.
 */
export const DEFAULT_SQLITE_CACHE_MB = 64;

export function openSqlite(file: string, cacheMb: number = DEFAULT_SQLITE_CACHE_MB): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
  sqlite.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`); // negative: in KiB
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
 * SQLite result codes that mean "storage cannot take a write now" (disk full, read-only
 * file or medium, I/O error, file gone, lock held past busy_timeout) rather than a bug:
 * nothing was committed and the same request may succeed later.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)(_|$)/.test(code);
}

export interface SqliteKyselyOptions {
  /** The page cache in MB (default DEFAULT_SQLITE_CACHE_MB). */
  cacheMb?: number;
  /** Kysely's query log (the benchmarks time each query with it). */
  log?: KyselyConfig["log"];
  /**
   * Called with every error the driver raises; what it returns is thrown instead. The web app
   * turns storage errors into a 503 answer here; the CLI and the tests keep the SQLite error.
   */
  mapError?: (error: unknown) => unknown;
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a
 * transaction that reads then writes (audit chain, optimistic versions) never fails
 * half-way with SQLITE_BUSY when another process (a CLI job, a backup) writes too.
 *
 * A rollback is skipped when SQLite already rolled the transaction back itself (it does on
 * SQLITE_FULL and some I/O errors): otherwise "cannot rollback - no transaction is active"
 * would replace the error that explains what happened.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private connection: DatabaseConnection | undefined;
  constructor(private readonly config: { database: SQLite.Database } & SqliteKyselyOptions) {
    super(config);
  }
  /** The one connection (the base driver's mutex still serializes its use), with kept statements. */
  override async acquireConnection(): Promise<DatabaseConnection> {
    await super.acquireConnection();
    if (!this.connection) {
      const cached = new CachedStatementConnection(this.config.database);
      const mapError = this.config.mapError;
      this.connection = mapError ? mapConnectionErrors(cached, mapError) : cached;
    }
    return this.connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.config.database.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SQLite adapter says it cannot; saying it
 * can makes the Migrator run all pending migrations in one transaction: a failing migration
 * leaves the database exactly as it was.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly options: { database: SQLite.Database } & SqliteKyselyOptions) {
    super(options);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.options);
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function createSqliteKysely(
  file: string,
  options: SqliteKyselyOptions = {},
): { db: Kysely<Database>; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file, options.cacheMb);
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: sqlite, ...options }),
    log: options.log,
  });
  // Changes with every write by this connection or a commit by any other (db/unchanged.ts).
  const mark = sqlite.prepare("select total_changes() || '.' || data_version from pragma_data_version").pluck();
  let busy = 0;
  registerWriteMark(db, () => {
    try {
      return mark.get() as string;
    } catch {
      return `busy ${++busy}`; // a statement being iterated holds the connection: nothing is kept
    }
  });
  return { db, sqlite };
}

/**
 * TEST ONLY (CHARAKA_TEST_MAX_PAGE_COUNT): caps the file at its current size plus `extraPages`
 * pages on this connection, so the next writes fail with SQLITE_FULL as on a full disk;
 * `null` lifts the cap again.
 */
export function limitDatabaseGrowth(sqlite: SQLite.Database, extraPages: number | null): void {
  if (extraPages === null) {
    sqlite.pragma("max_page_count = 1073741823");
    return;
  }
  const pages = Number(sqlite.pragma("page_count", { simple: true }));
  sqlite.pragma(`max_page_count = ${pages + extraPages}`);
}

export interface SqliteSnapshot {
  sqlite: SQLite.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A read-only connection to a SQLite file, held in one read transaction: every query sees the
 * database as it was at the first read, while a live server may keep writing (in WAL mode readers
 * and the writer do not block each other). `npm run db:copy` reads through it so the copy is one
 * consistent state. The WAL cannot be checkpointed past an open snapshot: close it promptly.
 */
export function openSqliteSnapshot(file: string): SqliteSnapshot {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
  sqlite.exec("begin");
  // A deferred transaction takes its snapshot at the first read, not at BEGIN: read now.
  sqlite.prepare("select count(*) from sqlite_master").pluck().get();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    async close() {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec("rollback");
      await db.destroy();
    },
  };
}
