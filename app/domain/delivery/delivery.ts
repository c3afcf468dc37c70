/**
 * Follow-up rules, pure: when an obligation is overdue (derived from its date, never stored),
 * the next due date of a recurring one, a deliverable's progress and status moves, and the
 * agreement's roll-ups. Dates are YYYY-MM-DD; "today" is passed in.
 */
import type { DeliverableStatus, ObligationStatus, Recurrence } from "../../../db/schema";
import { addMonthsTo } from "~/lib/time";

export const OBLIGATION_STATUSES: readonly ObligationStatus[] = ["pending", "in_progress", "done", "waived"];
export const RECURRENCES: readonly Recurrence[] = ["none", "monthly", "quarterly", "yearly"];
export const DELIVERABLE_KINDS = [
  "medical_campaign",
  "equipment",
  "distribution",
  "connectivity",
  "training",
  "infrastructure",
  "service",
  "other",
] as const;

const MONTHS: Record<Exclude<Recurrence, "none">, number> = { monthly: 1, quarterly: 3, yearly: 12 };

export function isClosedObligation(status: ObligationStatus): boolean {
  return status === "done" || status === "waived";
}

/** The same statuses, for a query that counts the open ones. */
export const CLOSED_OBLIGATION_STATUSES: readonly ObligationStatus[] = OBLIGATION_STATUSES.filter(isClosedObligation);

/** The completion date an obligation keeps in a status: done on the given day (today by default), none once waived. */
export function completionDate(
  status: ObligationStatus,
  completedOn: string | undefined,
  today: string,
): string | null {
  if (status === "done") return completedOn ?? today;
  if (isClosedObligation(status)) return null;
  return completedOn ?? null;
}

/**
 * The date the obligation is next due: its due date; for a recurring one, the first occurrence
 * after the last completion, every 1/3/12 months from its due date or, without one, from the
 * end of the agreement's first period; within the agreement's dates. Null when nothing is due.
 */
export function nextDueDate(o: {
  dueDate: string | null;
  recurrence: Recurrence;
  status: ObligationStatus;
  completedOn: string | null;
  agreementStart: string | null;
  agreementEnd: string | null;
}): string | null {
  if (o.status === "waived") return null;
  if (o.recurrence === "none") return o.status === "done" ? null : o.dueDate;
  // Without a date of its own, the first occurrence closes the first period: a quarterly
  // report is due three months after the agreement starts, not on its first day.
  const first = o.dueDate ?? (o.agreementStart ? addMonthsTo(o.agreementStart, MONTHS[o.recurrence]) : null);
  if (!first) return null;
  let occurrence = first;
  for (let i = 0; i < 1200; i++) {
    if (o.agreementEnd && occurrence > o.agreementEnd) return null;
    if (!o.completedOn || occurrence > o.completedOn) return occurrence;
    occurrence = addMonthsTo(first, MONTHS[o.recurrence] * (i + 1));
  }
  return null;
}

/** Overdue: something is due and the date has passed. Derived on every read. */
export function isOverdue(next: string | null, today: string): boolean {
  return next !== null && next < today;
}

export interface Progress {
  delivered: number;
  target: number;
  /** 0–100, never above 100. */
  percent: number;
  /** More was delivered than targeted: shown with a note, never as more than 100 %. */
  over: boolean;
}

export function progress(delivered: number, target: number): Progress {
  const safeTarget = Math.max(1, target);
  return {
    delivered,
    target,
    percent: Math.min(100, Math.floor((delivered / safeTarget) * 100)),
    over: delivered > target,
  };
}

/**
 * A delivered deliverable is confirmed or disputed by the other parties. Once confirmed it is closed:
 * it is not disputed any more, only reopened with a reason by those who may confirm it (access.ts,
 * canReopenDeliverable), which puts it back to disputed for the responsible party to complete.
 */
export type DeliverableAction = "record" | "markDelivered" | "confirm" | "dispute" | "reopen";

/** The status after an action, or null when the action is not possible from this status. */
export function nextDeliverableStatus(status: DeliverableStatus, action: DeliverableAction): DeliverableStatus | null {
  switch (action) {
    case "record":
      return status === "planned" || status === "in_progress" || status === "disputed" ? "in_progress" : null;
    case "markDelivered":
      return status === "in_progress" || status === "disputed" ? "delivered" : null;
    case "confirm":
      return status === "delivered" ? "confirmed" : null;
    case "dispute":
      return status === "delivered" ? "disputed" : null;
    case "reopen":
      return status === "confirmed" ? "disputed" : null;
  }
}

export const DELIVERABLE_STATUSES: readonly DeliverableStatus[] = [
  "planned",
  "in_progress",
  "delivered",
  "confirmed",
  "disputed",
];

export function isClosedDeliverable(status: DeliverableStatus): boolean {
  return status === "confirmed";
}

/** Late: disputed, or past due and not yet delivered (the committee's agenda lists it). */
export function isDeliverableLate(d: { status: DeliverableStatus; dueDate: string | null }, today: string): boolean {
  if (d.status === "disputed") return true;
  return d.dueDate !== null && d.dueDate < today && (d.status === "planned" || d.status === "in_progress");
}

/** The same statuses, for a query that counts the open ones. */
export const CLOSED_DELIVERABLE_STATUSES: readonly DeliverableStatus[] =
  DELIVERABLE_STATUSES.filter(isClosedDeliverable);

/** Delivered and waiting for another party to confirm (or dispute) it. */
export function awaitsConfirmation(status: DeliverableStatus): boolean {
  return nextDeliverableStatus(status, "confirm") !== null;
}

/** An agreement's progress: deliverables weighted by their targets (each capped at 100 %). */
export function agreementProgress(deliverables: ReadonlyArray<{ delivered: number; target: number }>): number {
  const total = deliverables.reduce((sum, d) => sum + d.target, 0);
  if (total === 0) return 0;
  const done = deliverables.reduce((sum, d) => sum + Math.min(d.delivered, d.target), 0);
  return Math.floor((done / total) * 100);
}
