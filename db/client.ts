/**
 * Opens Charaka's database. Today: the embedded SQLite file at DATABASE_PATH.
 * Callers receive a Kysely<Database> and never touch the driver.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { createSqliteKysely } from "./sqlite";

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  /** Human description for logs, e.g. "SQLite ./data/charaka.sqlite". */
  description: string;
  close(): Promise<void>;
}

export function openDatabase(options: { path: string }): DatabaseHandle {
  const { db } = createSqliteKysely(options.path);
  return {
    db,
    description: `SQLite ${options.path}`,
    close: () => db.destroy(),
  };
}
