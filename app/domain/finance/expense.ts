/**
 * Expenses, pure: an expense is never edited — a mistake is corrected by a reversing entry (the
 * opposite amount, with its reason) and a new one; what an expense counts for is its net amount.
 * Partners' questions are open until answered, then settled by the partner who asked. Budget against
 * actual per line, per party (each line's spending shared among its funders in proportion to their
 * shares) and per plan action; cash on hand is what was received minus what was spent.
 */
import type { ExpenseQueryKind } from "../../../db/schema";
import { allocate, sumMinor } from "~/lib/money";
import type { GuardError } from "../result";

/** Expenses are recorded in MAD: what the association's account holds and spends. */
export const EXPENSE_CURRENCY = "MAD";

export const EXPENSE_QUERY_KINDS = ["comment", "ineligible"] as const satisfies readonly ExpenseQueryKind[];

export interface ExpenseFacts {
  id: string;
  lineId: string;
  amountMinor: number;
  reversesExpenseId: string | null;
  lockedByReportId?: string | null;
}

/** The ids of expenses undone by a reversing entry. */
export function reversedIds(expenses: readonly ExpenseFacts[]): Set<string> {
  return new Set(expenses.flatMap((e) => (e.reversesExpenseId ? [e.reversesExpenseId] : [])));
}

/** What the expenses add up to, reversals included (each cancels what it reverses). */
export function netSpent(expenses: readonly ExpenseFacts[]): number {
  return sumMinor(expenses.map((e) => e.amountMinor));
}

/**
 * Whether an expense may be reversed: an original entry (not a reversal), not reversed already, not
 * in an accepted financial report. Every blocker as a message key.
 */
export function checkReversible(
  expense: ExpenseFacts,
  all: readonly ExpenseFacts[],
): { ok: true } | { ok: false; errors: GuardError[] } {
  if (expense.reversesExpenseId) return { ok: false, errors: [{ key: "finance.error.reversalOfReversal" }] };
  if (reversedIds(all).has(expense.id)) return { ok: false, errors: [{ key: "finance.error.alreadyReversed" }] };
  if (expense.lockedByReportId) return { ok: false, errors: [{ key: "finance.error.expenseLocked" }] };
  return { ok: true };
}

export type QueryState = "open" | "answered" | "settled";

export function queryState(q: { answer: string | null; settledAt: string | null }): QueryState {
  if (q.settledAt) return "settled";
  return q.answer ? "answered" : "open";
}

/** Listed as questioned until every question about it is settled. */
export function isQuestioned(queries: ReadonlyArray<{ answer: string | null; settledAt: string | null }>): boolean {
  return queries.some((q) => queryState(q) !== "settled");
}

/** An answer is given to an open question; a question is settled once answered. */
export function checkQueryStep(
  step: "answer" | "settle",
  state: QueryState,
): { ok: true } | { ok: false; errors: GuardError[] } {
  if (step === "answer" && state !== "open") return { ok: false, errors: [{ key: "finance.error.alreadyAnswered" }] };
  if (step === "settle" && state !== "answered") return { ok: false, errors: [{ key: "finance.error.notAnswered" }] };
  return { ok: true };
}

export interface ActualLine {
  id: string;
  planActionId: string | null;
  /** What the line may spend (signed, plus or minus reallocations). */
  budget: number;
  actual: number;
  remaining: number;
  overSpent: boolean;
}

/**
 * Budget against actual. `lines` carry their budget (LineTotal.amount); `shares` say who funds each
 * line, by which each line's actual is shared among its funders (a line with no share: no one).
 */
export function budgetVsActual(
  lines: ReadonlyArray<{ id: string; planActionId: string | null; budget: number }>,
  shares: ReadonlyArray<{ lineId: string; partyId: string; amountMinor: number }>,
  expenses: readonly ExpenseFacts[],
) {
  const perLine: ActualLine[] = lines.map((l) => {
    const actual = netSpent(expenses.filter((e) => e.lineId === l.id));
    return {
      id: l.id,
      planActionId: l.planActionId,
      budget: l.budget,
      actual,
      remaining: l.budget - actual,
      overSpent: actual > l.budget,
    };
  });
  const partyIds = [...new Set(shares.map((s) => s.partyId))];
  const allocated = new Map<string, number>(partyIds.map((p) => [p, 0]));
  let unallocated = 0;
  for (const line of perLine) {
    const funders = partyIds.map((p) =>
      sumMinor(shares.filter((s) => s.lineId === line.id && s.partyId === p).map((s) => s.amountMinor)),
    );
    if (funders.every((w) => w === 0)) {
      unallocated += line.actual;
      continue;
    }
    allocate(line.actual, funders).forEach((part, i) =>
      allocated.set(partyIds[i]!, allocated.get(partyIds[i]!)! + part),
    );
  }
  const perParty = partyIds.map((partyId) => ({
    partyId,
    budget: sumMinor(shares.filter((s) => s.partyId === partyId).map((s) => s.amountMinor)),
    actual: allocated.get(partyId)!,
  }));
  const perAction = [...new Set(perLine.map((l) => l.planActionId))].map((planActionId) => {
    const of = perLine.filter((l) => l.planActionId === planActionId);
    return {
      planActionId,
      budget: sumMinor(of.map((l) => l.budget)),
      actual: sumMinor(of.map((l) => l.actual)),
    };
  });
  return {
    lines: perLine,
    parties: perParty,
    unallocated,
    actions: perAction,
    budget: sumMinor(perLine.map((l) => l.budget)),
    actual: sumMinor(perLine.map((l) => l.actual)),
  };
}

/** The agreement's cash on hand: funds received (in MAD) minus what was spent. */
export function cashOnHand(receivedMadMinor: number, spentMinor: number): number {
  return sumMinor([receivedMadMinor, -spentMinor]);
}
