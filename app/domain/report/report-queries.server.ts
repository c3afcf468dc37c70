/**
 * Reading reports: one report with its versions, comments, reviews and annexes; an agreement's
 * reports and report obligations; what a report states from the records (plan indicators, the
 * period's deliveries) and the snapshot a submission freezes.
 */
import type { Kysely } from "kysely";
import type { Database, Locale, ReportKind } from "../../../db/schema";
import { canViewReport, type Actor, type AgreementAccessFacts } from "../access/access";
import { canonicalJson } from "../audit/audit";
import { snapshotHash } from "../agreement/snapshot";
import { joinPartyOrganization, ORGANIZATION_NAMES } from "../party/party.queries.server";
import { createTranslator } from "~/lib/i18n/translate";
import { reportFinancialPart } from "./report-financial.server";
import {
  beneficiariesOf,
  hasSubmittedVersion,
  parseSections,
  type Annex,
  type DeliveryLine,
  type IndicatorLine,
  type ReportSnapshot,
} from "./report";

type Db = Kysely<Database>;

const ANNEX_KINDS = { report_photo: "photo", report_list: "list", report_document: "document" } as const;
export const ANNEX_PURPOSE = { photo: "report_photo", list: "report_list", document: "report_document" } as const;

export async function getReport(db: Db, agreementId: string, reportId: string) {
  const row = await db
    .selectFrom("report")
    .$call(joinPartyOrganization("report.party_id"))
    .leftJoin("user as editor", "editor.id", "report.edited_by_user_id")
    .selectAll("report")
    .select([
      "agreement_party.organization_id as reportingOrganizationId",
      ...ORGANIZATION_NAMES,
      "editor.name as editedBy",
    ])
    .where("report.id", "=", reportId)
    .where("report.agreement_id", "=", agreementId)
    .executeTakeFirst();
  return row ?? null;
}
export type LoadedReport = NonNullable<Awaited<ReturnType<typeof getReport>>>;

/** The report if it exists on this agreement and the actor may read it; null otherwise (404). */
export async function findReport(db: Db, actor: Actor, access: AgreementAccessFacts, agreementId: string, id: string) {
  const report = await getReport(db, agreementId, id);
  if (!report) return null;
  const facts = {
    reportingOrganizationId: report.reportingOrganizationId,
    submitted: hasSubmittedVersion(report.current_version),
  };
  return canViewReport(actor, access, facts) ? report : null;
}

export async function listReports(db: Db, agreementId: string) {
  return db
    .selectFrom("report")
    .$call(joinPartyOrganization("report.party_id"))
    .leftJoin("obligation", "obligation.id", "report.obligation_id")
    .select([
      "report.id",
      "report.kind",
      "report.status",
      "report.period_from as periodFrom",
      "report.period_to as periodTo",
      "report.current_version as currentVersion",
      "report.obligation_id as obligationId",
      "report.accepted_at as acceptedAt",
      "report.updated_at as updatedAt",
      "obligation.next_due_on as due",
      "agreement_party.organization_id as reportingOrganizationId",
      ...ORGANIZATION_NAMES,
    ])
    .where("report.agreement_id", "=", agreementId)
    .orderBy("report.period_from")
    .orderBy("report.created_at")
    .execute();
}

/** The agreement's report obligations (its reporting calendar), soonest first. */
export async function reportObligations(db: Db, agreementId: string) {
  return db
    .selectFrom("obligation")
    .$call(joinPartyOrganization("obligation.responsible_party_id"))
    .select([
      "obligation.id",
      "obligation.kind",
      "obligation.description",
      "obligation.due_date as dueDate",
      "obligation.next_due_on as nextDue",
      "obligation.status",
      "obligation.period_from as periodFrom",
      "obligation.period_to as periodTo",
      "obligation.responsible_party_id as partyId",
      "agreement_party.organization_id as organizationId",
      ...ORGANIZATION_NAMES,
    ])
    .where("obligation.agreement_id", "=", agreementId)
    .where("obligation.kind", "in", ["progress_report", "final_report"])
    .orderBy("obligation.due_date")
    .orderBy("obligation.created_at")
    .execute();
}

