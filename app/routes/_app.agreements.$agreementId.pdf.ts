/** GET /agreements/:agreementId/pdf — the agreement as an A4 PDF, registered for /verify. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentSnapshot } from "~/domain/agreement/agreement.queries.server";
import { agreementPdfModel, renderAgreementPdf } from "~/domain/signing/agreement-pdf.server";
import { recordPdfDownload } from "~/domain/signing/signing.server";
import { registerIssuedPdf } from "~/domain/signing/verification.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, meta, loaded } = await requireAgreement(request, params, context);
  const origin = appOrigin();
  const model = await agreementPdfModel(
    db(),
    loaded.agreement.id,
    await currentSnapshot(db(), loaded.agreement),
    resolveLocale(request, user),
    origin,
  );
  const bytes = await renderAgreementPdf(model);
  if (model.version) {
    const sha256 = await registerIssuedPdf(db(), {
      bytes,
      agreementId: loaded.agreement.id,
      versionNumber: model.version.number,
      contentHash: model.version.hash,
      kind: "agreement",
    });
    await recordPdfDownload(db(), meta, loaded.agreement.id, model.version.number, sha256);
  }
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${loaded.agreement.reference}${model.version ? `-v${model.version.number}` : "-draft"}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
