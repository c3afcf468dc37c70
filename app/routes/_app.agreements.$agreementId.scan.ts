/** The scan of the paper-signed agreement, for the parties only. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { paperSigningOf, recordDownload } from "~/domain/signing/signing.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { readStoredFile } from "~/lib/uploads.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { meta, loaded } = await requireAgreement(request, params, context);
  const paper = await paperSigningOf(db(), loaded.agreement.id);
  if (!paper) notFound();
  const bytes = readStoredFile(paper.storedName);
  await recordDownload(db(), meta, loaded.agreement.id, "paper_scan", paper.sha256);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${loaded.agreement.reference}-signed-scan.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
