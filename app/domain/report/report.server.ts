/**
 * Partner reports' commands: start a report (for a report obligation, or a period), write it
 * (several members; optimistic saves), annexes, submit (a frozen version with its SHA-256), the
 * partners' comments, sending back, and acceptance with the reviewer's password, recorded like a
 * signature. The acceptance that completes the rule (one or all partners) closes the report's
 * obligation, makes the tranches it conditions due and locks the expenses it accounts for, in its
 * transaction. Each command checks access, runs in one transaction and writes its audit event;
 * notices go out after the commit.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, Locale, ReportDecision, ReportKind } from "../../../db/schema";
import {
  canCommentReport,
  canRecordMeetings,
  canReviewReport,
  canSubmitReport,
  canWriteReport,
  isMemberOf,
  reviewingOrganizations,
  roleIn,
  type Actor,
} from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { canRecordOutcomes } from "../committee/committee";
import { getCommittee, seatOf } from "../committee/committee.server";
import { refreshDueDates } from "../delivery/due-dates.server";
import { markConditionsMet } from "../finance/tranches.server";
import { confirmPassword, type PasswordRefusal } from "../identity/login.server";
import { createNotices } from "../notify/notify.server";
import { CONFLICT, NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { createTranslator } from "~/lib/i18n/translate";
import { nowIso, todayInMorocco } from "~/lib/time";
import { discardFile, type StoredFile } from "~/lib/uploads.server";
import {
  acceptanceComplete,
  checkReportMove,
  emptySections,
  hasSubmittedVersion,
  isAcceptance,
  isReportEditable,
  parseSections,
  type ReportSections,
} from "./report";
import { reportNotices } from "./report-notices.server";
import {
  ANNEX_PURPOSE,
  findReport,
  getReport,
  getReportVersion,
  indicatorsForPeriod,
  partnerOrganizations,
  reportHash,
  reportSnapshot,
  serializeReportSnapshot,
  type LoadedReport,
} from "./report-queries.server";

type Trx = Transaction<Database>;

/** The reporting party an actor writes for: the association's party they belong to, else any of theirs. */
async function reportingPartyOf(trx: Trx, actor: Actor, agreementId: string) {
  const parties = await trx
    .selectFrom("agreement_party")
    .select(["id", "organization_id", "role"])
    .where("agreement_id", "=", agreementId)
    .orderBy("signing_order")
    .execute();
  const mine = parties.filter((p) => isMemberOf(actor, p.organization_id));
  return mine.find((p) => p.role === "association") ?? mine[0] ?? null;
}

export type StartReportInput = { obligationId: string } | { kind: ReportKind; periodFrom: string; periodTo: string };

/**
 * Starts the report an obligation of the calendar asks for (its period and kind; the one already
 * started if there is one), or a report for a period. Its indicators are prefilled from the plan.
 */
export async function startReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: StartReportInput,
): Promise<{ ok: true; reportId: string } | Refusal> {
  const agreementId = loaded.agreement.id;
  return inTransaction(db, async (trx) => {
    let target: { partyId: string; organizationId: string; kind: ReportKind; from: string; to: string } | null;
    let obligationId: string | null = null;
    if ("obligationId" in input) {
      const o = await trx
        .selectFrom("obligation")
        .innerJoin("agreement_party as p", "p.id", "obligation.responsible_party_id")
        .select([
          "obligation.id",
          "obligation.kind",
          "obligation.period_from",
          "obligation.period_to",
          "obligation.due_date",
          "p.id as partyId",
          "p.organization_id as organizationId",
        ])
        .where("obligation.id", "=", input.obligationId)
        .where("obligation.agreement_id", "=", agreementId)
        .where("obligation.kind", "in", ["progress_report", "final_report"])
        .executeTakeFirst();
      if (!o || !canWriteReport(actor, loaded.access, o.organizationId)) return NOT_FOUND;
      const existing = await trx.selectFrom("report").select("id").where("obligation_id", "=", o.id).executeTakeFirst();
      if (existing) return { ok: true as const, reportId: existing.id };
      obligationId = o.id;
      target = {
        partyId: o.partyId,
        organizationId: o.organizationId,
        kind: o.kind === "final_report" ? "final" : "progress",
        from: o.period_from ?? loaded.agreement.effective_date ?? o.due_date ?? todayInMorocco(),
        to: o.period_to ?? o.due_date ?? todayInMorocco(),
      };
    } else {
      const party = await reportingPartyOf(trx, actor, agreementId);
      if (!party || !canWriteReport(actor, loaded.access, party.organization_id)) return NOT_FOUND;
      target = {
        partyId: party.id,
        organizationId: party.organization_id,
        kind: input.kind,
        from: input.periodFrom,
        to: input.periodTo,
      };
    }
    const id = newId();
    const at = nowIso();
    const indicators = await indicatorsForPeriod(trx, agreementId, { from: target.from, to: target.to });
    await trx
      .insertInto("report")
      .values({
        id,
        agreement_id: agreementId,
        obligation_id: obligationId,
        party_id: target.partyId,
        kind: target.kind,
        period_from: target.from,
        period_to: target.to,
        sections: JSON.stringify(emptySections(indicators)),
        edited_by_user_id: null,
        accepted_at: null,
        created_by_user_id: actor.userId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "report.created",
      agreementId,
      organizationId: target.organizationId,
      subjectId: id,
      data: { kind: target.kind, from: target.from, to: target.to },
    });
    return { ok: true as const, reportId: id };
  });
}

