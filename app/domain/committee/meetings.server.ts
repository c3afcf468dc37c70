/**
 * The committee's meetings: scheduling with a prepared agenda, the meeting's states, attendance,
 * outcomes (information and numbered decisions), minutes with their approvals and addenda.
 * Every command checks the actor's seat, runs in one transaction and writes its audit event.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { AttendanceStatus, Database, Locale, OutcomeKind } from "../../../db/schema";
import { canEditMinutes, canRecordMeetings, type Actor, type CommitteeSeat } from "../access/access";
import type { Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { displayName } from "../organization/organization";
import { isDeliverableLate } from "../delivery/delivery";
import { listDeliverables } from "../delivery/deliverables.server";
import { listObligations } from "../delivery/obligations.server";
import type { MessageKey } from "~/lib/i18n/translate";
import { newId, sha256Hex } from "~/lib/crypto.server";
import { LOCALES } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { confirmPassword, type PasswordRefusal } from "../identity/login.server";
import { nowIso, todayInMorocco, zonedToUtc } from "~/lib/time";
import {
  acceptsAddendum,
  canonicalMinutes,
  canRecordOutcomes,
  checkMeetingMove,
  checkMinutesMove,
  isActionItemOpen,
  isAgendaEditable,
  isDecision,
  isMinutesEditable,
  mayApprove,
  minutesApproved,
  prefilledAgenda,
  quorum,
  type MeetingMove,
  type MinutesMove,
} from "./committee";
import { getCommittee, partyIds, seatOf, type LoadedCommittee } from "./committee.server";

type Db = DB | Transaction<Database>;
const NOT_FOUND = { ok: false, error: "not_found" } as const;
const rule = (key: MessageKey, vars?: Record<string, string | number>) => ({
  ok: false as const,
  error: "rule" as const,
  errors: [{ key, ...(vars ? { vars } : {}) }],
});

export async function listMeetings(db: Db, committeeId: string) {
  return db
    .selectFrom("meeting")
    .select((eb) => [
      "meeting.id",
      "meeting.number",
      "meeting.starts_at as startsAt",
      "meeting.time_zone as timeZone",
      "meeting.location",
      "meeting.video_url as videoUrl",
      "meeting.status",
      "meeting.minutes_status as minutesStatus",
      eb
        .selectFrom("meeting_outcome")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("meeting_outcome.meeting_id", "=", "meeting.id")
        .where("kind", "=", "decision")
        .as("decisions"),
      eb
        .selectFrom("action_item")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("action_item.meeting_id", "=", "meeting.id")
        .as("actionItems"),
    ])
    .where("meeting.committee_id", "=", committeeId)
    .orderBy("meeting.starts_at", "desc")
    .execute();
}

/** The agreement's meetings, latest first (the plan links its adoption to one of them). */
export async function agreementMeetings(db: Db, agreementId: string) {
  return db
    .selectFrom("meeting")
    .select(["id", "number", "starts_at as startsAt", "time_zone as timeZone", "status"])
    .where("agreement_id", "=", agreementId)
    .orderBy("starts_at", "desc")
    .execute();
}

/** Action items of a committee, with their owner's name and the meeting that decided them. */
export async function listActionItems(db: Db, committeeId: string) {
  const rows = await db
    .selectFrom("action_item")
    .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
    .leftJoin("committee_member", "committee_member.id", "action_item.owner_member_id")
    .leftJoin("agreement_party", "agreement_party.id", "action_item.owner_party_id")
    .leftJoin("organization", "organization.id", "agreement_party.organization_id")
    .select([
      "action_item.id",
      "action_item.meeting_id as meetingId",
      "meeting.number as meetingNumber",
      "action_item.agenda_item_id as agendaItemId",
      "action_item.title",
      "action_item.owner_member_id as ownerMemberId",
      "action_item.owner_party_id as ownerPartyId",
      "committee_member.name as ownerMemberName",
      "organization.id as ownerOrganizationId",
      "organization.name_fr as ownerNameFr",
      "organization.name_ar as ownerNameAr",
      "action_item.due_date as dueDate",
      "action_item.link_kind as linkKind",
      "action_item.link_id as linkId",
      "action_item.status",
      "action_item.closed_note as closedNote",
      "action_item.closed_at as closedAt",
      "action_item.version",
    ])
    .where("action_item.committee_id", "=", committeeId)
    .orderBy("meeting.number")
    .orderBy("action_item.created_at")
    .execute();
  return rows;
}

