/** GET …/deliveries/:deliveryId/receipt.pdf — the reception receipt to sign on paper. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { receiptModel, renderReceiptPdf } from "~/domain/delivery/receipt-pdf.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const parsed = z.object({ deliveryId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const model = await receiptModel(db(), loaded.agreement.id, parsed.data.deliveryId);
  if (!model) notFound();
  const bytes = await renderReceiptPdf(model, resolveLocale(request, user));
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${model.reference}-receipt.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
