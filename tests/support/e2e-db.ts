/**
 * The shared e2e server's database, opened by a test of its own (to prepare records or tamper with
 * stored evidence): its SQLite file, or its PostgreSQL database when the suite runs there.
 */
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";

export function openServerDatabase(): DatabaseHandle {
  const url = inject("databaseUrl");
  return openDatabase(url ? { url, path: "" } : { path: inject("databasePath") });
}