/** The report a command works on, if the actor may read it; and the facts its rules need. */
async function loadFor(trx: Trx, actor: Actor, loaded: LoadedAgreement, reportId: string) {
  return findReport(trx, actor, loaded.access, loaded.agreement.id, reportId);
}

export interface SaveReportInput {
  reportId: string;
  version: number;
  summary: string;
  activities: string;
  difficulties: string;
  nextPeriod: string;
  deliveriesComment: string;
  financialComment: string;
  indicators: Record<string, { value: number; comment?: string }>;
}

export type ReportConflict = {
  ok: false;
  error: "report_conflict";
  current: { sections: ReportSections; version: number; editedBy: string | null };
};

/** Saves the draft if nobody saved it since `version` was read; otherwise returns their text, nothing lost. */
export async function saveReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: SaveReportInput,
): Promise<{ ok: true; version: number } | Refusal | ReportConflict> {
  return inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canWriteReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    if (!isReportEditable(report.status)) return ruleBroken({ key: "reports.error.locked" });
    const before = parseSections(report.sections);
    const sections: ReportSections = {
      summary: input.summary,
      activities: input.activities,
      difficulties: input.difficulties,
      nextPeriod: input.nextPeriod,
      deliveriesComment: input.deliveriesComment,
      financialComment: input.financialComment,
      indicators: before.indicators.map((i) => {
        const typed = input.indicators[i.indicatorId];
        return typed ? { ...i, value: typed.value, comment: typed.comment ?? "" } : i;
      }),
    };
    const result = await trx
      .updateTable("report")
      .set({
        sections: JSON.stringify(sections),
        edited_by_user_id: actor.userId,
        updated_at: nowIso(),
        version: input.version + 1,
      })
      .where("id", "=", report.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      return {
        ok: false as const,
        error: "report_conflict" as const,
        current: { sections: before, version: report.version, editedBy: report.editedBy },
      };
    await appendAuditEvent(trx, meta, {
      type: "report.saved",
      agreementId: loaded.agreement.id,
      subjectId: report.id,
      data: { revision: input.version + 1, length: JSON.stringify(sections).length },
    });
    return { ok: true as const, version: input.version + 1 };
  });
}

/** An annex (photo, list, document — checked by content before): while the text is being written. */
export async function addAnnex(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; kind: "photo" | "list" | "document"; stored: StoredFile },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canWriteReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    if (!isReportEditable(report.status)) return ruleBroken({ key: "reports.error.locked" });
    if (input.kind === "photo" && !input.stored.mimeType.startsWith("image/"))
      return ruleBroken({ key: "reports.error.photoImage" });
    await recordAttachment(trx, meta, {
      ownerType: "report",
      ownerId: report.id,
      purpose: ANNEX_PURPOSE[input.kind],
      stored: input.stored,
      agreementId: loaded.agreement.id,
    });
    return { ok: true as const };
  });
}

