/**
 * The agreement as a PDF: title page, numbered articles, signature page (names, titles,
 * dates, drawn signatures and stamps) and a certificate page with the signing timeline —
 * from a plain view model, laid out by app/lib/pdf. The same version, signatures and
 * language always give the same bytes, which is what lets /verify recognise a PDF.
 */
import type { DB } from "../../../db/client";
import type { AgreementSnapshot } from "../agreement/snapshot";
import { computedEndDate } from "../agreement/lifecycle";
import { drawBudgetAndSchedule } from "../finance/budget-pdf.server";
import { createDocument } from "~/lib/pdf/document.server";
import { markdownBlocks } from "~/lib/markdown-text.server";
import { createTranslator } from "~/lib/i18n/translate";
import { ar } from "~/lib/i18n/messages/ar";
import { fr } from "~/lib/i18n/messages/fr";
import type { Locale } from "~/lib/i18n/locales";
import { readStoredFile } from "~/lib/uploads.server";
import { workerTask } from "~/lib/worker-tasks.server";

export interface AgreementPdfModel {
  locale: Locale;
  snapshot: AgreementSnapshot;
  version: { number: number; hash: string; frozenAt: string } | null;
  signatures: Array<{
    partyIndex: number;
    signerName: string;
    signerTitle: string | null;
    /** The day signed (a paper ceremony's date), and the instant for a signature in the app. */
    signedOn: string;
    signedAt: string | null;
    method: "in_app" | "paper";
    ip: string | null;
    drawing: Uint8Array | null;
    stamp: Uint8Array | null;
  }>;
  stamps: Array<Uint8Array | null>;
  /** The ceremony (its date, no time, and place) and, apart, when and by whom it was recorded. */
  paper: {
    signedOn: string;
    place: string;
    scanSha256: string;
    recordedAt: string;
    recordedBy: string | null;
  } | null;
  timeline: Array<{
    at: string;
    type: string;
    who: string | null;
    ip: string | null;
    hash: string | null;
    reason: string | null;
    /** For a paper signing's recording: the ceremony it records. */
    ceremony: { date: string; place: string } | null;
  }>;
  verifyUrl: string | null;
  shortUrl: string | null;
}

function dataUrlBytes(dataUrl: string | null): Uint8Array | null {
  if (!dataUrl?.startsWith("data:image/png;base64,")) return null;
  return new Uint8Array(Buffer.from(dataUrl.slice("data:image/png;base64,".length), "base64"));
}

function stampBytes(storedName: string | null): Uint8Array | null {
  if (!storedName) return null;
  try {
    return new Uint8Array(readStoredFile(storedName));
  } catch {
    return null;
  }
}

