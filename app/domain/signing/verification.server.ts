/**
 * Verification, for anyone holding a Charaka PDF or a reference and a hash: does it match a
 * signed version, which one, who signed when — and nothing else about the agreement.
 * And the integrity check for the parties: every stored hash recomputed.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import type { AgreementSnapshot } from "../agreement/snapshot";
import { serializeSnapshot, snapshotHash } from "../agreement/snapshot";
import { checkAgreementEntries, checkAuditChain } from "../audit/audit.server";
import { sha256Hex } from "~/lib/crypto.server";
import { securityEvent } from "~/lib/log.server";
import { nowIso } from "~/lib/time";
import { readStoredFile } from "~/lib/uploads.server";
import type { ReportDecision, ReportKind } from "../../../db/schema";
import { reportIntegrity } from "../report/report-queries.server";

export type Verdict =
  | {
      match: true;
      reference: string;
      versionNumber: number;
      hash: string;
      signed: boolean;
      signers: VerdictSigner[];
    }
  | ReportVerdict
  | { match: false };

/** A report's version (told apart by `document`): which report, and which partners reviewed that text, how and when. */
export interface ReportVerdict {
  match: true;
  document: "report";
  reference: string;
  versionNumber: number;
  hash: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  accepted: boolean;
  reviewers: Array<{ name: string; organization: string; decision: ReportDecision; at: string }>;
  /** A report is reviewed, not signed: no signers. */
  signed: false;
  signers: VerdictSigner[];
}

/**
 * Who signed and when: in the app, the instant; on paper, the ceremony's day (no time) and, apart,
 * when the ceremony was recorded in Charaka.
 */
export type VerdictSigner = { name: string; organization: string } & (
  { method: "in_app"; signedAt: string } | { method: "paper"; signedOn: string; recordedAt: string | null }
);

async function verdictFor(
  db: DB,
  agreementId: string,
  reference: string,
  versionNumber: number,
  hash: string,
): Promise<Verdict> {
  const signers = await db
    .selectFrom("signature")
    .innerJoin("organization", "organization.id", "signature.organization_id")
    .leftJoin("paper_signing", "paper_signing.id", "signature.paper_signing_id")
    .select([
      "signature.signer_name",
      "signature.signed_on",
      "signature.signed_at",
      "signature.method",
      "paper_signing.recorded_at",
      "organization.name_fr",
      "organization.name_ar",
    ])
    .where("signature.agreement_id", "=", agreementId)
    .where("signature.version_number", "=", versionNumber)
    .where("signature.content_hash", "=", hash)
    .where("signature.status", "=", "valid")
    .orderBy("signature.signed_on")
    .orderBy("signature.signed_at")
    .orderBy("signature.created_at")
    .execute();
  const parties = await db
    .selectFrom("agreement_party")
    .select(sql<number>`count(*)`.as("n"))
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  return {
    match: true,
    reference,
    versionNumber,
    hash,
    signed: signers.length > 0 && signers.length >= Number(parties?.n ?? 0),
    signers: signers.map((s): VerdictSigner => {
      const who = { name: s.signer_name, organization: s.name_fr ?? s.name_ar ?? "" };
      return s.method === "in_app" && s.signed_at
        ? { ...who, method: "in_app", signedAt: s.signed_at }
        : { ...who, method: "paper", signedOn: s.signed_on, recordedAt: s.recorded_at };
    }),
  };
}

export async function verifyReferenceAndHash(db: DB, reference: string, hash: string): Promise<Verdict> {
  const row = await db
    .selectFrom("agreement_version")
    .innerJoin("agreement", "agreement.id", "agreement_version.agreement_id")
    .select(["agreement.id", "agreement.reference", "agreement_version.number", "agreement_version.hash"])
    .where("agreement.reference", "=", reference)
    .where("agreement_version.hash", "=", hash)
    // An unchanged text frozen twice (negotiation, then signature) has one hash: the latest counts.
    .orderBy("agreement_version.number", "desc")
    .executeTakeFirst();
  if (row) return verdictFor(db, row.id, row.reference, row.number, row.hash);
  return reportVerdict(db, (q) =>
    q.where("agreement.reference", "=", reference).where("report_version.sha256", "=", hash),
  );
}

