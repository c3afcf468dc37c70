import { describe, expect, it } from "vitest";
import type { AgreementStatus, MembershipRole } from "../../db/schema";
import {
  canCommentReport,
  canEvaluatePartnership,
  canPlanReports,
  canReviewReport,
  canSubmitReport,
  canViewReport,
  canWriteReport,
  type Actor,
} from "~/domain/access/access";
import { averageTenths, criteriaFor, visibleEvaluations } from "~/domain/report/evaluation";
import {
  acceptanceComplete,
  checkReportMove,
  compareReportSnapshots,
  emptySections,
  isReportEditable,
  parseSections,
  reportingTermsFromClauses,
  reportSchedule,
  sectionText,
  type ReportSnapshot,
} from "~/domain/report/report";

const ASSOCIATION = "association00000";
const PARTNER = "partner000000000";
const OTHER_PARTNER = "partner200000000";
const OUTSIDER = "outsider00000000";

const actor = (organizationId: string | null, role: MembershipRole = "president", isPlatformAdmin = false): Actor => ({
  userId: "u",
  isPlatformAdmin,
  memberships: organizationId ? [{ organizationId, role }] : [],
});
const facts = (status: AgreementStatus = "active") => ({
  ownerOrganizationId: ASSOCIATION,
  partyOrganizationIds: [ASSOCIATION, PARTNER, OTHER_PARTNER],
  status,
});