/** An annex added since the last submission is removed; one a version was submitted with stays. */
export async function removeAnnex(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; attachmentId: string },
): Promise<{ ok: true } | Refusal> {
  const removed = await inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canWriteReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    if (!isReportEditable(report.status)) return ruleBroken({ key: "reports.error.locked" });
    const annex = await trx
      .selectFrom("attachment")
      .select(["id", "stored_name", "original_name", "sha256"])
      .where("id", "=", input.attachmentId)
      .where("owner_type", "=", "report")
      .where("owner_id", "=", report.id)
      .executeTakeFirst();
    if (!annex) return NOT_FOUND;
    const last = hasSubmittedVersion(report.current_version)
      ? await getReportVersion(trx, report.id, report.current_version)
      : null;
    if (last?.content.annexes.some((a) => a.id === annex.id))
      return ruleBroken({ key: "reports.error.annexSubmitted" });
    await trx.deleteFrom("attachment").where("id", "=", annex.id).execute();
    await appendAuditEvent(trx, meta, {
      type: "report.annex_removed",
      agreementId: loaded.agreement.id,
      subjectId: report.id,
      data: { name: annex.original_name, sha256: annex.sha256 },
    });
    return { ok: true as const, storedName: annex.stored_name };
  });
  if (!removed.ok) return removed;
  discardFile(removed.storedName);
  return { ok: true };
}

/** Submits the report: what it says now is frozen as the next version, with its SHA-256. */
export async function submitReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; version: number },
  now = new Date(),
): Promise<{ ok: true; number: number; hash: string } | Refusal> {
  const result = await inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canSubmitReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    const check = checkReportMove("submit", {
      status: report.status,
      summary: parseSections(report.sections).summary,
    });
    if (!check.ok) return ruleBroken(...check.errors);
    if (report.version !== input.version) return CONFLICT;
    const number = report.current_version + 1;
    const serialized = serializeReportSnapshot(await reportSnapshot(trx, report, number));
    const hash = reportHash(serialized);
    const at = nowIso(now);
    await trx
      .insertInto("report_version")
      .values({
        id: newId(),
        report_id: report.id,
        number,
        snapshot: serialized,
        sha256: hash,
        submitted_by: actor.userId,
        submitted_at: at,
      })
      .execute();
    await trx
      .updateTable("report")
      .set((eb) => ({ status: "submitted", current_version: number, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", report.id)
      .execute();
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "report.submitted",
        agreementId: loaded.agreement.id,
        organizationId: report.reportingOrganizationId,
        subjectId: report.id,
        data: { number, hash, kind: report.kind, from: report.period_from, to: report.period_to },
      },
      now,
    );
    return { ok: true as const, number, hash };
  });
  if (result.ok) await createNotices(db, await reportNotices(db, input.reportId, "submitted"));
  return result;
}

/** A partner's comment on a section of the version under review. */
export async function commentReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; section: string; body: string },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canCommentReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    if (report.status !== "submitted") return ruleBroken({ key: "reports.error.notUnderReview" });
    const organizationId = reviewingOrganizations(actor, loaded.access, report.reportingOrganizationId)[0]!;
    await trx
      .insertInto("report_comment")
      .values({
        id: newId(),
        report_id: report.id,
        version_number: report.current_version,
        section: input.section,
        organization_id: organizationId,
        author_user_id: actor.userId,
        body: input.body,
        created_at: nowIso(),
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "report.commented",
      agreementId: loaded.agreement.id,
      organizationId,
      subjectId: report.id,
      data: { number: report.current_version, section: input.section },
    });
    return { ok: true as const };
  });
}

/** The organization a reviewer decides for: the first other party they manage. */
function reviewerOrganization(actor: Actor, loaded: LoadedAgreement, report: LoadedReport): string | null {
  return (
    reviewingOrganizations(actor, loaded.access, report.reportingOrganizationId).find((id) => {
      const role = roleIn(actor, id);
      return role === "president" || role === "admin";
    }) ?? null
  );
}

async function reviewerName(trx: Trx, userId: string): Promise<string> {
  const user = await trx.selectFrom("user").select("name").where("id", "=", userId).executeTakeFirst();
  return user?.name ?? "";
}

async function decidedOn(trx: Trx, report: LoadedReport, organizationId: string) {
  return trx
    .selectFrom("report_review")
    .select("decision")
    .where("report_id", "=", report.id)
    .where("version_number", "=", report.current_version)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
}

async function recordReview(
  trx: Trx,
  meta: RequestMeta,
  actor: Actor,
  report: LoadedReport,
  input: { organizationId: string; name: string; decision: ReportDecision; reservations: string | null; at: string },
): Promise<string> {
  const version = (await getReportVersion(trx, report.id, report.current_version))!;
  await trx
    .insertInto("report_review")
    .values({
      id: newId(),
      report_id: report.id,
      version_number: report.current_version,
      organization_id: input.organizationId,
      user_id: actor.userId,
      name: input.name,
      decision: input.decision,
      reservations: input.reservations,
      content_hash: version.sha256,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
      created_at: input.at,
    })
    .execute();
  return version.sha256;
}