function ownerLabel(
  a: { ownerMemberName: string | null; ownerNameFr: string | null; ownerNameAr: string | null },
  locale: Locale,
): string {
  return a.ownerMemberName ?? displayName({ nameFr: a.ownerNameFr, nameAr: a.ownerNameAr }, locale);
}

export async function getMeeting(db: Db, agreementId: string, meetingId: string) {
  const meeting = await db
    .selectFrom("meeting")
    .selectAll()
    .where("id", "=", meetingId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!meeting) return null;
  const [agenda, attendance, outcomes, approvals, addenda, editor] = await Promise.all([
    db.selectFrom("agenda_item").selectAll().where("meeting_id", "=", meeting.id).orderBy("position").execute(),
    db
      .selectFrom("meeting_attendance")
      .select(["member_id as memberId", "status"])
      .where("meeting_id", "=", meeting.id)
      .execute(),
    db.selectFrom("meeting_outcome").selectAll().where("meeting_id", "=", meeting.id).orderBy("created_at").execute(),
    db
      .selectFrom("minutes_approval")
      .select([
        "id",
        "party_id as partyId",
        "member_id as memberId",
        "user_id as userId",
        "name",
        "minutes_hash as minutesHash",
        "approved_at as approvedAt",
      ])
      .where("meeting_id", "=", meeting.id)
      .orderBy("approved_at")
      .execute(),
    db
      .selectFrom("minutes_addendum")
      .leftJoin("user", "user.id", "minutes_addendum.author_user_id")
      .select([
        "minutes_addendum.id",
        "minutes_addendum.body",
        "minutes_addendum.created_at as createdAt",
        "user.name as authorName",
      ])
      .where("meeting_id", "=", meeting.id)
      .orderBy("minutes_addendum.created_at")
      .execute(),
    meeting.minutes_edited_by_user_id
      ? db.selectFrom("user").select("name").where("id", "=", meeting.minutes_edited_by_user_id).executeTakeFirst()
      : undefined,
  ]);
  const actionItems = (await listActionItems(db, meeting.committee_id)).filter((a) => a.meetingId === meeting.id);
  return {
    meeting,
    agenda,
    attendance,
    outcomes,
    approvals,
    addenda,
    actionItems,
    minutesEditedBy: editor?.name ?? null,
  };
}

export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

