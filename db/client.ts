/**
 * Opens Charaka's database: PostgreSQL when a `postgres://` URL is given (DATABASE_URL),
 * otherwise the embedded SQLite file at DATABASE_PATH, exactly as before.
 * Callers receive a Kysely<Database> and never touch the driver; what differs between the two
 * lives in db/sqlite.ts and db/postgres.ts (connections, transactions, errors), db/dialect.ts
 * (asking which one) and db/search.ts (the search index).
 */
import type { Kysely } from "kysely";
import type { DialectName } from "./dialect";
import { createPostgresKysely, describePostgresUrl, isPostgresStorageUnavailable } from "./postgres";
import type { Database } from "./schema";
import { createSqliteKysely, isStorageUnavailable as isSqliteStorageUnavailable, limitDatabaseGrowth } from "./sqlite";

export type DB = Kysely<Database>;

/** True for a driver error meaning "storage cannot take a write now" (either engine): a 503, not a bug. */
export function isStorageUnavailable(error: unknown): boolean {
  return isSqliteStorageUnavailable(error) || isPostgresStorageUnavailable(error);
}

export interface DatabaseHandle {
  db: DB;
  dialect: DialectName;
  /** Human description for logs, e.g. "SQLite ./data/charaka.sqlite" (never a password). */
  description: string;
  /** The SQLite database file (what backups copy); null on PostgreSQL. */
  path: string | null;
  /** TEST ONLY (SQLite): let the file grow by at most `extraPages` pages (null: no limit), to act out a full disk. */
  limitGrowth(extraPages: number | null): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The SQLite file, used when `url` is not given. */
  path: string;
  /** A postgres:// or postgresql:// URL: when given, PostgreSQL is used and `path` is ignored. */
  url?: string | undefined;
  mapError?: (error: unknown) => unknown;
  /** SQLite's page cache in MB (SQLITE_CACHE_MB); ignored on PostgreSQL. */
  sqliteCacheMb?: number;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.url !== undefined) {
    if (!isPostgresUrl(options.url)) throw new Error("DATABASE_URL must start with postgres:// or postgresql://");
    const { db } = createPostgresKysely(options.url, { mapError: options.mapError });
    return {
      db,
      dialect: "postgres",
      description: describePostgresUrl(options.url),
      path: null,
      limitGrowth: () => {
        throw new Error("limitGrowth acts out a full disk on SQLite only");
      },
      close: () => db.destroy(),
    };
  }
  const { db, sqlite } = createSqliteKysely(options.path, {
    mapError: options.mapError,
    cacheMb: options.sqliteCacheMb,
  });
  return {
    db,
    dialect: "sqlite",
    description: `SQLite ${options.path}`,
    path: options.path,
    limitGrowth: (extraPages) => limitDatabaseGrowth(sqlite, extraPages),
    close: () => db.destroy(),
  };
}
