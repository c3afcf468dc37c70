/** `npm run db:migrate`: backs up a database with data, applies pending migrations (and seeds demo data into an empty database unless CHARAKA_DEMO=0). */
import { env } from "../../app/lib/env.server";
import { openDatabase } from "../client";
import { demoAccountsTable, DEMO_PASSWORD } from "../seed/demo";
import { prepareDatabase } from "../setup";

const config = env();
const handle = openDatabase({ url: config.DATABASE_URL, path: config.DATABASE_PATH });
try {
  const { applied, seeded, backupFolder } = await prepareDatabase(handle.db, {
    demo: config.CHARAKA_DEMO !== "off",
    // The pre-migration backup copies the SQLite file; PostgreSQL is backed up with pg_dump.
    backup: handle.path
      ? { databasePath: handle.path, uploadsPath: config.UPLOADS_PATH, backupRoot: config.BACKUP_PATH }
      : undefined,
  });
  if (backupFolder) console.log(`Backup before migrations: ${backupFolder}`);
  console.log(`${handle.description}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
  if (seeded) console.log(`Demo data seeded (password "${DEMO_PASSWORD}"):\n${demoAccountsTable()}`);
} finally {
  await handle.close();
}
