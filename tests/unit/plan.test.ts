import { describe, expect, it } from "vitest";
import { canPlanActions, canRecordActionProgress, type Actor, type AgreementAccessFacts } from "~/domain/access/access";
import {
  actionsForRecurringDeliverables,
  checkPlanMove,
  comparePlans,
  indicatorProgress,
  isPlanAdopted,
  isPlanEditable,
  nextYearDate,
  planSteps,
  prefillNextYear,
  timelineBar,
  type PlanSnapshotAction,
} from "~/domain/plan/plan";

describe("action plan lifecycle", () => {
  it("is drafted, submitted (with at least one action), then adopted with a date", () => {
    expect(checkPlanMove("draft", "submit", { actions: 0 })).toEqual({ ok: false, key: "plan.error.noAction" });
    expect(checkPlanMove("draft", "submit", { actions: 2 })).toEqual({ ok: true, to: "submitted" });
    expect(checkPlanMove("submitted", "adopt", { actions: 2 })).toEqual({ ok: false, key: "plan.error.adoptionDate" });
    expect(checkPlanMove("submitted", "adopt", { actions: 2, adoptedOn: "2026-02-10" })).toEqual({
      ok: true,
      to: "adopted",
    });
  });

  it("an adopted plan is revised through a new draft; nothing is adopted twice without a submission", () => {
    expect(checkPlanMove("adopted", "revise", { actions: 1 })).toEqual({ ok: true, to: "draft" });
    expect(checkPlanMove("adopted", "adopt", { actions: 1, adoptedOn: "2026-05-01" })).toEqual({
      ok: false,
      key: "plan.error.notNow",
    });
    expect(checkPlanMove("draft", "adopt", { actions: 1, adoptedOn: "2026-05-01" })).toEqual({
      ok: false,
      key: "plan.error.notNow",
    });
    expect(checkPlanMove("submitted", "returnToDraft", { actions: 1 })).toEqual({ ok: true, to: "draft" });
  });
});

describe("what the plan page offers", () => {
  it("offers the moves of the transition table from each status, each accepted by checkPlanMove", () => {
    expect(planSteps("draft")).toEqual(["submit"]);
    expect(planSteps("submitted")).toEqual(["adopt", "returnToDraft"]);
    expect(planSteps("adopted")).toEqual(["revise"]);
    for (const status of ["draft", "submitted", "adopted"] as const)
      for (const move of planSteps(status))
        expect(checkPlanMove(status, move, { actions: 1, adoptedOn: "2026-02-10" }).ok).toBe(true);
  });

  it("actions and indicators are added to a draft; progress is recorded against the adopted plan", () => {
    expect(isPlanEditable("draft")).toBe(true);
    expect(isPlanEditable("submitted")).toBe(false);
    expect(isPlanEditable("adopted")).toBe(false);
    expect(isPlanAdopted("adopted")).toBe(true);
    expect(isPlanAdopted("draft")).toBe(false);
    expect(isPlanAdopted("submitted")).toBe(false);
  });
});

describe("who works on the plan", () => {
  const OWNER = "owner00000000000";
  const PARTNER = "partner000000000";
  const facts = (status: AgreementAccessFacts["status"]): AgreementAccessFacts => ({
    ownerOrganizationId: OWNER,
    partyOrganizationIds: [OWNER, PARTNER],
    status,
  });
  const as = (organizationId: string, role: "president" | "member"): Actor => ({
    userId: "u",
    isPlatformAdmin: false,
    memberships: [{ organizationId, role }],
  });

  it("the drafting organization's managers prepare it while the agreement lives, not once it is closed", () => {
    for (const status of ["draft", "negotiation", "awaiting_signatures", "active", "suspended"] as const)
      expect(canPlanActions(as(OWNER, "president"), facts(status)), status).toBe(true);
    for (const status of ["completed", "expired", "terminated"] as const)
      expect(canPlanActions(as(OWNER, "president"), facts(status)), status).toBe(false);
    expect(canPlanActions(as(OWNER, "member"), facts("active"))).toBe(false);
    expect(canPlanActions(as(PARTNER, "president"), facts("active"))).toBe(false);
  });

  it("an action's progress is recorded by the responsible party's members or the drafting organization's managers", () => {
    expect(canRecordActionProgress(as(PARTNER, "member"), facts("active"), PARTNER)).toBe(true);
    expect(canRecordActionProgress(as(OWNER, "president"), facts("active"), PARTNER)).toBe(true);
    expect(canRecordActionProgress(as(OWNER, "member"), facts("active"), PARTNER)).toBe(false);
    expect(canRecordActionProgress(as(PARTNER, "president"), facts("active"), OWNER)).toBe(false);
  });
});

describe("timeline", () => {
  it("places an action by its dates within the year, clipped to the year", () => {
    const q1 = timelineBar(2026, "2026-01-01", "2026-03-31")!;
    expect(q1.offset).toBe(0);
    expect(q1.width).toBeCloseTo((90 / 365) * 100, 5);
    const spanning = timelineBar(2026, "2025-11-01", "2026-01-31")!;
    expect(spanning.offset).toBe(0);
    expect(spanning.width).toBeCloseTo((31 / 365) * 100, 5);
    expect(timelineBar(2026, "2027-01-01", "2027-02-01")).toBeNull();
  });
});

