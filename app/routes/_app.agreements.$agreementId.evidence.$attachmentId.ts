/** Evidence of a delivery or an obligation (photo, delivery note, report), for the agreement's parties only. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { evidenceOf } from "~/domain/attachment/attachment.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { readStoredFile } from "~/lib/uploads.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { loaded } = await requireAgreement(request, params, context);
  const parsed = z.object({ attachmentId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const file = await evidenceOf(db(), loaded.agreement.id, parsed.data.attachmentId);
  if (!file) notFound();
  return new Response(new Uint8Array(readStoredFile(file.storedName)), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `${file.mimeType === "application/pdf" ? "attachment" : "inline"}; filename="evidence-${parsed.data.attachmentId}"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