/** Everything the PDF shows, for the agreement's last frozen version (or its current draft). */
export async function agreementPdfModel(
  db: DB,
  agreementId: string,
  current: AgreementSnapshot,
  locale: Locale,
  origin: string,
): Promise<AgreementPdfModel> {
  const agreement = await db
    .selectFrom("agreement")
    .select(["text_version"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const version = agreement.text_version
    ? await db
        .selectFrom("agreement_version")
        .select(["number", "hash", "snapshot", "created_at"])
        .where("agreement_id", "=", agreementId)
        .where("number", "=", agreement.text_version)
        .executeTakeFirst()
    : undefined;
  const snapshot = version ? (JSON.parse(version.snapshot) as AgreementSnapshot) : current;

  const parties = await db
    .selectFrom("agreement_party")
    .leftJoin("organization", "organization.id", "agreement_party.organization_id")
    .leftJoin("attachment", "attachment.id", "organization.stamp_attachment_id")
    .select(["agreement_party.id", "attachment.stored_name as stampFile"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .orderBy("agreement_party.signing_order")
    .orderBy("agreement_party.created_at")
    .execute();
  const signatures = version
    ? await db
        .selectFrom("signature")
        .selectAll()
        .where("agreement_id", "=", agreementId)
        .where("version_number", "=", version.number)
        .where("status", "=", "valid")
        .orderBy("signed_on")
        .orderBy("signed_at")
        .orderBy("created_at")
        .execute()
    : [];
  const paper = version
    ? await db
        .selectFrom("paper_signing")
        .innerJoin("attachment", "attachment.id", "paper_signing.scan_attachment_id")
        .leftJoin("user", "user.id", "paper_signing.recorded_by_user_id")
        .select([
          "paper_signing.signed_on",
          "paper_signing.place",
          "paper_signing.recorded_at",
          "user.name as recordedBy",
          "attachment.sha256",
        ])
        .where("paper_signing.agreement_id", "=", agreementId)
        .where("paper_signing.version_number", "=", version.number)
        .executeTakeFirst()
    : undefined;
  const events = version
    ? await db
        .selectFrom("audit_event")
        .leftJoin("user", "user.id", "audit_event.actor_user_id")
        .select(["audit_event.type", "audit_event.created_at", "audit_event.ip", "audit_event.data", "user.name"])
        .where("audit_event.agreement_id", "=", agreementId)
        .where("audit_event.type", "in", [
          "agreement.version_frozen",
          "agreement.signing_viewed",
          "agreement.signed",
          "agreement.declined",
          "agreement.signed_on_paper",
          "agreement.transitioned",
        ])
        .orderBy("audit_event.seq")
        .execute()
    : [];
  const stamps = parties.map((p) => stampBytes(p.stampFile));
  return {
    locale,
    snapshot,
    version: version ? { number: version.number, hash: version.hash, frozenAt: version.created_at } : null,
    signatures: signatures.map((s) => {
      const partyIndex = parties.findIndex((p) => p.id === s.party_id);
      return {
        partyIndex,
        signerName: s.signer_name,
        signerTitle: s.signer_title,
        signedOn: s.signed_on,
        signedAt: s.signed_at,
        method: s.method,
        ip: s.ip,
        drawing: dataUrlBytes(s.drawing_png),
        stamp: stamps[partyIndex] ?? null,
      };
    }),
    stamps,
    paper: paper
      ? {
          signedOn: paper.signed_on,
          place: paper.place,
          scanSha256: paper.sha256,
          recordedAt: paper.recorded_at,
          recordedBy: paper.recordedBy,
        }
      : null,
    timeline: events
      .filter((e) => {
        if (e.type !== "agreement.transitioned") return true;
        const data = JSON.parse(e.data) as { to?: string };
        return data.to === "active" || data.to === "awaiting_signatures";
      })
      .filter((e) => {
        if (e.type !== "agreement.version_frozen") return true;
        return (JSON.parse(e.data) as { number?: number }).number === version?.number;
      })
      .map((e) => {
        const data = JSON.parse(e.data) as Record<string, unknown>;
        return {
          at: e.created_at,
          type: e.type === "agreement.transitioned" ? `agreement.transitioned.${String(data.to)}` : e.type,
          who: (data.name as string | undefined) ?? e.name ?? null,
          ip: e.ip,
          hash: typeof data.hash === "string" ? data.hash : null,
          // A decline's reason (a frozen version's "reason" is why it was frozen, not worth a line).
          reason: e.type === "agreement.declined" && typeof data.reason === "string" ? data.reason : null,
          ceremony:
            e.type === "agreement.signed_on_paper" && typeof data.date === "string"
              ? { date: data.date, place: String(data.place ?? "") }
              : null,
        };
      }),
    verifyUrl: version
      ? `${origin}/verify?reference=${encodeURIComponent(snapshot.reference)}&hash=${version.hash}`
      : null,
    shortUrl: version ? `${origin}/v/${version.hash.slice(0, 16)}` : null,
  };
}

function partyName(p: AgreementSnapshot["parties"][number], locale: Locale): string {
  const [first, second] = locale === "ar" ? [p.nameAr, p.nameFr] : [p.nameFr, p.nameAr];
  return [first, second].filter(Boolean).join(" — ");
}

async function drawAgreementPdf(model: AgreementPdfModel): Promise<Uint8Array> {
  const translator = createTranslator(model.locale);
  const { t, formatDate, formatMoney, labelled, list } = translator;
  const s = model.snapshot;
  const utc = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
  const doc = await createDocument({
    title: [s.title, s.titleSecondary].filter(Boolean).join(" / "),
    subject: s.reference,
    keywords: [s.reference, ...(model.version ? [`sha256:${model.version.hash}`] : [])],
    creationDate: new Date(model.version?.frozenAt ?? "2020-01-01T00:00:00Z"),
    language: model.locale,
  });

  // Title page
  doc.paragraph(`${s.reference} · ${t(`kind.${s.kind}` as "kind.partnership")}`, {
    size: 10,
    color: [0.38, 0.38, 0.42],
  });
  doc.spacer(24);
  doc.heading(s.title, 1);
  if (s.titleSecondary) doc.heading(s.titleSecondary, 1);
  doc.spacer(12);
  if (!model.version) doc.paragraph(t("pdf.draft"), { bold: true, color: [0.7, 0.2, 0.1] });
  doc.heading(t("agreement.parties"), 2);
  s.parties.forEach((p) => {
    doc.paragraph(partyName(p, model.locale), { bold: true });
    const details = [
      t(`role.${p.role}` as "role.partner"),
      p.signatoryName
        ? labelled(t("party.signatoryName"), list([p.signatoryName, p.signatoryTitle].filter((x): x is string => !!x)))
        : null,
      p.contributionCents !== null
        ? labelled(t("party.contribution"), formatMoney(p.contributionCents, s.currency))
        : null,
      p.contributionInKind ? labelled(t("party.contributionInKind"), p.contributionInKind) : null,
    ].filter(Boolean);
    for (const line of details) doc.paragraph(line!, { size: 10 });
  });
  const end = computedEndDate({ effectiveDate: s.effectiveDate, endDate: s.endDate, durationMonths: s.durationMonths });
  const rows: Array<[string, string]> = [];
  if (s.territory) rows.push([t("agreement.field.territory"), s.territory]);
  if (s.signingPlace) rows.push([t("agreement.field.signingPlace"), s.signingPlace]);
  if (s.effectiveDate) rows.push([t("agreement.field.effectiveDate"), formatDate(s.effectiveDate)]);
  if (end) rows.push([t("agreement.field.endDate"), formatDate(end)]);
  if (s.totalBudgetCents !== null)
    rows.push([t("agreement.field.totalBudget"), formatMoney(s.totalBudgetCents, s.currency)]);
  if (model.version) rows.push([t("pdf.version"), `${model.version.number} — SHA-256 ${model.version.hash}`]);
  doc.spacer(8);
  doc.keyValues(rows);
  if (model.shortUrl && model.verifyUrl) doc.qrCode(model.verifyUrl, `${t("pdf.verifyAt")} ${model.shortUrl}`, 84);

  // Purpose and articles
  doc.pageBreak();
  if (s.purpose.trim()) {
    doc.heading(t("agreement.field.purpose"), 2);
    for (const block of markdownBlocks(s.purpose))
      doc.paragraph(block.text, block.kind === "heading" ? { bold: true } : {});
  }
  const obligationLine = (o: NonNullable<AgreementSnapshot["obligations"]>[number]) =>
    `• ${labelled(o.party, o.description)}${o.dueDate ? ` — ${t("obligations.dueDate")} ${formatDate(o.dueDate)}` : ""}${o.recurrence !== "none" ? ` — ${t(`recurrence.${o.recurrence}` as "recurrence.none")}` : ""}`;
  for (const clause of s.clauses) {
    doc.heading(`${t("clauses.article", { number: clause.number })} — ${clause.heading}`, 3);
    for (const block of markdownBlocks(clause.body))
      doc.paragraph(block.text, block.kind === "heading" ? { bold: true } : {});
    if (clause.obligations?.length) {
      doc.paragraph(t("agreement.tabs.obligations"), { bold: true, size: 10 });
      for (const o of clause.obligations) doc.paragraph(obligationLine(o), { size: 10 });
    }
  }
  if (s.obligations?.length) {
    doc.heading(t("agreement.tabs.obligations"), 3);
    for (const o of s.obligations) doc.paragraph(obligationLine(o), { size: 10 });
  }
  drawBudgetAndSchedule(doc, s, translator);

  // Signature page
  doc.pageBreak();
  doc.heading(t("pdf.signatures"), 2);
  const paper = model.paper;
  const recorder = paper?.recordedBy ?? t("history.system");
  if (paper) {
    doc.paragraph(t("pdf.paperSigned", { place: paper.place, date: formatDate(paper.signedOn) }));
    // Isolated (FSI/LRI … PDI): in an Arabic sentence a Latin name or a timestamp keeps its own order.
    doc.paragraph(
      t("pdf.paperRecorded", { name: `\u2068${recorder}\u2069`, at: `\u2066${utc(paper.recordedAt)}\u2069` }),
      {
        size: 9,
        color: [0.38, 0.38, 0.42],
      },
    );
  }
  for (const [index, party] of s.parties.entries()) {
    const signature = model.signatures.find((sig) => sig.partyIndex === index);
    doc.heading(partyName(party, model.locale), 3);
    doc.keyValues([
      [t("party.signatoryName"), signature?.signerName ?? party.signatoryName ?? "—"],
      [t("party.signatoryTitle"), signature?.signerTitle ?? party.signatoryTitle ?? "—"],
      [
        t("pdf.signedAt"),
        !signature
          ? t("signing.awaiting")
          : signature.signedAt
            ? utc(signature.signedAt)
            : formatDate(signature.signedOn),
      ],
      [
        t("pdf.method"),
        signature ? t(signature.method === "paper" ? "verify.method.paper" : "verify.method.inApp") : "—",
      ],
    ]);
    const images = [
      ...(signature?.drawing ? [{ bytes: signature.drawing, caption: t("pdf.drawnSignature") }] : []),
      ...(model.stamps[index] ? [{ bytes: model.stamps[index]!, caption: t("stamp.title") }] : []),
    ];
    if (images.length) await doc.imageRow(images, { width: 150, height: 70 });
  }

  // Certificate page
  if (model.version) {
    doc.pageBreak();
    doc.heading(t("pdf.certificate"), 2);
    // What each signature is, said for how it was made: a ceremony on paper is no electronic signature.
    const inApp = model.signatures.some((sig) => sig.method === "in_app");
    if (inApp || !paper) doc.paragraph(t("signing.legal"), { size: 9 });
    if (paper)
      doc.paragraph(t("pdf.paperLegal", { place: paper.place, date: formatDate(paper.signedOn) }), { size: 9 });
    doc.keyValues([
      [t("pdf.reference"), s.reference],
      [t("pdf.version"), String(model.version.number)],
      [t("pdf.hash"), model.version.hash],
      ...(paper
        ? ([
            [t("pdf.paperSignedOn"), formatDate(paper.signedOn)],
            [t("agreement.field.signingPlace"), paper.place],
            [t("pdf.recordedBy"), recorder],
            [t("pdf.recordedAt"), utc(paper.recordedAt)],
            [t("pdf.scanHash"), paper.scanSha256],
          ] as Array<[string, string]>)
        : []),
    ]);
    doc.heading(t("pdf.timeline"), 3);
    for (const event of model.timeline) {
      const label = t(`pdf.event.${event.type}` as "pdf.event.agreement.signed");
      // One line per part that has something to say: no separator is left with nothing after it.
      const lines = [
        [label, event.who, event.ip ? `IP ${event.ip}` : null].filter(Boolean).join(" · "),
        event.ceremony
          ? t("pdf.paperCeremony", { date: formatDate(event.ceremony.date), place: event.ceremony.place })
          : null,
        event.reason,
        event.hash,
      ];
      doc.keyValues([[utc(event.at), lines.filter(Boolean).join("\n")]]);
    }
  }

  doc.setFooter((page, pages) => ({
    start: model.version
      ? `${s.reference} · v${model.version.number} · SHA-256 ${model.version.hash.slice(0, 16)}…`
      : `${s.reference} · ${t("pdf.draftShort")}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, so that requests are answered meanwhile. */
export const renderAgreementPdf = workerTask("agreement-pdf", drawAgreementPdf);

/**
 * Draws a made-up signed 40-article agreement in French and in Arabic, `rounds` times each, and
 * throws the bytes away. The PDF worker calls it once it has started: the first real agreement then
 * finds the code compiled and optimised and the common words measured, instead of paying for it
 * (drawn in-process, the first agreement took ~2–4× a later one).
 */
export async function warmUpAgreementPdf(rounds = 1): Promise<void> {
  for (const locale of ["fr", "ar"] as const)
    for (let r = 0; r < rounds; r++) await drawAgreementPdf(sampleAgreementPdfModel(locale));
}

/** A made-up signed agreement of 40 articles whose words are the interface's own, in `locale`. */
export function sampleAgreementPdfModel(locale: "fr" | "ar"): AgreementPdfModel {
  const words = Object.values(locale === "ar" ? ar : fr)
    .filter((m): m is string => typeof m === "string")
    .join(" ")
    .replace(/\{[^}]+\}/g, "1")
    .split(/\s+/);
  const text = (i: number, n: number) =>
    Array.from({ length: n }, (_, k) => words[(i * 97 + k) % words.length]).join(" ");
  const at = "2026-01-02T10:00:00.000Z";
  return {
    locale,
    snapshot: {
      reference: "CV-2026-0001",
      kind: "partnership",
      title: text(1, 8),
      titleSecondary: text(2, 6),
      purpose: text(3, 60),
      territory: text(4, 3),
      signingPlace: text(5, 2),
      effectiveDate: "2026-01-01",
      endDate: null,
      durationMonths: 24,
      tacitRenewal: false,
      renewalNoticeDays: null,
      currency: "MAD",
      totalBudgetCents: 125_000_00,
      parties: [0, 1].map((i) => ({
        nameFr: text(6 + i, 4),
        nameAr: text(8 + i, 4),
        role: i ? "partner" : "association",
        signatoryName: text(10 + i, 2),
        signatoryTitle: text(12 + i, 2),
        contributionCents: 50_000_00,
        contributionInKind: null,
      })),
      clauses: Array.from({ length: 40 }, (_, i) => ({
        number: i + 1,
        heading: text(20 + i, 5),
        body: `${text(60 + i, 70)}\n\n${text(100 + i, 50)}`,
      })),
    },
    version: { number: 1, hash: "0".repeat(64), frozenAt: at },
    signatures: [0, 1].map((partyIndex) => ({
      partyIndex,
      signerName: text(10 + partyIndex, 2),
      signerTitle: null,
      signedOn: "2026-01-02",
      signedAt: at,
      method: "in_app",
      ip: "192.0.2.1",
      drawing: null,
      stamp: null,
    })),
    stamps: [null, null],
    paper: null,
    timeline: [0, 1, 2].map((i) => ({
      at,
      type: "agreement.signed",
      who: text(10 + i, 2),
      ip: "192.0.2.1",
      hash: "0".repeat(64),
      reason: null,
      ceremony: null,
    })),
    verifyUrl: "https://charaka.example/verify/0000000000000000",
    shortUrl: "charaka.example/v/00000000",
  };
}
