/**
 * `npm run backup`: writes a consistent backup of DATABASE_PATH and UPLOADS_PATH into a new
 * folder under BACKUP_PATH (safe while the server runs), then keeps the last BACKUP_KEEP.
 * `npm run backup -- <folder>` writes under <folder> instead (nothing pruned there).
 */
import { env } from "../../app/lib/env.server";
import { createBackup, pruneBackups } from "../backup";

const config = env();
if (config.DATABASE_URL) {
  // These copy the SQLite file; with DATABASE_URL the database is PostgreSQL's, which pg_dump and pg_restore handle.
  console.error(
    "DATABASE_URL is set: the database is PostgreSQL; back it up and restore it with pg_dump / pg_restore.",
  );
  process.exit(2);
}
const target = process.argv[2];
try {
  const { folder, manifest } = createBackup({
    databasePath: config.DATABASE_PATH,
    uploadsPath: config.UPLOADS_PATH,
    backupRoot: target ?? config.BACKUP_PATH,
  });
  console.log(`Backup written: ${folder}`);
  console.log(`  database ${manifest.database.bytes} bytes, sha256 ${manifest.database.sha256}, integrity_check ok`);
  console.log(
    `  migration ${manifest.migration ?? "none"}; ${manifest.uploads.files} uploaded files (${manifest.uploads.bytes} bytes)`,
  );
  console.log(
    `  rows: ${Object.entries(manifest.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (!target) {
    const removed = pruneBackups(config.BACKUP_PATH, config.BACKUP_KEEP);
    if (removed.length) console.log(`Removed ${removed.length} older backup(s) (BACKUP_KEEP=${config.BACKUP_KEEP})`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
