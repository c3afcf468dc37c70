/** A document of an organization's dossier, for its members and the partners of its agreements; 404 for anyone else. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { dossierFile } from "~/domain/finance/dossier.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { readStoredFile } from "~/lib/uploads.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const parsed = z.object({ organizationId: recordId, documentId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const file = await dossierFile(db(), actor, parsed.data.organizationId, parsed.data.documentId);
  if (!file) notFound();
  return new Response(new Uint8Array(readStoredFile(file.storedName)), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `${file.mimeType === "application/pdf" ? "attachment" : "inline"}; filename="dossier-${parsed.data.documentId}"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
