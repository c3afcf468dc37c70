/**
 * The money's pure rules (app/domain/finance): budget totals and reallocations within the limit,
 * the tranche state machine and its reversals, lateness, expenses' reversals and budget against
 * actual, the dossier's status.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addsUp, budgetTotals, checkReallocation, reallocationRoom, volunteerValue } from "~/domain/finance/budget";
import { dossierStatus } from "~/domain/finance/dossier";
import {
  budgetVsActual,
  cashOnHand,
  checkQueryStep,
  checkReversible,
  isQuestioned,
  netSpent,
} from "~/domain/finance/expense";
import {
  checkReversal,
  checkTrancheAction,
  declarationDueOn,
  isLate,
  needsForeignDeclaration,
  receiptFee,
  reversibleEvent,
  trancheState,
  TRANCHE_STATUSES,
  type TrancheAction,
} from "~/domain/finance/tranche";

const lines = [
  { id: "l1", position: 1, category: "transport" as const, planActionId: "a1" },
  { id: "l2", position: 2, category: "equipment" as const, planActionId: "a1" },
  { id: "l3", position: 3, category: "other" as const, planActionId: null },
];
const shares = [
  { lineId: "l1", partyId: "cv", kind: "cash" as const, amountMinor: 1_500_000 },
  { lineId: "l2", partyId: "cv", kind: "cash" as const, amountMinor: 5_000_000 },
  { lineId: "l2", partyId: "sofara", kind: "in_kind" as const, amountMinor: 1_000_000 },
  { lineId: "l3", partyId: "sofara", kind: "volunteer_time" as const, amountMinor: volunteerValue(100, 5_000) },
];

describe("budget", () => {
  it("a line's amount is the sum of its shares, and a party's contribution the sum of its shares", () => {
    const totals = budgetTotals(lines, shares);
    expect(totals.lines.map((l) => [l.id, l.amount])).toEqual([
      ["l1", 1_500_000],
      ["l2", 6_000_000],
      ["l3", 500_000],
    ]);
    expect(totals.parties).toEqual([
      { partyId: "cv", cash: 6_500_000, inKind: 0, volunteerTime: 0, total: 6_500_000 },
      { partyId: "sofara", cash: 0, inKind: 1_000_000, volunteerTime: 500_000, total: 1_500_000 },
    ]);
    expect(totals.actions).toEqual([
      { planActionId: "a1", amount: 7_500_000 },
      { planActionId: null, amount: 500_000 },
    ]);
    expect(totals.total).toBe(8_000_000);
  });

  it("says whether the lines add up to the agreement's total, and by how much not", () => {
    expect(addsUp(8_000_000, 8_000_000, 3)).toEqual({ state: "matches" });
    expect(addsUp(7_000_000, 8_000_000, 3)).toEqual({ state: "under", difference: 1_000_000 });
    expect(addsUp(9_000_000, 8_000_000, 3)).toEqual({ state: "over", difference: 1_000_000 });
    expect(addsUp(0, null, 0)).toEqual({ state: "no_total" });
    expect(addsUp(0, 8_000_000, 0)).toEqual({ state: "empty" });
  });

  it("a reallocation moves money between lines within the source line's limit, counted over all its reallocations", () => {
    const moved = budgetTotals(lines, shares, [{ fromLineId: "l2", toLineId: "l1", amountMinor: 400_000 }]);
    expect(moved.total).toBe(8_000_000);
    const [l1, l2] = moved.lines;
    expect([l1!.amount, l2!.amount]).toEqual([1_900_000, 5_600_000]);
    // 10 % of 60,000 MAD is 6,000 MAD; 4,000 already moved: 2,000 left.
    expect(reallocationRoom(l2!, 1000)).toBe(200_000);
    expect(checkReallocation({ from: l2, to: l1, amountMinor: 200_000, limitBp: 1000 })).toEqual({ ok: true });
    expect(checkReallocation({ from: l2, to: l1, amountMinor: 200_001, limitBp: 1000 })).toEqual({
      ok: false,
      errors: [{ key: "finance.error.beyondLimit" }],
    });
    expect(checkReallocation({ from: l2, to: l2, amountMinor: 1, limitBp: 1000 }).ok).toBe(false);
    expect(checkReallocation({ from: undefined, to: l1, amountMinor: 1, limitBp: 1000 }).ok).toBe(false);
  });

  it("reallocations never change the total, whatever they are", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            fromLineId: fc.constantFrom("l1", "l2", "l3"),
            toLineId: fc.constantFrom("l1", "l2", "l3"),
            amountMinor: fc.integer({ min: 0, max: 1e9 }),
          }),
        ),
        (moves) => {
          const t = budgetTotals(lines, shares, moves);
          expect(t.lines.reduce((s, l) => s + l.amount, 0)).toBe(t.total);
          expect(t.parties.reduce((s, p) => s + p.total, 0)).toBe(t.total);
          expect(t.actions.reduce((s, a) => s + a.amount, 0)).toBe(t.total);
        },
      ),
    );
  });
});

const ev = (id: string, kind: string, reversesEventId: string | null = null) =>
  ({ id, kind, reversesEventId }) as Parameters<typeof trancheState>[0][number];

describe("the tranche state machine", () => {
  it("goes planned → due → called → paid → received, and a payer may pay a due tranche without a call", () => {
    expect(trancheState([])).toBe("planned");
    expect(trancheState([ev("1", "due")])).toBe("due");
    expect(trancheState([ev("1", "due"), ev("2", "called")])).toBe("called");
    expect(trancheState([ev("1", "due"), ev("2", "paid")])).toBe("paid");
    expect(trancheState([ev("1", "due"), ev("2", "called"), ev("3", "paid"), ev("4", "received")])).toBe("received");
  });

  it("allows each action only in its states", () => {
    const allowed: Record<TrancheAction, string[]> = {
      call: ["due"],
      pay: ["due", "called"],
      receive: ["paid"],
      cancel: ["planned", "due", "called"],
    };
    for (const [action, states] of Object.entries(allowed) as Array<[TrancheAction, string[]]>)
      for (const state of TRANCHE_STATUSES)
        expect(checkTrancheAction(action, state).ok, `${action} when ${state}`).toBe(states.includes(state));
  });

  it("a reversal undoes the last entry people recorded, and the state goes back", () => {
    const events = [ev("1", "due"), ev("2", "paid"), ev("3", "received")];
    expect(reversibleEvent(events)?.id).toBe("3");
    expect(checkReversal(events, "2").ok).toBe(false);
    const undone = [...events, ev("4", "reversed", "3")];
    expect(trancheState(undone)).toBe("paid");
    expect(checkReversal(undone, "2")).toEqual({ ok: true, kind: "paid" });
    const again = [...undone, ev("5", "received")];
    expect(trancheState(again)).toBe("received");
    // Charaka's own 'due' is never reversed by people.
    expect(reversibleEvent([ev("1", "due")])).toBeNull();
  });

  it("is late when due or called and unpaid past its grace period", () => {
    const due = { status: "due" as const, dueSince: "2026-01-01", graceDays: 30 };
    expect(isLate(due, "2026-01-31")).toBe(false);
    expect(isLate(due, "2026-02-01")).toBe(true);
    expect(isLate({ ...due, status: "called" }, "2026-02-01")).toBe(true);
    expect(isLate({ ...due, status: "paid" }, "2026-12-01")).toBe(false);
    expect(isLate({ ...due, status: "planned", dueSince: null }, "2026-12-01")).toBe(false);
  });

  it("keeps the bank fees of a MAD transfer, and the stated ones of a foreign transfer", () => {
    expect(receiptFee({ amountMinor: 9_000_000, currency: "MAD" }, 8_998_500, undefined)).toBe(1_500);
    expect(receiptFee({ amountMinor: 2_750_000, currency: "EUR" }, 29_942_000, 31_000)).toBe(31_000);
    expect(receiptFee({ amountMinor: 2_750_000, currency: "EUR" }, 29_942_000, undefined)).toBeNull();
  });

  it("funds from a payer based abroad are declared within 30 days", () => {
    expect(needsForeignDeclaration("MA")).toBe(false);
    expect(needsForeignDeclaration("hk")).toBe(true);
    expect(declarationDueOn("2025-02-21")).toBe("2025-03-23");
  });
});

describe("expenses", () => {
  const e1 = { id: "e1", lineId: "l1", amountMinor: 1_240_000, reversesExpenseId: null };
  const r1 = { id: "r1", lineId: "l1", amountMinor: -1_240_000, reversesExpenseId: "e1" };
  it("are corrected by a reversing entry, never twice, never a reversal, never once locked", () => {
    expect(checkReversible(e1, [e1]).ok).toBe(true);
    expect(checkReversible(e1, [e1, r1])).toEqual({ ok: false, errors: [{ key: "finance.error.alreadyReversed" }] });
    expect(checkReversible(r1, [e1, r1]).ok).toBe(false);
    expect(checkReversible({ ...e1, lockedByReportId: "rep" }, [e1]).ok).toBe(false);
    expect(netSpent([e1, r1])).toBe(0);
  });

  it("flag over-spent lines and share each line's spending among its funders, exactly", () => {
    const bva = budgetVsActual(
      [
        { id: "l1", planActionId: "a1", budget: 1_500_000 },
        { id: "l2", planActionId: null, budget: 6_000_000 },
      ],
      shares,
      [
        { ...e1, amountMinor: 1_600_000 },
        { id: "e2", lineId: "l2", amountMinor: 3_000_001, reversesExpenseId: null },
      ],
    );
    expect(bva.lines.map((l) => [l.id, l.actual, l.overSpent])).toEqual([
      ["l1", 1_600_000, true],
      ["l2", 3_000_001, false],
    ]);
    expect(bva.parties.reduce((s, p) => s + p.actual, 0) + bva.unallocated).toBe(bva.actual);
    expect(cashOnHand(9_000_000, bva.actual)).toBe(9_000_000 - 4_600_001);
  });

  it("budget against actual adds up the same per line, per party and per action, for any expenses", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lineId: fc.constantFrom("l1", "l2", "l3", "l4"),
            amountMinor: fc.integer({ min: -1e8, max: 1e9 }),
          }),
        ),
        (spent) => {
          const bva = budgetVsActual(
            [...lines.map((l) => ({ ...l, budget: 1 })), { id: "l4", planActionId: null, budget: 0 }],
            shares,
            spent.map((s, i) => ({ ...s, id: `e${i}`, reversesExpenseId: null })),
          );
          const total = spent.reduce((s, e) => s + e.amountMinor, 0);
          expect(bva.actual).toBe(total);
          expect(bva.parties.reduce((s, p) => s + p.actual, 0) + bva.unallocated).toBe(total);
          expect(bva.actions.reduce((s, a) => s + a.actual, 0)).toBe(total);
        },
      ),
    );
  });

  it("questions are answered, then settled by who asked; questioned until then", () => {
    expect(checkQueryStep("answer", "open").ok).toBe(true);
    expect(checkQueryStep("settle", "open").ok).toBe(false);
    expect(checkQueryStep("settle", "answered").ok).toBe(true);
    expect(isQuestioned([{ answer: "Voici la liste", settledAt: null }])).toBe(true);
    expect(isQuestioned([{ answer: "Voici la liste", settledAt: "2026-01-01" }])).toBe(false);
  });
});

describe("the dossier", () => {
  const all = [
    "registration_receipt",
    "statutes",
    "general_assembly_minutes",
    "board_list",
    "tax_certificate",
    "bank_certificate",
  ] as const;
  const docs = all.map((kind) => ({ kind, expiresOn: null as string | null, supersededAt: null as string | null }));
  it("is complete and valid with one current, unexpired document of each kind", () => {
    expect(dossierStatus(docs, "2026-06-01")).toMatchObject({ complete: true, valid: true, missing: [] });
    const expiring = docs.map((d) => (d.kind === "tax_certificate" ? { ...d, expiresOn: "2026-06-20" } : d));
    expect(dossierStatus(expiring, "2026-06-01")).toMatchObject({ valid: true, expiringSoon: ["tax_certificate"] });
    expect(dossierStatus(expiring, "2026-06-21")).toMatchObject({
      complete: true,
      valid: false,
      expired: ["tax_certificate"],
    });
    const superseded = docs.map((d) => (d.kind === "statutes" ? { ...d, supersededAt: "2026-01-01" } : d));
    expect(dossierStatus(superseded, "2026-06-01")).toMatchObject({ complete: false, missing: ["statutes"] });
  });
});
