/**
 * The joint follow-up committee's rules, pure: the meeting's and the minutes' lifecycles, the
 * quorum, when minutes count as approved, when the committee is late to meet, what a new
 * meeting's agenda starts with, and the canonical text an approval signs.
 * Dates are YYYY-MM-DD, instants UTC ISO; "today" and "now" are passed in.
 */
import type {
  ActionItemStatus,
  AgendaSource,
  ApprovalRule,
  AttendanceStatus,
  CommitteeRole,
  Locale,
  MeetingStatus,
  MinutesStatus,
  OutcomeKind,
  QuorumRule,
  Rhythm,
} from "../../../db/schema";
import type { CommitteeSeat } from "../access/access";
import type { MessageKey } from "~/lib/i18n/translate";
import { addMonthsTo } from "~/lib/time";

export const RHYTHMS: readonly Rhythm[] = ["monthly", "quarterly", "half_yearly", "yearly", "none"];
export const COMMITTEE_ROLES: readonly CommitteeRole[] = ["chair", "secretary", "member"];
export const ATTENDANCE: readonly AttendanceStatus[] = ["present", "excused", "absent"];
export const QUORUM_RULES: readonly QuorumRule[] = ["each_party", "count"];
export const APPROVAL_RULES: readonly ApprovalRule[] = ["each_party", "chair"];
export const ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ["open", "done", "cancelled"];
export const DEFAULT_TIME_ZONE = "Africa/Casablanca";

const RHYTHM_MONTHS: Record<Exclude<Rhythm, "none">, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

export interface RuleError {
  key: MessageKey;
  vars?: Record<string, string | number>;
}
type Check<T> = { ok: true; to: T } | { ok: false; errors: RuleError[] };

// ── Members ─────────────────────────────────────────────────────────────────────────────

/** A committee has one chair: giving the role to `memberId` (or to a new member) is refused when another holds it. */
export function takesSecondChair(
  members: ReadonlyArray<{ id: string; role: CommitteeRole }>,
  role: CommitteeRole,
  memberId?: string,
): boolean {
  return role === "chair" && members.some((m) => m.role === "chair" && m.id !== memberId);
}

/**
 * Who may take over a seat for `partyId`: the people of the party's organization (with an account)
 * who do not sit on the committee yet.
 */
export function seatCandidates<P extends { partyId: string; userId: string }>(
  people: readonly P[],
  members: ReadonlyArray<{ userId: string | null }>,
  partyId: string,
): P[] {
  return people.filter((p) => p.partyId === partyId && !members.some((m) => m.userId === p.userId));
}

// ── Meetings ────────────────────────────────────────────────────────────────────────────

export type MeetingMove = "start" | "close" | "reopen";

const MEETING_MOVES: Record<MeetingMove, { from: MeetingStatus[]; to: MeetingStatus }> = {
  start: { from: ["planned"], to: "in_progress" },
  close: { from: ["in_progress"], to: "closed" },
  reopen: { from: ["closed"], to: "in_progress" },
};

/** planned → in progress → closed; a closed meeting is reopened only by the chair, with a reason. */
export function checkMeetingMove(
  move: MeetingMove,
  facts: { status: MeetingStatus; minutesStatus: MinutesStatus; isChair: boolean },
  reason?: string,
): Check<MeetingStatus> {
  const rule = MEETING_MOVES[move];
  if (!rule.from.includes(facts.status)) return { ok: false, errors: [{ key: "meeting.error.notFromStatus" }] };
  if (move === "reopen") {
    const errors: RuleError[] = [];
    if (!facts.isChair) errors.push({ key: "meeting.error.chairOnly" });
    if (!reason?.trim()) errors.push({ key: "meeting.error.reason" });
    if (isMinutesLocked(facts.minutesStatus)) errors.push({ key: "meeting.error.minutesLocked" });
    if (errors.length) return { ok: false, errors };
  }
  return { ok: true, to: rule.to };
}

/**
 * The moves the page offers from a status, in the transition table's order: start a planned
 * meeting, close one in progress, reopen a closed one (only to those who may, see canReopenMeeting).
 */
export function meetingSteps(status: MeetingStatus, canReopen: boolean): MeetingMove[] {
  return (Object.keys(MEETING_MOVES) as MeetingMove[]).filter(
    (move) => MEETING_MOVES[move].from.includes(status) && (move !== "reopen" || canReopen),
  );
}

/** A meeting has been held once it started: it counts for the rhythm, and a plan can be adopted at it. */
export function isMeetingHeld(status: MeetingStatus): boolean {
  return status !== "planned";
}

