import { describe, expect, it } from "vitest";
import {
  acceptsAddendum,
  canApproveMinutes,
  canonicalMinutes,
  checkActionItemClose,
  checkMeetingMove,
  checkMinutesMove,
  hasFollowUpClause,
  isActionItemOpen,
  isActionItemOverdue,
  isCommitteeLate,
  isDecision,
  isHeadCountQuorum,
  isMeetingHeld,
  isMinutesEditable,
  isMinutesLocked,
  mayApprove,
  meetingSteps,
  minutesApproved,
  minutesSteps,
  nextMeetingDue,
  prefilledAgenda,
  quorum,
  seatCandidates,
  takesSecondChair,
  type AgendaFacts,
  type AgendaLabels,
} from "~/domain/committee/committee";
import { isTimeZone, utcToZoned, zonedToUtc } from "~/lib/time";

describe("meeting lifecycle", () => {
  const facts = (over: Partial<Parameters<typeof checkMeetingMove>[1]> = {}) => ({
    status: "planned" as const,
    minutesStatus: "draft" as const,
    isChair: false,
    ...over,
  });

  it("a meeting goes planned → in progress → closed", () => {
    expect(checkMeetingMove("start", facts({ status: "planned" }))).toEqual({ ok: true, to: "in_progress" });
    expect(checkMeetingMove("close", facts({ status: "in_progress" }))).toEqual({ ok: true, to: "closed" });
  });

  it("a move from the wrong status is refused", () => {
    const refused = { ok: false, errors: [{ key: "meeting.error.notFromStatus" }] };
    expect(checkMeetingMove("start", facts({ status: "in_progress" }))).toEqual(refused);
    expect(checkMeetingMove("start", facts({ status: "closed" }))).toEqual(refused);
    expect(checkMeetingMove("close", facts({ status: "planned" }))).toEqual(refused);
    expect(checkMeetingMove("close", facts({ status: "closed" }))).toEqual(refused);
    expect(checkMeetingMove("reopen", facts({ status: "planned", isChair: true }), "oubli")).toEqual(refused);
    expect(checkMeetingMove("reopen", facts({ status: "in_progress", isChair: true }), "oubli")).toEqual(refused);
  });

  it("a closed meeting is reopened only by the chair, with a reason", () => {
    expect(checkMeetingMove("reopen", facts({ status: "closed", isChair: true }), "Décision omise")).toEqual({
      ok: true,
      to: "in_progress",
    });
    expect(checkMeetingMove("reopen", facts({ status: "closed", isChair: false }), "Décision omise")).toEqual({
      ok: false,
      errors: [{ key: "meeting.error.chairOnly" }],
    });
    expect(checkMeetingMove("reopen", facts({ status: "closed", isChair: true }))).toEqual({
      ok: false,
      errors: [{ key: "meeting.error.reason" }],
    });
    expect(checkMeetingMove("reopen", facts({ status: "closed", isChair: true }), "   ")).toEqual({
      ok: false,
      errors: [{ key: "meeting.error.reason" }],
    });
    // Every missing condition is reported at once.
    expect(checkMeetingMove("reopen", facts({ status: "closed", isChair: false }), "")).toEqual({
      ok: false,
      errors: [{ key: "meeting.error.chairOnly" }, { key: "meeting.error.reason" }],
    });
  });

  it("a meeting whose minutes are approved cannot be reopened, even by the chair", () => {
    expect(
      checkMeetingMove(
        "reopen",
        facts({ status: "closed", isChair: true, minutesStatus: "approved" }),
        "Décision omise",
      ),
    ).toEqual({
      ok: false,
      errors: [{ key: "meeting.error.minutesLocked" }],
    });
    expect(
      checkMeetingMove(
        "reopen",
        facts({ status: "closed", isChair: true, minutesStatus: "circulated" }),
        "Décision omise",
      ),
    ).toEqual({ ok: true, to: "in_progress" });
  });
});

