/**
 * The application's database handle, opened once per process from DATABASE_PATH.
 * Domain functions take `db` as their first argument; routes pass `db()`.
 */
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle, type DB } from "../../db/client";
import { env } from "./env.server";

let handle: DatabaseHandle | undefined;

export function db(): DB {
  if (!handle) handle = openDatabase({ path: env().DATABASE_PATH });
  return handle.db;
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