/** Outcomes, attendance and action items are recorded while the meeting is held (or just before). */
export function canRecordOutcomes(status: MeetingStatus): boolean {
  return status === "in_progress";
}

/** The agenda is prepared before the meeting and can still be completed while it is held. */
export function isAgendaEditable(status: MeetingStatus): boolean {
  return status !== "closed";
}

// ── Attendance and quorum ──────────────────────────────────────────────────────────────

export interface QuorumFacts {
  rule: QuorumRule;
  count: number | null;
  partyIds: readonly string[];
  attendance: ReadonlyArray<{ partyId: string; status: AttendanceStatus | null }>;
}

export interface Quorum {
  met: boolean;
  present: number;
  required: number;
  /** Parties with no member present (for the "each party" rule). */
  missingPartyIds: string[];
}

/** The "count" rule asks for a number of members present; the other, one member of each party. */
export function isHeadCountQuorum(rule: QuorumRule): boolean {
  return rule === "count";
}

export function quorum(f: QuorumFacts): Quorum {
  const present = f.attendance.filter((a) => a.status === "present");
  if (isHeadCountQuorum(f.rule)) {
    const required = Math.max(1, f.count ?? 1);
    return { met: present.length >= required, present: present.length, required, missingPartyIds: [] };
  }
  const missing = f.partyIds.filter((id) => !present.some((a) => a.partyId === id));
  return {
    met: missing.length === 0 && f.partyIds.length > 0,
    present: present.length,
    required: f.partyIds.length,
    missingPartyIds: missing,
  };
}

// ── Minutes ───────────────────────────────────────────────────────────────────────────

export type MinutesMove = "circulate" | "withdraw" | "approve";

/** Minutes are written while the meeting is held or after, until they are circulated. */
export function isMinutesEditable(meeting: MeetingStatus, minutes: MinutesStatus): boolean {
  return isMeetingHeld(meeting) && minutes === "draft";
}

/** Approved minutes are locked: they never change, corrections are dated addenda. */
export function isMinutesLocked(minutes: MinutesStatus): boolean {
  return minutes === "approved";
}

/**
 * The minutes' steps the page offers once the meeting is closed: circulate the draft, or withdraw
 * circulated minutes to correct them; none once approved (checkMinutesMove says why a step is refused).
 */
export function minutesSteps(meeting: MeetingStatus, minutes: MinutesStatus): Array<Exclude<MinutesMove, "approve">> {
  if (meeting !== "closed") return [];
  if (minutes === "draft") return ["circulate"];
  if (minutes === "circulated") return ["withdraw"];
  return [];
}

/**
 * draft → circulated (the meeting is closed, the text is not empty) → approved (locked).
 * "withdraw" takes circulated minutes back to draft to correct them; approvals given so far lapse.
 */
export function checkMinutesMove(
  move: MinutesMove,
  facts: { meetingStatus: MeetingStatus; minutesStatus: MinutesStatus; minutes: string; quorumMet: boolean },
): Check<MinutesStatus> {
  switch (move) {
    case "circulate": {
      if (facts.minutesStatus !== "draft") return { ok: false, errors: [{ key: "minutes.error.notDraft" }] };
      const errors: RuleError[] = [];
      if (facts.meetingStatus !== "closed") errors.push({ key: "minutes.error.meetingOpen" });
      if (!facts.minutes.trim()) errors.push({ key: "minutes.error.empty" });
      return errors.length ? { ok: false, errors } : { ok: true, to: "circulated" };
    }
    case "withdraw":
      return facts.minutesStatus === "circulated"
        ? { ok: true, to: "draft" }
        : { ok: false, errors: [{ key: "minutes.error.notCirculated" }] };
    case "approve": {
      if (facts.minutesStatus !== "circulated") return { ok: false, errors: [{ key: "minutes.error.notCirculated" }] };
      if (!facts.quorumMet) return { ok: false, errors: [{ key: "minutes.error.quorum" }] };
      return { ok: true, to: "circulated" };
    }
  }
}

/** Outcomes are information or numbered decisions; decisions are listed again with the minutes. */
export function isDecision(kind: OutcomeKind): boolean {
  return kind === "decision";
}

/** Whether the approvals given on the current text make the minutes approved. */
export function minutesApproved(
  rule: ApprovalRule,
  partyIds: readonly string[],
  approvals: ReadonlyArray<{ partyId: string; role: CommitteeRole }>,
): boolean {
  if (rule === "chair") return approvals.some((a) => a.role === "chair");
  return partyIds.length > 0 && partyIds.every((id) => approvals.some((a) => a.partyId === id));
}

