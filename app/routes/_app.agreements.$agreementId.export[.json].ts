/** GET /agreements/:agreementId/export.json — the agreement with its text and follow-up, for archiving. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAgreementJson } from "~/domain/export/exports.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { todayInMorocco } from "~/lib/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { loaded } = await requireAgreement(request, params, context);
  const body = await exportAgreementJson(db(), loaded, todayInMorocco());
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${loaded.agreement.reference}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
