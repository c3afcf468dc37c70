/**
 * Partner reports, pure: what a report says (its sections), its lifecycle and the acceptance rule,
 * the reporting calendar an agreement's terms give, and the canonical content a submission freezes.
 * Dates are YYYY-MM-DD; "today" is passed in.
 *
 *   draft → submitted (frozen as version n, with its SHA-256) → sent back → submitted (n + 1) → … → accepted
 *
 * With several partners, each partner's acceptance of the current version is recorded; the
 * agreement's `report_acceptance` says whether one ("any") or every partner's ("all") is needed. A
 * partner sending the version back sends it back for all: the next version is reviewed afresh.
 */
import type { ObligationKind, ReportDecision, ReportKind, ReportStatus } from "../../../db/schema";
import { wordDiff, type DiffPart } from "../agreement/compare";
import type { GuardError } from "../result";
import { addDaysTo, addMonthsTo } from "~/lib/time";

export const REPORT_KINDS: readonly ReportKind[] = ["progress", "final"];
export const REPORT_STATUSES: readonly ReportStatus[] = ["draft", "submitted", "sent_back", "accepted"];

/** The sections of a report, in order: what a partner comments on, what two versions compare. */
export const REPORT_SECTIONS = [
  "summary",
  "activities",
  "results",
  "deliveries",
  "difficulties",
  "next_period",
  "financial",
  "annexes",
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
/** A comment's place: one section, or the report as a whole (the message that sends it back). */
export const COMMENT_PLACES = [...REPORT_SECTIONS, "general"] as const;
export type CommentPlace = (typeof COMMENT_PLACES)[number];

/** The narrative sections, in Markdown (any language), with the longest text each takes. */
export const NARRATIVE_SECTIONS = ["summary", "activities", "difficulties", "nextPeriod"] as const;
export type NarrativeField = (typeof NARRATIVE_SECTIONS)[number];
export const NARRATIVE_MAX = 50_000;

/** A plan indicator as the report states it for the period: the value achieved, editable, with a comment. */
export interface IndicatorLine {
  indicatorId: string;
  objective: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  /** Achieved at the end of the period (prefilled from the plan). */
  value: number;
  comment: string;
}

/** What the reporting party writes; deliveries and money come from the records. */
export interface ReportSections {
  summary: string;
  activities: string;
  difficulties: string;
  nextPeriod: string;
  indicators: IndicatorLine[];
  deliveriesComment: string;
  financialComment: string;
}

export function emptySections(indicators: IndicatorLine[] = []): ReportSections {
  return {
    summary: "",
    activities: "",
    difficulties: "",
    nextPeriod: "",
    indicators,
    deliveriesComment: "",
    financialComment: "",
  };
}

/** Stored sections read back, tolerant of fields added later. */
export function parseSections(json: string): ReportSections {
  const raw = JSON.parse(json) as Partial<ReportSections>;
  return { ...emptySections(), ...raw, indicators: raw.indicators ?? [] };
}

// ── Lifecycle ───────────────────────────────────────────────────────────────────────────

export type ReportMove = "submit" | "send_back" | "accept";

const MOVES: Record<ReportMove, { from: readonly ReportStatus[] }> = {
  submit: { from: ["draft", "sent_back"] },
  send_back: { from: ["submitted"] },
  accept: { from: ["submitted"] },
};

/** The text is written (and annexes added) while the report is a draft or after it was sent back. */
export function isReportEditable(status: ReportStatus): boolean {
  return status === "draft" || status === "sent_back";
}

/** Partners read a report once a version of it was submitted; before, it is the reporting party's draft. */
export function hasSubmittedVersion(currentVersion: number): boolean {
  return currentVersion > 0;
}

/** A version awaits the partners' review. */
export function isUnderReview(status: ReportStatus): boolean {
  return status === "submitted";
}

export function isReportAccepted(status: ReportStatus): boolean {
  return status === "accepted";
}

export function isAcceptance(decision: ReportDecision): boolean {
  return decision === "accepted" || decision === "accepted_with_reservations";
}

/**
 * Whether a move is allowed now, with every blocker: a submission needs a summary; sending back
 * needs its message; accepting with reservations needs them stated; a partner decides once per version.
 */
export function checkReportMove(
  move: ReportMove,
  facts: {
    status: ReportStatus;
    summary: string;
    /** The reviewer's organization already decided on this version. */
    alreadyDecided?: boolean;
  },
  input: { message?: string | null; decision?: ReportDecision; reservations?: string | null } = {},
): { ok: true } | { ok: false; errors: GuardError[] } {
  if (!MOVES[move].from.includes(facts.status))
    return { ok: false, errors: [{ key: "reports.error.notFromStatus", vars: { status: facts.status } }] };
  const errors: GuardError[] = [];
  if (move === "submit" && !facts.summary.trim()) errors.push({ key: "reports.error.summaryRequired" });
  if (move === "send_back" && !input.message?.trim()) errors.push({ key: "reports.error.messageRequired" });
  if (move === "accept" && input.decision === "accepted_with_reservations" && !input.reservations?.trim())
    errors.push({ key: "reports.error.reservationsRequired" });
  if ((move === "send_back" || move === "accept") && facts.alreadyDecided)
    errors.push({ key: "reports.error.alreadyDecided" });
  return errors.length ? { ok: false, errors } : { ok: true };
}

/** One partner's acceptance is enough ("any"), or every partner's ("all"). */
export function acceptanceComplete(
  rule: "any" | "all",
  partnerOrganizationIds: readonly string[],
  acceptedBy: readonly string[],
): boolean {
  const accepted = partnerOrganizationIds.filter((id) => acceptedBy.includes(id));
  if (partnerOrganizationIds.length === 0) return false;
  return rule === "any" ? accepted.length > 0 : accepted.length === partnerOrganizationIds.length;
}

/** Late: due, not yet accepted nor submitted, and the date has passed. */
export function isReportLate(due: string | null, today: string): boolean {
  return due !== null && due < today;
}

/** An obligation of the reporting calendar (a progress or the final report due). */
export function isReportObligation(kind: ObligationKind): boolean {
  return kind === "progress_report" || kind === "final_report";
}

/** The kind of report a report obligation asks for. */
export function reportKindOf(kind: ObligationKind): ReportKind {
  return kind === "final_report" ? "final" : "progress";
}

/** The message naming a report due (its number and period), in the reader's language. */
export function dueReportLabel(kind: ObligationKind): "reports.obligation.final" | "reports.obligation.progress" {
  return kind === "final_report" ? "reports.obligation.final" : "reports.obligation.progress";
}

// ── The reporting calendar ──────────────────────────────────────────────────────────────

export interface ReportingTerms {
  /** A progress report every so many months from the start… */
  everyMonths?: number | null;
  /** …or for periods ending on these dates. */
  periodEnds?: readonly string[];
  /** Days after a period's end its progress report is due. */
  dueDays: number;
  /** Days after the agreement's end the final report is due; null: no final report. */
  finalDays: number | null;
}

export interface DueReport {
  kind: "progress_report" | "final_report";
  periodFrom: string;
  periodTo: string;
  dueDate: string;
}

/** Progress periods without an end date: this many months ahead at most. */
const OPEN_ENDED_MONTHS = 36;
export const DEFAULT_DUE_DAYS = 30;
export const DEFAULT_FINAL_DAYS = 60;
export const DEFAULT_EVERY_MONTHS = 6;

/**
 * The reports an agreement's terms call for, from its start to its end: progress reports for each
 * period (every N months, the last one cut at the end, or ending on the given dates), and the final
 * report over the whole agreement. A period that reaches the end is left to the final report.
 */
export function reportSchedule(agreement: { start: string; end: string | null }, terms: ReportingTerms): DueReport[] {
  const due: DueReport[] = [];
  const limit = agreement.end ?? addDaysTo(addMonthsTo(agreement.start, OPEN_ENDED_MONTHS), -1);
  const coveredByFinal = (periodTo: string) => terms.finalDays !== null && agreement.end !== null && periodTo >= limit;
  const progress = (periodFrom: string, periodTo: string) => {
    if (coveredByFinal(periodTo)) return;
    due.push({ kind: "progress_report", periodFrom, periodTo, dueDate: addDaysTo(periodTo, terms.dueDays) });
  };
  if (terms.periodEnds?.length) {
    let from = agreement.start;
    for (const end of [...new Set(terms.periodEnds)].sort()) {
      if (end < from || from > limit) continue;
      const to = end > limit ? limit : end;
      progress(from, to);
      from = addDaysTo(to, 1);
    }
  } else if (terms.everyMonths && terms.everyMonths > 0) {
    for (let k = 0; k < 240; k++) {
      const from = addMonthsTo(agreement.start, k * terms.everyMonths);
      if (from > limit) break;
      const next = addDaysTo(addMonthsTo(agreement.start, (k + 1) * terms.everyMonths), -1);
      progress(from, next > limit ? limit : next);
    }
  }
  if (terms.finalDays !== null && agreement.end)
    due.push({
      kind: "final_report",
      periodFrom: agreement.start,
      periodTo: agreement.end,
      dueDate: addDaysTo(agreement.end, terms.finalDays),
    });
  return due;
}

const REPORT_WORD = /\brapports?\b|\breport(?:s|ing)?\b|compte[- ]rendu|تقرير|تقارير|التقرير|التقارير/i;
const FINAL_WORD = /rapport\s+final|final\s+report|rapport\s+de\s+fin|التقرير\s+النهائي|تقرير\s+نهائي|تقريرا\s+نهائيا/i;

const RHYTHMS: ReadonlyArray<[RegExp, number]> = [
  [/tous\s+les\s+(\d{1,2})\s+mois|every\s+(\d{1,2})\s+months|كل\s+(\d{1,2})\s+(?:أشهر|شهرا)/i, 0],
  [/trimestr|quarter|كل\s+ثلاثة\s+أشهر|فصلي|ربع\s+سنوي/i, 3],
  [/semestr|half[- ]year|semi[- ]annual|six[- ]monthly|every\s+six\s+months|كل\s+ستة\s+أشهر|نصف\s+سنوي/i, 6],
  [/annuel|\byearly\b|\bannual\b|chaque\s+année|each\s+year|سنوي|كل\s+سنة/i, 12],
  [/mensuel|\bmonthly\b|chaque\s+mois|شهري|كل\s+شهر/i, 1],
];

/**
 * The reporting terms an agreement's articles state, read from the sentences that speak of reports
 * (a follow-up or reporting article): the rhythm of progress reports ("semestriel", "every 3
 * months", "كل ستة أشهر") and the days after the end the final report is due ("dans les 60 jours").
 * Null when no article speaks of reports. A rhythm not stated is every six months; a final report
 * whose delay is not stated is due 60 days after the end.
 */
export function reportingTermsFromClauses(
  clauses: ReadonlyArray<{ heading: string; body: string }>,
): Omit<ReportingTerms, "periodEnds"> | null {
  const sentences = clauses.flatMap((c) =>
    `${c.heading}. ${c.body}`
      .split(/(?<=[.;:!?؛\n])\s+|\n+/)
      .filter((s) => REPORT_WORD.test(s))
      .map((s) => s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))),
  );
  if (sentences.length === 0) return null;
  const progressText = sentences.filter((s) => !FINAL_WORD.test(s)).join(" ");
  let everyMonths: number | null = null;
  for (const [pattern, months] of RHYTHMS) {
    const match = pattern.exec(progressText);
    if (!match) continue;
    const stated = Number(match.slice(1).find(Boolean) ?? months);
    if (stated >= 1 && stated <= 24) everyMonths = stated;
    break;
  }
  const finalText = sentences.filter((s) => FINAL_WORD.test(s)).join(" ");
  const days = /(\d{1,3})\s*(?:jours|days|يوما|يوم|أيام)/i.exec(finalText);
  const finalStated = finalText !== "";
  return {
    everyMonths: everyMonths ?? DEFAULT_EVERY_MONTHS,
    dueDays: DEFAULT_DUE_DAYS,
    finalDays: finalStated && days ? Number(days[1]) : DEFAULT_FINAL_DAYS,
  };
}