/** The number of the agreement's meeting, or null when the agreement has no such meeting. */
export async function meetingNumber(db: Db, agreementId: string, meetingId: string): Promise<number | null> {
  const row = await db
    .selectFrom("meeting")
    .select("number")
    .where("id", "=", meetingId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  return row?.number ?? null;
}

/** Whether the agreement has this meeting (the meeting page's actions answer 404 before reading the form). */
export async function meetingExists(db: Db, agreementId: string, meetingId: string): Promise<boolean> {
  return (await meetingNumber(db, agreementId, meetingId)) !== null;
}

/** The approvals that count: those given on the text as it is now. */
export function currentApprovals(m: LoadedMeeting) {
  return m.approvals.filter((a) => a.minutesHash === m.meeting.minutes_hash);
}

export function meetingQuorum(found: LoadedCommittee, m: LoadedMeeting, parties: readonly string[]) {
  return quorum({
    rule: found.committee.quorum_rule,
    count: found.committee.quorum_count,
    partyIds: parties,
    attendance: found.members.map((member) => ({
      partyId: member.partyId,
      status: m.attendance.find((a) => a.memberId === member.id)?.status ?? null,
    })),
  });
}

function minutesHashOf(m: LoadedMeeting): string {
  return sha256Hex(
    canonicalMinutes({
      meetingId: m.meeting.id,
      number: m.meeting.number,
      startsAt: m.meeting.starts_at,
      minutes: m.meeting.minutes,
      attendance: m.attendance,
      decisions: m.outcomes.filter((o) => isDecision(o.kind)).map((o) => ({ number: o.number, body: o.body })),
      actionItems: m.actionItems.map((a) => ({ id: a.id, title: a.title, dueDate: a.dueDate })),
    }),
  );
}

/** Loads committee, seat and meeting inside the transaction; null when the actor may not record. */
async function context(trx: Db, actor: Actor, loaded: LoadedAgreement, meetingId: string) {
  const found = await getCommittee(trx, loaded.agreement.id);
  if (!found) return null;
  const seat = seatOf(found, actor);
  const m = await getMeeting(trx, loaded.agreement.id, meetingId);
  if (!m) return null;
  return { found, seat, m };
}

async function touch(trx: Transaction<Database>, meetingId: string) {
  await trx
    .updateTable("meeting")
    .set((eb) => ({ updated_at: nowIso(), version: eb("version", "+", 1) }))
    .where("id", "=", meetingId)
    .execute();
}

// ── Scheduling ───────────────────────────────────────────────────────────────────────────

export interface ScheduleInput {
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: number;
  location?: string;
  videoUrl?: string;
  /** The scheduler's language: the agenda is prepared in every language and stored in theirs as well. */
  locale: Locale;
  today?: string;
}

/** Schedules the next meeting, its agenda prepared from what the follow-up says needs discussing. */
export async function scheduleMeeting(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: ScheduleInput,
): Promise<{ ok: true; meetingId: string } | Refusal> {
  const { locale, today = todayInMorocco() } = input;
  const found = await getCommittee(db, loaded.agreement.id);
  if (!found || !canRecordMeetings(seatOf(found, actor))) return NOT_FOUND;
  if (!input.location && !input.videoUrl)
    return { ok: false, error: "rule", errors: [{ key: "meeting.error.placeOrLink" }] };
  // Written in every language (each member reads it in theirs), stored in the scheduler's as well.
  const prepared = await Promise.all(
    LOCALES.map((l) => agendaToPrepare(db, loaded.agreement.id, found.committee.id, l, today)),
  );
  const agenda = prepared[LOCALES.indexOf(locale)]!;
  const pick = (item: { title: string; body: string }) => ({ title: item.title, body: item.body });
  const textsOf = (position: number) =>
    JSON.stringify(Object.fromEntries(LOCALES.map((l, i) => [l, pick(prepared[i]![position]!)])));
  return inTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom("meeting")
      .select("number")
      .where("committee_id", "=", found.committee.id)
      .orderBy("number", "desc")
      .executeTakeFirst();
    const id = newId();
    const at = nowIso();
    const startsAt = zonedToUtc(input.date, input.time, input.timeZone);
    await trx
      .insertInto("meeting")
      .values({
        id,
        committee_id: found.committee.id,
        agreement_id: loaded.agreement.id,
        number: (last?.number ?? 0) + 1,
        starts_at: startsAt,
        time_zone: input.timeZone,
        duration_minutes: input.durationMinutes,
        location: input.location ?? null,
        video_url: input.videoUrl ?? null,
        minutes_hash: null,
        minutes_edited_by_user_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const [position, item] of agenda.entries()) {
      await trx
        .insertInto("agenda_item")
        .values({
          id: newId(),
          meeting_id: id,
          position,
          title: item.title,
          body: item.body,
          source_kind: item.sourceKind,
          source_id: item.sourceId,
          texts: textsOf(position),
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await appendAuditEvent(trx, meta, {
      type: "meeting.scheduled",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { number: (last?.number ?? 0) + 1, startsAt, agendaItems: agenda.length },
    });
    return { ok: true as const, meetingId: id };
  });
}

/** What a new meeting's agenda starts with, in the scheduler's language. */
export async function agendaToPrepare(db: Db, agreementId: string, committeeId: string, locale: Locale, today: string) {
  const { t, formatDate } = createTranslator(locale);
  const items = await listActionItems(db, committeeId);
  // "Since the last meeting": since the previous meeting was scheduled (its agenda was then fixed),
  // whatever its date — so nothing closed in between is missed, even when meetings are entered late.
  const lastMeeting = await db
    .selectFrom("meeting")
    .select("created_at")
    .where("committee_id", "=", committeeId)
    .orderBy("number", "desc")
    .executeTakeFirst();
  const obligations = await listObligations(db as DB, agreementId, today);
  const deliverables = await listDeliverables(db as DB, agreementId);
  const plan = await db
    .selectFrom("action_plan")
    .select(["id", "year"])
    .where("agreement_id", "=", agreementId)
    .where("status", "=", "submitted")
    .orderBy("year", "desc")
    .executeTakeFirst();
  return prefilledAgenda(
    {
      openActionItems: items
        .filter((a) => isActionItemOpen(a.status))
        .map((a) => ({
          id: a.id,
          title: a.title,
          owner: ownerLabel(a, locale),
          dueDate: a.dueDate,
          meetingNumber: a.meetingNumber,
        })),
      closedSinceLastMeeting: items
        .filter(
          (a) => !isActionItemOpen(a.status) && a.closedAt && (!lastMeeting || a.closedAt >= lastMeeting.created_at),
        )
        .map((a) => ({ title: a.title, owner: ownerLabel(a, locale), status: a.status, note: a.closedNote })),
      overdueObligations: obligations
        .filter((o) => o.overdue)
        .map((o) => ({ id: o.id, description: o.description, party: displayName(o, locale), due: o.nextDue! })),
      lateDeliverables: deliverables
        .filter((d) => isDeliverableLate(d, today))
        .map((d) => ({
          id: d.id,
          title: d.title,
          party: displayName(d, locale),
          due: d.dueDate,
          disputed: d.status === "disputed",
        })),
      planAwaitingAdoption: plan ? { id: plan.id, year: plan.year } : null,
    },
    {
      followUp: (title) => t("agenda.followUp", { title }),
      owner: (name, due, n) =>
        due ? t("agenda.ownerDue", { name, date: formatDate(due), number: n }) : t("agenda.owner", { name, number: n }),
      doneItems: t("agenda.doneItems"),
      doneLine: (title, owner, status, note) =>
        t(status === "done" ? "agenda.doneLine" : "agenda.cancelledLine", { title, owner, note: note ?? "" }).trim(),
      obligation: (description) => t("agenda.obligation", { description }),
      obligationBody: (party, due) => t("agenda.obligationBody", { party, date: formatDate(due) }),
      deliverable: (title, disputed) =>
        t(disputed ? "agenda.deliverableDisputed" : "agenda.deliverableLate", { title }),
      deliverableBody: (party, due) => (due ? t("agenda.deliverableBody", { party, date: formatDate(due) }) : party),
      plan: (year) => t("agenda.plan", { year: String(year) }),
    },
  );
}

// ── The agenda ────────────────────────────────────────────────────────────────────────────

export async function addAgendaItem(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; title: string; body?: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    if (!isAgendaEditable(c.m.meeting.status)) return rule("meeting.error.closed");
    const at = nowIso();
    await trx
      .insertInto("agenda_item")
      .values({
        id: newId(),
        meeting_id: meetingId,
        position: (c.m.agenda.at(-1)?.position ?? -1) + 1,
        title: input.title,
        body: input.body ?? "",
        source_kind: null,
        source_id: null,
        texts: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await touch(trx, meetingId);
    await appendAuditEvent(trx, meta, {
      type: "meeting.agenda_changed",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { change: "added", title: input.title },
    });
    return { ok: true as const };
  });
}

export async function moveAgendaItem(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; itemId: string; direction: "up" | "down" },
): Promise<{ ok: true } | Refusal> {
  const { meetingId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    if (!isAgendaEditable(c.m.meeting.status)) return rule("meeting.error.closed");
    const index = c.m.agenda.findIndex((i) => i.id === input.itemId);
    if (index < 0) return NOT_FOUND;
    const other = c.m.agenda[input.direction === "up" ? index - 1 : index + 1];
    if (!other) return { ok: true as const };
    const item = c.m.agenda[index]!;
    // Through a free position, so no two items ever share one.
    await trx.updateTable("agenda_item").set({ position: -1 }).where("id", "=", item.id).execute();
    await trx
      .updateTable("agenda_item")
      .set({ position: item.position, updated_at: nowIso() })
      .where("id", "=", other.id)
      .execute();
    await trx
      .updateTable("agenda_item")
      .set({ position: other.position, updated_at: nowIso() })
      .where("id", "=", item.id)
      .execute();
    await touch(trx, meetingId);
    await appendAuditEvent(trx, meta, {
      type: "meeting.agenda_changed",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { change: "moved", title: item.title },
    });
    return { ok: true as const };
  });
}

export async function removeAgendaItem(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; itemId: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId, itemId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    if (!isAgendaEditable(c.m.meeting.status)) return rule("meeting.error.closed");
    const item = c.m.agenda.find((i) => i.id === itemId);
    if (!item) return NOT_FOUND;
    if (c.m.outcomes.some((o) => o.agenda_item_id === itemId) || c.m.actionItems.some((a) => a.agendaItemId === itemId))
      return rule("agenda.error.hasOutcomes");
    await trx.deleteFrom("agenda_item").where("id", "=", itemId).execute();
    await touch(trx, meetingId);
    await appendAuditEvent(trx, meta, {
      type: "meeting.agenda_changed",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { change: "removed", title: item.title },
    });
    return { ok: true as const };
  });
}

