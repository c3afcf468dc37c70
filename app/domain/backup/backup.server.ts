/**
 * The platform administrator's backup download: a fresh backup (db/backup.ts) written to
 * BACKUP_PATH like any other, recorded in the audit log, and handed over as a tar.
 */
import { createBackup, type BackupResult } from "../../../db/backup";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { databaseHandle } from "~/lib/db.server";
import { env } from "~/lib/env.server";

/**
 * In-app backups copy the SQLite file; PostgreSQL (DATABASE_URL) is backed up with its own tools
 * (pg_dump), which the settings page says instead of offering the download.
 */
export function inAppBackups(): boolean {
  return databaseHandle().path !== null;
}

/** null (answer 404) for anyone but the platform administrator, and on PostgreSQL. */
export async function backupForDownload(db: DB, actor: Actor, meta: RequestMeta): Promise<BackupResult | null> {
  const databasePath = databaseHandle().path;
  if (!actor.isPlatformAdmin || databasePath === null) return null;
  const config = env();
  const result = createBackup({
    databasePath,
    uploadsPath: config.UPLOADS_PATH,
    backupRoot: config.BACKUP_PATH,
    reason: "download",
  });
  await inTransaction(db, (trx) =>
    appendAuditEvent(trx, meta, {
      type: "backup.downloaded",
      data: {
        name: result.folder.split(/[\\/]/).pop()!,
        sha256: result.manifest.database.sha256,
        bytes: result.manifest.database.bytes,
        files: result.manifest.uploads.files,
      },
    }),
  );
  return result;
}
