/**
 * The reports pages' view models, read in one place for the routes: an agreement's reporting
 * calendar and reports, one report (its draft for the reporting party, its last version for the
 * partners, comments, reviews, versions and their comparison, the evaluation), the dashboard's
 * "reports" card and the partner view's accepted reports. What the reader may do comes from access.ts.
 */
import { inOrderOf } from "~/lib/ids";
import type { DB } from "../../../db/client";
import {
  canCommentReport,
  canPlanReports,
  canRecordMeetings,
  canReviewReport,
  canSubmitReport,
  canWriteReport,
  isMemberOf,
  organizationIds,
  reviewingOrganizations,
  type Actor,
} from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { listParties } from "../agreement/agreement.queries.server";
import { canRecordOutcomes } from "../committee/committee";
import { getCommittee, seatOf } from "../committee/committee.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { toDecimalString } from "~/lib/money";
import { addDaysTo } from "~/lib/time";
import { DUE_NOTICE_DAYS } from "../notify/reminders";
import { firstSubjects, keptEntries, type KeptEntries as Kept } from "../dashboard/attention-entries.server";
import { evaluationsFor, evaluatorOf } from "./evaluation.server";
import {
  compareReportSnapshots,
  isReportEditable,
  isReportLate,
  reportKindOf,
  isUnderReview,
  NARRATIVE_SECTIONS,
  type ReportSnapshot,
} from "./report";
import {
  getReportVersion,
  listReports,
  listReportVersions,
  partnerOrganizations,
  reportAnnexes,
  reportComments,
  reportObligations,
  reportReviews,
  reportSnapshot,
  type LoadedReport,
} from "./report-queries.server";

/** The calendar (report obligations with their report) and the reports, with what the reader may do. */
export async function reportsListView(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const agreementId = loaded.agreement.id;
  const [obligations, reports, parties] = await Promise.all([
    reportObligations(db, agreementId),
    listReports(db, agreementId),
    listParties(db, agreementId),
  ]);
  const readable = reports.filter((r) => isMemberOf(actor, r.reportingOrganizationId) || r.currentVersion > 0);
  const mine = parties.filter((p) => canWriteReport(actor, loaded.access, p.organizationId));
  return {
    agreementId,
    canPlan: canPlanReports(actor, loaded.access),
    canStart: mine.length > 0,
    parties: parties.map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr })),
    // Usually the association reports.
    defaultPartyId: (parties.find((p) => p.role === "association") ?? parties[0])?.id ?? "",
    calendar: obligations.map((o, index) => {
      const report = reports.find((r) => r.obligationId === o.id) ?? null;
      const readableReport = report && readable.includes(report) ? report : null;
      return {
        id: o.id,
        kind: o.kind,
        description: o.description,
        /** Its rank among the progress reports (the label is shown in the reader's language). */
        number: obligations.slice(0, index + 1).filter((x) => x.kind === o.kind).length,
        periodFrom: o.periodFrom,
        periodTo: o.periodTo,
        due: o.dueDate,
        done: o.status === "done" || o.status === "waived",
        late: o.status !== "done" && o.status !== "waived" && isReportLate(o.nextDue, today),
        nameFr: o.nameFr,
        nameAr: o.nameAr,
        report: readableReport ? { id: readableReport.id, status: readableReport.status } : null,
        canStart: !report && canWriteReport(actor, loaded.access, o.organizationId),
      };
    }),
    reports: readable.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      currentVersion: r.currentVersion,
      acceptedAt: r.acceptedAt,
      nameFr: r.nameFr,
      nameAr: r.nameAr,
    })),
  };
}

function renderedSections(s: ReportSnapshot["sections"]) {
  return {
    ...Object.fromEntries(NARRATIVE_SECTIONS.map((f) => [f, renderMarkdown(s[f])])),
    deliveriesComment: renderMarkdown(s.deliveriesComment),
    financialComment: renderMarkdown(s.financialComment),
  } as Record<(typeof NARRATIVE_SECTIONS)[number] | "deliveriesComment" | "financialComment", string>;
}