// ── The meeting's states ──────────────────────────────────────────────────────────────────

export async function moveMeeting(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; move: MeetingMove; reason?: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId, move, reason } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    const check = checkMeetingMove(
      move,
      { status: c.m.meeting.status, minutesStatus: c.m.meeting.minutes_status, isChair: c.seat?.role === "chair" },
      reason,
    );
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    // Reopening takes circulated minutes back to draft: the text may change again.
    const backToDraft = move === "reopen" && c.m.meeting.minutes_status === "circulated";
    await trx
      .updateTable("meeting")
      .set((eb) => ({
        status: check.to,
        ...(backToDraft ? { minutes_status: "draft" as const, minutes_hash: null } : {}),
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", meetingId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "meeting.moved",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { number: c.m.meeting.number, from: c.m.meeting.status, to: check.to, ...(reason ? { reason } : {}) },
    });
    return { ok: true as const };
  });
}

// ── Attendance and outcomes ──────────────────────────────────────────────────────────────

export async function recordAttendance(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; statuses: Record<string, AttendanceStatus>; guests?: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    if (!canRecordOutcomes(c.m.meeting.status)) return rule("meeting.error.notInProgress");
    const at = nowIso();
    for (const [memberId, status] of Object.entries(input.statuses)) {
      if (!c.found.members.some((m) => m.id === memberId)) return NOT_FOUND;
      await trx
        .insertInto("meeting_attendance")
        .values({ meeting_id: meetingId, member_id: memberId, status, updated_at: at })
        .onConflict((oc) => oc.columns(["meeting_id", "member_id"]).doUpdateSet({ status, updated_at: at }))
        .execute();
    }
    await trx
      .updateTable("meeting")
      .set((eb) => ({ guests: input.guests ?? "", updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", meetingId)
      .execute();
    const present = Object.values(input.statuses).filter((s) => s === "present").length;
    await appendAuditEvent(trx, meta, {
      type: "meeting.attendance_recorded",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { present, recorded: Object.keys(input.statuses).length },
    });
    return { ok: true as const };
  });
}

export async function addOutcome(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; agendaItemId?: string; kind: OutcomeKind; body: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canRecordMeetings(c.seat)) return NOT_FOUND;
    if (!canRecordOutcomes(c.m.meeting.status)) return rule("meeting.error.notInProgress");
    if (input.agendaItemId && !c.m.agenda.some((i) => i.id === input.agendaItemId)) return NOT_FOUND;
    const number = isDecision(input.kind) ? Math.max(0, ...c.m.outcomes.map((o) => o.number ?? 0)) + 1 : null;
    const id = newId();
    await trx
      .insertInto("meeting_outcome")
      .values({
        id,
        meeting_id: meetingId,
        agenda_item_id: input.agendaItemId ?? null,
        kind: input.kind,
        number,
        body: input.body,
        created_by_user_id: actor.userId,
        created_at: nowIso(),
      })
      .execute();
    await touch(trx, meetingId);
    await appendAuditEvent(trx, meta, {
      type: "meeting.outcome_added",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { kind: input.kind, ...(number ? { number } : {}), body: input.body.slice(0, 200) },
    });
    return { ok: true as const };
  });
}

