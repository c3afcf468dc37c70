/**
 * POST /settings/backup — the platform administrator downloads a fresh backup (database, uploaded
 * files, manifest) as a .tar; it also stays in BACKUP_PATH. Anyone else gets 404, and so does
 * everyone on PostgreSQL, which is backed up with pg_dump (the settings page says so; no form posts here).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import path from "node:path";
import { backupForDownload } from "~/domain/backup/backup.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { tarFolder } from "~/lib/tar.server";

export async function loader() {
  notFound();
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  if (!actor.isPlatformAdmin) notFound();
  const result = await backupForDownload(db(), actor, meta);
  if (!result) notFound();
  const name = path.basename(result.folder);
  return new Response(createReadableStreamFromReadable(tarFolder(result.folder)), {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="${name}.tar"`,
      "Cache-Control": "private, no-store",
    },
  });
}
