import { describe, expect, it } from "vitest";
import {
  agreementProgress,
  awaitsConfirmation,
  CLOSED_DELIVERABLE_STATUSES,
  CLOSED_OBLIGATION_STATUSES,
  DELIVERABLE_STATUSES,
  isClosedDeliverable,
  isClosedObligation,
  isDeliverableLate,
  isOverdue,
  nextDeliverableStatus,
  nextDueDate,
  OBLIGATION_STATUSES,
  progress,
} from "~/domain/delivery/delivery";

const base = {
  dueDate: null,
  recurrence: "none" as const,
  status: "pending" as const,
  completedOn: null,
  agreementStart: "2026-01-01",
  agreementEnd: "2026-12-31",
};

describe("obligations", () => {
  it("an obligation done or waived is closed", () => {
    expect(OBLIGATION_STATUSES.filter(isClosedObligation)).toEqual(["done", "waived"]);
    expect(CLOSED_OBLIGATION_STATUSES).toEqual(["done", "waived"]);
  });

  it("a one-off obligation is due on its date until done or waived", () => {
    expect(nextDueDate({ ...base, dueDate: "2026-03-31" })).toBe("2026-03-31");
    expect(nextDueDate({ ...base, dueDate: "2026-03-31", status: "done", completedOn: "2026-03-30" })).toBeNull();
    expect(nextDueDate({ ...base, dueDate: "2026-03-31", status: "waived" })).toBeNull();
  });

  it("a quarterly obligation falls due at the end of each quarter within the agreement's dates, after the last completion", () => {
    const quarterly = { ...base, recurrence: "quarterly" as const };
    expect(nextDueDate(quarterly)).toBe("2026-04-01");
    expect(nextDueDate({ ...quarterly, completedOn: "2026-04-05" })).toBe("2026-07-01");
    expect(nextDueDate({ ...quarterly, completedOn: "2026-10-02" })).toBeNull();
  });

  it("a recurring obligation with a date of its own starts from that date", () => {
    const monthly = { ...base, recurrence: "monthly" as const, dueDate: "2026-01-15" };
    expect(nextDueDate(monthly)).toBe("2026-01-15");
    expect(nextDueDate({ ...monthly, completedOn: "2026-01-15" })).toBe("2026-02-15");
  });

  it("overdue is derived from the date: due yesterday is overdue, due today is not", () => {
    expect(isOverdue("2026-11-22", "2026-11-23")).toBe(true);
    expect(isOverdue("2026-11-23", "2026-11-23")).toBe(false);
    expect(isOverdue(null, "2026-11-23")).toBe(false);
  });
});

describe("deliverables", () => {
  it("progress is delivered over target, never above 100 %, with over-delivery flagged", () => {
    expect(progress(6, 17)).toEqual({ delivered: 6, target: 17, percent: 35, over: false });
    expect(progress(325, 325)).toMatchObject({ percent: 100, over: false });
    expect(progress(340, 325)).toMatchObject({ percent: 100, over: true });
  });

  it("moves planned → in progress → delivered → confirmed; a dispute reopens it", () => {
    expect(nextDeliverableStatus("planned", "record")).toBe("in_progress");
    expect(nextDeliverableStatus("in_progress", "markDelivered")).toBe("delivered");
    expect(nextDeliverableStatus("delivered", "confirm")).toBe("confirmed");
    expect(nextDeliverableStatus("delivered", "dispute")).toBe("disputed");
    expect(nextDeliverableStatus("disputed", "record")).toBe("in_progress");
    expect(nextDeliverableStatus("planned", "confirm")).toBeNull();
    expect(nextDeliverableStatus("planned", "markDelivered")).toBeNull();
  });

  it("a confirmed deliverable is not disputed any more, only reopened (back to disputed)", () => {
    expect(nextDeliverableStatus("confirmed", "dispute")).toBeNull();
    expect(nextDeliverableStatus("confirmed", "reopen")).toBe("disputed");
    expect(nextDeliverableStatus("delivered", "reopen")).toBeNull();
  });

  it("a deliverable is late when it is disputed, or past due and not yet delivered", () => {
    const today = "2026-11-23";
    expect(isDeliverableLate({ status: "disputed", dueDate: null }, today)).toBe(true);
    expect(isDeliverableLate({ status: "disputed", dueDate: "2027-01-01" }, today)).toBe(true);
    expect(isDeliverableLate({ status: "planned", dueDate: "2026-11-22" }, today)).toBe(true);
    expect(isDeliverableLate({ status: "in_progress", dueDate: "2026-11-22" }, today)).toBe(true);
    expect(isDeliverableLate({ status: "in_progress", dueDate: today }, today)).toBe(false);
    expect(isDeliverableLate({ status: "planned", dueDate: null }, today)).toBe(false);
    expect(isDeliverableLate({ status: "delivered", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isDeliverableLate({ status: "confirmed", dueDate: "2026-01-01" }, today)).toBe(false);
  });

  it("only a confirmed deliverable is closed; only a delivered one awaits confirmation", () => {
    expect(DELIVERABLE_STATUSES.filter(isClosedDeliverable)).toEqual(["confirmed"]);
    expect(CLOSED_DELIVERABLE_STATUSES).toEqual(["confirmed"]);
    expect(DELIVERABLE_STATUSES.filter(awaitsConfirmation)).toEqual(["delivered"]);
  });

  it("the agreement's progress weights deliverables by their targets", () => {
    expect(
      agreementProgress([
        { delivered: 17, target: 17 },
        { delivered: 0, target: 325 },
      ]),
    ).toBe(4);
    expect(
      agreementProgress([
        { delivered: 400, target: 325 },
        { delivered: 0, target: 325 },
      ]),
    ).toBe(50);
    expect(agreementProgress([])).toBe(0);
  });
});

describe("named beneficiaries", () => {
  it("keep only the last four characters of a national ID", async () => {
    const { maskNationalId, isPastRetention } = await import("~/domain/delivery/beneficiaries");
    expect(maskNationalId("AB 123 456")).toBe("••••3456");
    expect(maskNationalId("  ")).toBeNull();
    expect(isPastRetention("2026-12-31", "2027-01-01")).toBe(true);
    expect(isPastRetention("2026-12-31", "2026-12-31")).toBe(false);
  });
});
