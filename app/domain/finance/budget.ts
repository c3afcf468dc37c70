/**
 * The budget's rules, pure: a line's amount is the sum of its shares; totals per line, per party,
 * per plan action and per category; whether the budget adds up to the agreement's total; and how
 * much a committee may move from one line to another after signing. Integers of minor units only.
 */
import type { BudgetCategory, ShareKind } from "../../../db/schema";
import { basisPointsOf, sumMinor } from "~/lib/money";
import type { GuardError } from "../result";

export const BUDGET_CATEGORIES = [
  "equipment",
  "personnel",
  "transport",
  "communication",
  "running_costs",
  "other",
] as const satisfies readonly BudgetCategory[];
export const SHARE_KINDS = ["cash", "in_kind", "volunteer_time"] as const satisfies readonly ShareKind[];

/** The most hours one volunteers' share may count (a year of a full team, far beyond any real share). */
export const MAX_VOLUNTEER_HOURS = 1_000_000;

export interface LineFacts {
  id: string;
  position: number;
  category: BudgetCategory;
  planActionId: string | null;
}

export interface ShareFacts {
  lineId: string;
  partyId: string;
  kind: ShareKind;
  amountMinor: number;
}

export interface ReallocationFacts {
  fromLineId: string;
  toLineId: string;
  amountMinor: number;
}

/** The value of volunteers' time: hours × hourly rate, exact. */
export function volunteerValue(hours: number, hourlyRateMinor: number): number {
  return sumMinor([hours * hourlyRateMinor]);
}

export interface LineTotal {
  id: string;
  /** The sum of its shares: what was signed. */
  signed: number;
  /** Moved in and out by the committee's reallocations after signing. */
  movedIn: number;
  movedOut: number;
  /** What the line may spend now: signed + in − out. */
  amount: number;
}

export interface PartyTotal {
  partyId: string;
  cash: number;
  inKind: number;
  volunteerTime: number;
  /** The party's contribution: the sum of its shares. */
  total: number;
}

export interface BudgetTotals {
  lines: LineTotal[];
  parties: PartyTotal[];
  /** Per plan action (null: lines tied to no action), what its lines may spend. */
  actions: Array<{ planActionId: string | null; amount: number }>;
  categories: Array<{ category: BudgetCategory; amount: number }>;
  cash: number;
  inKind: number;
  volunteerTime: number;
  total: number;
}

/**
 * Every total of a budget, from its lines, shares and reallocations. Reallocations move money
 * between lines and change no party's contribution, so the total is the same before and after.
 */
export function budgetTotals(
  lines: readonly LineFacts[],
  shares: readonly ShareFacts[],
  reallocations: readonly ReallocationFacts[] = [],
): BudgetTotals {
  const ordered = [...lines].sort((a, b) => a.position - b.position);
  const lineTotals = ordered.map((line): LineTotal => {
    const signed = sumMinor(shares.filter((s) => s.lineId === line.id).map((s) => s.amountMinor));
    const movedIn = sumMinor(reallocations.filter((r) => r.toLineId === line.id).map((r) => r.amountMinor));
    const movedOut = sumMinor(reallocations.filter((r) => r.fromLineId === line.id).map((r) => r.amountMinor));
    return { id: line.id, signed, movedIn, movedOut, amount: signed + movedIn - movedOut };
  });
  const partyIds = [...new Set(shares.map((s) => s.partyId))];
  const of = (partyId: string, kind: ShareKind) =>
    sumMinor(shares.filter((s) => s.partyId === partyId && s.kind === kind).map((s) => s.amountMinor));
  const parties = partyIds.map((partyId): PartyTotal => {
    const cash = of(partyId, "cash");
    const inKind = of(partyId, "in_kind");
    const volunteerTime = of(partyId, "volunteer_time");
    return { partyId, cash, inKind, volunteerTime, total: sumMinor([cash, inKind, volunteerTime]) };
  });
  const amountOf = (id: string) => lineTotals.find((l) => l.id === id)!.amount;
  const actions = [...new Set(ordered.map((l) => l.planActionId))].map((planActionId) => ({
    planActionId,
    amount: sumMinor(ordered.filter((l) => l.planActionId === planActionId).map((l) => amountOf(l.id))),
  }));
  const categories = [...new Set(ordered.map((l) => l.category))].map((category) => ({
    category,
    amount: sumMinor(ordered.filter((l) => l.category === category).map((l) => amountOf(l.id))),
  }));
  const byKind = (kind: ShareKind) => sumMinor(shares.filter((s) => s.kind === kind).map((s) => s.amountMinor));
  return {
    lines: lineTotals,
    parties,
    actions,
    categories,
    cash: byKind("cash"),
    inKind: byKind("in_kind"),
    volunteerTime: byKind("volunteer_time"),
    total: sumMinor(shares.map((s) => s.amountMinor)),
  };
}

export type AddsUp =
  { state: "no_total" } | { state: "empty" } | { state: "matches" } | { state: "under" | "over"; difference: number };

/**
 * Whether the budget's lines add up to the total the agreement states: "under" (lines missing) or
 * "over" by how much; "no_total" when the agreement states none; "empty" without any line.
 */
export function addsUp(budgetTotal: number, agreementTotal: number | null, lineCount: number): AddsUp {
  if (agreementTotal === null) return { state: "no_total" };
  if (lineCount === 0) return { state: "empty" };
  if (budgetTotal === agreementTotal) return { state: "matches" };
  return budgetTotal < agreementTotal
    ? { state: "under", difference: agreementTotal - budgetTotal }
    : { state: "over", difference: budgetTotal - agreementTotal };
}

/** What a line may still give to another line: its limit (a share of what was signed) minus what it gave already. */
export function reallocationRoom(line: LineTotal, limitBp: number): number {
  return Math.max(0, Math.min(basisPointsOf(line.signed, limitBp) - line.movedOut, line.amount));
}

/**
 * A reallocation after signing: between two different lines of the agreement, a positive amount,
 * within the source line's room (its limit, e.g. 10 % of what was signed for it, counting what it
 * already gave); beyond, an amendment is needed. Every blocker as a message key.
 */
export function checkReallocation(input: {
  from: LineTotal | undefined;
  to: LineTotal | undefined;
  amountMinor: number;
  limitBp: number;
}): { ok: true } | { ok: false; errors: GuardError[] } {
  const errors: GuardError[] = [];
  if (!input.from || !input.to) return { ok: false, errors: [{ key: "finance.error.lineNotFound" }] };
  if (input.from.id === input.to.id) errors.push({ key: "finance.error.sameLine" });
  if (input.amountMinor <= 0) errors.push({ key: "form.error.amountPositive" });
  if (input.amountMinor > reallocationRoom(input.from, input.limitBp))
    errors.push({ key: "finance.error.beyondLimit" });
  return errors.length ? { ok: false, errors } : { ok: true };
}
