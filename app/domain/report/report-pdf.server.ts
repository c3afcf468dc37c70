/**
 * A report as a PDF in the reader's language (Arabic shaped right to left, the text layer as typed —
 * the PDF engine's): the version's sections, the indicators table, deliveries and beneficiaries, the
 * financial statement, thumbnails of the photo annexes, the review history, and the version's
 * SHA-256 with a QR code to /verify. The model is read on the request thread; the worker draws it.
 * The same version, language and history always give the same bytes (registered for /verify).
 */
import type { DB } from "../../../db/client";
import { displayName } from "../organization/organization";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { markdownBlocks } from "~/lib/markdown-text.server";
import { createDocument, type PdfBuilder } from "~/lib/pdf/document.server";
import { readStoredFile } from "~/lib/uploads.server";
import { workerTask } from "~/lib/worker-tasks.server";
import type { ReportSnapshot } from "./report";
import { getReportVersion, reportAnnexes, reportReviews, type LoadedReport } from "./report-queries.server";

const MAX_THUMBNAILS = 6;

export async function reportPdfModel(db: DB, report: LoadedReport, number: number, origin: string) {
  const version = (await getReportVersion(db, report.id, number))!;
  const stored = new Map((await reportAnnexes(db, report.id)).map((a) => [a.id, a.storedName]));
  const reviews = (await reportReviews(db, report.id)).filter((r) => r.versionNumber <= number);
  const submissions = await db
    .selectFrom("report_version")
    .leftJoin("user", "user.id", "report_version.submitted_by")
    .select(["report_version.number", "report_version.submitted_at as at", "user.name"])
    .where("report_version.report_id", "=", report.id)
    .where("report_version.number", "<=", number)
    .orderBy("report_version.number")
    .execute();
  const reference = version.content.agreement.reference;
  return {
    content: version.content,
    number,
    hash: version.sha256,
    submittedAt: version.submittedAt,
    photos: version.content.annexes
      .filter((a) => a.kind === "photo" && stored.has(a.id))
      .slice(0, MAX_THUMBNAILS)
      .map((a) => ({ storedName: stored.get(a.id)!, caption: a.name })),
    history: [
      ...submissions.map((s) => ({ at: s.at, number: s.number, kind: "submitted" as const, name: s.name ?? "" })),
      ...reviews.map((r) => ({
        at: r.createdAt,
        number: r.versionNumber,
        kind: r.decision,
        name: r.name,
        organization: { nameFr: r.nameFr, nameAr: r.nameAr },
        reservations: r.reservations,
        hash: r.contentHash,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
    verifyUrl: `${origin}/verify?reference=${encodeURIComponent(reference)}&hash=${version.sha256}`,
    shortUrl: `${origin}/v/${version.sha256.slice(0, 16)}`,
  };
}

export type ReportPdfModel = Awaited<ReturnType<typeof reportPdfModel>>;

function markdown(doc: PdfBuilder, source: string) {
  for (const block of markdownBlocks(source)) doc.paragraph(block.text, block.kind === "heading" ? { bold: true } : {});
}

const MUTED = [0.38, 0.38, 0.42] as [number, number, number];

async function drawReportPdf(model: ReportPdfModel, locale: Locale): Promise<Uint8Array> {
  const { t, formatDate, formatNumber, formatMoney } = createTranslator(locale);
  const s: ReportSnapshot = model.content;
  const kind = t(`reports.kind.${s.report.kind}`);
  const period = t("reports.period", { from: formatDate(s.report.periodFrom), to: formatDate(s.report.periodTo) });
  const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
  const doc = await createDocument({
    title: `${kind} · ${s.agreement.reference}`,
    subject: s.agreement.title,
    keywords: [s.agreement.reference, `sha256:${model.hash}`],
    creationDate: new Date(model.submittedAt),
    language: locale,
  });

  doc.paragraph(`${s.agreement.reference} · ${s.agreement.title}`, { size: 10, color: MUTED });
  if (s.agreement.titleSecondary) doc.paragraph(s.agreement.titleSecondary, { size: 10, color: MUTED });
  doc.spacer(8);
  doc.heading(kind, 1);
  doc.keyValues([
    [t("reports.periodLabel"), period],
    [t("reports.reportingParty"), displayName(s.report.party, locale)],
    [t("reports.versionLabel"), `${s.report.number} · ${utc(model.submittedAt)}`],
  ]);

  const narrative = (title: string, text: string) => {
    doc.heading(title, 2);
    if (text.trim()) markdown(doc, text);
    else doc.paragraph("—", { color: MUTED });
  };
  narrative(t("reports.section.summary"), s.sections.summary);
  narrative(t("reports.section.activities"), s.sections.activities);

  doc.heading(t("reports.section.results"), 2);
  if (s.sections.indicators.length === 0) doc.paragraph(t("reports.indicator.none"), { size: 10 });
  for (const i of s.sections.indicators) {
    doc.paragraph(`${i.objective} — ${i.name}`, { bold: true, size: 10 });
    doc.paragraph(
      `${t("reports.indicator.baselineTarget")}: ${t("indicator.range", { baseline: formatNumber(i.baseline), target: formatNumber(i.target) })} ${i.unit} · ${t("reports.indicator.value")}: ${formatNumber(i.value)} ${i.unit}`,
      { size: 10 },
    );
    if (i.comment) doc.paragraph(i.comment, { size: 10, color: MUTED });
  }

  doc.heading(t("reports.section.deliveries"), 2);
  if (s.deliveries.length === 0) doc.paragraph(t("reports.deliveries.none"), { size: 10 });
  doc.keyValues(
    s.deliveries.map((d): [string, string] => [
      `${formatDate(d.on)} · ${d.deliverable}`,
      `${formatNumber(d.quantity)} ${d.unit} · ${t("reports.deliveries.beneficiaries")} ${formatNumber(d.beneficiaries)}`,
    ]),
  );
  doc.paragraph(
    t("reports.beneficiaries.total", {
      total: formatNumber(s.beneficiaries.total),
      women: formatNumber(s.beneficiaries.women),
      men: formatNumber(s.beneficiaries.men),
      children: formatNumber(s.beneficiaries.children),
    }),
    { bold: true, size: 10 },
  );
  if (s.sections.deliveriesComment.trim()) markdown(doc, s.sections.deliveriesComment);

  narrative(t("reports.section.difficulties"), s.sections.difficulties);
  narrative(t("reports.section.next_period"), s.sections.nextPeriod);

  // The financial statement.
  const f = s.financial;
  const money = (minor: number) => formatMoney(minor, f.currency);
  doc.heading(t("reports.section.financial"), 2);
  doc.keyValues([
    [t("reports.financial.received"), money(f.receivedInPeriod)],
    [t("reports.financial.spent"), money(f.spentInPeriod)],
    [t("reports.financial.receivedToDate"), money(f.receivedToDate)],
    [t("reports.financial.spentToDate"), money(f.spentToDate)],
    [t("reports.financial.balance"), money(f.balance)],
  ]);
  if (f.lines.length) {
    doc.heading(t("reports.financial.byLine"), 3);
    doc.keyValues(
      f.lines.map((l): [string, string] => [
        `${l.position}. ${l.description}`,
        `${t("reports.financial.budget")} ${money(l.budget)} · ${t("reports.financial.spent")} ${money(l.spentInPeriod)} · ${t("reports.financial.spentToDate")} ${money(l.spentToDate)}`,
      ]),
    );
  }
  doc.heading(t("reports.financial.expenses"), 3);
  if (f.expenses.length === 0) doc.paragraph(t("reports.financial.noExpense"), { size: 10 });
  doc.keyValues(
    f.expenses.map((e): [string, string] => [
      `${formatDate(e.on)} · ${e.line}. ${e.supplier}`,
      `${e.description} · ${money(e.amount)}`,
    ]),
  );
  if (s.sections.financialComment.trim()) markdown(doc, s.sections.financialComment);

  doc.heading(t("reports.section.annexes"), 2);
  if (s.annexes.length === 0) doc.paragraph(t("reports.annexes.none"), { size: 10 });
  doc.keyValues(
    s.annexes.map((a): [string, string] => [
      a.name,
      `${t(`reports.annex.${a.kind}`)} · SHA-256 ${a.sha256.slice(0, 16)}…`,
    ]),
  );
  for (let i = 0; i < model.photos.length; i += 3)
    await doc.imageRow(
      model.photos
        .slice(i, i + 3)
        .map((p) => ({ bytes: new Uint8Array(readStoredFile(p.storedName)), caption: p.caption })),
      { width: 150, height: 110 },
    );

  doc.heading(t("reports.history"), 2);
  doc.keyValues(
    model.history.map((h): [string, string] => [
      utc(h.at),
      h.kind === "submitted"
        ? t("reports.history.submitted", { number: h.number, name: h.name })
        : `${t(`reports.decision.${h.kind}`)} · ${h.name} (${displayName(h.organization, locale)}) · ${t("reports.versionLabel")} ${h.number}${h.reservations ? ` — ${h.reservations}` : ""}`,
    ]),
  );

  doc.spacer(8);
  doc.paragraph(`SHA-256 ${model.hash}`, { size: 8, color: MUTED, dir: "ltr" });
  doc.qrCode(model.verifyUrl, `${t("pdf.verifyAt")} ${model.shortUrl}`, 84);
  doc.setFooter((page, pages) => ({
    start: `${s.agreement.reference} · ${kind} · ${t("reports.versionLabel")} ${model.number}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, like the other documents, so that requests are answered meanwhile. */
export const renderReportPdf = workerTask("report-pdf", drawReportPdf);