/** One report as the reader may see and act on it. */
export async function reportView(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  report: LoadedReport,
  query: { from?: number; to?: number },
) {
  const agreementId = loaded.agreement.id;
  const reporting = report.reportingOrganizationId;
  const writer = canWriteReport(actor, loaded.access, reporting);
  const editable = writer && isReportEditable(report.status);
  const [versions, comments, reviews, annexes, partners, parties] = await Promise.all([
    listReportVersions(db, report.id),
    reportComments(db, report.id),
    reportReviews(db, report.id),
    reportAnnexes(db, report.id),
    partnerOrganizations(db, agreementId, reporting),
    listParties(db, agreementId),
  ]);
  const latest = report.current_version > 0 ? await getReportVersion(db, report.id, report.current_version) : null;
  const reviewerOrgs = reviewingOrganizations(actor, loaded.access, reporting);
  const decidedOnCurrent = reviews.filter((r) => r.versionNumber === report.current_version);
  const decided =
    reviewerOrgs.length > 0 && reviewerOrgs.every((id) => decidedOnCurrent.some((r) => r.organizationId === id));
  const draft = editable ? await reportSnapshot(db, report, report.current_version + 1) : null;
  const submittedAnnexIds = new Set(latest?.content.annexes.map((a) => a.id) ?? []);

  // Any two versions, word by word (the latest against the one before by default).
  const to = query.to ?? (versions[0]?.number as number | undefined);
  const from = query.from ?? (to !== undefined && to > 1 ? to - 1 : undefined);
  let comparison = null;
  if (from !== undefined && to !== undefined && from !== to) {
    const [a, b] = await Promise.all([getReportVersion(db, report.id, from), getReportVersion(db, report.id, to)]);
    if (a && b) comparison = { from, to, sections: compareReportSnapshots(a.content, b.content, toDecimalString) };
  }

  const committee = await getCommittee(db, agreementId);
  const seat = seatOf(committee, actor);
  const meetings =
    committee && canRecordMeetings(seat) && latest
      ? (
          await db
            .selectFrom("meeting")
            .select(["id", "number", "status"])
            .where("agreement_id", "=", agreementId)
            .orderBy("number", "desc")
            .execute()
        ).filter((m) => canRecordOutcomes(m.status))
      : [];
  const notes = await db
    .selectFrom("meeting_outcome")
    .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
    .select(["meeting.id as meetingId", "meeting.number as meeting", "meeting_outcome.number"])
    .where("meeting_outcome.report_id", "=", report.id)
    .orderBy("meeting.number")
    .execute();

  const evaluator = report.kind === "final" && latest ? await evaluatorOf(db, actor, loaded) : null;
  const evaluations = report.kind === "final" ? await evaluationsFor(db, actor, agreementId) : null;
  const nameOf = (id: string) => parties.find((p) => p.organizationId === id) ?? { nameFr: null, nameAr: null };
  return {
    agreementId,
    report: {
      id: report.id,
      kind: report.kind,
      status: report.status,
      periodFrom: report.period_from,
      periodTo: report.period_to,
      currentVersion: report.current_version,
      version: report.version,
      editedBy: report.editedBy,
      acceptedAt: report.accepted_at,
      nameFr: report.nameFr,
      nameAr: report.nameAr,
    },
    rule: loaded.agreement.report_acceptance,
    rights: {
      canWrite: editable,
      canSubmit: editable && canSubmitReport(actor, loaded.access, reporting),
      canComment: isUnderReview(report.status) && canCommentReport(actor, loaded.access, reporting),
      canReview: isUnderReview(report.status) && canReviewReport(actor, loaded.access, reporting) && !decided,
      decided: isUnderReview(report.status) && decided,
      canTakeNote: meetings.length > 0,
      isReporting: isMemberOf(actor, reporting),
    },
    draft: draft
      ? {
          sections: draft.sections,
          html: renderedSections(draft.sections),
          deliveries: draft.deliveries,
          beneficiaries: draft.beneficiaries,
          financial: draft.financial,
        }
      : null,
    shown: latest
      ? {
          number: latest.number,
          sha256: latest.sha256,
          submittedAt: latest.submittedAt,
          content: latest.content,
          html: renderedSections(latest.content.sections),
        }
      : null,
    annexes: annexes.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      mimeType: a.mimeType,
      removable: editable && !submittedAnnexIds.has(a.id),
    })),
    comments: comments.map((c) => ({ ...c, html: renderMarkdown(c.body) })),
    reviews,
    versions,
    comparison,
    partners: partners.map((id) => ({
      organizationId: id,
      ...nameOf(id),
      decision: decidedOnCurrent.find((r) => r.organizationId === id)?.decision ?? null,
    })),
    meetings: meetings.map((m) => ({ id: m.id, number: m.number })),
    notes,
    evaluation:
      evaluations && latest
        ? {
            criteria:
              evaluator && !evaluations.evaluatedBy.includes(evaluator.organizationId) ? evaluator.criteria : null,
            complete: evaluations.complete,
            items: evaluations.evaluations,
          }
        : null,
  };
}

