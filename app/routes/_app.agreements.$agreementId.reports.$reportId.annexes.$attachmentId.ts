/** A report's annex, for those who may read the report (its draft's annexes: the reporting party only). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { reportAnnexes } from "~/domain/report/report-queries.server";
import { requireReport } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { readStoredFile } from "~/lib/uploads.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params, context);
  const parsed = z.object({ attachmentId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const annex = (await reportAnnexes(db(), report.id)).find((a) => a.id === parsed.data.attachmentId);
  if (!annex) notFound();
  return new Response(new Uint8Array(readStoredFile(annex.storedName)), {
    headers: {
      "Content-Type": annex.mimeType,
      "Content-Disposition": `${annex.mimeType === "application/pdf" ? "attachment" : "inline"}; filename="annex-${annex.id}"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