/** The plan indicators of the years the period covers, each with the value achieved the plan records. */
export async function indicatorsForPeriod(
  db: Db,
  agreementId: string,
  period: { from: string; to: string },
): Promise<IndicatorLine[]> {
  const years = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) years.push(y);
  const rows = await db
    .selectFrom("indicator")
    .innerJoin("plan_action", "plan_action.id", "indicator.action_id")
    .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
    .select([
      "indicator.id",
      "indicator.name",
      "indicator.unit",
      "indicator.baseline",
      "indicator.target",
      "indicator.achieved",
      "plan_action.objective",
    ])
    .where("action_plan.agreement_id", "=", agreementId)
    .where("action_plan.year", "in", years)
    .orderBy("action_plan.year")
    .orderBy("plan_action.position")
    .orderBy("indicator.created_at")
    .execute();
  return rows.map((r) => ({
    indicatorId: r.id,
    objective: r.objective,
    name: r.name,
    unit: r.unit,
    baseline: Number(r.baseline),
    target: Number(r.target),
    value: Number(r.achieved),
    comment: "",
  }));
}

/** The deliveries recorded in the period, with their beneficiaries (counts only: no names). */
export async function deliveriesForPeriod(
  db: Db,
  agreementId: string,
  period: { from: string; to: string },
): Promise<DeliveryLine[]> {
  const rows = await db
    .selectFrom("delivery")
    .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
    .select([
      "deliverable.title",
      "deliverable.unit",
      "delivery.delivered_on as on",
      "delivery.quantity",
      "delivery.beneficiaries",
      "delivery.beneficiaries_women as women",
      "delivery.beneficiaries_men as men",
      "delivery.beneficiaries_children as children",
      "delivery.place",
    ])
    .where("deliverable.agreement_id", "=", agreementId)
    .where("delivery.delivered_on", ">=", period.from)
    .where("delivery.delivered_on", "<=", period.to)
    .orderBy("delivery.delivered_on")
    .orderBy("delivery.created_at")
    .execute();
  return rows.map((r) => ({
    deliverable: r.title,
    unit: r.unit,
    on: r.on,
    quantity: Number(r.quantity),
    beneficiaries: Number(r.beneficiaries),
    women: r.women === null ? null : Number(r.women),
    men: r.men === null ? null : Number(r.men),
    children: r.children === null ? null : Number(r.children),
    place: r.place,
  }));
}

export async function reportAnnexes(db: Db, reportId: string): Promise<Array<Annex & { storedName: string }>> {
  const rows = await db
    .selectFrom("attachment")
    .select(["id", "original_name", "purpose", "mime_type", "sha256", "stored_name"])
    .where("owner_type", "=", "report")
    .where("owner_id", "=", reportId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.original_name,
    kind: ANNEX_KINDS[r.purpose as keyof typeof ANNEX_KINDS] ?? "document",
    mimeType: r.mime_type,
    sha256: r.sha256,
    storedName: r.stored_name,
  }));
}

/** What the report says now, as a submission would freeze it (number: the version it would be). */
export async function reportSnapshot(db: Db, report: LoadedReport, number: number): Promise<ReportSnapshot> {
  const agreement = await db
    .selectFrom("agreement")
    .select(["reference", "title", "title_secondary"])
    .where("id", "=", report.agreement_id)
    .executeTakeFirstOrThrow();
  const period = { from: report.period_from, to: report.period_to };
  const deliveries = await deliveriesForPeriod(db, report.agreement_id, period);
  return {
    agreement: { reference: agreement.reference, title: agreement.title, titleSecondary: agreement.title_secondary },
    report: {
      kind: report.kind as ReportKind,
      number,
      periodFrom: report.period_from,
      periodTo: report.period_to,
      party: { nameFr: report.nameFr, nameAr: report.nameAr },
    },
    sections: parseSections(report.sections),
    deliveries,
    beneficiaries: beneficiariesOf(deliveries),
    financial: await reportFinancialPart(db, report.agreement_id, period),
    annexes: (await reportAnnexes(db, report.id)).map(({ storedName: _stored, ...annex }) => annex),
  };
}