/** Who may approve under the rule: the chair; or any member with an account, for their party. */
export function mayApprove(rule: ApprovalRule, role: CommitteeRole): boolean {
  return rule === "chair" ? role === "chair" : true;
}

/**
 * Whether the reader is asked to approve the minutes now: they have a seat that the committee's rule
 * lets approve, the minutes are circulated, and they have not approved this text yet. (Quorum is
 * left to approveMinutes, whose refusal says the quorum was not met.)
 */
export function canApproveMinutes(
  seat: CommitteeSeat | null,
  m: { approvalRule: ApprovalRule; minutesStatus: MinutesStatus; approvedBy: readonly string[] },
): boolean {
  return (
    seat !== null &&
    m.minutesStatus === "circulated" &&
    mayApprove(m.approvalRule, seat.role) &&
    !m.approvedBy.includes(seat.memberId)
  );
}

/** An addendum is added to the minutes once they are approved, by those who keep them (canEditMinutes). */
export function acceptsAddendum(minutes: MinutesStatus): boolean {
  return isMinutesLocked(minutes);
}

/**
 * The text an approval signs: the meeting's identity, attendance, minutes, decisions and action
 * items in a stable serialization. Changing any of them changes the hash.
 */
export function canonicalMinutes(m: {
  meetingId: string;
  number: number;
  startsAt: string;
  minutes: string;
  attendance: ReadonlyArray<{ memberId: string; status: AttendanceStatus | null }>;
  decisions: ReadonlyArray<{ number: number | null; body: string }>;
  actionItems: ReadonlyArray<{ id: string; title: string; dueDate: string | null }>;
}): string {
  const norm = (s: string) => s.replace(/\r\n?/g, "\n").trim();
  return JSON.stringify({
    meeting: m.meetingId,
    number: m.number,
    startsAt: m.startsAt,
    attendance: [...m.attendance]
      .sort((a, b) => a.memberId.localeCompare(b.memberId))
      .map((a) => [a.memberId, a.status ?? "unknown"]),
    minutes: norm(m.minutes),
    decisions: [...m.decisions]
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0) || norm(a.body).localeCompare(norm(b.body)))
      .map((d) => [d.number, norm(d.body)]),
    actionItems: [...m.actionItems]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((a) => [a.id, norm(a.title), a.dueDate]),
  });
}

// ── Rhythm ────────────────────────────────────────────────────────────────────────────

/**
 * The date by which the committee should next meet: the last meeting held (or, before any, the
 * date it was set up) plus its rhythm. Null when it has no rhythm.
 */
export function nextMeetingDue(rhythm: Rhythm, lastHeld: string | null, since: string): string | null {
  if (rhythm === "none") return null;
  return addMonthsTo(lastHeld ?? since, RHYTHM_MONTHS[rhythm]);
}

/** Late: the rhythm is exceeded and no meeting is planned. */
export function isCommitteeLate(f: {
  rhythm: Rhythm;
  lastHeld: string | null;
  since: string;
  hasPlannedMeeting: boolean;
  today: string;
}): boolean {
  const due = nextMeetingDue(f.rhythm, f.lastHeld, f.since);
  return due !== null && due < f.today && !f.hasPlannedMeeting;
}

// ── The agenda a new meeting starts with ─────────────────────────────────────────────────

export interface AgendaSeed {
  title: string;
  body: string;
  sourceKind: AgendaSource;
  sourceId: string | null;
}

export interface AgendaFacts {
  openActionItems: ReadonlyArray<{
    id: string;
    title: string;
    owner: string;
    dueDate: string | null;
    meetingNumber: number;
  }>;
  /** Action items done or cancelled since the previous meeting: shown for the record. */
  closedSinceLastMeeting: ReadonlyArray<{
    title: string;
    owner: string;
    status: ActionItemStatus;
    note: string | null;
  }>;
  overdueObligations: ReadonlyArray<{ id: string; description: string; party: string; due: string }>;
  lateDeliverables: ReadonlyArray<{ id: string; title: string; party: string; due: string | null; disputed: boolean }>;
  planAwaitingAdoption: { id: string; year: number } | null;
}

/**
 * A prepared agenda item's title and body in each language (stored with it as JSON, `texts`), so each
 * member reads what Charaka wrote in their own language.
 */
export type AgendaTexts = Partial<Record<Locale, { title: string; body: string }>>;

/**
 * What a reader sees of an agenda item: a prepared item in the reader's language, an item typed by
 * someone (or prepared before texts were kept) as stored.
 */
