/**
 * Brings a database to a usable state: migrations, then demo data when asked and empty.
 * Used by the server at start-up, the CLI and the tests alike.
 */
import type { DB } from "./client";
import { migrateToLatest } from "./migrator";
import { seedDemoIfEmpty } from "./seed/demo";

export async function prepareDatabase(db: DB, options: { demo: boolean }) {
  const applied = await migrateToLatest(db);
  const seeded = options.demo ? await seedDemoIfEmpty(db) : false;
  return { applied, seeded };
}
