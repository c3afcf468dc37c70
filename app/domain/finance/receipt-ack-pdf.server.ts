/**
 * The acknowledgement of receipt of a tranche (accusé de réception de fonds): what reached the
 * association's account, in MAD, when, against what was paid, with the bank fees; in the reader's
 * language, drawn in the PDF worker.
 */
import { displayName } from "../organization/organization";
import { createTranslator, type MessageKey } from "~/lib/i18n/translate";
import type { Locale } from "~/lib/i18n/locales";
import { createDocument } from "~/lib/pdf/document.server";
import { workerTask } from "~/lib/worker-tasks.server";
import { bothNames, type TrancheDocumentModel } from "./call-for-funds-pdf.server";

async function drawAcknowledgement(model: TrancheDocumentModel, locale: Locale): Promise<Uint8Array> {
  const { t, formatDate, formatMoney } = createTranslator(locale);
  const m = model;
  const received = m.received!;
  const paid = m.paid;
  const doc = await createDocument({
    title: `${t("finance.ack.title")} · ${m.agreement.reference} · ${t("finance.tranche", { number: m.tranche.number })}`,
    subject: m.agreement.reference,
    creationDate: new Date(`${received.onDate}T12:00:00Z`),
    language: locale,
  });
  doc.paragraph(bothNames(m.receiver, locale), { bold: true });
  doc.spacer(12);
  doc.heading(`${t("finance.ack.title")} — ${t("finance.tranche", { number: m.tranche.number })}`, 1);
  const amountMad = formatMoney(received.amountMadMinor ?? 0, "MAD");
  doc.paragraph(
    t("finance.ack.body", {
      receiver: `\u2068${displayName(m.receiver, locale)}\u2069`,
      payer: `\u2068${displayName(m.payer, locale)}\u2069`,
      amount: `\u2066${amountMad}\u2069`,
      date: formatDate(received.onDate),
      reference: `\u2066${m.agreement.reference}\u2069`,
      number: m.tranche.number,
    }),
  );
  doc.spacer(8);
  const rows: Array<[string, string]> = [
    [t("finance.ack.received"), amountMad],
    [t("finance.ack.receivedOn"), formatDate(received.onDate)],
  ];
  if (paid) {
    rows.push([t("finance.ack.paid"), formatMoney(paid.amountMinor ?? 0, m.tranche.currency)]);
    rows.push([t("finance.ack.paidOn"), formatDate(paid.onDate)]);
    if (paid.method) rows.push([t("finance.method"), t(`finance.method.${paid.method}` as MessageKey)]);
    if (paid.reference) rows.push([t("finance.paymentReference"), paid.reference]);
  }
  if (received.feeMinor !== null) rows.push([t("finance.fees"), formatMoney(received.feeMinor, "MAD")]);
  doc.keyValues(rows);
  doc.spacer(24);
  doc.keyValues([
    [t("receipt.name"), m.receiver.signatoryName ?? "______________________________"],
    [t("receipt.role"), m.receiver.signatoryTitle ?? "______________________________"],
    [t("receipt.signature"), "\n\n______________________________"],
  ]);
  doc.setFooter((page, pages) => ({
    start: `${m.agreement.reference} · ${t("finance.ack.title")} · ${t("finance.tranche", { number: m.tranche.number })}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, so that requests are answered meanwhile. */
export const renderAcknowledgementPdf = workerTask("receipt-ack-pdf", drawAcknowledgement);
