/**
 * Brings a database to a usable state: migrations, secrets of older versions encrypted, kept entries
 * a migration created filled, then demo data when asked and empty.
 * Used by the server at start-up, the CLI and the tests alike.
 *
 * Before migrating a database that already holds data, a backup is written (when `backup` is
 * given); if a migration then fails, the database is unchanged (one transaction) and the error
 * names that backup.
 */
import type { Migration } from "kysely";
import { createBackup, databaseHasData } from "./backup";
import type { DB } from "./client";
import { isPostgres } from "./dialect";
import { migrateToLatest, pendingMigrations } from "./migrator";
import { withStartupLock } from "./postgres";
import { seedDemoIfEmpty } from "./seed/demo";
import { sealPlainOidcSecrets } from "../app/domain/identity/oidc.server";
import { rebuildAttention } from "../app/domain/dashboard/attention-entries.server";

/**
 * The migrations that made the kept entries or changed what they hold: after any of them, every entry
 * is computed again here (a migration cannot run the app's rules).
 */
export const ATTENTION_MIGRATIONS = ["2026-12-02-0180-attention-entries", "2026-12-02-0210-attention-money-reports"];

export interface PrepareOptions {
  demo: boolean;
  backup?: { databasePath: string; uploadsPath: string; backupRoot: string };
  /** Tests only: another migration list. */
  migrations?: Record<string, Migration>;
}

export async function prepareDatabase(db: DB, options: PrepareOptions) {
  // SQLite: one server per file (the lock file of db/backup.ts). PostgreSQL: several instances may
  // start at once against one database; they prepare it one at a time.
  return isPostgres(db) ? withStartupLock(db, () => prepare(db, options)) : prepare(db, options);
}

async function prepare(db: DB, options: PrepareOptions) {
  let backupFolder: string | null = null;
  if (options.backup && databaseHasData(options.backup.databasePath)) {
    const pending = await pendingMigrations(db, options.migrations);
    if (pending.length > 0) {
      backupFolder = createBackup({ ...options.backup, reason: `before migrations ${pending.join(", ")}` }).folder;
    }
  }
  let applied: string[];
  try {
    applied = await migrateToLatest(db, options.migrations);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const backupNote = backupFolder ? ` A backup taken just before is in ${backupFolder}.` : "";
    throw new Error(`${message}. No migration was applied: the database is as it was before.${backupNote}`, {
      cause: error,
    });
  }
  // Secrets saved in plain text by an older version are encrypted now: a migration cannot read the key.
  const sealedSecrets = await sealPlainOidcSecrets(db);
  if (ATTENTION_MIGRATIONS.some((m) => applied.includes(m))) await rebuildAttention(db);
  const seeded = options.demo ? await seedDemoIfEmpty(db) : false;
  return { applied, seeded, backupFolder, sealedSecrets };
}
