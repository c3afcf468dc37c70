/**
 * The settings page's view model. Beyond the links everyone has, the platform administrator sees
 * the email outbox (who was, or will be, written to; what failed), the backups (a fresh one to
 * download, or the PostgreSQL note) and, while there is demo data, what removing it would take.
 */
import type { DB } from "../../../db/client";
import { canListPeople, canRemoveDemoData, type Actor } from "../access/access";
import { inAppBackups } from "../backup/backup.server";
import { demoRemovalPreview } from "../demo/demo.server";
import { outbox } from "../notify/notify.server";
import { env } from "~/lib/env.server";

export async function settingsView(db: DB, actor: Actor, query: { demoRemoved: boolean }) {
  const people = canListPeople(actor);
  if (!actor.isPlatformAdmin)
    return { people, outbox: null, smtp: false, backup: null, demo: null, demoRemoved: false };
  const config = env();
  return {
    people,
    demo: canRemoveDemoData(actor) ? await demoRemovalPreview(db) : null,
    demoRemoved: query.demoRemoved,
    outbox: await outbox(db),
    smtp: Boolean(config.SMTP_URL),
    backup: {
      postgres: !inAppBackups(),
      path: config.BACKUP_PATH,
      uploads: config.UPLOADS_PATH,
      hours: config.BACKUP_INTERVAL_HOURS,
      keep: config.BACKUP_KEEP,
    },
  };
}
