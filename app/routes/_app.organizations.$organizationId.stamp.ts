/** The organization's stamp image, for those who may see the organization. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { loadActor } from "~/domain/access/access.server";
import { getOrganization, organizationStamp } from "~/domain/organization/organization.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { readStoredFile } from "~/lib/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = z.object({ organizationId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const org = await getOrganization(db(), await loadActor(db(), user), parsed.data.organizationId);
  if (!org) notFound();
  const stamp = await organizationStamp(db(), org.id);
  if (!stamp) notFound();
  return new Response(new Uint8Array(readStoredFile(stamp.storedName)), {
    headers: {
      "Content-Type": stamp.mimeType,
      "Cache-Control": "private, max-age=300",
      "Content-Disposition": "inline",
    },
  });
}
