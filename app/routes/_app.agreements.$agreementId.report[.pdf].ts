/** GET /agreements/:agreementId/report.pdf?year=2026 — the agreement's annual impact report. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { renderImpactReport } from "~/domain/dashboard/impact-report.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { todayInMorocco } from "~/lib/time";

const Query = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const year =
    Query.parse(Object.fromEntries(new URL(request.url).searchParams)).year ?? Number(todayInMorocco().slice(0, 4));
  const bytes = await renderImpactReport(db(), loaded, year, resolveLocale(request, user));
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${loaded.agreement.reference}-impact-${year}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
