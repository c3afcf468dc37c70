/**
 * The call for funds (appel de fonds) of a tranche — sent by the receiving association to the payer,
 * with its bank details — in the reader's language (Arabic shaped, right to left), drawn in the PDF
 * worker like the other documents. Its model also serves the acknowledgement (receipt-ack-pdf.server.ts).
 */
import type { DB } from "../../../db/client";
import { displayName } from "../organization/organization";
import { createTranslator, type MessageKey } from "~/lib/i18n/translate";
import type { Locale } from "~/lib/i18n/locales";
import { createDocument } from "~/lib/pdf/document.server";
import { workerTask } from "~/lib/worker-tasks.server";
import { formatRib } from "./dossier";
import { standingEvents } from "./tranche";
import { loadTranche } from "./tranches.server";

/** Everything both documents show, read on the request thread; null when the tranche is not this agreement's. */
export async function trancheDocumentModel(db: DB, agreementId: string, trancheId: string) {
  const tranche = await loadTranche(db, agreementId, trancheId);
  if (!tranche) return null;
  const agreement = await db
    .selectFrom("agreement")
    .select(["reference", "title", "title_secondary as titleSecondary"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const org = (partyId: string) =>
    db
      .selectFrom("agreement_party")
      .innerJoin("organization", "organization.id", "agreement_party.organization_id")
      .select([
        "organization.name_fr as nameFr",
        "organization.name_ar as nameAr",
        "organization.city",
        "organization.country",
        "organization.bank_name as bankName",
        "organization.bank_account as bankAccount",
        "agreement_party.signatory_name as signatoryName",
        "agreement_party.signatory_title as signatoryTitle",
      ])
      .where("agreement_party.id", "=", partyId)
      .executeTakeFirstOrThrow();
  const standing = standingEvents(tranche.events);
  const last = (kind: string) => [...standing].reverse().find((e) => e.kind === kind) ?? null;
  return {
    agreement,
    tranche: {
      number: tranche.number,
      amountMinor: tranche.amount_minor,
      currency: tranche.currency,
      condition: tranche.condition,
      dueSince: tranche.due_since,
    },
    payer: await org(tranche.payer_party_id),
    receiver: await org(tranche.receiver_party_id),
    called: last("called"),
    paid: last("paid"),
    received: last("received"),
  };
}

export type TrancheDocumentModel = NonNullable<Awaited<ReturnType<typeof trancheDocumentModel>>>;

/** Both names of an organization, the reader's language first. */
export function bothNames(o: { nameFr: string | null; nameAr: string | null }, locale: Locale) {
  const first = displayName(o, locale);
  const other = locale === "ar" ? o.nameFr : o.nameAr;
  return other && other !== first ? `${first} — ${other}` : first;
}

async function drawCallForFunds(model: TrancheDocumentModel, locale: Locale): Promise<Uint8Array> {
  const { t, formatDate, formatMoney } = createTranslator(locale);
  const m = model;
  const calledOn = m.called?.onDate ?? m.tranche.dueSince ?? "2020-01-01";
  const doc = await createDocument({
    title: `${t("finance.call.title")} · ${m.agreement.reference} · ${t("finance.tranche", { number: m.tranche.number })}`,
    subject: m.agreement.reference,
    creationDate: new Date(`${calledOn}T12:00:00Z`),
    language: locale,
  });
  doc.paragraph(bothNames(m.receiver, locale), { bold: true });
  if (m.receiver.city) doc.paragraph(m.receiver.city, { size: 10, color: [0.38, 0.38, 0.42] });
  doc.spacer(12);
  doc.paragraph(`${t("finance.call.to")} ${bothNames(m.payer, locale)}`);
  doc.paragraph(formatDate(calledOn), { size: 10 });
  doc.spacer(12);
  doc.heading(`${t("finance.call.title")} — ${t("finance.tranche", { number: m.tranche.number })}`, 1);
  const amount = formatMoney(m.tranche.amountMinor, m.tranche.currency);
  doc.paragraph(
    t("finance.call.body", {
      reference: `\u2066${m.agreement.reference}\u2069`,
      title: `\u2068${m.agreement.title}\u2069`,
      amount: `\u2066${amount}\u2069`,
      number: m.tranche.number,
      condition: t(`tranche.condition.${m.tranche.condition}` as MessageKey),
    }),
  );
  doc.spacer(8);
  doc.keyValues([
    [t("finance.call.amount"), amount],
    [t("finance.call.accountHolder"), bothNames(m.receiver, locale)],
    [t("finance.bank.name"), m.receiver.bankName ?? "—"],
    [t("finance.bank.account"), m.receiver.bankAccount ? formatRib(m.receiver.bankAccount) : t("finance.bank.missing")],
    [t("finance.call.paymentReference"), `${m.agreement.reference}-T${m.tranche.number}`],
    ...(m.tranche.dueSince
      ? ([[t("finance.dueSince"), formatDate(m.tranche.dueSince)]] as Array<[string, string]>)
      : []),
  ]);
  doc.spacer(24);
  doc.paragraph(t("finance.call.closing"));
  doc.spacer(12);
  doc.keyValues([
    [t("receipt.name"), m.receiver.signatoryName ?? "______________________________"],
    [t("receipt.role"), m.receiver.signatoryTitle ?? "______________________________"],
    [t("receipt.signature"), "\n\n______________________________"],
  ]);
  doc.setFooter((page, pages) => ({
    start: `${m.agreement.reference} · ${t("finance.call.title")} · ${t("finance.tranche", { number: m.tranche.number })}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, so that requests are answered meanwhile. */
export const renderCallForFundsPdf = workerTask("call-for-funds-pdf", drawCallForFunds);
