/**
 * `npm run restore -- <backup folder>`: replaces DATABASE_PATH and UPLOADS_PATH with the backup's
 * (refused while a Charaka server runs on that database), keeps what was there beside them, then
 * verifies integrity_check, the audit hash chain and every stored document's SHA-256.
 * Exit code 0 only when every check passes.
 */
import path from "node:path";
import { env } from "../../app/lib/env.server";
import { formatVerifyReport, restoreBackup } from "../backup";

const config = env();
if (config.DATABASE_URL) {
  // These copy the SQLite file; with DATABASE_URL the database is PostgreSQL's, which pg_dump and pg_restore handle.
  console.error(
    "DATABASE_URL is set: the database is PostgreSQL; back it up and restore it with pg_dump / pg_restore.",
  );
  process.exit(2);
}
const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run restore -- <backup folder>   (e.g. data/backups/charaka-20261123T101530123Z)");
  process.exit(2);
}
try {
  const { manifest, previous, verify } = await restoreBackup({
    folder: path.resolve(folder),
    databasePath: config.DATABASE_PATH,
    uploadsPath: config.UPLOADS_PATH,
  });
  console.log(
    `Restored ${folder} (taken ${manifest.createdAt}, migration ${manifest.migration ?? "none"}) into ${config.DATABASE_PATH} and ${config.UPLOADS_PATH}`,
  );
  if (previous.database) console.log(`  the previous database was moved to ${previous.database}`);
  if (previous.uploads) console.log(`  the previous uploads were moved to ${previous.uploads}`);
  for (const line of formatVerifyReport(verify)) console.log(`  ${line}`);
  if (!verify.ok) {
    console.error(
      "RESTORE VERIFICATION FAILED: do not start the server on this database before looking at the lines above.",
    );
    process.exit(1);
  }
  console.log("All checks passed.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
