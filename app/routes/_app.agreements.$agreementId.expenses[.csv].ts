/** GET /agreements/:agreementId/expenses.csv — the agreement's expenses, reversals included, for its parties. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { expensesCsv } from "~/domain/finance/expenses-csv.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const body = await expensesCsv(db(), loaded.agreement.id, resolveLocale(request, user));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${loaded.agreement.reference}-expenses.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