describe("comparing adopted versions", () => {
  const action = (objective: string, over: Partial<PlanSnapshotAction> = {}): PlanSnapshotAction => ({
    objective,
    priority: "medium",
    responsible: "INSAF",
    startDate: "2026-01-01",
    endDate: "2026-06-30",
    budgetCents: null,
    indicators: [{ name: "enfants équipés", unit: "enfants", baseline: 0, target: 325 }],
    ...over,
  });
  it("reports added, removed and changed actions with the fields that changed", () => {
    const before = [action("Cartables"), action("Salle informatique")];
    const after = [
      action("Cartables", {
        endDate: "2026-09-30",
        indicators: [{ name: "enfants équipés", unit: "enfants", baseline: 0, target: 400 }],
      }),
      action("Formation numérique"),
    ];
    expect(comparePlans(before, after)).toEqual([
      { kind: "changed", objective: "Cartables", fields: ["endDate", "indicators"] },
      { kind: "added", objective: "Formation numérique" },
      { kind: "removed", objective: "Salle informatique" },
    ]);
  });
});

describe("prefilling next year", () => {
  it("carries over unfinished actions a year later, indicators starting from what was achieved", () => {
    const actions = [
      { objective: "A", status: "done" as const, startDate: "2026-01-01", endDate: "2026-03-31", indicators: [] },
      {
        objective: "B",
        status: "in_progress" as const,
        startDate: "2026-02-29".replace("2026", "2024"),
        endDate: "2024-12-31",
        indicators: [{ baseline: 0, achieved: 200, target: 325 }],
      },
      { objective: "C", status: "cancelled" as const, startDate: "2026-01-01", endDate: "2026-02-01", indicators: [] },
    ];
    const next = prefillNextYear(actions);
    expect(next.map((a) => a.objective)).toEqual(["B"]);
    expect(next[0]).toMatchObject({
      startDate: "2025-02-28",
      endDate: "2025-12-31",
      indicators: [{ baseline: 200, achieved: 200, target: 325 }],
    });
    expect(nextYearDate("2026-06-15")).toBe("2027-06-15");
  });
});

describe("recurring deliverables in next year's plan", () => {
  const base = { unit: "rapports", targetQuantity: 4, responsiblePartyId: "insaf", startDate: "2026-01-01" };
  it("a deliverable of a recurring obligation due this year becomes a planned action a year later, its target as indicator", () => {
    const actions = actionsForRecurringDeliverables(
      [{ ...base, title: "Rapports trimestriels", obligationId: "o1", obligationRecurs: true, dueDate: "2026-12-31" }],
      2026,
      new Set(),
    );
    expect(actions).toEqual([
      {
        objective: "Rapports trimestriels",
        responsiblePartyId: "insaf",
        obligationId: "o1",
        startDate: "2027-01-01",
        endDate: "2027-12-31",
        indicator: { name: "Rapports trimestriels", unit: "rapports", baseline: 0, target: 4, achieved: 0 },
      },
    ]);
  });
  it("one-off deliverables, those due another year and those whose obligation a carried action covers are left out", () => {
    const actions = actionsForRecurringDeliverables(
      [
        { ...base, title: "325 cartables", obligationId: "o2", obligationRecurs: false, dueDate: "2026-10-15" },
        { ...base, title: "sans obligation", obligationId: null, obligationRecurs: false, dueDate: "2026-10-15" },
        {
          ...base,
          title: "l'an dernier",
          obligationId: "o1",
          obligationRecurs: true,
          startDate: "2025-01-01",
          dueDate: "2025-12-31",
        },
        { ...base, title: "déjà reporté", obligationId: "o3", obligationRecurs: true, dueDate: "2026-06-30" },
      ],
      2026,
      new Set(["o3"]),
    );
    expect(actions).toEqual([]);
  });
});

describe("indicator progress, from baseline to target", () => {
  it("counts from a non-zero baseline: 40 → 100 with 40 achieved is 0 %, 70 is 50 %, 100 and beyond 100 %", () => {
    expect(indicatorProgress({ baseline: 40, target: 100, achieved: 40 })).toBe(0);
    expect(indicatorProgress({ baseline: 40, target: 100, achieved: 70 })).toBe(50);
    expect(indicatorProgress({ baseline: 40, target: 100, achieved: 100 })).toBe(100);
    expect(indicatorProgress({ baseline: 40, target: 100, achieved: 130 })).toBe(100);
    expect(indicatorProgress({ baseline: 40, target: 100, achieved: 10 })).toBe(0);
    expect(indicatorProgress({ baseline: 0, target: 325, achieved: 65 })).toBe(20);
  });

  it("counts the way down when the target is below the baseline, and a target equal to the baseline is met when reached", () => {
    expect(indicatorProgress({ baseline: 30, target: 10, achieved: 20 })).toBe(50);
    expect(indicatorProgress({ baseline: 30, target: 10, achieved: 5 })).toBe(100);
    expect(indicatorProgress({ baseline: 30, target: 10, achieved: 35 })).toBe(0);
    expect(indicatorProgress({ baseline: 50, target: 50, achieved: 50 })).toBe(100);
    expect(indicatorProgress({ baseline: 50, target: 50, achieved: 20 })).toBe(0);
  });
});
