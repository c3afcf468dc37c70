/**
 * The application's database handle, opened once per process from DATABASE_URL (PostgreSQL)
 * or DATABASE_PATH (SQLite).
 * Domain functions take `db` as their first argument; routes pass `db()`.
 */
import { sql } from "kysely";
import { isStorageUnavailable, openDatabase, type DatabaseHandle, type DB } from "../../db/client";
import { env } from "./env.server";
import { storageUnavailable } from "./http.server";
import { log } from "./log.server";

let handle: DatabaseHandle | undefined;

/**
 * The one place where a storage failure (disk full, read-only file, I/O error, lock timeout)
 * becomes an answer: every query goes through this handle, and such an error is thrown on as a
 * 503 Response. A loader or action needs nothing special; Remix shows the error boundary's
 * "cannot save right now" page with status 503, and the transaction was rolled back, so nothing
 * was written. Other errors pass unchanged (bugs stay 500s).
 */
function mapStorageError(error: unknown): unknown {
  if (!isStorageUnavailable(error)) return error;
  log().error({ event: "storage.unavailable", message: (error as Error).message }, "storage unavailable");
  return storageUnavailable();
}

/** True for a write storage could not take: the driver's error, or the 503 answer mapStorageError made of it. */
export function isStorageFailure(error: unknown): boolean {
  return isStorageUnavailable(error) || (error instanceof Response && error.status === 503);
}

function open(): DatabaseHandle {
  if (!handle)
    handle = openDatabase({
      url: env().DATABASE_URL,
      path: env().DATABASE_PATH,
      mapError: mapStorageError,
      sqliteCacheMb: env().SQLITE_CACHE_MB,
    });
  return handle;
}

export function db(): DB {
  return open().db;
}

/** The handle itself, for the server's start-up (file path, test-only growth limit). */
export function databaseHandle(): DatabaseHandle {
  return open();
}

export function databaseDescription(): string {
  db();
  return handle!.description;
}

export type { DB };

/** True when the database answers a trivial query. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await sql`select 1`.execute(db());
    return true;
  } catch {
    return false;
  }
}
