/**
 * A funding tranche's life, pure: planned → due (its condition met, set by Charaka) → called (the
 * association's call for funds, optional) → paid (the payer) → received (the association, with the
 * amount that reached its bank in MAD); or cancelled by a committee decision before it is paid.
 * Its state is a function of its events: a mistake is undone by a 'reversed' event pointing at the
 * wrong one (then a new one is recorded), so what each party saw stays in the record.
 */
import type { PaymentMethod, TrancheCondition, TrancheEventKind, TrancheStatus } from "../../../db/schema";
import { addDaysTo } from "~/lib/time";
import type { GuardError } from "../result";

export const TRANCHE_CONDITIONS = [
  "signature",
  "date",
  "deliverable_confirmed",
  "report_accepted",
  "committee_decision",
] as const satisfies readonly TrancheCondition[];
export const TRANCHE_STATUSES = [
  "planned",
  "due",
  "called",
  "paid",
  "received",
  "cancelled",
] as const satisfies readonly TrancheStatus[];
export const PAYMENT_METHODS = ["transfer", "cheque", "cash", "other"] as const satisfies readonly PaymentMethod[];

/** Days after it becomes due that a tranche may stay unpaid before it is late, unless the schedule says otherwise. */
export const DEFAULT_GRACE_DAYS = 30;
/** Days an association has to declare funds received from abroad (article 32 bis of the dahir of 15 November 1958). */
export const DECLARATION_DAYS = 30;

export interface EventFacts {
  id: string;
  kind: TrancheEventKind;
  reversesEventId: string | null;
}

/** The events still standing, in order: those reversed, and the reversals themselves, drop out. */
export function standingEvents<E extends EventFacts>(events: readonly E[]): E[] {
  const reversed = new Set(events.filter((e) => e.kind === "reversed").map((e) => e.reversesEventId));
  return events.filter((e) => e.kind !== "reversed" && !reversed.has(e.id));
}

/** The tranche's state from its events (in the order they were recorded). */
export function trancheState(events: readonly EventFacts[]): TrancheStatus {
  const last = standingEvents(events).at(-1);
  return last ? (last.kind as Exclude<TrancheEventKind, "reversed">) : "planned";
}

export type TrancheAction = "call" | "pay" | "receive" | "cancel";

const ALLOWED: Record<TrancheAction, readonly TrancheStatus[]> = {
  call: ["due"],
  // A payer may pay a due tranche without waiting for a call.
  pay: ["due", "called"],
  receive: ["paid"],
  cancel: ["planned", "due", "called"],
};

const REFUSAL: Record<TrancheAction, GuardError["key"]> = {
  call: "finance.error.notDue",
  pay: "finance.error.notPayable",
  receive: "finance.error.notPaid",
  cancel: "finance.error.notCancellable",
};

/** Whether the action is possible in this state; the one check the page's buttons and the commands share. */
export function checkTrancheAction(
  action: TrancheAction,
  state: TrancheStatus,
): { ok: true } | { ok: false; errors: GuardError[] } {
  return ALLOWED[action].includes(state) ? { ok: true } : { ok: false, errors: [{ key: REFUSAL[action] }] };
}

/** The event that may be reversed now: the last one standing, if people recorded it (not Charaka's 'due'). */
export function reversibleEvent<E extends EventFacts>(events: readonly E[]): E | null {
  const last = standingEvents(events).at(-1);
  return last && (last.kind === "called" || last.kind === "paid" || last.kind === "received") ? last : null;
}

export function checkReversal(
  events: readonly EventFacts[],
  eventId: string,
): { ok: true; kind: "called" | "paid" | "received" } | { ok: false; errors: GuardError[] } {
  const target = reversibleEvent(events);
  if (!target || target.id !== eventId) return { ok: false, errors: [{ key: "finance.error.notReversible" }] };
  return { ok: true, kind: target.kind as "called" | "paid" | "received" };
}

/** Late: due (or called) and still unpaid after its grace period. */
export function isLate(
  tranche: { status: TrancheStatus; dueSince: string | null; graceDays: number },
  today: string,
): boolean {
  const last = graceEndsOn(tranche);
  return last !== null && last < today;
}

/** The last day of an unpaid tranche's grace (due since, plus its grace days): late after it. Null if it cannot be late. */
export function graceEndsOn(tranche: {
  status: TrancheStatus;
  dueSince: string | null;
  graceDays: number;
}): string | null {
  if (tranche.status !== "due" && tranche.status !== "called") return null;
  return tranche.dueSince === null ? null : addDaysTo(tranche.dueSince, tranche.graceDays);
}

/** Unpaid and expected: due or called (the payer's to-do). */
export function awaitsPayment(status: TrancheStatus): boolean {
  return status === "due" || status === "called";
}

/** Paid and not yet confirmed by the receiver (the receiver's to-do). */
export function awaitsReceipt(status: TrancheStatus): boolean {
  return status === "paid";
}

/** What a condition names beside itself: a date, a deliverable, a report or a decision. */
export function conditionTarget(condition: TrancheCondition): "date" | "deliverable" | "report" | "outcome" | null {
  switch (condition) {
    case "date":
      return "date";
    case "deliverable_confirmed":
      return "deliverable";
    case "report_accepted":
      return "report";
    case "committee_decision":
      return "outcome";
    default:
      return null;
  }
}

/**
 * What a transfer cost: for a tranche in MAD, what was paid minus what reached the account; for one in
 * another currency, the fee the association reads on its statement (the MAD equivalent of the amount
 * paid is the bank's, not ours), or none.
 */
export function receiptFee(
  paid: { amountMinor: number; currency: string },
  receivedMadMinor: number,
  statedFeeMinor: number | undefined,
): number | null {
  if (paid.currency === "MAD") return paid.amountMinor - receivedMadMinor;
  return statedFeeMinor ?? null;
}

/** Funds from a payer based abroad must be declared: the payer's organization is not in Morocco. */
export function needsForeignDeclaration(payerCountry: string): boolean {
  return payerCountry.toUpperCase() !== "MA";
}

/** The day the declaration of funds received on `receivedOn` is due. */
export function declarationDueOn(receivedOn: string): string {
  return addDaysTo(receivedOn, DECLARATION_DAYS);
}