export function serializeReportSnapshot(snapshot: ReportSnapshot): string {
  return canonicalJson(snapshot);
}

export function reportHash(serialized: string): string {
  return snapshotHash(serialized);
}

export async function listReportVersions(db: Db, reportId: string) {
  return db
    .selectFrom("report_version")
    .leftJoin("user", "user.id", "report_version.submitted_by")
    .select([
      "report_version.number",
      "report_version.sha256",
      "report_version.submitted_at as submittedAt",
      "user.name as submittedBy",
    ])
    .where("report_version.report_id", "=", reportId)
    .orderBy("report_version.number", "desc")
    .execute();
}

export async function getReportVersion(db: Db, reportId: string, number: number) {
  const row = await db
    .selectFrom("report_version")
    .select(["number", "snapshot", "sha256", "submitted_at as submittedAt"])
    .where("report_id", "=", reportId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row ? { ...row, content: JSON.parse(row.snapshot) as ReportSnapshot } : null;
}

export async function reportComments(db: Db, reportId: string) {
  return db
    .selectFrom("report_comment")
    .innerJoin("organization as o", "o.id", "report_comment.organization_id")
    .leftJoin("user", "user.id", "report_comment.author_user_id")
    .select([
      "report_comment.id",
      "report_comment.version_number as versionNumber",
      "report_comment.section",
      "report_comment.body",
      "report_comment.created_at as createdAt",
      "report_comment.organization_id as organizationId",
      "o.name_fr as nameFr",
      "o.name_ar as nameAr",
      "user.name as author",
    ])
    .where("report_comment.report_id", "=", reportId)
    .orderBy("report_comment.created_at")
    .orderBy("report_comment.id")
    .execute();
}

export async function reportReviews(db: Db, reportId: string) {
  return db
    .selectFrom("report_review")
    .innerJoin("organization as o", "o.id", "report_review.organization_id")
    .select([
      "report_review.id",
      "report_review.version_number as versionNumber",
      "report_review.organization_id as organizationId",
      "report_review.name",
      "report_review.decision",
      "report_review.reservations",
      "report_review.content_hash as contentHash",
      "report_review.ip",
      "report_review.created_at as createdAt",
      "o.name_fr as nameFr",
      "o.name_ar as nameAr",
    ])
    .where("report_review.report_id", "=", reportId)
    .orderBy("report_review.created_at")
    .orderBy("report_review.id")
    .execute();
}

/** The organizations that review a report: every party's but the reporting party's. */
export async function partnerOrganizations(db: Db, agreementId: string, reportingOrganizationId: string) {
  const rows = await db
    .selectFrom("agreement_party")
    .select("organization_id")
    .where("agreement_id", "=", agreementId)
    .where("organization_id", "!=", reportingOrganizationId)
    .orderBy("signing_order")
    .orderBy("created_at")
    .execute();
  return [...new Set(rows.map((r) => r.organization_id))];
}

/**
 * Whether completing the agreement still waits for its final report: the reporting calendar asks for
 * one (or one was started) and none is accepted.
 */
export async function finalReportAwaited(db: Db, agreementId: string): Promise<boolean> {
  const asked = await db
    .selectFrom("obligation")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .where("kind", "=", "final_report")
    .union(db.selectFrom("report").select("id").where("agreement_id", "=", agreementId).where("kind", "=", "final"))
    .executeTakeFirst();
  if (!asked) return false;
  const accepted = await db
    .selectFrom("report")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .where("kind", "=", "final")
    .where("status", "=", "accepted")
    .executeTakeFirst();
  return !accepted;
}

/**
 * The integrity check of an agreement's reports: each version's hash recomputed from its stored
 * text, each review's hash found among the versions, and each annex file's SHA-256 against its row.
 */
export async function reportIntegrity(db: Db, agreementId: string, fileHash: (storedName: string) => string | null) {
  const versions = await db
    .selectFrom("report_version")
    .innerJoin("report", "report.id", "report_version.report_id")
    .select([
      "report.id as reportId",
      "report.kind",
      "report.period_to as periodTo",
      "report_version.number",
      "report_version.snapshot",
      "report_version.sha256",
    ])
    .where("report.agreement_id", "=", agreementId)
    .orderBy("report.period_from")
    .orderBy("report_version.number")
    .execute();
  const reviews = await db
    .selectFrom("report_review")
    .innerJoin("report", "report.id", "report_review.report_id")
    .select([
      "report_review.report_id as reportId",
      "report_review.version_number as number",
      "report_review.content_hash as hash",
    ])
    .where("report.agreement_id", "=", agreementId)
    .execute();
  const reports = versions.map((v) => {
    let ok = false;
    try {
      ok =
        reportHash(v.snapshot) === v.sha256 &&
        reportHash(serializeReportSnapshot(JSON.parse(v.snapshot) as ReportSnapshot)) === v.sha256;
    } catch {
      ok = false;
    }
    const reviewed = reviews.filter((r) => r.reportId === v.reportId && r.number === v.number);
    return {
      kind: v.kind as ReportKind,
      periodTo: v.periodTo,
      number: v.number,
      ok: ok && reviewed.every((r) => r.hash === v.sha256),
    };
  });
  const annexes = await db
    .selectFrom("attachment")
    .innerJoin("report", "report.id", "attachment.owner_id")
    .select(["attachment.original_name as name", "attachment.stored_name as storedName", "attachment.sha256"])
    .where("attachment.owner_type", "=", "report")
    .where("report.agreement_id", "=", agreementId)
    .execute();
  return {
    reports,
    files: annexes.map((a) => ({ name: a.name, ok: fileHash(a.storedName) === a.sha256 })),
  };
}

/**
 * The prepared agenda's "reports submitted or accepted since the last meeting" (since the previous
 * meeting was scheduled, as for action items): one item per report, in the reader's language.
 */
export async function reportsForAgenda(
  db: Db,
  agreementId: string,
  since: string | null,
  locale: Locale,
): Promise<Array<{ title: string; body: string; sourceKind: "report"; sourceId: string }>> {
  const { t, formatDate } = createTranslator(locale);
  const submitted = await db
    .selectFrom("report_version")
    .innerJoin("report", "report.id", "report_version.report_id")
    .select([
      "report.id",
      "report.kind",
      "report.period_from as periodFrom",
      "report.period_to as periodTo",
      "report.status",
      "report.accepted_at as acceptedAt",
      (eb) => eb.fn.max("report_version.number").as("number"),
    ])
    .where("report.agreement_id", "=", agreementId)
    .$if(since !== null, (qb) =>
      qb.where((eb) =>
        eb.or([eb("report_version.submitted_at", ">=", since!), eb("report.accepted_at", ">=", since!)]),
      ),
    )
    .groupBy([
      "report.id",
      "report.kind",
      "report.period_from",
      "report.period_to",
      "report.status",
      "report.accepted_at",
    ])
    .orderBy("report.period_from")
    .execute();
  return submitted.map((r) => {
    const accepted = r.acceptedAt !== null && (!since || r.acceptedAt >= since);
    return {
      title: t(accepted ? "agenda.reportAccepted" : "agenda.reportSubmitted", {
        kind: t(`reports.kind.${r.kind as ReportKind}`),
        from: formatDate(r.periodFrom),
        to: formatDate(r.periodTo),
      }),
      body: t("agenda.reportBody", { number: Number(r.number), link: `/agreements/${agreementId}/reports/${r.id}` }),
      sourceKind: "report" as const,
      sourceId: r.id,
    };
  });
}