// ── Minutes ──────────────────────────────────────────────────────────────────────────────

export type MinutesConflict = {
  ok: false;
  error: "minutes_conflict";
  current: { text: string; revision: number; editedBy: string | null };
};

/** Saves the minutes if nobody saved since `revision` was read; otherwise returns their text, nothing lost. */
export async function saveMinutes(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; minutes: string; revision: number },
): Promise<{ ok: true; revision: number } | Refusal | MinutesConflict> {
  const { meetingId } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canEditMinutes(c.seat)) return NOT_FOUND;
    if (!isMinutesEditable(c.m.meeting.status, c.m.meeting.minutes_status)) return rule("minutes.error.locked");
    const result = await trx
      .updateTable("meeting")
      .set((eb) => ({
        minutes: input.minutes,
        minutes_revision: eb("minutes_revision", "+", 1),
        minutes_edited_by_user_id: actor.userId,
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", meetingId)
      .where("minutes_revision", "=", input.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      return {
        ok: false as const,
        error: "minutes_conflict" as const,
        current: { text: c.m.meeting.minutes, revision: c.m.meeting.minutes_revision, editedBy: c.m.minutesEditedBy },
      };
    }
    await appendAuditEvent(trx, meta, {
      type: "minutes.saved",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { revision: input.revision + 1, length: input.minutes.length },
    });
    return { ok: true as const, revision: input.revision + 1 };
  });
}