/** The dashboard's reports: due soon and late (my organizations'), to review (as a partner), sent back. */
/** How many of each the dashboard shows. */
const SHOWN = 8;

export async function reportsAttention(db: DB, actor: Actor, today: string) {
  const orgs = organizationIds(actor);
  if (orgs.length === 0) return { due: [], late: [], toReview: [], sentBack: [] };
  // Which reports each list holds is kept (app/domain/dashboard/attention-entries.server.ts): the
  // first few of each for today, then their rows.
  const first = (kind: "report_due" | "report_to_review" | "report_sent_back", filter = (q: Kept) => q) =>
    firstSubjects(
      filter(keptEntries(db, orgs, kind))
        .orderBy("on_date")
        .orderBy("subject_id"),
      SHOWN,
      orgs.length,
    );
  const [dueIds, lateIds, toReviewIds, sentBackIds] = await Promise.all([
    first("report_due", (q) =>
      q.where("on_date", ">=", today).where("on_date", "<=", addDaysTo(today, DUE_NOTICE_DAYS)),
    ),
    // Late: isReportLate, a due date before today.
    first("report_due", (q) => q.where("on_date", "<", today)),
    // Not the reporting organization's own: a person of both sides does not review their own report.
    first("report_to_review", (q) => q.where("owner_id", "not in", [...orgs])),
    first("report_sent_back"),
  ]);
  const obligationIds = [...dueIds, ...lateIds];
  const obligations = obligationIds.length
    ? await db
        .selectFrom("obligation")
        .innerJoin("agreement as a", "a.id", "obligation.agreement_id")
        .leftJoin("report", "report.obligation_id", "obligation.id")
        .select([
          "obligation.id",
          "obligation.kind",
          "obligation.description",
          "obligation.period_from as periodFrom",
          "obligation.period_to as periodTo",
          "obligation.next_due_on as due",
          "a.id as agreementId",
          "a.reference",
          "report.id as reportId",
          "report.status as reportStatus",
        ])
        .where("obligation.id", "in", obligationIds)
        .orderBy("obligation.next_due_on")
        .orderBy("obligation.id")
        .execute()
    : [];
  const reportIds = [...toReviewIds, ...sentBackIds];
  const reports = reportIds.length
    ? await db
        .selectFrom("report")
        .innerJoin("agreement as a", "a.id", "report.agreement_id")
        .select([
          "report.id",
          "report.kind",
          "report.period_from as periodFrom",
          "report.period_to as periodTo",
          "a.id as agreementId",
          "a.reference",
        ])
        .where("report.id", "in", reportIds)
        .orderBy("report.updated_at")
        .orderBy("report.id")
        .execute()
    : [];
  const dueOne = (o: (typeof obligations)[number]) => ({ ...o, kind: reportKindOf(o.kind), due: o.due! });
  return {
    due: obligations.filter((o) => dueIds.includes(o.id)).map(dueOne),
    late: obligations.filter((o) => lateIds.includes(o.id)).map(dueOne),
    toReview: reports.filter((r) => toReviewIds.includes(r.id)),
    sentBack: reports.filter((r) => sentBackIds.includes(r.id)),
  };
}

/**
 * The partner's view: accepted reports of the agreements my organizations are party to, newest first
 * (their kept entries, attention-entries.server.ts: the first few of an index range).
 */
export async function acceptedReports(db: DB, actor: Actor, limit = 20) {
  const orgs = organizationIds(actor);
  if (orgs.length === 0) return [];
  const ids = await firstSubjects(
    keptEntries(db, orgs, "report_accepted").orderBy("on_date", "desc").orderBy("subject_id", "desc"),
    limit,
    orgs.length,
  );
  const found = ids.length
    ? await db
        .selectFrom("report")
        .innerJoin("agreement as a", "a.id", "report.agreement_id")
        .select([
          "report.id",
          "report.kind",
          "report.period_from as periodFrom",
          "report.period_to as periodTo",
          "report.accepted_at as acceptedAt",
          "report.current_version as currentVersion",
          "a.id as agreementId",
          "a.reference",
          "a.title",
        ])
        .where("report.id", "in", ids)
        .execute()
    : [];
  const rows = inOrderOf(ids, found);
  const reviews = rows.length
    ? await db
        .selectFrom("report_review")
        .select(["report_id", "decision", "version_number"])
        .where(
          "report_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    withReservations: reviews.some(
      (v) =>
        v.report_id === r.id && v.version_number === r.currentVersion && v.decision === "accepted_with_reservations",
    ),
  }));
}

/** What the report page reads (its loader returns `reportView`); the page's parts take it as props. */
export type ReportData = Awaited<ReturnType<typeof reportView>>;
