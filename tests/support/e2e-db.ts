/**
 * The shared e2e server's database, opened by a test of its own (to prepare records or tamper with
 * stored evidence): its SQLite file, or its PostgreSQL database when the suite runs there.
 */
import { inject } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { openServerDatabaseAt } from "./app-server";

export function openServerDatabase(): DatabaseHandle {
  return openServerDatabaseAt({ databaseUrl: inject("databaseUrl"), databasePath: inject("databasePath") });
}