describe("what the meeting page offers", () => {
  it("offers the moves of the transition table from each status: start, close, and reopen only to the chair", () => {
    expect(meetingSteps("planned", true)).toEqual(["start"]);
    expect(meetingSteps("in_progress", true)).toEqual(["close"]);
    expect(meetingSteps("closed", true)).toEqual(["reopen"]);
    expect(meetingSteps("closed", false)).toEqual([]);
    for (const status of ["planned", "in_progress", "closed"] as const)
      for (const move of meetingSteps(status, true))
        expect(checkMeetingMove(move, { status, minutesStatus: "draft", isChair: true }, "raison").ok).toBe(true);
  });

  it("a meeting is held once it has started", () => {
    expect(isMeetingHeld("planned")).toBe(false);
    expect(isMeetingHeld("in_progress")).toBe(true);
    expect(isMeetingHeld("closed")).toBe(true);
  });

  it("minutes are written once the meeting has started, until circulated; approved minutes are locked and take addenda", () => {
    expect(isMinutesEditable("planned", "draft")).toBe(false);
    expect(isMinutesEditable("in_progress", "draft")).toBe(true);
    expect(isMinutesEditable("closed", "draft")).toBe(true);
    expect(isMinutesEditable("closed", "circulated")).toBe(false);
    expect(isMinutesLocked("approved")).toBe(true);
    expect(isMinutesLocked("circulated")).toBe(false);
    expect(acceptsAddendum("approved")).toBe(true);
    expect(acceptsAddendum("draft")).toBe(false);
    expect(acceptsAddendum("circulated")).toBe(false);
  });

  it("once the meeting is closed, draft minutes are circulated and circulated ones withdrawn; approved ones have no step", () => {
    expect(minutesSteps("closed", "draft")).toEqual(["circulate"]);
    expect(minutesSteps("closed", "circulated")).toEqual(["withdraw"]);
    expect(minutesSteps("closed", "approved")).toEqual([]);
    expect(minutesSteps("in_progress", "draft")).toEqual([]);
    expect(minutesSteps("planned", "draft")).toEqual([]);
  });

  it("decisions are the outcomes numbered and listed with the minutes; information is not", () => {
    expect(isDecision("decision")).toBe(true);
    expect(isDecision("information")).toBe(false);
  });
});

