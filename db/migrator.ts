import { Migrator, type Kysely, type Migration } from "kysely";
import { migrations as allMigrations } from "./migrations/index";

function migratorFor(db: Kysely<any>, migrations: Record<string, Migration>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Names of the migrations not yet applied. */
export async function pendingMigrations(
  db: Kysely<any>,
  migrations: Record<string, Migration> = allMigrations,
): Promise<string[]> {
  const infos = await migratorFor(db, migrations).getMigrations();
  return infos.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Applies every pending migration; throws with the failing migration's name. All pending
 * migrations run in one transaction (db/sqlite.ts), so a failure leaves the database unchanged.
 * `migrations` is replaced only by tests.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Record<string, Migration> = allMigrations,
): Promise<string[]> {
  const { error, results } = await migratorFor(db, migrations).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
