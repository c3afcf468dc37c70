/**
 * The reception receipt (procès-verbal de réception / bon de livraison) of one delivery: what was
 * handed over, to be signed on paper by the receiving side; its scan is then attached to the delivery.
 */
import type { DB } from "../../../db/client";
import { createDocument } from "~/lib/pdf/document.server";
import { createTranslator } from "~/lib/i18n/translate";
import type { Locale } from "~/lib/i18n/locales";
import { workerTask } from "~/lib/worker-tasks.server";
import { joinPartyOrganization, ORGANIZATION_NAMES } from "../party/party.queries.server";

export async function receiptModel(db: DB, agreementId: string, deliveryId: string) {
  const row = await db
    .selectFrom("delivery")
    .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
    .innerJoin("agreement", "agreement.id", "deliverable.agreement_id")
    .$call(joinPartyOrganization("deliverable.responsible_party_id"))
    .select([
      "delivery.id",
      "delivery.delivered_on as deliveredOn",
      "delivery.quantity",
      "delivery.beneficiaries",
      "delivery.place",
      "delivery.note",
      "delivery.created_at as createdAt",
      "deliverable.title as deliverableTitle",
      "deliverable.unit",
      "deliverable.location",
      "agreement.reference",
      "agreement.title as agreementTitle",
      "agreement.title_secondary as agreementTitleSecondary",
      ...ORGANIZATION_NAMES,
    ])
    .where("delivery.id", "=", deliveryId)
    .where("agreement.id", "=", agreementId)
    .executeTakeFirst();
  if (!row) return null;
  const items = await db
    .selectFrom("delivery_item")
    .innerJoin("deliverable_item", "deliverable_item.id", "delivery_item.item_id")
    .select(["deliverable_item.name", "delivery_item.quantity"])
    .where("delivery_item.delivery_id", "=", deliveryId)
    .orderBy("deliverable_item.position")
    .execute();
  return { ...row, items };
}

async function drawReceiptPdf(
  model: NonNullable<Awaited<ReturnType<typeof receiptModel>>>,
  locale: Locale,
): Promise<Uint8Array> {
  const { t, formatDate, formatNumber } = createTranslator(locale);
  const doc = await createDocument({
    title: t("receipt.title"),
    subject: model.reference,
    creationDate: new Date(model.createdAt),
    language: locale,
  });
  doc.paragraph(`${model.reference} · ${model.agreementTitle}`, { size: 10, color: [0.38, 0.38, 0.42] });
  if (model.agreementTitleSecondary)
    doc.paragraph(model.agreementTitleSecondary, { size: 10, color: [0.38, 0.38, 0.42] });
  doc.spacer(12);
  doc.heading(t("receipt.title"), 1);
  doc.keyValues([
    [t("deliverables.title"), model.deliverableTitle],
    [t("receipt.deliveredBy"), [model.nameFr, model.nameAr].filter(Boolean).join(" — ")],
    [t("deliveries.date"), formatDate(model.deliveredOn)],
    [t("deliveries.place"), model.place ?? model.location ?? "—"],
    [t("deliveries.beneficiaries"), formatNumber(model.beneficiaries)],
  ]);
  doc.heading(t("receipt.items"), 3);
  if (model.items.length) for (const item of model.items) doc.keyValues([[item.name, formatNumber(item.quantity)]]);
  else doc.keyValues([[model.unit, formatNumber(model.quantity)]]);
  if (model.note) doc.paragraph(model.note);
  doc.spacer(24);
  doc.heading(t("receipt.receivedBy"), 3);
  doc.keyValues([
    [t("receipt.name"), "______________________________"],
    [t("receipt.role"), "______________________________"],
    [t("receipt.date"), "______________________________"],
    [t("receipt.signature"), "\n\n______________________________"],
  ]);
  doc.setFooter((page, pages) => ({ start: `${model.reference} · ${t("receipt.title")}`, end: `${page} / ${pages}` }));
  return doc.finish();
}

/** Drawn in the server's worker thread, so that requests are answered meanwhile. */
export const renderReceiptPdf = workerTask("receipt-pdf", drawReceiptPdf);