/** The report version a query names (one agreement's), with the partners' reviews of that text. */
async function reportVerdict(
  db: DB,
  narrow: (q: ReturnType<typeof reportVersions>) => ReturnType<typeof reportVersions>,
): Promise<Verdict> {
  const rows = await narrow(reportVersions(db)).limit(10).execute();
  if (rows.length === 0 || new Set(rows.map((r) => r.reportId)).size !== 1) return { match: false };
  const v = rows[0]!;
  const reviews = await db
    .selectFrom("report_review")
    .innerJoin("organization", "organization.id", "report_review.organization_id")
    .select([
      "report_review.name",
      "report_review.decision",
      "report_review.created_at",
      "organization.name_fr",
      "organization.name_ar",
    ])
    .where("report_review.report_id", "=", v.reportId)
    .where("report_review.version_number", "=", v.number)
    .where("report_review.content_hash", "=", v.sha256)
    .orderBy("report_review.created_at")
    .execute();
  return {
    match: true,
    document: "report",
    reference: v.reference,
    versionNumber: v.number,
    hash: v.sha256,
    kind: v.kind as ReportKind,
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    accepted: v.status === "accepted" && v.number === v.currentVersion,
    reviewers: reviews.map((r) => ({
      name: r.name,
      organization: r.name_fr ?? r.name_ar ?? "",
      decision: r.decision,
      at: r.created_at,
    })),
    signed: false,
    signers: [],
  };
}

function reportVersions(db: DB) {
  return db
    .selectFrom("report_version")
    .innerJoin("report", "report.id", "report_version.report_id")
    .innerJoin("agreement", "agreement.id", "report.agreement_id")
    .select([
      "report.id as reportId",
      "report.kind",
      "report.status",
      "report.current_version as currentVersion",
      "report.period_from as periodFrom",
      "report.period_to as periodTo",
      "agreement.reference",
      "report_version.number",
      "report_version.sha256",
    ]);
}

/** The short link printed under the QR code carries the first 16 hex digits of the hash. */
export async function verifyHashPrefix(db: DB, prefix: string): Promise<Verdict> {
  const row = await db
    .selectFrom("agreement_version")
    .innerJoin("agreement", "agreement.id", "agreement_version.agreement_id")
    .select(["agreement.id", "agreement.reference", "agreement_version.number", "agreement_version.hash"])
    .where("agreement_version.hash", "like", `${prefix.replace(/[^0-9a-f]/g, "")}%`)
    .orderBy("agreement_version.number", "desc")
    .limit(10)
    .execute();
  // Ambiguous only if the prefix names versions of different agreements.
  const agreements = new Set(row.map((r) => r.id));
  if (agreements.size === 1) return verdictFor(db, row[0]!.id, row[0]!.reference, row[0]!.number, row[0]!.hash);
  if (agreements.size > 1) return { match: false };
  const digits = prefix.replace(/[^0-9a-f]/g, "");
  return reportVerdict(db, (q) => q.where("report_version.sha256", "like", `${digits}%`));
}

/** A PDF matches only if its exact bytes are one Charaka issued: any modification breaks it. */
export async function verifyPdfBytes(db: DB, bytes: Uint8Array): Promise<Verdict> {
  const issued = await db
    .selectFrom("pdf_document")
    .innerJoin("agreement", "agreement.id", "pdf_document.agreement_id")
    .select([
      "agreement.id",
      "agreement.reference",
      "pdf_document.version_number",
      "pdf_document.content_hash",
      "pdf_document.kind",
    ])
    .where("pdf_document.sha256", "=", sha256Hex(bytes))
    .executeTakeFirst();
  if (issued?.kind === "report")
    return reportVerdict(db, (q) =>
      q
        .where("agreement.id", "=", issued.id)
        .where("report_version.sha256", "=", issued.content_hash)
        .where("report_version.number", "=", issued.version_number),
    );
  return issued
    ? verdictFor(db, issued.id, issued.reference, issued.version_number, issued.content_hash)
    : { match: false };
}

