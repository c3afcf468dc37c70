import * as z from "zod";
import { choice, date, datesInOrder, optionalText, text, wholeNumber } from "~/lib/forms";
import { optionalMoney } from "../agreement/agreement.schema";
import { ACTION_STATUSES, PRIORITIES } from "./plan";

const id = choice();
const isoDate = date();
const count = wholeNumber(0, 100_000_000);

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
  .refine(...datesInOrder("startDate", "endDate", "plan.error.endBeforeStart"));

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
