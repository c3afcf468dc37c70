import { describe, expect, it } from "vitest";
import {
  AGREEMENT_STATUSES,
  amendmentBlockers,
  canBeAmended,
  checkTransition,
  computedEndDate,
  hasExpired,
  isBeforeSignature,
  isTextEditable,
  nextSteps,
  takesEffectLater,
  TEXT_EDITABLE_STATUSES,
  transitionNeeds,
  type LifecycleAction,
  type LifecycleFacts,
} from "~/domain/agreement/lifecycle";

/** Facts under which every guard passes (an agreement ready for anything); override to break one. */
function facts(overrides: Partial<LifecycleFacts> = {}): LifecycleFacts {
  return {
    status: "draft",
    today: "2025-06-15",
    parties: [{ hasSignatory: true }, { hasSignatory: true }],
    clauseCount: 3,
    effectiveDate: "2024-01-01",
    endDate: "2025-06-14",
    durationMonths: null,
    openComments: 0,
    allPartiesSigned: true,
    openObligations: 0,
    openDeliverables: 0,
    ...overrides,
  };
}

const OK_INPUT = { reason: "Motif", date: "2025-06-15" };

const EXPECTED: Record<LifecycleAction, { from: string[]; to: string }> = {
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

const keys = (r: ReturnType<typeof checkTransition>) => (r.ok ? [] : r.errors.map((e) => e.key));

describe("transitions by status", () => {
  for (const [action, { from, to }] of Object.entries(EXPECTED) as Array<
    [LifecycleAction, { from: string[]; to: string }]
  >) {
    for (const status of AGREEMENT_STATUSES) {
      if (from.includes(status)) {
        it(`${action} is allowed from ${status} and leads to ${to}`, () => {
          expect(checkTransition(action, facts({ status }), OK_INPUT)).toEqual({ ok: true, to });
        });
      } else {
        it(`${action} is refused from ${status} with notFromStatus`, () => {
          expect(checkTransition(action, facts({ status }), OK_INPUT)).toEqual({
            ok: false,
            errors: [{ key: "lifecycle.error.notFromStatus", vars: { status } }],
          });
        });
      }
    }
  }
});

describe("guards", () => {
  it("opening negotiation needs two parties and at least one clause", () => {
    const r = checkTransition("open_negotiation", facts({ parties: [{ hasSignatory: true }], clauseCount: 0 }));
    expect(keys(r)).toEqual(["lifecycle.error.twoParties", "lifecycle.error.oneClause"]);
    expect(keys(checkTransition("open_negotiation", facts({ clauseCount: 0 })))).toEqual(["lifecycle.error.oneClause"]);
  });

  it("opening negotiation does not require signatories or dates", () => {
    const r = checkTransition(
      "open_negotiation",
      facts({ parties: [{ hasSignatory: false }, { hasSignatory: false }], effectiveDate: null, endDate: null }),
    );
    expect(r).toEqual({ ok: true, to: "negotiation" });
  });

  it("sending for signature needs two parties each with a signatory, counting those missing", () => {
    const one = checkTransition(
      "send_for_signature",
      facts({ status: "negotiation", parties: [{ hasSignatory: true }] }),
    );
    expect(keys(one)).toEqual(["lifecycle.error.twoParties"]);
    const missing = checkTransition(
      "send_for_signature",
      facts({
        status: "negotiation",
        parties: [{ hasSignatory: false }, { hasSignatory: true }, { hasSignatory: false }],
      }),
    );
    expect(!missing.ok && missing.errors).toEqual([{ key: "lifecycle.error.signatories", vars: { count: 2 } }]);
  });

  it("sending for signature needs a clause, an effective date, and an end date or a duration", () => {
    expect(keys(checkTransition("send_for_signature", facts({ clauseCount: 0 })))).toEqual([
      "lifecycle.error.oneClause",
    ]);
    expect(keys(checkTransition("send_for_signature", facts({ effectiveDate: null })))).toEqual([
      "lifecycle.error.effectiveDate",
    ]);
    expect(keys(checkTransition("send_for_signature", facts({ endDate: null, durationMonths: null })))).toEqual([
      "lifecycle.error.endOrDuration",
    ]);
    expect(checkTransition("send_for_signature", facts({ endDate: null, durationMonths: 12 }))).toEqual({
      ok: true,
      to: "awaiting_signatures",
    });
  });

  it("sending for signature is blocked by open comments, with their count", () => {
    const r = checkTransition("send_for_signature", facts({ openComments: 4 }));
    expect(!r.ok && r.errors).toEqual([{ key: "lifecycle.error.openComments", vars: { count: 4 } }]);
  });

  it("sending for signature reports every missing condition together", () => {
    const r = checkTransition(
      "send_for_signature",
      facts({
        parties: [{ hasSignatory: false }],
        clauseCount: 0,
        effectiveDate: null,
        endDate: null,
        durationMonths: null,
        openComments: 1,
      }),
    );
    expect(!r.ok && r.errors).toEqual([
      { key: "lifecycle.error.twoParties" },
      { key: "lifecycle.error.signatories", vars: { count: 1 } },
      { key: "lifecycle.error.oneClause" },
      { key: "lifecycle.error.effectiveDate" },
      { key: "lifecycle.error.endOrDuration" },
      { key: "lifecycle.error.openComments", vars: { count: 1 } },
    ]);
  });

  for (const [action, status] of [
    ["decline", "awaiting_signatures"],
    ["suspend", "active"],
  ] as const) {
    it(`${action} needs a reason, and whitespace is not a reason`, () => {
      for (const reason of [undefined, null, "", "   \n\t"]) {
        expect(keys(checkTransition(action, facts({ status }), { reason }))).toEqual(["lifecycle.error.reason"]);
      }
      expect(checkTransition(action, facts({ status }), { reason: "Désaccord sur l'article 4" }).ok).toBe(true);
    });
  }

  it("terminating needs both a reason and a date", () => {
    const f = facts({ status: "active" });
    expect(keys(checkTransition("terminate", f, {}))).toEqual([
      "lifecycle.error.reason",
      "lifecycle.error.terminationDate",
    ]);
    expect(keys(checkTransition("terminate", f, { reason: "  ", date: "2025-06-01" }))).toEqual([
      "lifecycle.error.reason",
    ]);
    expect(keys(checkTransition("terminate", f, { reason: "Faute grave" }))).toEqual([
      "lifecycle.error.terminationDate",
    ]);
    expect(checkTransition("terminate", f, { reason: "Faute grave", date: "2025-06-01" })).toEqual({
      ok: true,
      to: "terminated",
    });
  });

  it("activating needs every party to have signed", () => {
    const f = facts({ status: "awaiting_signatures", allPartiesSigned: false });
    expect(keys(checkTransition("activate", f))).toEqual(["lifecycle.error.allSigned"]);
  });

  it("resuming has no guard beyond the status", () => {
    const r = checkTransition(
      "resume",
      facts({ status: "suspended", parties: [], clauseCount: 0, allPartiesSigned: false, openComments: 9 }),
    );
    expect(r).toEqual({ ok: true, to: "active" });
  });

  it("completing is blocked by open obligations and deliverables, with their counts", () => {
    const r = checkTransition("complete", facts({ status: "active", openObligations: 2, openDeliverables: 5 }));
    expect(!r.ok && r.errors).toEqual([
      { key: "lifecycle.error.openObligations", vars: { count: 2 } },
      { key: "lifecycle.error.openDeliverables", vars: { count: 5 } },
    ]);
    expect(keys(checkTransition("complete", facts({ status: "active", openDeliverables: 1 })))).toEqual([
      "lifecycle.error.openDeliverables",
    ]);
  });

  it("expiring is allowed only once the computed end date is before today", () => {
    const active = { status: "active" as const, today: "2025-06-15" };
    expect(checkTransition("expire", facts({ ...active, endDate: "2025-06-14" })).ok).toBe(true);
    expect(keys(checkTransition("expire", facts({ ...active, endDate: "2025-06-15" })))).toEqual([
      "lifecycle.error.notPastEnd",
    ]);
    expect(keys(checkTransition("expire", facts({ ...active, endDate: "2025-12-31" })))).toEqual([
      "lifecycle.error.notPastEnd",
    ]);
    expect(keys(checkTransition("expire", facts({ ...active, endDate: null, durationMonths: null })))).toEqual([
      "lifecycle.error.notPastEnd",
    ]);
    // 2024-06-15 + 12 months → last day 2025-06-14, before today.
    expect(
      checkTransition("expire", facts({ ...active, effectiveDate: "2024-06-15", endDate: null, durationMonths: 12 }))
        .ok,
    ).toBe(true);
    expect(
      keys(
        checkTransition("expire", facts({ ...active, effectiveDate: "2024-06-16", endDate: null, durationMonths: 12 })),
      ),
    ).toEqual(["lifecycle.error.notPastEnd"]);
  });
});

describe("computedEndDate", () => {
  it("an explicit end date wins over the duration", () => {
    expect(computedEndDate({ effectiveDate: "2022-01-01", endDate: "2023-03-31", durationMonths: 12 })).toBe(
      "2023-03-31",
    );
  });

  it("the last day is the effective date plus the duration, minus one day", () => {
    expect(computedEndDate({ effectiveDate: "2022-01-01", endDate: null, durationMonths: 12 })).toBe("2022-12-31");
    expect(computedEndDate({ effectiveDate: "2024-03-15", endDate: null, durationMonths: 1 })).toBe("2024-04-14");
    expect(computedEndDate({ effectiveDate: "2023-12-01", endDate: null, durationMonths: 3 })).toBe("2024-02-29");
  });

  it("without an end date, it needs both an effective date and a duration", () => {
    expect(computedEndDate({ effectiveDate: null, endDate: null, durationMonths: 12 })).toBeNull();
    expect(computedEndDate({ effectiveDate: "2022-01-01", endDate: null, durationMonths: null })).toBeNull();
  });

  it("a one-month agreement from 31 January ends within February", () => {
    const end = computedEndDate({ effectiveDate: "2024-01-31", endDate: null, durationMonths: 1 });
    expect(end?.slice(0, 7)).toBe("2024-02");
  });
});

describe("hasExpired", () => {
  const base = { effectiveDate: "2024-01-01", endDate: "2025-06-14", durationMonths: null };

  it("only active or suspended agreements expire", () => {
    for (const status of AGREEMENT_STATUSES) {
      expect(hasExpired({ ...base, status }, "2025-06-15")).toBe(status === "active" || status === "suspended");
    }
  });

  it("expires strictly after the last day, not on it", () => {
    expect(hasExpired({ ...base, status: "active" }, "2025-06-14")).toBe(false);
    expect(hasExpired({ ...base, status: "active" }, "2025-06-15")).toBe(true);
  });

  it("an agreement with no computable end never expires", () => {
    expect(
      hasExpired({ status: "active", effectiveDate: "2000-01-01", endDate: null, durationMonths: null }, "2025-06-15"),
    ).toBe(false);
  });
});

describe("isTextEditable", () => {
  it("text is editable only in draft and negotiation", () => {
    const editable = AGREEMENT_STATUSES.filter(isTextEditable);
    expect(editable).toEqual(["draft", "negotiation"]);
    expect(TEXT_EDITABLE_STATUSES).toEqual(editable);
  });

  it("signatories can change or are awaited until the agreement is signed", () => {
    expect(AGREEMENT_STATUSES.filter(isBeforeSignature)).toEqual(["draft", "negotiation", "awaiting_signatures"]);
  });
});

describe("canBeAmended", () => {
  it("only an agreement in force (active or suspended) is amended", () => {
    const amendable = AGREEMENT_STATUSES.filter((status) => canBeAmended({ kind: "partnership", status }));
    expect(amendable).toEqual(["active", "suspended"]);
    expect(amendmentBlockers({ kind: "framework", status: "draft" })).toEqual([
      { key: "agreement.error.amendOnlyActive" },
    ]);
  });

  it("an amendment is never amended itself, whatever its status: its parent is", () => {
    for (const status of AGREEMENT_STATUSES) expect(canBeAmended({ kind: "amendment", status })).toBe(false);
    expect(amendmentBlockers({ kind: "amendment", status: "active" })).toEqual([
      { key: "agreement.error.amendAmendment" },
    ]);
  });
});

describe("takesEffectLater", () => {
  it("a signed agreement whose effective date is still to come takes effect later", () => {
    expect(takesEffectLater({ status: "active", effectiveDate: "2025-07-01" }, "2025-06-15")).toBe(true);
    expect(takesEffectLater({ status: "active", effectiveDate: "2025-06-15" }, "2025-06-15")).toBe(false);
    expect(takesEffectLater({ status: "active", effectiveDate: null }, "2025-06-15")).toBe(false);
    expect(takesEffectLater({ status: "awaiting_signatures", effectiveDate: "2025-07-01" }, "2025-06-15")).toBe(false);
  });
});

describe("transitionNeeds", () => {
  it("suspending, terminating and declining need a reason; terminating a date too", () => {
    expect(transitionNeeds("suspend")).toEqual({ reason: true, date: false });
    expect(transitionNeeds("decline")).toEqual({ reason: true, date: false });
    expect(transitionNeeds("terminate")).toEqual({ reason: true, date: true });
    expect(transitionNeeds("open_negotiation")).toEqual({ reason: false, date: false });
    expect(transitionNeeds("resume")).toEqual({ reason: false, date: false });
  });

  it("the guard asks for exactly what the step needs", () => {
    const active = facts({ status: "active" });
    expect(checkTransition("suspend", active, {})).toEqual({ ok: false, errors: [{ key: "lifecycle.error.reason" }] });
    expect(checkTransition("terminate", active, {})).toEqual({
      ok: false,
      errors: [{ key: "lifecycle.error.reason" }, { key: "lifecycle.error.terminationDate" }],
    });
    expect(checkTransition("resume", facts({ status: "suspended" }), {}).ok).toBe(true);
  });
});

describe("nextSteps", () => {
  it("lists only the manual actions available from the status", () => {
    const actions = (status: LifecycleFacts["status"]) => nextSteps(facts({ status })).map((s) => s.action);
    expect(actions("draft")).toEqual(["open_negotiation", "send_for_signature"]);
    expect(actions("negotiation")).toEqual(["send_for_signature", "terminate"]);
    expect(actions("awaiting_signatures")).toEqual(["terminate"]); // decline and activate follow from signing
    expect(actions("active")).toEqual(["suspend", "complete", "terminate"]); // expire follows from time
    expect(actions("suspended")).toEqual(["resume", "terminate"]);
    for (const closed of ["completed", "expired", "terminated"] as const) expect(actions(closed)).toEqual([]);
  });

  it("gives each step the facts that block it, but not the reason or date typed in the form", () => {
    const steps = nextSteps(facts({ status: "negotiation", openComments: 2, clauseCount: 0 }));
    expect(steps).toEqual([
      {
        action: "send_for_signature",
        blockers: [{ key: "lifecycle.error.oneClause" }, { key: "lifecycle.error.openComments", vars: { count: 2 } }],
      },
      { action: "terminate", blockers: [] },
    ]);
    const active = nextSteps(facts({ status: "active", openObligations: 1 }));
    expect(active.find((s) => s.action === "complete")?.blockers).toEqual([
      { key: "lifecycle.error.openObligations", vars: { count: 1 } },
    ]);
    expect(active.find((s) => s.action === "suspend")?.blockers).toEqual([]);
  });
});

describe("tacit renewal", () => {
  const base = {
    status: "active" as const,
    effectiveDate: "2022-01-01",
    endDate: "2022-12-31",
    durationMonths: null,
    tacitRenewal: true,
  };
  it("an agreement with tacit renewal never expires silently", () => {
    expect(hasExpired(base, "2023-06-01")).toBe(false);
    expect(hasExpired({ ...base, tacitRenewal: false }, "2023-06-01")).toBe(true);
  });

  it("is renewed by its term (a year by default) as many times as needed to reach today", async () => {
    const { renewalEnd } = await import("~/domain/agreement/lifecycle");
    expect(renewalEnd(base, "2022-12-31")).toBeNull();
    expect(renewalEnd(base, "2023-01-01")).toBe("2023-12-31");
    expect(renewalEnd(base, "2025-03-15")).toBe("2025-12-31");
    expect(renewalEnd({ ...base, endDate: null, durationMonths: 6 }, "2022-08-01")).toBe("2022-12-31");
    expect(renewalEnd({ ...base, status: "terminated" }, "2025-03-15")).toBeNull();
    expect(renewalEnd({ ...base, tacitRenewal: false }, "2025-03-15")).toBeNull();
  });
});