/** Records a generated PDF so that /verify recognises its exact bytes later. */
export async function registerIssuedPdf(
  db: DB,
  input: { bytes: Uint8Array; agreementId: string; versionNumber: number; contentHash: string; kind: string },
) {
  const sha256 = sha256Hex(input.bytes);
  await db
    .insertInto("pdf_document")
    .values({
      sha256,
      agreement_id: input.agreementId,
      version_number: input.versionNumber,
      content_hash: input.contentHash,
      kind: input.kind,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
  return sha256;
}

export interface IntegrityReport {
  versions: Array<{ number: number; ok: boolean }>;
  /** Each report version's hash, and the reviews that name it. */
  reports: Array<{ kind: ReportKind; periodTo: string; number: number; ok: boolean }>;
  signatures: Array<{ name: string; ok: boolean }>;
  files: Array<{ name: string; ok: boolean }>;
  /** `fromSeq`: checked after this verified checkpoint (0: from the first entry). */
  auditChain: { ok: boolean; firstBadSeq?: number; fromSeq: number };
  ok: boolean;
}

/**
 * Recomputes every hash the agreement's evidence rests on and reports each difference. The audit chain
 * (every organization's events) is checked from its last verified checkpoint; `full` (the platform
 * administrator) from its first entry.
 */
export async function integrityReport(
  db: DB,
  agreementId: string,
  options = { full: false },
): Promise<IntegrityReport> {
  const versions = await db
    .selectFrom("agreement_version")
    .select(["number", "snapshot", "hash"])
    .where("agreement_id", "=", agreementId)
    .orderBy("number")
    .execute();
  const versionChecks = versions.map((v) => {
    let ok = false;
    try {
      ok =
        snapshotHash(serializeSnapshot(JSON.parse(v.snapshot) as AgreementSnapshot)) === v.hash &&
        snapshotHash(v.snapshot) === v.hash;
    } catch {
      ok = false;
    }
    return { number: v.number, ok };
  });
  const signatures = await db
    .selectFrom("signature")
    .select(["signer_name", "version_number", "content_hash"])
    .where("agreement_id", "=", agreementId)
    .where("status", "=", "valid")
    .execute();
  const signatureChecks = signatures.map((s) => ({
    name: s.signer_name,
    ok: versions.some((v) => v.number === s.version_number && v.hash === s.content_hash),
  }));
  const files = await db
    .selectFrom("attachment")
    .select(["original_name", "stored_name", "sha256"])
    .where("owner_type", "=", "agreement")
    .where("owner_id", "=", agreementId)
    .execute();
  const fileChecks = files.map((f) => {
    try {
      return { name: f.original_name, ok: sha256Hex(readStoredFile(f.stored_name)) === f.sha256 };
    } catch {
      return { name: f.original_name, ok: false };
    }
  });
  const reports = await reportIntegrity(db, agreementId, (name) => {
    try {
      return sha256Hex(readStoredFile(name));
    } catch {
      return null;
    }
  });
  fileChecks.push(...reports.files);
  const chain = await checkAuditChain(db, options);
  // The agreement's own entries, each checked whatever the checkpoints say.
  const ownBad = await checkAgreementEntries(db, agreementId);
  const firstBadSeq = [chain.ok ? null : chain.firstBadSeq, ownBad]
    .filter((seq): seq is number => seq !== null)
    .sort((a, b) => a - b)[0];
  const auditChain =
    firstBadSeq === undefined
      ? { ok: true, fromSeq: chain.fromSeq }
      : { ok: false, firstBadSeq, fromSeq: chain.fromSeq };
  if (firstBadSeq !== undefined) securityEvent("integrity.failed", { firstBadSeq, agreementId });
  return {
    versions: versionChecks,
    reports: reports.reports,
    signatures: signatureChecks,
    files: fileChecks,
    auditChain,
    ok:
      versionChecks.every((c) => c.ok) &&
      reports.reports.every((c) => c.ok) &&
      signatureChecks.every((c) => c.ok) &&
      fileChecks.every((c) => c.ok) &&
      auditChain.ok,
  };
}

const recentChecks = new Map<string, number[]>();
const CHECKS_PER_MINUTE = 3;

/**
 * At most three integrity checks a minute per person (kept by each server process: a check costs
 * database reads, not a secret). True when this one may run.
 */
export function mayRunIntegrityCheck(userId: string, now = Date.now()): boolean {
  const recent = (recentChecks.get(userId) ?? []).filter((at) => now - at < 60_000);
  if (recent.length >= CHECKS_PER_MINUTE) {
    securityEvent("integrity.throttled", { userId });
    return false;
  }
  if (recentChecks.size > 10_000) recentChecks.clear();
  recentChecks.set(userId, [...recent, now]);
  return true;
}
