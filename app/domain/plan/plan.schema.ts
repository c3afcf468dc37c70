import { z } from "zod";
import { choice, date, optionalText, text } from "~/lib/forms";
import { optionalMoney } from "../agreement/agreement.schema";
import { ACTION_STATUSES, PRIORITIES } from "./plan";

const id = choice();
const isoDate = date();
const count = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\s\u00a0\u202f]/g, "") : v),
  z.coerce
    .number({ error: "form.error.number" })
    .int({ error: "form.error.number" })
    .min(0, { error: "form.error.number" })
    .max(100_000_000, { error: "form.error.number" }),
);

export const PlanQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

export const CreatePlanSchema = z.object({
  intent: z.literal("createPlan"),
  year: z.coerce.number().int().min(2000).max(2100),
  prefill: z.preprocess((v) => v === "on" || v === "1", z.boolean()),
});

export const ActionSchema = z
  .object({
    intent: z.literal("addAction"),
    objective: text(500),
    priority: z.enum(PRIORITIES as [string, ...string[]]).default("medium"),
    responsiblePartyId: id,
    startDate: isoDate,
    endDate: isoDate,
    budget: optionalMoney,
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], error: "agreement.error.endBeforeStart" });

export const IndicatorSchema = z.object({
  intent: z.literal("addIndicator"),
  actionId: id,
  name: text(200),
  unit: text(60),
  baseline: z.preprocess((v) => (v === "" ? "0" : v), count),
  target: count,
});

export const ProgressSchema = z.object({
  intent: z.literal("progress"),
  actionId: id,
  status: z.enum(ACTION_STATUSES as [string, ...string[]]),
  indicatorId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  achieved: z.preprocess((v) => (v === "" ? undefined : v), count.optional()),
});

export const PlanMoveSchema = z.object({
  intent: z.enum(["submit", "returnToDraft", "adopt", "revise"]),
  adoptedOn: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  meeting: optionalText(200),
  meetingId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
});

export const CompareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});