describe("report lifecycle", () => {
  it("a draft is submitted only with a summary; a submitted version is frozen, not submitted again", () => {
    expect(checkReportMove("submit", { status: "draft", summary: "  " })).toEqual({
      ok: false,
      errors: [{ key: "reports.error.summaryRequired" }],
    });
    expect(checkReportMove("submit", { status: "draft", summary: "Fait." })).toEqual({ ok: true });
    expect(checkReportMove("submit", { status: "sent_back", summary: "Revu." })).toEqual({ ok: true });
    for (const status of ["submitted", "accepted"] as const)
      expect(checkReportMove("submit", { status, summary: "Fait." })).toMatchObject({
        ok: false,
        errors: [{ key: "reports.error.notFromStatus" }],
      });
  });

  it("only a submitted version is sent back (with a message) or accepted (reservations stated), once per partner", () => {
    expect(checkReportMove("send_back", { status: "submitted", summary: "" }, { message: "" })).toEqual({
      ok: false,
      errors: [{ key: "reports.error.messageRequired" }],
    });
    expect(checkReportMove("send_back", { status: "submitted", summary: "" }, { message: "À revoir" })).toEqual({
      ok: true,
    });
    expect(
      checkReportMove("accept", { status: "submitted", summary: "" }, { decision: "accepted_with_reservations" }),
    ).toEqual({ ok: false, errors: [{ key: "reports.error.reservationsRequired" }] });
    expect(
      checkReportMove(
        "accept",
        { status: "submitted", summary: "" },
        { decision: "accepted_with_reservations", reservations: "Pièces à compléter" },
      ),
    ).toEqual({ ok: true });
    expect(
      checkReportMove("accept", { status: "submitted", summary: "", alreadyDecided: true }, { decision: "accepted" }),
    ).toEqual({ ok: false, errors: [{ key: "reports.error.alreadyDecided" }] });
    for (const status of ["draft", "sent_back", "accepted"] as const) {
      expect(checkReportMove("accept", { status, summary: "" }, { decision: "accepted" }).ok).toBe(false);
      expect(checkReportMove("send_back", { status, summary: "" }, { message: "x" }).ok).toBe(false);
    }
  });

  it("the text is written while a draft or sent back, never once submitted or accepted", () => {
    expect(["draft", "submitted", "sent_back", "accepted"].map((s) => isReportEditable(s as never))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe("acceptance rule", () => {
  const partners = [PARTNER, OTHER_PARTNER];
  it("'any': one partner's acceptance accepts the report", () => {
    expect(acceptanceComplete("any", partners, [])).toBe(false);
    expect(acceptanceComplete("any", partners, [OTHER_PARTNER])).toBe(true);
  });
  it("'all': every partner must accept; an outsider's acceptance counts for nothing", () => {
    expect(acceptanceComplete("all", partners, [PARTNER])).toBe(false);
    expect(acceptanceComplete("all", partners, [PARTNER, OUTSIDER])).toBe(false);
    expect(acceptanceComplete("all", partners, [OTHER_PARTNER, PARTNER])).toBe(true);
  });
  it("an agreement without partners never accepts a report", () => {
    expect(acceptanceComplete("any", [], [PARTNER])).toBe(false);
    expect(acceptanceComplete("all", [], [])).toBe(false);
  });
});

describe("report rights matrix", () => {
  const cases: Array<{
    who: string;
    a: Actor;
    draft: boolean;
    submitted: boolean;
    write: boolean;
    submit: boolean;
    comment: boolean;
    review: boolean;
  }> = [
    {
      who: "association president",
      a: actor(ASSOCIATION),
      draft: true,
      submitted: true,
      write: true,
      submit: true,
      comment: false,
      review: false,
    },
    {
      who: "association member",
      a: actor(ASSOCIATION, "member"),
      draft: true,
      submitted: true,
      write: true,
      submit: false,
      comment: false,
      review: false,
    },
    {
      who: "partner admin (CSR officer)",
      a: actor(PARTNER, "admin"),
      draft: false,
      submitted: true,
      write: false,
      submit: false,
      comment: true,
      review: true,
    },
    {
      who: "partner member",
      a: actor(PARTNER, "member"),
      draft: false,
      submitted: true,
      write: false,
      submit: false,
      comment: true,
      review: false,
    },
    {
      who: "outsider president",
      a: actor(OUTSIDER),
      draft: false,
      submitted: false,
      write: false,
      submit: false,
      comment: false,
      review: false,
    },
  ];
  for (const c of cases) {
    it(`${c.who}: reads draft=${c.draft} submitted=${c.submitted}, writes=${c.write} submits=${c.submit} comments=${c.comment} reviews=${c.review}`, () => {
      const a = facts();
      expect(canViewReport(c.a, a, { reportingOrganizationId: ASSOCIATION, submitted: false })).toBe(c.draft);
      expect(canViewReport(c.a, a, { reportingOrganizationId: ASSOCIATION, submitted: true })).toBe(c.submitted);
      expect(canWriteReport(c.a, a, ASSOCIATION)).toBe(c.write);
      expect(canSubmitReport(c.a, a, ASSOCIATION)).toBe(c.submit);
      expect(canCommentReport(c.a, a, ASSOCIATION)).toBe(c.comment);
      expect(canReviewReport(c.a, a, ASSOCIATION)).toBe(c.review);
    });
  }

  it("reports are written and reviewed while the follow-up goes on, not in draft nor once terminated", () => {
    for (const status of ["draft", "negotiation", "awaiting_signatures", "terminated", "completed"] as const) {
      expect(canWriteReport(actor(ASSOCIATION), facts(status), ASSOCIATION)).toBe(false);
      expect(canReviewReport(actor(PARTNER), facts(status), ASSOCIATION)).toBe(false);
      expect(canPlanReports(actor(ASSOCIATION), facts(status))).toBe(false);
    }
    for (const status of ["active", "suspended", "expired"] as const) {
      expect(canWriteReport(actor(ASSOCIATION), facts(status), ASSOCIATION)).toBe(true);
      expect(canReviewReport(actor(PARTNER), facts(status), ASSOCIATION)).toBe(true);
    }
  });

  it("each party's managers evaluate the partnership for their own organization, also once completed", () => {
    expect(canEvaluatePartnership(actor(PARTNER), facts("completed"), PARTNER)).toBe(true);
    expect(canEvaluatePartnership(actor(PARTNER), facts("active"), ASSOCIATION)).toBe(false);
    expect(canEvaluatePartnership(actor(PARTNER, "member"), facts("active"), PARTNER)).toBe(false);
    expect(canEvaluatePartnership(actor(OUTSIDER), facts("active"), OUTSIDER)).toBe(false);
  });
});

describe("reporting calendar", () => {
  it("every six months over two years: three progress reports and the final report over the whole period", () => {
    const due = reportSchedule(
      { start: "2026-01-01", end: "2027-12-31" },
      { everyMonths: 6, dueDays: 30, finalDays: 60 },
    );
    expect(due).toEqual([
      { kind: "progress_report", periodFrom: "2026-01-01", periodTo: "2026-06-30", dueDate: "2026-07-30" },
      { kind: "progress_report", periodFrom: "2026-07-01", periodTo: "2026-12-31", dueDate: "2027-01-30" },
      { kind: "progress_report", periodFrom: "2027-01-01", periodTo: "2027-06-30", dueDate: "2027-07-30" },
      { kind: "final_report", periodFrom: "2026-01-01", periodTo: "2027-12-31", dueDate: "2028-02-29" },
    ]);
  });

  it("periods ending on given dates follow each other, the last cut at the agreement's end", () => {
    const due = reportSchedule(
      { start: "2026-01-01", end: "2026-12-31" },
      { periodEnds: ["2026-09-30", "2026-03-31", "2027-03-31"], dueDays: 15, finalDays: null },
    );
    expect(due.map((d) => [d.periodFrom, d.periodTo, d.dueDate])).toEqual([
      ["2026-01-01", "2026-03-31", "2026-04-15"],
      ["2026-04-01", "2026-09-30", "2026-10-15"],
      ["2026-10-01", "2026-12-31", "2027-01-15"],
    ]);
  });

  it("reads the rhythm and the final report's delay from the articles, in French and in Arabic", () => {
    expect(
      reportingTermsFromClauses([
        {
          heading: "Suivi et rapports",
          body: "L'association remet un rapport trimestriel. Le rapport final est remis dans les 45 jours suivant la fin.",
        },
      ]),
    ).toEqual({ everyMonths: 3, dueDays: 30, finalDays: 45 });
    expect(
      reportingTermsFromClauses([
        { heading: "التتبع", body: "تقدم الجمعية تقريرا كل ستة أشهر. ويقدم التقرير النهائي داخل أجل ٩٠ يوما." },
      ]),
    ).toEqual({ everyMonths: 6, dueDays: 30, finalDays: 90 });
    expect(reportingTermsFromClauses([{ heading: "Objet", body: "La convention a pour objet…" }])).toBeNull();
  });
});

describe("sections and versions", () => {
  it("stored sections read back with fields added later filled in", () => {
    expect(parseSections(JSON.stringify({ summary: "Résumé" }))).toEqual({ ...emptySections(), summary: "Résumé" });
  });

  const snapshot = (summary: string, spent: number): ReportSnapshot => ({
    agreement: { reference: "CV-2026-001", title: "Campagne", titleSecondary: null },
    report: {
      kind: "progress",
      number: 1,
      periodFrom: "2026-01-01",
      periodTo: "2026-06-30",
      party: { nameFr: "Sofara", nameAr: null },
    },
    sections: { ...emptySections(), summary },
    deliveries: [],
    beneficiaries: { total: 0, women: 0, men: 0, children: 0 },
    financial: {
      currency: "MAD",
      receivedInPeriod: 1_000_000,
      receivedToDate: 1_000_000,
      lines: [],
      spentInPeriod: spent,
      spentToDate: spent,
      balance: 1_000_000 - spent,
      expenses: [],
    },
    annexes: [],
  });
  const decimal = (minor: number) => (minor / 100).toFixed(2);

  it("two versions compare section by section, word by word; the financial part in exact amounts", () => {
    const diff = compareReportSnapshots(
      snapshot("Campagne menée à Smara", 250_000),
      snapshot("Campagne menée à Smara et Tan-Tan", 300_050),
      decimal,
    );
    const by = Object.fromEntries(diff.map((d) => [d.section, d]));
    expect(by.summary!.changed).toBe(true);
    expect(
      by
        .summary!.parts.filter((p) => p.change === "added")
        .map((p) => p.text)
        .join("")
        .trim(),
    ).toBe("et Tan-Tan");
    expect(by.activities!.changed).toBe(false);
    expect(by.financial!.changed).toBe(true);
    expect(sectionText(snapshot("", 300_050), "financial", decimal)).toContain("3000.50");
  });
});

describe("the partnership's evaluation", () => {
  it("the association also rates the funder's timeliness in releasing tranches; partners do not", () => {
    expect(criteriaFor("association")).toEqual(["objectives", "relationship", "communication", "timeliness"]);
    expect(criteriaFor("partner")).toEqual(["objectives", "relationship", "communication"]);
  });

  it("a party sees its own evaluation at once, the other's only once both are in", () => {
    const mine = { organizationId: ASSOCIATION };
    const theirs = { organizationId: PARTNER };
    const parties = [ASSOCIATION, PARTNER];
    expect(visibleEvaluations([mine], [ASSOCIATION], parties)).toEqual([mine]);
    expect(visibleEvaluations([mine], [PARTNER], parties)).toEqual([]);
    expect(visibleEvaluations([mine, theirs], [PARTNER], parties)).toEqual([mine, theirs]);
    expect(visibleEvaluations([mine, theirs], [OUTSIDER], [...parties, OTHER_PARTNER])).toEqual([]);
  });

  it("the average is kept in tenths, from integers", () => {
    expect(averageTenths({ objectives: 5, relationship: 4 })).toBe(45);
    expect(averageTenths({ objectives: 4, relationship: 4, communication: 5 })).toBe(43);
    expect(averageTenths({})).toBeNull();
  });
});
