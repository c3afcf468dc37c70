/**
 * GET …/tranches/:trancheId/call.pdf — the call for funds, once the tranche is called;
 * GET …/tranches/:trancheId/acknowledgement.pdf — the acknowledgement of receipt, once received.
 * In the reader's language, for the agreement's parties only.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { renderCallForFundsPdf, trancheDocumentModel } from "~/domain/finance/call-for-funds-pdf.server";
import { renderAcknowledgementPdf } from "~/domain/finance/receipt-ack-pdf.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { resolveLocale } from "~/lib/i18n/locale.server";

const Params = z.object({ trancheId: recordId, document: z.enum(["call", "acknowledgement"]) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const model = await trancheDocumentModel(db(), loaded.agreement.id, parsed.data.trancheId);
  if (!model) notFound();
  const locale = resolveLocale(request, user);
  const call = parsed.data.document === "call";
  if (call ? !model.called : !model.received) notFound();
  const bytes = call ? await renderCallForFundsPdf(model, locale) : await renderAcknowledgementPdf(model, locale);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${model.agreement.reference}-tranche-${model.tranche.number}-${parsed.data.document}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
