/** Forms of partner reports: the calendar, a report's text, its review and the evaluation (client-safe). */
import * as z from "zod";
import {
  asciiDigits,
  choice,
  date,
  datesInOrder,
  optionalText,
  optionalWholeNumber,
  password,
  text,
  wholeNumber,
} from "~/lib/forms";
import { SCALE } from "./evaluation";
import { COMMENT_PLACES, NARRATIVE_MAX, REPORT_KINDS } from "./report";

const version = z.coerce.number().int().min(1);
const markdownText = z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(NARRATIVE_MAX));
const score = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.coerce
    .number({ error: "reports.error.score" })
    .int({ error: "reports.error.score" })
    .min(SCALE[0], { error: "reports.error.score" })
    .max(SCALE[SCALE.length - 1]!, { error: "reports.error.score" }),
);

/** "2026-06-30, 2026-12-31" or one per line: the ends of the progress periods. */
function periodEnds(value: string | undefined): string[] | null {
  if (!value?.trim()) return [];
  const dates = asciiDigits(value)
    .split(/[\s,;]+/)
    .filter(Boolean);
  return dates.every((d) => date().safeParse(d).success) && dates.length <= 60 ? dates : null;
}

export const PlanReportsSchema = z
  .object({
    intent: z.literal("planReports"),
    partyId: choice(),
    mode: z.enum(["every", "dates"], { error: "form.error.choice" }),
    everyMonths: optionalWholeNumber(1, 24),
    periodEnds: optionalText(2000),
    dueDays: wholeNumber(0, 365),
    finalReport: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
    finalDays: optionalWholeNumber(0, 365),
  })
  .refine((v) => v.mode !== "every" || v.everyMonths !== undefined, {
    path: ["everyMonths"],
    error: "form.error.required",
  })
  .refine((v) => v.mode !== "dates" || (periodEnds(v.periodEnds)?.length ?? 0) > 0, {
    path: ["periodEnds"],
    error: "reports.error.periodEnds",
  })
  .refine((v) => !v.finalReport || v.finalDays !== undefined, { path: ["finalDays"], error: "form.error.required" })
  .transform((v) => ({ ...v, periodEnds: v.mode === "dates" ? (periodEnds(v.periodEnds) ?? []) : [] }));

export const StartReportSchema = z.union([
  z.object({ intent: z.literal("startReport"), obligationId: choice() }),
  z
    .object({
      intent: z.literal("startReport"),
      obligationId: z.literal("").optional(),
      kind: z.enum(REPORT_KINDS as [string, ...string[]], { error: "form.error.choice" }),
      periodFrom: date(),
      periodTo: date(),
    })
    .refine(...datesInOrder("periodFrom", "periodTo", "reports.error.periodOrder")),
]);

/** The whole draft: narrative sections, and each indicator's value and comment (`indicator.<id>.value|comment`). */
export const SaveReportSchema = z.object({
  intent: z.literal("saveReport"),
  version,
  summary: markdownText,
  activities: markdownText,
  difficulties: markdownText,
  nextPeriod: markdownText,
  deliveriesComment: markdownText,
  financialComment: markdownText,
  indicators: z.record(
    z.string().regex(/^[a-z0-9]{16}$/),
    z.object({ value: wholeNumber(0, 1_000_000_000), comment: optionalText(2000) }),
  ),
});

/** SaveReportSchema's input from the form's flat fields. */
export function saveReportInput(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const indicators: Record<string, { value?: unknown; comment?: unknown }> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const match = /^indicator\.([a-z0-9]{16})\.(value|comment)$/.exec(key);
    if (match) (indicators[match[1]!] ??= {})[match[2] as "value" | "comment"] = value;
    else raw[key] = value;
  }
  return { ...raw, indicators };
}

export const AnnexSchema = z.object({
  intent: z.literal("addAnnex"),
  kind: z.enum(["photo", "list", "document"], { error: "form.error.choice" }),
});

export const RemoveAnnexSchema = z.object({ intent: z.literal("removeAnnex"), attachmentId: choice() });

export const SubmitReportSchema = z.object({ intent: z.literal("submitReport"), version });

export const ReportCommentSchema = z.object({
  intent: z.literal("commentReport"),
  section: z.enum(COMMENT_PLACES, { error: "form.error.choice" }),
  body: text(5000),
});

export const SendBackSchema = z.object({ intent: z.literal("sendBack"), message: text(5000) });

export const AcceptReportSchema = z
  .object({
    intent: z.literal("acceptReport"),
    decision: z.enum(["accepted", "accepted_with_reservations"], { error: "form.error.choice" }),
    reservations: optionalText(5000),
    password: password(),
  })
  .refine((v) => v.decision !== "accepted_with_reservations" || !!v.reservations, {
    path: ["reservations"],
    error: "reports.error.reservationsRequired",
  });

export const EvaluationSchema = z.object({
  intent: z.literal("evaluate"),
  objectives: score,
  relationship: score,
  communication: score,
  timeliness: score.optional(),
  comments: optionalText(5000),
});

export const TakeNoteSchema = z.object({ intent: z.literal("takeNote"), meetingId: choice() });

export const ReportCompareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});