/** A partner sends the version back with its message: the reporting party revises it and submits again. */
export async function sendBackReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; message: string },
): Promise<{ ok: true } | Refusal> {
  const result = await inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canReviewReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    const organizationId = reviewerOrganization(actor, loaded, report)!;
    const check = checkReportMove(
      "send_back",
      {
        status: report.status,
        summary: "",
        alreadyDecided: !!(await decidedOn(trx, report, organizationId)),
      },
      { message: input.message },
    );
    if (!check.ok) return ruleBroken(...check.errors);
    const at = nowIso();
    const name = await reviewerName(trx, actor.userId);
    await trx
      .insertInto("report_comment")
      .values({
        id: newId(),
        report_id: report.id,
        version_number: report.current_version,
        section: "general",
        organization_id: organizationId,
        author_user_id: actor.userId,
        body: input.message,
        created_at: at,
      })
      .execute();
    const hash = await recordReview(trx, meta, actor, report, {
      organizationId,
      name,
      decision: "sent_back",
      reservations: null,
      at,
    });
    await trx
      .updateTable("report")
      .set((eb) => ({ status: "sent_back", updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", report.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "report.sent_back",
      agreementId: loaded.agreement.id,
      organizationId,
      subjectId: report.id,
      data: { number: report.current_version, hash, name, note: input.message.slice(0, 200) },
    });
    return { ok: true as const };
  });
  if (result.ok) await createNotices(db, await reportNotices(db, input.reportId, "sent_back"));
  return result;
}

/**
 * A partner accepts the version under review, confirming their password (the one throttled check),
 * recorded like a signature: who, when, from where, and the hash of the text accepted. When the
 * agreement's rule is met (one partner, or all), the report is accepted: its obligation is done, the
 * tranches it conditions become due and the expenses it accounts for are locked, in this transaction.
 */
export async function acceptReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    reportId: string;
    decision: "accepted" | "accepted_with_reservations";
    reservations?: string;
    password: string;
  },
  now = new Date(),
): Promise<{ ok: true; accepted: boolean; tranchesDue: string[] } | Refusal | PasswordRefusal> {
  // Who may accept is checked before the password: another organization learns nothing, not even that.
  const visible = await findReport(db, actor, loaded.access, loaded.agreement.id, input.reportId);
  if (!visible || !canReviewReport(actor, loaded.access, visible.reportingOrganizationId)) return NOT_FOUND;
  const refused = await confirmPassword(db, { userId: actor.userId, password: input.password, ip: meta.ip }, now);
  if (refused) return refused;
  const result = await inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    if (!report || !canReviewReport(actor, loaded.access, report.reportingOrganizationId)) return NOT_FOUND;
    const organizationId = reviewerOrganization(actor, loaded, report)!;
    const reservations = input.decision === "accepted_with_reservations" ? (input.reservations ?? null) : null;
    const check = checkReportMove(
      "accept",
      { status: report.status, summary: "", alreadyDecided: !!(await decidedOn(trx, report, organizationId)) },
      { decision: input.decision, reservations },
    );
    if (!check.ok) return ruleBroken(...check.errors);
    const at = nowIso(now);
    const today = todayInMorocco(now);
    const name = await reviewerName(trx, actor.userId);
    const hash = await recordReview(trx, meta, actor, report, {
      organizationId,
      name,
      decision: input.decision,
      reservations,
      at,
    });
    const partners = await partnerOrganizations(trx, loaded.agreement.id, report.reportingOrganizationId);
    const acceptedBy = (
      await trx
        .selectFrom("report_review")
        .select(["organization_id", "decision"])
        .where("report_id", "=", report.id)
        .where("version_number", "=", report.current_version)
        .execute()
    )
      .filter((r) => isAcceptance(r.decision))
      .map((r) => r.organization_id);
    const complete = acceptanceComplete(loaded.agreement.report_acceptance, partners, acceptedBy);
    let tranchesDue: string[] = [];
    let lockedExpenses = 0;
    if (complete) {
      await trx
        .updateTable("report")
        .set((eb) => ({ status: "accepted", accepted_at: at, updated_at: at, version: eb("version", "+", 1) }))
        .where("id", "=", report.id)
        .execute();
      if (report.obligation_id) {
        await trx
          .updateTable("obligation")
          .set((eb) => ({ status: "done", completed_on: today, updated_at: at, version: eb("version", "+", 1) }))
          .where("id", "=", report.obligation_id)
          .execute();
        await refreshDueDates(trx, loaded.agreement.id);
      }
      // The tranches conditioned on this report become due, in this transaction.
      tranchesDue = await markConditionsMet(
        trx,
        { kind: "report_accepted", agreementId: loaded.agreement.id, reportId: report.id, on: today },
        meta,
      );
      lockedExpenses = await lockReportedExpenses(trx, report);
    }
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "report.accepted",
        agreementId: loaded.agreement.id,
        organizationId,
        subjectId: report.id,
        data: {
          number: report.current_version,
          hash,
          name,
          decision: input.decision,
          ...(reservations ? { reservations: reservations.slice(0, 500) } : {}),
          complete,
          tranchesDue,
          lockedExpenses,
        },
      },
      now,
    );
    return { ok: true as const, accepted: complete, tranchesDue };
  });
  if (result.ok && result.accepted) await createNotices(db, await reportNotices(db, input.reportId, "accepted"));
  return result;
}