// ── The frozen content ──────────────────────────────────────────────────────────────────

export interface DeliveryLine {
  deliverable: string;
  unit: string;
  on: string;
  quantity: number;
  beneficiaries: number;
  women: number | null;
  men: number | null;
  children: number | null;
  place: string | null;
}

export interface Beneficiaries {
  total: number;
  women: number;
  men: number;
  children: number;
}

export function beneficiariesOf(lines: readonly DeliveryLine[]): Beneficiaries {
  return lines.reduce(
    (sum, d) => ({
      total: sum.total + d.beneficiaries,
      women: sum.women + (d.women ?? 0),
      men: sum.men + (d.men ?? 0),
      children: sum.children + (d.children ?? 0),
    }),
    { total: 0, women: 0, men: 0, children: 0 },
  );
}

/** The financial part, in minor units of its currency (see report-financial.server.ts). */
export interface FinancialPart {
  currency: string;
  /** Received in the period (tranche_event 'received', MAD at the bank), and up to the period's end. */
  receivedInPeriod: number;
  receivedToDate: number;
  lines: Array<{ position: number; description: string; budget: number; spentInPeriod: number; spentToDate: number }>;
  spentInPeriod: number;
  spentToDate: number;
  /** Received − spent up to the period's end: cash on hand. */
  balance: number;
  /** The period's expenses, net of their reversals. */
  expenses: Array<{ id: string; on: string; line: number; supplier: string; description: string; amount: number }>;
}