export function agendaItemText(
  item: { title: string; body: string; texts: string | null },
  locale: Locale,
): { title: string; body: string } {
  if (item.texts) {
    try {
      const text = (JSON.parse(item.texts) as AgendaTexts)[locale];
      if (typeof text?.title === "string" && typeof text.body === "string") return text;
    } catch {
      // A damaged value: the stored text still reads.
    }
  }
  return { title: item.title, body: item.body };
}

/** The labels are passed in so the agenda is written in a given language (each one, see AgendaTexts). */
export interface AgendaLabels {
  followUp: (title: string) => string;
  owner: (name: string, due: string | null, meetingNumber: number) => string;
  doneItems: string;
  doneLine: (title: string, owner: string, status: ActionItemStatus, note: string | null) => string;
  obligation: (description: string) => string;
  obligationBody: (party: string, due: string) => string;
  deliverable: (title: string, disputed: boolean) => string;
  deliverableBody: (party: string, due: string | null) => string;
  plan: (year: number) => string;
}

export function prefilledAgenda(f: AgendaFacts, l: AgendaLabels): AgendaSeed[] {
  const items: AgendaSeed[] = [];
  if (f.closedSinceLastMeeting.length) {
    items.push({
      title: l.doneItems,
      body: f.closedSinceLastMeeting.map((a) => `- ${l.doneLine(a.title, a.owner, a.status, a.note)}`).join("\n"),
      sourceKind: "done_items",
      sourceId: null,
    });
  }
  for (const a of f.openActionItems) {
    items.push({
      title: l.followUp(a.title),
      body: l.owner(a.owner, a.dueDate, a.meetingNumber),
      sourceKind: "action_item",
      sourceId: a.id,
    });
  }
  for (const o of f.overdueObligations) {
    items.push({
      title: l.obligation(o.description),
      body: l.obligationBody(o.party, o.due),
      sourceKind: "obligation",
      sourceId: o.id,
    });
  }
  for (const d of f.lateDeliverables) {
    items.push({
      title: l.deliverable(d.title, d.disputed),
      body: l.deliverableBody(d.party, d.due),
      sourceKind: "deliverable",
      sourceId: d.id,
    });
  }
  if (f.planAwaitingAdoption) {
    items.push({
      title: l.plan(f.planAwaitingAdoption.year),
      body: "",
      sourceKind: "plan",
      sourceId: f.planAwaitingAdoption.id,
    });
  }
  return items;
}

/** An action item is open until it is done or cancelled: carried to every next agenda meanwhile. */
export function isActionItemOpen(status: ActionItemStatus): boolean {
  return status === "open";
}

/** An action item is overdue when it is open and its due date has passed. */
export function isActionItemOverdue(a: { status: ActionItemStatus; dueDate: string | null }, today: string): boolean {
  return isActionItemOpen(a.status) && a.dueDate !== null && a.dueDate < today;
}

/** Closing an action item: open → done or cancelled (a note is required to cancel). */
export function checkActionItemClose(
  status: ActionItemStatus,
  to: "done" | "cancelled",
  note: string | undefined,
): Check<ActionItemStatus> {
  if (!isActionItemOpen(status)) return { ok: false, errors: [{ key: "actionItem.error.closed" }] };
  if (to === "cancelled" && !note?.trim()) return { ok: false, errors: [{ key: "actionItem.error.note" }] };
  return { ok: true, to };
}

/** A committee is set up automatically when the agreement has a follow-up clause. */
export function hasFollowUpClause(headings: readonly string[]): boolean {
  return headings.some((h) =>
    /comit[ée][^.\n]{0,30}\b(suivi|pilotage)|(follow-up|monitoring|steering|joint)\s+committee|لجنة[^.\n]{0,30}(تتبع|التتبع|تتبّع|متابعة|المتابعة|القيادة|التنسيق)/i.test(
      h,
    ),
  );
}

/** An action item as every page shows it (client-safe), with whether the viewer may close it. */
export interface ActionItemView {
  id: string;
  title: string;
  dueDate: string | null;
  status: ActionItemStatus;
  version: number;
  meetingId: string;
  meetingNumber: number;
  /** The member who owns it, or null when a whole party does. */
  ownerName: string | null;
  ownerNameFr: string | null;
  ownerNameAr: string | null;
  overdue: boolean;
  closedNote: string | null;
  /** It is open and the viewer may close it (canCloseActionItem). */
  canClose: boolean;
  /** Its owner has left the organization they sat for (removed, or account disabled). */
  ownerLeft?: boolean;
  agreement?: { id: string; reference: string; title: string };
  /** What it follows up, when it was linked to an obligation, a deliverable or an action of the plan. */
  link?: { kind: "obligation" | "deliverable" | "plan_action"; label: string } | null;
}