export async function moveMinutes(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; move: Exclude<MinutesMove, "approve"> },
): Promise<{ ok: true } | Refusal> {
  const { meetingId, move } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canEditMinutes(c.seat)) return NOT_FOUND;
    const parties = await partyIds(trx, loaded.agreement.id);
    const check = checkMinutesMove(move, {
      meetingStatus: c.m.meeting.status,
      minutesStatus: c.m.meeting.minutes_status,
      minutes: c.m.meeting.minutes,
      quorumMet: meetingQuorum(c.found, c.m, parties).met,
    });
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    const hash = move === "circulate" ? minutesHashOf(c.m) : null;
    await trx
      .updateTable("meeting")
      .set((eb) => ({
        minutes_status: check.to,
        minutes_hash: hash,
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", meetingId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "minutes.moved",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { number: c.m.meeting.number, to: check.to, ...(hash ? { hash } : {}) },
    });
    return { ok: true as const };
  });
}

/**
 * A member approves the circulated minutes for their party, confirming their password, like a
 * signature: who, when, from where, and the hash of the text approved. When the approvals
 * required by the committee's rule are in, the minutes are approved and locked.
 */
export async function approveMinutes(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; password: string; now?: Date },
): Promise<{ ok: true; approved: boolean } | Refusal | PasswordRefusal> {
  const { meetingId, now = new Date() } = input;
  const refused = await confirmPassword(db, { userId: actor.userId, password: input.password, ip: meta.ip }, now);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !c.seat) return NOT_FOUND;
    const member = c.found.members.find((m) => m.id === c.seat!.memberId)!;
    if (!mayApprove(c.found.committee.approval_rule, member.role)) return rule("minutes.error.notApprover");
    const parties = await partyIds(trx, loaded.agreement.id);
    const check = checkMinutesMove("approve", {
      meetingStatus: c.m.meeting.status,
      minutesStatus: c.m.meeting.minutes_status,
      minutes: c.m.meeting.minutes,
      quorumMet: meetingQuorum(c.found, c.m, parties).met,
    });
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    const hash = c.m.meeting.minutes_hash!;
    const current = currentApprovals(c.m);
    if (current.some((a) => a.memberId === member.id)) return rule("minutes.error.alreadyApproved");
    const at = nowIso(now);
    await trx
      .insertInto("minutes_approval")
      .values({
        id: newId(),
        meeting_id: meetingId,
        party_id: member.partyId,
        member_id: member.id,
        user_id: actor.userId,
        name: member.name,
        minutes_hash: hash,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 500) ?? null,
        approved_at: at,
      })
      .execute();
    const approvals = [
      ...current.map((a) => ({
        partyId: a.partyId,
        role: c.found.members.find((m) => m.id === a.memberId)?.role ?? ("member" as const),
      })),
      { partyId: member.partyId, role: member.role },
    ];
    const approved = minutesApproved(c.found.committee.approval_rule, parties, approvals);
    if (approved) {
      await trx
        .updateTable("meeting")
        .set((eb) => ({ minutes_status: "approved" as const, updated_at: at, version: eb("version", "+", 1) }))
        .where("id", "=", meetingId)
        .execute();
    }
    await appendAuditEvent(
      trx,
      meta,
      {
        type: "minutes.approved",
        agreementId: loaded.agreement.id,
        subjectId: meetingId,
        data: { number: c.m.meeting.number, hash, name: member.name, locked: approved },
      },
      now,
    );
    return { ok: true as const, approved };
  });
}

/** After approval the minutes never change: corrections are addenda, appended and dated. */
export async function addAddendum(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; body: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId, body } = input;
  return inTransaction(db, async (trx) => {
    const c = await context(trx, actor, loaded, meetingId);
    if (!c || !canEditMinutes(c.seat)) return NOT_FOUND;
    if (!acceptsAddendum(c.m.meeting.minutes_status)) return rule("minutes.error.addendumBeforeApproval");
    await trx
      .insertInto("minutes_addendum")
      .values({ id: newId(), meeting_id: meetingId, body, author_user_id: actor.userId, created_at: nowIso() })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "minutes.addendum_added",
      agreementId: loaded.agreement.id,
      subjectId: meetingId,
      data: { number: c.m.meeting.number, length: body.length },
    });
    return { ok: true as const };
  });
}

export { minutesHashOf, type CommitteeSeat };
