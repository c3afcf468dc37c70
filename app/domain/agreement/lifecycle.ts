/**
 * The agreement lifecycle: states, transitions and their guards. Pure: routes and
 * commands ask it whether a move is allowed and why not, and never decide themselves.
 *
 *   draft → negotiation → awaiting_signatures → active → completed
 *   awaiting_signatures → negotiation (a signatory declines)
 *   active ⇄ suspended; active|suspended → expired (end date passed)
 *   negotiation|awaiting_signatures|active|suspended → terminated (reason and date)
 */
import type { AgreementKind, AgreementStatus } from "../../../db/schema";
import type { MessageKey } from "~/lib/i18n/translate";
import { addDaysTo } from "~/lib/time";

export const AGREEMENT_STATUSES: readonly AgreementStatus[] = [
  "draft",
  "negotiation",
  "awaiting_signatures",
  "active",
  "suspended",
  "completed",
  "expired",
  "terminated",
];

export const LIFECYCLE_ACTIONS = [
  "open_negotiation",
  "send_for_signature",
  "decline",
  "activate",
  "suspend",
  "resume",
  "complete",
  "terminate",
  "expire",
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Actions a person starts from the agreement page (the others follow from signing or time). */
export const MANUAL_ACTIONS: readonly LifecycleAction[] = [
  "open_negotiation",
  "send_for_signature",
  "suspend",
  "resume",
  "complete",
  "terminate",
];

const TRANSITIONS: Record<LifecycleAction, { from: readonly AgreementStatus[]; to: AgreementStatus }> = {
  open_negotiation: { from: ["draft"], to: "negotiation" },
  send_for_signature: { from: ["draft", "negotiation"], to: "awaiting_signatures" },
  decline: { from: ["awaiting_signatures"], to: "negotiation" },
  activate: { from: ["awaiting_signatures"], to: "active" },
  suspend: { from: ["active"], to: "suspended" },
  resume: { from: ["suspended"], to: "active" },
  complete: { from: ["active"], to: "completed" },
  terminate: { from: ["negotiation", "awaiting_signatures", "active", "suspended"], to: "terminated" },
  expire: { from: ["active", "suspended"], to: "expired" },
};

export interface LifecycleFacts {
  status: AgreementStatus;
  /** Today's date, YYYY-MM-DD (Morocco). */
  today: string;
  parties: ReadonlyArray<{ hasSignatory: boolean }>;
  clauseCount: number;
  effectiveDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
  openComments: number;
  allPartiesSigned: boolean;
  /** Obligations and deliverables neither closed nor waived (0 until they exist). */
  openObligations: number;
  openDeliverables: number;
}

export interface TransitionInput {
  reason?: string | null;
  /** Date of effect, YYYY-MM-DD: of a termination, or the day of signing of an activation (a paper ceremony's). */
  date?: string | null;
}

export interface GuardError {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export type TransitionCheck = { ok: true; to: AgreementStatus } | { ok: false; errors: GuardError[] };

/** Clauses, parties and dates can change only while the text is not yet frozen for signature. */
export function isTextEditable(status: AgreementStatus): boolean {
  return status === "draft" || status === "negotiation";
}

/** The same statuses, for a query that filters on them. */
export const TEXT_EDITABLE_STATUSES: readonly AgreementStatus[] = AGREEMENT_STATUSES.filter(isTextEditable);

/** Not signed yet: the designated signatories can still change, or are still awaited. */
export function isBeforeSignature(status: AgreementStatus): boolean {
  return isTextEditable(status) || status === "awaiting_signatures";
}

/**
 * What stops an amendment (avenant) being made of this agreement now: only an agreement in force
 * (active or suspended) is amended, and never an amendment itself — its parent is amended instead.
 */
export function amendmentBlockers(a: { kind: AgreementKind; status: AgreementStatus }): GuardError[] {
  if (a.kind === "amendment") return [{ key: "agreement.error.amendAmendment" }];
  if (a.status !== "active" && a.status !== "suspended") return [{ key: "agreement.error.amendOnlyActive" }];
  return [];
}

export function canBeAmended(a: { kind: AgreementKind; status: AgreementStatus }): boolean {
  return amendmentBlockers(a).length === 0;
}

/** An agreement signed and in force whose effective date is still to come. */
export function takesEffectLater(a: { status: AgreementStatus; effectiveDate: string | null }, today: string): boolean {
  return a.status === "active" && !!a.effectiveDate && a.effectiveDate > today;
}

/** What a person types to take a step: a reason (suspending, terminating, declining), a date (terminating). */
export function transitionNeeds(action: LifecycleAction): { reason: boolean; date: boolean } {
  return {
    reason: action === "decline" || action === "suspend" || action === "terminate",
    date: action === "terminate",
  };
}

export function isClosed(status: AgreementStatus): boolean {
  return status === "completed" || status === "expired" || status === "terminated";
}

/**
 * The last day of the agreement: its end date, or the day before the same date N months
 * after the effective date (clamped to the month's end: 31 January + 1 month ends 28/29 February).
 */
export function computedEndDate(a: {
  effectiveDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
}): string | null {
  if (a.endDate) return a.endDate;
  if (!a.effectiveDate || !a.durationMonths) return null;
  const [y, m, d] = a.effectiveDate.split("-").map(Number) as [number, number, number];
  const lastDayOfTarget = new Date(Date.UTC(y, m - 1 + a.durationMonths + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m - 1 + a.durationMonths, Math.min(d, lastDayOfTarget)));
  if (d <= lastDayOfTarget) target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

/** Days before its end an agreement is flagged as ending soon, when its renewal notice is shorter. */
export const DEFAULT_NOTICE_DAYS = 90;

/** The first day an agreement ending on `end` is flagged as ending soon: its renewal notice (at least 90 days) before the end. */
export function noticeFrom(end: string, noticeDays: number | null): string {
  return addDaysTo(end, -Math.max(noticeDays ?? 0, DEFAULT_NOTICE_DAYS));
}

/** An agreement ends soon from its notice day (see noticeFrom) until its last day, included. */
export function endsSoon(end: string | null, today: string, noticeDays: number | null): boolean {
  if (!end || end < today) return false;
  return today >= noticeFrom(end, noticeDays);
}

/** An active or suspended agreement whose last day is before today has expired. */
export function hasExpired(
  a: {
    status: AgreementStatus;
    effectiveDate: string | null;
    endDate: string | null;
    durationMonths: number | null;
    tacitRenewal?: boolean;
  },
  today: string,
): boolean {
  if (!TRANSITIONS.expire.from.includes(a.status) || a.tacitRenewal) return false;
  const end = computedEndDate(a);
  return end !== null && end < today;
}

/**
 * Tacit renewal: an active (or suspended) agreement with tacit renewal does not expire at its
 * end; it is renewed for its term (its duration, else a year) as many times as needed to reach
 * today. Ending it is a termination (notice given by a party), never a silent expiry.
 */
export function renewalEnd(
  a: {
    status: AgreementStatus;
    effectiveDate: string | null;
    endDate: string | null;
    durationMonths: number | null;
    tacitRenewal: boolean;
  },
  today: string,
): string | null {
  if (!a.tacitRenewal || !TRANSITIONS.expire.from.includes(a.status)) return null;
  let end = computedEndDate(a);
  if (!end || end >= today) return null;
  const term = a.durationMonths ?? 12;
  for (let i = 0; i < 200 && end < today; i++) {
    const [y, m, d] = end.split("-").map(Number) as [number, number, number];
    // The day after the end, plus the term, minus a day.
    const start = new Date(Date.UTC(y, m - 1, d + 1));
    end = computedEndDate({ effectiveDate: start.toISOString().slice(0, 10), endDate: null, durationMonths: term })!;
  }
  return end;
}

export function checkTransition(
  action: LifecycleAction,
  facts: LifecycleFacts,
  input: TransitionInput = {},
): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(facts.status)) {
    return { ok: false, errors: [{ key: "lifecycle.error.notFromStatus", vars: { status: facts.status } }] };
  }
  const errors: GuardError[] = [];
  const needs = transitionNeeds(action);
  if (needs.reason && !input.reason?.trim()) errors.push({ key: "lifecycle.error.reason" });
  if (needs.date && !input.date) errors.push({ key: "lifecycle.error.terminationDate" });
  switch (action) {
    case "open_negotiation":
      if (facts.parties.length < 2) errors.push({ key: "lifecycle.error.twoParties" });
      if (facts.clauseCount < 1) errors.push({ key: "lifecycle.error.oneClause" });
      break;
    case "send_for_signature": {
      if (facts.parties.length < 2) errors.push({ key: "lifecycle.error.twoParties" });
      const missing = facts.parties.filter((p) => !p.hasSignatory).length;
      if (missing > 0) errors.push({ key: "lifecycle.error.signatories", vars: { count: missing } });
      if (facts.clauseCount < 1) errors.push({ key: "lifecycle.error.oneClause" });
      if (!facts.effectiveDate) errors.push({ key: "lifecycle.error.effectiveDate" });
      if (!facts.endDate && !facts.durationMonths) errors.push({ key: "lifecycle.error.endOrDuration" });
      if (facts.openComments > 0)
        errors.push({ key: "lifecycle.error.openComments", vars: { count: facts.openComments } });
      break;
    }
    case "activate":
      if (!facts.allPartiesSigned) errors.push({ key: "lifecycle.error.allSigned" });
      break;
    case "complete":
      if (facts.openObligations > 0)
        errors.push({ key: "lifecycle.error.openObligations", vars: { count: facts.openObligations } });
      if (facts.openDeliverables > 0)
        errors.push({ key: "lifecycle.error.openDeliverables", vars: { count: facts.openDeliverables } });
      break;
    case "expire": {
      const end = computedEndDate(facts);
      if (!end || end >= facts.today) errors.push({ key: "lifecycle.error.notPastEnd" });
      break;
    }
    case "decline":
    case "suspend":
    case "resume":
    case "terminate":
      // Only what is typed (transitionNeeds) is required, checked above.
      break;
  }
  return errors.length ? { ok: false, errors } : { ok: true, to: rule.to };
}

/** The manual actions that start from the current status, each with what still blocks it. */
export function nextSteps(facts: LifecycleFacts): Array<{ action: LifecycleAction; blockers: GuardError[] }> {
  return MANUAL_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(facts.status)).map((action) => {
    // Reasons and dates are typed in the form itself: only the facts can block here.
    const check = checkTransition(action, facts, { reason: "-", date: facts.today });
    return { action, blockers: check.ok ? [] : check.errors };
  });
}
