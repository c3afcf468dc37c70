/**
 * Opens Charaka's database. Today: the embedded SQLite file at DATABASE_PATH.
 * Callers receive a Kysely<Database> and never touch the driver.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { createSqliteKysely, isStorageUnavailable, limitDatabaseGrowth } from "./sqlite";

export type DB = Kysely<Database>;

export { isStorageUnavailable };

export interface DatabaseHandle {
  db: DB;
  /** Human description for logs, e.g. "SQLite ./data/charaka.sqlite". */
  description: string;
  /** The database file (what backups copy). */
  path: string;
  /** TEST ONLY: let the file grow by at most `extraPages` pages (null: no limit), to act out a full disk. */
  limitGrowth(extraPages: number | null): void;
  close(): Promise<void>;
}

export function openDatabase(options: { path: string; mapError?: (error: unknown) => unknown }): DatabaseHandle {
  const { db, sqlite } = createSqliteKysely(options.path, { mapError: options.mapError });
  return {
    db,
    description: `SQLite ${options.path}`,
    path: options.path,
    limitGrowth: (extraPages) => limitDatabaseGrowth(sqlite, extraPages),
    close: () => db.destroy(),
  };
}