export interface Annex {
  id: string;
  name: string;
  kind: "photo" | "list" | "document";
  mimeType: string;
  sha256: string;
}

/** Everything a submission freezes; its canonical JSON is hashed. */
export interface ReportSnapshot {
  agreement: { reference: string; title: string; titleSecondary: string | null };
  report: {
    kind: ReportKind;
    number: number;
    periodFrom: string;
    periodTo: string;
    party: { nameFr: string | null; nameAr: string | null };
  };
  sections: ReportSections;
  deliveries: DeliveryLine[];
  beneficiaries: Beneficiaries;
  financial: FinancialPart;
  annexes: Annex[];
}

/** A section's text as two versions compare it (amounts as exact decimal strings). */
export function sectionText(s: ReportSnapshot, section: ReportSection, decimal: (minor: number) => string): string {
  switch (section) {
    case "summary":
      return s.sections.summary;
    case "activities":
      return s.sections.activities;
    case "difficulties":
      return s.sections.difficulties;
    case "next_period":
      return s.sections.nextPeriod;
    case "results":
      return s.sections.indicators
        .map(
          (i) => `${i.objective} — ${i.name}: ${i.value} / ${i.target} ${i.unit}${i.comment ? ` — ${i.comment}` : ""}`,
        )
        .join("\n");
    case "deliveries":
      return [
        ...s.deliveries.map((d) => `${d.on} ${d.deliverable}: ${d.quantity} ${d.unit}, ${d.beneficiaries}`),
        s.sections.deliveriesComment,
      ]
        .filter(Boolean)
        .join("\n");
    case "financial": {
      const f = s.financial;
      return [
        `${decimal(f.receivedInPeriod)} / ${decimal(f.spentInPeriod)} / ${decimal(f.balance)} ${f.currency}`,
        ...f.lines.map((l) => `${l.position}. ${l.description}: ${decimal(l.spentInPeriod)}`),
        ...f.expenses.map((e) => `${e.on} ${e.supplier} — ${e.description}: ${decimal(e.amount)}`),
        s.sections.financialComment,
      ]
        .filter(Boolean)
        .join("\n");
    }
    case "annexes":
      return s.annexes.map((a) => `${a.name} (${a.kind})`).join("\n");
  }
}

export interface ReportSectionDiff {
  section: ReportSection;
  changed: boolean;
  parts: DiffPart[];
}

/** Any two versions, section by section, word by word (the agreement's compare). */
export function compareReportSnapshots(
  before: ReportSnapshot,
  after: ReportSnapshot,
  decimal: (minor: number) => string,
): ReportSectionDiff[] {
  return REPORT_SECTIONS.map((section) => ({
    section,
    ...wordDiff(sectionText(before, section, decimal), sectionText(after, section, decimal)),
  }));
}
