/**
 * Everything that is specific to PostgreSQL lives here, as db/sqlite.ts holds SQLite's: the
 * connection pool, how values come back, how transactions serialize, and which driver errors
 * mean "storage unavailable". The rest of the code speaks Kysely's portable query builder.
 */
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  type KyselyConfig,
  PostgresDriver,
  type DatabaseConnection,
  type TransactionSettings,
} from "kysely";
import { mapConnectionErrors } from "./connection-errors";
import type { Database } from "./schema";

/**
 * Values come back as they do from SQLite: int8 (`count(*)`, `sum()` of integers, bigint money
 * columns in centimes) and numeric (`sum()` of bigint) as JavaScript numbers — amounts stay far
 * below 2^53 centimes. Dates stay the ISO-8601 text the app writes (columns are `text` on both).
 */
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/**
 * The key of the advisory lock every transaction takes first (any constant the app owns; this is
 * "CHARAKA!" read as a number). Holding it for the whole transaction gives PostgreSQL the
 * guarantee SQLite's BEGIN IMMEDIATE gives: write transactions run one at a time, across
 * connections, processes and instances sharing the database, so one that reads then writes
 * (the audit chain's last hash, an optimistic version, the next reference number) never
 * interleaves with another. Released by the commit or rollback itself.
 */
export const WRITE_LOCK_KEY = 0x4348_4152_414b_4121n;

/**
 * The key of the advisory lock an instance holds while it prepares the database at start-up
 * (migrations, then the demo seed of an empty database): "CHARAKA?" read as a number.
 */
export const STARTUP_LOCK_KEY = 0x4348_4152_414b_413fn;

/**
 * Runs `prepare` while holding the start-up lock, so that instances started at the same moment
 * against one database prepare it one after the other: the first migrates and seeds, the next
 * find nothing pending and a database that is no longer empty. (Kysely's migrator also locks its
 * own table, but the demo seed's "is it empty?" check would race without this.) The lock is a
 * session-level advisory lock held on one pooled connection while `prepare` uses the others;
 * it goes with that connection if the process dies.
 */
export async function withStartupLock<T>(db: Kysely<Database>, prepare: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql.raw(`select pg_advisory_lock(${STARTUP_LOCK_KEY})`).execute(connection);
    try {
      return await prepare();
    } finally {
      await sql.raw(`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`).execute(connection);
    }
  });
}

/**
 * PostgreSQL error classes that mean "storage cannot take a write now" rather than a bug:
 * connection lost or refused, server shutting down, disk full, out of resources, too many
 * connections, lock wait timed out, read-only server (a standby). Nothing was committed.
 */
export function isPostgresStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  if (/^(08|53|57P)/.test(code)) return true; // connection exception, insufficient resources, operator intervention
  if (code === "55P03" || code === "25006") return true; // lock_not_available, read_only_sql_transaction
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/.test(code);
}

export interface PostgresKyselyOptions {
  /** As for SQLite (db/sqlite.ts): what it returns is thrown instead of the driver's error. */
  mapError?: (error: unknown) => unknown;
  /** Pool size; pg's default (10) when not given. */
  max?: number;
  /** Kysely's query log (the benchmarks time each query with it). */
  log?: KyselyConfig["log"];
}

class SerializedPostgresDriver extends PostgresDriver {
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  constructor(
    config: ConstructorParameters<typeof PostgresDriver>[0],
    private readonly mapError: ((error: unknown) => unknown) | undefined,
  ) {
    super(config);
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const mapError = this.mapError;
    if (!mapError) return connection;
    const wrapped = mapConnectionErrors(connection, mapError);
    this.inner.set(wrapped, connection);
    return wrapped;
  }
  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await super.releaseConnection(
      (this.inner.get(connection) ?? connection) as Parameters<PostgresDriver["releaseConnection"]>[0],
    );
  }
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
  }
}

class SerializedPostgresDialect extends PostgresDialect {
  constructor(
    private readonly settings: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly mapError: ((error: unknown) => unknown) | undefined,
  ) {
    super(settings);
  }
  override createDriver() {
    return new SerializedPostgresDriver(this.settings, this.mapError);
  }
}

export function createPostgresKysely(
  url: string,
  options: PostgresKyselyOptions = {},
): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, types, ...(options.max ? { max: options.max } : {}) });
  // An idle client losing its connection (server restart) must not crash the process: the pool
  // drops it and the next query opens a new one.
  pool.on("error", (error) => console.error("PostgreSQL idle connection error:", error.message));
  const db = new Kysely<Database>({
    dialect: new SerializedPostgresDialect({ pool }, options.mapError),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, pool };
}

/** "PostgreSQL host:port/database" — never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname || "localhost"}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