/** The expenses an accepted report accounts for (its version's list, and their reversals) are locked by it. */
async function lockReportedExpenses(trx: Trx, report: LoadedReport): Promise<number> {
  const version = await getReportVersion(trx, report.id, report.current_version);
  const ids = version?.content.financial.expenses.map((e) => e.id) ?? [];
  if (ids.length === 0) return 0;
  const result = await trx
    .updateTable("expense")
    .set({ locked_by_report_id: report.id })
    .where("agreement_id", "=", report.agreement_id)
    .where("locked_by_report_id", "is", null)
    .where((eb) => eb.or([eb("id", "in", ids), eb("reverses_expense_id", "in", ids)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The committee takes note of a submitted or accepted report: a numbered decision of the meeting in
 * progress, linked to the report (its text links to the report's page), by a committee member.
 */
export async function takeNoteOfReport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { reportId: string; meetingId: string; locale: Locale },
): Promise<{ ok: true; number: number } | Refusal> {
  return inTransaction(db, async (trx) => {
    const report = await loadFor(trx, actor, loaded, input.reportId);
    const found = await getCommittee(trx, loaded.agreement.id);
    if (!report || !found || !canRecordMeetings(seatOf(found, actor))) return NOT_FOUND;
    if (!hasSubmittedVersion(report.current_version)) return ruleBroken({ key: "reports.error.notSubmitted" });
    const meeting = await trx
      .selectFrom("meeting")
      .select(["id", "number", "status"])
      .where("id", "=", input.meetingId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!meeting) return NOT_FOUND;
    if (!canRecordOutcomes(meeting.status)) return ruleBroken({ key: "meeting.error.notInProgress" });
    const last = await trx
      .selectFrom("meeting_outcome")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("meeting_id", "=", meeting.id)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const { t, formatDate } = createTranslator(input.locale);
    const body = t("reports.noteDecision", {
      kind: t(`reports.kind.${report.kind}`),
      from: formatDate(report.period_from),
      to: formatDate(report.period_to),
      number: report.current_version,
      link: `/agreements/${loaded.agreement.id}/reports/${report.id}`,
    });
    await trx
      .insertInto("meeting_outcome")
      .values({
        id: newId(),
        meeting_id: meeting.id,
        agenda_item_id: null,
        kind: "decision",
        number,
        body,
        created_by_user_id: actor.userId,
        created_at: nowIso(),
        report_id: report.id,
      })
      .execute();
    await trx
      .updateTable("meeting")
      .set((eb) => ({ updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", meeting.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "meeting.outcome_added",
      agreementId: loaded.agreement.id,
      subjectId: meeting.id,
      data: { kind: "decision", number, body: body.slice(0, 200) },
    });
    return { ok: true as const, number };
  });
}

export { getReport };

/** A report's PDF served: recorded in its agreement's history with the SHA-256 of its bytes. */
export async function recordReportPdf(
  db: DB,
  meta: RequestMeta,
  input: { agreementId: string; reportId: string; number: number; sha256: string },
): Promise<void> {
  await inTransaction(db, (trx) =>
    appendAuditEvent(trx, meta, {
      type: "report.pdf_downloaded",
      agreementId: input.agreementId,
      subjectId: input.reportId,
      data: { number: input.number, sha256: input.sha256 },
    }),
  );
}
