/** GET /agreements/:agreementId/reports/:reportId/pdf — the report's last version (or ?version=n) as a PDF, registered for /verify. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { reportPdfModel, renderReportPdf } from "~/domain/report/report-pdf.server";
import { recordReportPdf } from "~/domain/report/report.server";
import { registerIssuedPdf } from "~/domain/signing/verification.server";
import { requireReport } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

const Query = z.object({ version: z.coerce.number().int().min(1).optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, meta, loaded, report } = await requireReport(request, params, context);
  const number = Query.parse(Object.fromEntries(new URL(request.url).searchParams)).version ?? report.current_version;
  if (number < 1 || number > report.current_version) notFound();
  const model = await reportPdfModel(db(), report, number, appOrigin());
  const bytes = await renderReportPdf(model, resolveLocale(request, user));
  const sha256 = await registerIssuedPdf(db(), {
    bytes,
    agreementId: loaded.agreement.id,
    versionNumber: number,
    contentHash: model.hash,
    kind: "report",
  });
  await recordReportPdf(db(), meta, { agreementId: loaded.agreement.id, reportId: report.id, number, sha256 });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${loaded.agreement.reference}-report-${report.period_to}-v${number}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
