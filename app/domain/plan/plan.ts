/**
 * Annual action plan rules, pure: its lifecycle (draft → submitted → adopted; a revision goes
 * back to draft and the next adoption makes a new version), the timeline's geometry, the
 * comparison of two adopted versions, and next year's prefill from this year's unfinished actions and recurring deliverables.
 */
import type { ActionStatus, PlanStatus, Priority } from "../../../db/schema";

export const PRIORITIES: readonly Priority[] = ["high", "medium", "low"];
export const ACTION_STATUSES: readonly ActionStatus[] = ["planned", "in_progress", "done", "cancelled"];
export type PlanMove = "submit" | "returnToDraft" | "adopt" | "revise";

export type PlanCheck =
  | { ok: true; to: PlanStatus }
  | { ok: false; key: "plan.error.notNow" | "plan.error.noAction" | "plan.error.adoptionDate" };

/** Each move, from which status, to which: in the order the page offers them. */
const PLAN_MOVES: Record<PlanMove, { from: PlanStatus; to: PlanStatus }> = {
  submit: { from: "draft", to: "submitted" },
  adopt: { from: "submitted", to: "adopted" },
  returnToDraft: { from: "submitted", to: "draft" },
  revise: { from: "adopted", to: "draft" },
};

export function checkPlanMove(
  status: PlanStatus,
  move: PlanMove,
  facts: { actions: number; adoptedOn?: string | null },
): PlanCheck {
  const rule = PLAN_MOVES[move];
  if (rule.from !== status) return { ok: false, key: "plan.error.notNow" };
  if (move === "submit" && facts.actions === 0) return { ok: false, key: "plan.error.noAction" };
  if (move === "adopt" && !facts.adoptedOn) return { ok: false, key: "plan.error.adoptionDate" };
  return { ok: true, to: rule.to };
}

/** The moves the page offers from a status (checkPlanMove says why one is refused). */
export function planSteps(status: PlanStatus): PlanMove[] {
  return (Object.keys(PLAN_MOVES) as PlanMove[]).filter((move) => PLAN_MOVES[move].from === status);
}

export function isPlanEditable(status: PlanStatus): boolean {
  return status === "draft";
}

/** Progress (an action's status, indicators' achieved values) is recorded against the adopted plan. */
export function isPlanAdopted(status: PlanStatus): boolean {
  return status === "adopted";
}

/** Where an action's bar sits on the year's timeline, in percent of the year (clipped to it). */
export function timelineBar(year: number, start: string, end: string): { offset: number; width: number } | null {
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  const from = Math.max(yearStart, Date.parse(`${start}T00:00:00Z`));
  const to = Math.min(yearEnd, Date.parse(`${end}T00:00:00Z`) + 86_400_000);
  if (!(to > from)) return null;
  const span = yearEnd - yearStart;
  return { offset: ((from - yearStart) / span) * 100, width: ((to - from) / span) * 100 };
}

/**
 * How far an indicator has gone from its baseline towards its target, in whole percent (0–100):
 * baseline 40, target 100, achieved 40 is 0 %, achieved 70 is 50 %. A target below the baseline
 * (fewer drop-outs) counts the way down. A target equal to the baseline (keep a level) is met,
 * 100 %, when the achieved value equals it, else 0 %. The one computation the plan page, the
 * overview and the impact report use.
 */
export function indicatorProgress(i: { baseline: number; target: number; achieved: number }): number {
  const span = i.target - i.baseline;
  if (span === 0) return i.achieved === i.target ? 100 : 0;
  const ratio = (i.achieved - i.baseline) / span;
  return Math.min(100, Math.max(0, Math.floor(ratio * 100)));
}

export interface PlanSnapshotAction {
  objective: string;
  priority: Priority;
  responsible: string;
  startDate: string;
  endDate: string;
  budgetCents: number | null;
  indicators: Array<{ name: string; unit: string; baseline: number; target: number }>;
}

export type ActionChange =
  | { kind: "added"; objective: string }
  | { kind: "removed"; objective: string }
  | { kind: "changed"; objective: string; fields: string[] };

/** Actions matched by their objective: added, removed, or which fields changed. */
export function comparePlans(before: PlanSnapshotAction[], after: PlanSnapshotAction[]): ActionChange[] {
  const changes: ActionChange[] = [];
  for (const a of after) {
    const b = before.find((x) => x.objective === a.objective);
    if (!b) {
      changes.push({ kind: "added", objective: a.objective });
      continue;
    }
    const fields = (["priority", "responsible", "startDate", "endDate", "budgetCents"] as const).filter(
      (f) => b[f] !== a[f],
    );
    if (JSON.stringify(b.indicators) !== JSON.stringify(a.indicators)) fields.push("indicators" as never);
    if (fields.length) changes.push({ kind: "changed", objective: a.objective, fields });
  }
  for (const b of before)
    if (!after.some((a) => a.objective === b.objective)) changes.push({ kind: "removed", objective: b.objective });
  return changes;
}

/** The same date one year later (29 February becomes 28 February). */
export function nextYearDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Next year's actions: this year's unfinished ones, a year later, indicators starting from what was achieved. */
export function prefillNextYear<
  A extends {
    status: ActionStatus;
    startDate: string;
    endDate: string;
    indicators: Array<{ baseline: number; achieved: number; target: number }>;
  },
>(actions: readonly A[]): Array<A & { startDate: string; endDate: string }> {
  return actions
    .filter((a) => a.status === "planned" || a.status === "in_progress")
    .map((a) => ({
      ...a,
      startDate: nextYearDate(a.startDate),
      endDate: nextYearDate(a.endDate),
      indicators: a.indicators.map((i) => ({ ...i, baseline: i.achieved, achieved: i.achieved })),
    }));
}

/**
 * Next year's actions for the recurring deliverables — those that deliver a recurring obligation (a yearly
 * campaign, quarterly reports) and were due in the year that ends — unless an unfinished action carried
 * over already covers that obligation. Each becomes a planned action, a year later, with the deliverable's
 * target as its indicator, for the committee to adjust.
 */
export function actionsForRecurringDeliverables<
  D extends {
    title: string;
    unit: string;
    targetQuantity: number;
    responsiblePartyId: string;
    obligationId: string | null;
    obligationRecurs: boolean;
    startDate: string | null;
    dueDate: string | null;
  },
>(deliverables: readonly D[], endingYear: number, coveredObligationIds: ReadonlySet<string>) {
  return deliverables.flatMap((d) => {
    const end = d.dueDate ?? d.startDate;
    if (
      !d.obligationId ||
      !d.obligationRecurs ||
      !end ||
      !end.startsWith(`${endingYear}-`) ||
      coveredObligationIds.has(d.obligationId)
    )
      return [];
    const start = d.startDate && d.startDate <= end ? d.startDate : end;
    return [
      {
        objective: d.title,
        responsiblePartyId: d.responsiblePartyId,
        obligationId: d.obligationId,
        startDate: nextYearDate(start),
        endDate: nextYearDate(end),
        indicator: { name: d.title, unit: d.unit, baseline: 0, target: d.targetQuantity, achieved: 0 },
      },
    ];
  });
}