describe("minutes lifecycle", () => {
  const facts = (over: Partial<Parameters<typeof checkMinutesMove>[1]> = {}) => ({
    meetingStatus: "closed" as const,
    minutesStatus: "draft" as const,
    minutes: "La réunion s’est tenue à Smara.",
    quorumMet: true,
    ...over,
  });

  it("minutes are circulated only once the meeting is closed and the text is not empty", () => {
    expect(checkMinutesMove("circulate", facts())).toEqual({ ok: true, to: "circulated" });
    expect(checkMinutesMove("circulate", facts({ meetingStatus: "in_progress" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.meetingOpen" }],
    });
    expect(checkMinutesMove("circulate", facts({ minutes: " \n\t " }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.empty" }],
    });
    expect(checkMinutesMove("circulate", facts({ meetingStatus: "planned", minutes: "" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.meetingOpen" }, { key: "minutes.error.empty" }],
    });
    expect(checkMinutesMove("circulate", facts({ minutesStatus: "circulated" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notDraft" }],
    });
    expect(checkMinutesMove("circulate", facts({ minutesStatus: "approved" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notDraft" }],
    });
  });

  it("only circulated minutes are withdrawn back to draft", () => {
    expect(checkMinutesMove("withdraw", facts({ minutesStatus: "circulated" }))).toEqual({ ok: true, to: "draft" });
    expect(checkMinutesMove("withdraw", facts({ minutesStatus: "draft" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notCirculated" }],
    });
    expect(checkMinutesMove("withdraw", facts({ minutesStatus: "approved" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notCirculated" }],
    });
  });

  it("an approval is accepted on circulated minutes of a meeting that had quorum, and refused otherwise", () => {
    // The approval itself leaves the minutes circulated: whether they become approved depends on the approval rule.
    expect(checkMinutesMove("approve", facts({ minutesStatus: "circulated" }))).toEqual({ ok: true, to: "circulated" });
    expect(checkMinutesMove("approve", facts({ minutesStatus: "circulated", quorumMet: false }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.quorum" }],
    });
    expect(checkMinutesMove("approve", facts({ minutesStatus: "draft" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notCirculated" }],
    });
    expect(checkMinutesMove("approve", facts({ minutesStatus: "approved" }))).toEqual({
      ok: false,
      errors: [{ key: "minutes.error.notCirculated" }],
    });
  });
});

describe("quorum", () => {
  it("the count rule counts members present; the each-party rule does not", () => {
    expect(isHeadCountQuorum("count")).toBe(true);
    expect(isHeadCountQuorum("each_party")).toBe(false);
  });

  it("under the each-party rule, every party needs a member present; excused or absent members do not count", () => {
    const partyIds = ["sofara", "clearvision"];
    const allThere = quorum({
      rule: "each_party",
      count: null,
      partyIds,
      attendance: [
        { partyId: "sofara", status: "present" },
        { partyId: "sofara", status: "absent" },
        { partyId: "clearvision", status: "present" },
      ],
    });
    expect(allThere).toEqual({ met: true, present: 2, required: 2, missingPartyIds: [] });

    const oneExcused = quorum({
      rule: "each_party",
      count: null,
      partyIds,
      attendance: [
        { partyId: "sofara", status: "present" },
        { partyId: "sofara", status: "present" },
        { partyId: "clearvision", status: "excused" },
        { partyId: "clearvision", status: "absent" },
        { partyId: "clearvision", status: null },
      ],
    });
    expect(oneExcused).toEqual({ met: false, present: 2, required: 2, missingPartyIds: ["clearvision"] });
  });

  it("under the each-party rule, a committee with no party has no quorum", () => {
    expect(quorum({ rule: "each_party", count: null, partyIds: [], attendance: [] }).met).toBe(false);
  });

  it("under the count rule, quorum is the number of members present, at least quorum_count", () => {
    const attendance = [
      { partyId: "sofara", status: "present" as const },
      { partyId: "sofara", status: "present" as const },
      { partyId: "clearvision", status: "excused" as const },
    ];
    expect(quorum({ rule: "count", count: 2, partyIds: ["sofara", "clearvision"], attendance })).toEqual({
      met: true,
      present: 2,
      required: 2,
      missingPartyIds: [],
    });
    expect(quorum({ rule: "count", count: 3, partyIds: ["sofara", "clearvision"], attendance })).toMatchObject({
      met: false,
      present: 2,
      required: 3,
    });
    // Without a count, one member present is enough; nobody present is never a quorum.
    expect(
      quorum({ rule: "count", count: null, partyIds: [], attendance: [{ partyId: "sofara", status: "present" }] }),
    ).toMatchObject({ met: true, required: 1 });
    expect(
      quorum({ rule: "count", count: 0, partyIds: [], attendance: [{ partyId: "sofara", status: "absent" }] }),
    ).toMatchObject({ met: false, required: 1 });
  });
});

describe("approval of the minutes", () => {
  it("under the chair rule, the minutes are approved once the chair approves", () => {
    expect(
      minutesApproved(
        "chair",
        ["sofara", "clearvision"],
        [
          { partyId: "sofara", role: "member" },
          { partyId: "clearvision", role: "secretary" },
        ],
      ),
    ).toBe(false);
    expect(minutesApproved("chair", ["sofara", "clearvision"], [{ partyId: "sofara", role: "chair" }])).toBe(true);
  });

  it("under the each-party rule, the minutes are approved once every party has approved", () => {
    const parties = ["sofara", "clearvision"];
    expect(minutesApproved("each_party", parties, [])).toBe(false);
    expect(
      minutesApproved("each_party", parties, [
        { partyId: "sofara", role: "chair" },
        { partyId: "sofara", role: "member" },
      ]),
    ).toBe(false);
    expect(
      minutesApproved("each_party", parties, [
        { partyId: "sofara", role: "member" },
        { partyId: "clearvision", role: "member" },
      ]),
    ).toBe(true);
    expect(minutesApproved("each_party", [], [{ partyId: "sofara", role: "chair" }])).toBe(false);
  });

  it("only the chair may approve under the chair rule; any member may under the each-party rule", () => {
    expect(mayApprove("chair", "chair")).toBe(true);
    expect(mayApprove("chair", "secretary")).toBe(false);
    expect(mayApprove("chair", "member")).toBe(false);
    expect(mayApprove("each_party", "chair")).toBe(true);
    expect(mayApprove("each_party", "secretary")).toBe(true);
    expect(mayApprove("each_party", "member")).toBe(true);
  });
});

describe("who is asked to approve the minutes", () => {
  const chair = { memberId: "m-chair", role: "chair" as const, partyId: "sofara" };
  const member = { memberId: "m-member", role: "member" as const, partyId: "clearvision" };
  const circulated = { approvalRule: "each_party" as const, minutesStatus: "circulated" as const, approvedBy: [] };

  it("a member of the committee, on circulated minutes, under the each-party rule", () => {
    expect(canApproveMinutes(member, circulated)).toBe(true);
    expect(canApproveMinutes(chair, circulated)).toBe(true);
  });

  it("nobody without a seat, nor on minutes in draft or already approved", () => {
    expect(canApproveMinutes(null, circulated)).toBe(false);
    expect(canApproveMinutes(member, { ...circulated, minutesStatus: "draft" })).toBe(false);
    expect(canApproveMinutes(member, { ...circulated, minutesStatus: "approved" })).toBe(false);
  });

  it("under the chair rule, the chair alone", () => {
    expect(canApproveMinutes(chair, { ...circulated, approvalRule: "chair" })).toBe(true);
    expect(canApproveMinutes(member, { ...circulated, approvalRule: "chair" })).toBe(false);
  });

  it("not twice: once they approved this text, they are not asked again", () => {
    expect(canApproveMinutes(member, { ...circulated, approvedBy: ["m-member"] })).toBe(false);
    expect(canApproveMinutes(chair, { ...circulated, approvedBy: ["m-member"] })).toBe(true);
  });
});

describe("the committee's members", () => {
  const members = [
    { id: "a", role: "chair" as const, userId: "u1" },
    { id: "b", role: "member" as const, userId: null },
  ];

  it("a committee has one chair: another member cannot take the role, the chair keeps it", () => {
    expect(takesSecondChair(members, "chair")).toBe(true);
    expect(takesSecondChair(members, "chair", "b")).toBe(true);
    expect(takesSecondChair(members, "chair", "a")).toBe(false);
    expect(takesSecondChair(members, "secretary")).toBe(false);
    expect(takesSecondChair([members[1]!], "chair")).toBe(false);
  });

  it("a seat is handed to someone of the same party who does not sit on the committee yet", () => {
    const people = [
      { partyId: "sofara", userId: "u1", name: "Already seated" },
      { partyId: "sofara", userId: "u2", name: "Free" },
      { partyId: "clearvision", userId: "u3", name: "Other party" },
    ];
    expect(seatCandidates(people, members, "sofara").map((p) => p.name)).toEqual(["Free"]);
    expect(seatCandidates(people, members, "clearvision").map((p) => p.name)).toEqual(["Other party"]);
  });
});

describe("the canonical text an approval signs", () => {
  const base = {
    meetingId: "m1",
    number: 1,
    startsAt: "2026-02-10T09:00:00.000Z",
    minutes: "Le plan est adopté.\nLa campagne aura lieu en avril.",
    attendance: [
      { memberId: "a", status: "present" as const },
      { memberId: "b", status: "excused" as const },
      { memberId: "c", status: null },
    ],
    decisions: [
      { number: 1, body: "Le plan d’action est adopté." },
      { number: 2, body: "Campagne d’ophtalmologie en avril." },
    ],
    actionItems: [
      { id: "x", title: "Établir la liste des bénéficiaires", dueDate: "2026-03-31" },
      { id: "y", title: "Transmettre le rapport", dueDate: null },
    ],
  };

  it("does not depend on the order attendance, decisions and action items are listed in", () => {
    const shuffled = {
      ...base,
      attendance: [...base.attendance].reverse(),
      decisions: [...base.decisions].reverse(),
      actionItems: [...base.actionItems].reverse(),
    };
    expect(canonicalMinutes(shuffled)).toBe(canonicalMinutes(base));
  });

  it("does not depend on line endings or surrounding white space", () => {
    const crlf = {
      ...base,
      minutes: `  ${base.minutes.replace(/\n/g, "\r\n")}\r\n`,
      decisions: base.decisions.map((d) => ({ ...d, body: `${d.body}\r\n` })),
    };
    expect(canonicalMinutes(crlf)).toBe(canonicalMinutes(base));
  });

  it("changes when the minutes, a decision, the attendance or an action item changes", () => {
    const reference = canonicalMinutes(base);
    const variants = [
      { ...base, minutes: `${base.minutes} Fin.` },
      { ...base, decisions: [base.decisions[0]!, { number: 2, body: "Campagne d’ophtalmologie en mai." }] },
      { ...base, decisions: [base.decisions[0]!] },
      { ...base, attendance: [{ memberId: "a", status: "absent" as const }, ...base.attendance.slice(1)] },
      { ...base, attendance: base.attendance.slice(0, 2) },
      { ...base, actionItems: [{ ...base.actionItems[0]!, dueDate: "2026-04-30" }, base.actionItems[1]!] },
      { ...base, actionItems: [{ ...base.actionItems[0]!, title: "Établir la liste" }, base.actionItems[1]!] },
      { ...base, actionItems: [...base.actionItems, { id: "z", title: "Nouvelle action", dueDate: null }] },
      { ...base, startsAt: "2026-02-10T10:00:00.000Z" },
      { ...base, number: 2 },
    ];
    const texts = variants.map(canonicalMinutes);
    for (const text of texts) expect(text).not.toBe(reference);
    expect(new Set(texts).size).toBe(variants.length);
  });
});

describe("the committee's rhythm", () => {
  it("the next meeting is due a rhythm after the last meeting held, or after the committee was set up", () => {
    expect(nextMeetingDue("quarterly", "2026-02-10", "2022-01-01")).toBe("2026-05-10");
    expect(nextMeetingDue("quarterly", null, "2026-01-15")).toBe("2026-04-15");
    expect(nextMeetingDue("monthly", "2026-12-10", "2022-01-01")).toBe("2027-01-10");
    expect(nextMeetingDue("half_yearly", "2026-02-10", "2022-01-01")).toBe("2026-08-10");
    expect(nextMeetingDue("yearly", "2026-02-10", "2022-01-01")).toBe("2027-02-10");
    expect(nextMeetingDue("none", "2026-02-10", "2022-01-01")).toBeNull();
  });

  it("a month-end date is clamped to the end of the shorter month", () => {
    expect(nextMeetingDue("quarterly", "2026-11-30", "2022-01-01")).toBe("2027-02-28");
    expect(nextMeetingDue("quarterly", "2027-11-30", "2022-01-01")).toBe("2028-02-29");
    expect(nextMeetingDue("monthly", "2026-01-31", "2022-01-01")).toBe("2026-02-28");
    expect(nextMeetingDue("monthly", "2026-03-31", "2022-01-01")).toBe("2026-04-30");
  });

  it("a committee is late once the rhythm is exceeded and no meeting is planned", () => {
    const facts = {
      rhythm: "quarterly" as const,
      lastHeld: "2026-02-10",
      since: "2022-01-01",
      hasPlannedMeeting: false,
    };
    expect(isCommitteeLate({ ...facts, today: "2026-05-10" })).toBe(false);
    expect(isCommitteeLate({ ...facts, today: "2026-05-11" })).toBe(true);
    expect(isCommitteeLate({ ...facts, today: "2026-11-23", hasPlannedMeeting: true })).toBe(false);
    expect(isCommitteeLate({ ...facts, today: "2026-11-23", rhythm: "none" })).toBe(false);
    expect(isCommitteeLate({ ...facts, lastHeld: null, since: "2026-01-15", today: "2026-04-16" })).toBe(true);
  });
});

describe("the agenda a new meeting starts with", () => {
  const labels: AgendaLabels = {
    followUp: (title) => `Suivi : ${title}`,
    owner: (name, due, n) => `${name} · ${due ?? "sans date"} · réunion ${n}`,
    doneItems: "Actions réalisées",
    doneLine: (title, owner, status, note) => `${title} (${owner}, ${status}${note ? `, ${note}` : ""})`,
    obligation: (description) => `Obligation en retard : ${description}`,
    obligationBody: (party, due) => `${party} · ${due}`,
    deliverable: (title, disputed) => `${disputed ? "Contesté" : "En retard"} : ${title}`,
    deliverableBody: (party, due) => `${party} · ${due ?? "sans date"}`,
    plan: (year) => `Adoption du plan d’action ${year}`,
  };
  const facts: AgendaFacts = {
    openActionItems: [
      { id: "ai1", title: "Transmettre le rapport", owner: "Sofara", dueDate: "2026-12-15", meetingNumber: 1 },
      { id: "ai2", title: "Réserver la salle", owner: "Clear Vision", dueDate: null, meetingNumber: 1 },
    ],
    closedSinceLastMeeting: [
      { title: "Liste des bénéficiaires", owner: "Sofara", status: "done", note: null },
      { title: "Équipe médicale", owner: "Clear Vision", status: "cancelled", note: "Reportée" },
    ],
    overdueObligations: [{ id: "ob1", description: "Rapport trimestriel", party: "Sofara", due: "2026-09-30" }],
    lateDeliverables: [
      { id: "d1", title: "Cartables", party: "INSAF", due: "2026-10-15", disputed: false },
      { id: "d2", title: "Lunettes", party: "Clear Vision", due: null, disputed: true },
    ],
    planAwaitingAdoption: { id: "p2027", year: 2027 },
  };

  it("lists what was closed since the last meeting, then open action items, overdue obligations, late deliverables and the plan to adopt, each pointing at its source", () => {
    expect(prefilledAgenda(facts, labels)).toEqual([
      {
        title: "Actions réalisées",
        body: "- Liste des bénéficiaires (Sofara, done)\n- Équipe médicale (Clear Vision, cancelled, Reportée)",
        sourceKind: "done_items",
        sourceId: null,
      },
      {
        title: "Suivi : Transmettre le rapport",
        body: "Sofara · 2026-12-15 · réunion 1",
        sourceKind: "action_item",
        sourceId: "ai1",
      },
      {
        title: "Suivi : Réserver la salle",
        body: "Clear Vision · sans date · réunion 1",
        sourceKind: "action_item",
        sourceId: "ai2",
      },
      {
        title: "Obligation en retard : Rapport trimestriel",
        body: "Sofara · 2026-09-30",
        sourceKind: "obligation",
        sourceId: "ob1",
      },
      { title: "En retard : Cartables", body: "INSAF · 2026-10-15", sourceKind: "deliverable", sourceId: "d1" },
      { title: "Contesté : Lunettes", body: "Clear Vision · sans date", sourceKind: "deliverable", sourceId: "d2" },
      { title: "Adoption du plan d’action 2027", body: "", sourceKind: "plan", sourceId: "p2027" },
    ]);
  });

  it("is empty when nothing needs following up", () => {
    expect(
      prefilledAgenda(
        {
          openActionItems: [],
          closedSinceLastMeeting: [],
          overdueObligations: [],
          lateDeliverables: [],
          planAwaitingAdoption: null,
        },
        labels,
      ),
    ).toEqual([]);
  });
});

describe("what needs following up", () => {
  it("an action item is open until it is done or cancelled", () => {
    expect(isActionItemOpen("open")).toBe(true);
    expect(isActionItemOpen("done")).toBe(false);
    expect(isActionItemOpen("cancelled")).toBe(false);
  });

  it("an action item is overdue when it is open and its due date has passed", () => {
    const today = "2026-11-23";
    expect(isActionItemOverdue({ status: "open", dueDate: "2026-11-22" }, today)).toBe(true);
    expect(isActionItemOverdue({ status: "open", dueDate: today }, today)).toBe(false);
    expect(isActionItemOverdue({ status: "open", dueDate: null }, today)).toBe(false);
    expect(isActionItemOverdue({ status: "done", dueDate: "2026-01-01" }, today)).toBe(false);
    expect(isActionItemOverdue({ status: "cancelled", dueDate: "2026-01-01" }, today)).toBe(false);
  });

  it("an open action item is closed as done, or cancelled with a note; a closed one cannot be closed again", () => {
    expect(checkActionItemClose("open", "done", undefined)).toEqual({ ok: true, to: "done" });
    expect(checkActionItemClose("open", "cancelled", "Plus nécessaire")).toEqual({ ok: true, to: "cancelled" });
    expect(checkActionItemClose("open", "cancelled", undefined)).toEqual({
      ok: false,
      errors: [{ key: "actionItem.error.note" }],
    });
    expect(checkActionItemClose("open", "cancelled", "  ")).toEqual({
      ok: false,
      errors: [{ key: "actionItem.error.note" }],
    });
    expect(checkActionItemClose("done", "done", "encore")).toEqual({
      ok: false,
      errors: [{ key: "actionItem.error.closed" }],
    });
    expect(checkActionItemClose("cancelled", "done", undefined)).toEqual({
      ok: false,
      errors: [{ key: "actionItem.error.closed" }],
    });
    expect(checkActionItemClose("done", "cancelled", "erreur")).toEqual({
      ok: false,
      errors: [{ key: "actionItem.error.closed" }],
    });
  });
});

describe("setting up a committee from the agreement's clauses", () => {
  it("a follow-up committee clause is recognized in French, English and Arabic", () => {
    expect(hasFollowUpClause(["Objet", "Comité conjoint de suivi"])).toBe(true);
    expect(hasFollowUpClause(["Comité de suivi"])).toBe(true);
    expect(hasFollowUpClause(["Joint follow-up committee"])).toBe(true);
    expect(hasFollowUpClause(["لجنة التتبع"])).toBe(true);
  });

  it("an agreement without such a clause has none", () => {
    expect(hasFollowUpClause(["Objet"])).toBe(false);
    expect(hasFollowUpClause(["Durée"])).toBe(false);
    expect(hasFollowUpClause(["Objet", "Durée", "Engagements des parties"])).toBe(false);
    expect(hasFollowUpClause([])).toBe(false);
  });
});

describe("time zones", () => {
  /** The offset (minutes) the runtime's own time-zone data gives `timeZone` at `instant`. */
  function intlOffsetMinutes(instant: Date, timeZone: string): number {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(instant)
      .find((p) => p.type === "timeZoneName")!.value;
    const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
    if (!match) throw new Error(`unexpected offset ${name}`);
    if (!match[1]) return 0;
    return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  }

  it("a meeting at 10:00 in Casablanca in early February is at 09:00 UTC (Morocco is UTC+1)", () => {
    expect(zonedToUtc("2026-02-10", "10:00", "Africa/Casablanca")).toBe("2026-02-10T09:00:00.000Z");
    expect(utcToZoned("2026-02-10T09:00:00.000Z", "Africa/Casablanca")).toEqual({ date: "2026-02-10", time: "10:00" });
  });

  it("Paris is UTC+2 in summer and UTC+1 in winter, including on the days the clocks change", () => {
    expect(zonedToUtc("2026-07-14", "10:00", "Europe/Paris")).toBe("2026-07-14T08:00:00.000Z");
    expect(zonedToUtc("2026-01-15", "10:00", "Europe/Paris")).toBe("2026-01-15T09:00:00.000Z");
    expect(zonedToUtc("2026-03-29", "01:30", "Europe/Paris")).toBe("2026-03-29T00:30:00.000Z");
    expect(zonedToUtc("2026-03-29", "12:00", "Europe/Paris")).toBe("2026-03-29T10:00:00.000Z");
    expect(zonedToUtc("2026-10-25", "12:00", "Europe/Paris")).toBe("2026-10-25T11:00:00.000Z");
  });

  it("a wall-clock time converted to UTC converts back to the same wall-clock time", () => {
    for (const [date, time, zone] of [
      ["2026-02-10", "10:00", "Africa/Casablanca"],
      ["2026-07-14", "18:45", "Europe/Paris"],
      ["2026-12-31", "23:30", "Europe/Paris"],
      ["2026-06-01", "00:15", "America/New_York"],
      ["2026-06-01", "09:00", "UTC"],
    ] as const) {
      expect(utcToZoned(zonedToUtc(date, time, zone), zone)).toEqual({ date, time });
    }
  });

  it("during Ramadan Casablanca's offset is whatever the runtime's time-zone data says", () => {
    // Morocco suspends its UTC+1 during Ramadan (mid-February to mid-March in 2026): trust Intl, not a constant.
    const wall = Date.UTC(2026, 2, 1, 10, 0);
    const utc = zonedToUtc("2026-03-01", "10:00", "Africa/Casablanca");
    const offset = intlOffsetMinutes(new Date(utc), "Africa/Casablanca");
    expect(Date.parse(utc)).toBe(wall - offset * 60_000);
    expect(utcToZoned(utc, "Africa/Casablanca")).toEqual({ date: "2026-03-01", time: "10:00" });
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Africa/Casablanca",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(utc));
    expect(local).toBe("10:00");
  });

  it("only time zones the runtime knows are accepted", () => {
    expect(isTimeZone("Africa/Casablanca")).toBe(true);
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Nope/Zone")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
