/**
 * The annual action plan through the API: its years, one year's plan with its actions and their
 * indicators (progress counted from the baseline by `indicatorProgress`, as on every page), and
 * updating an indicator's achieved value — the page's command (`recordActionProgress`: the action's
 * responsible party or the drafting organization's managers) under the page's version rule.
 */
import * as z from "zod";
import { inTransaction } from "../../../../db/transaction";
import { indicatorProgress, ACTION_STATUSES, PRIORITIES } from "../../plan/plan";
import { ProgressSchema } from "../../plan/plan.schema";
import { getPlan, planYears, recordActionProgress } from "../../plan/plan.server";
import { CONFLICT } from "../../result";
import { refusalProblem } from "../handler.server";
import { operation } from "../operation";
import { ApiProblem, problem } from "../problem";
import { AgreementParams, Id, IsoDate } from "./common";

const Indicator = z.object({
  id: Id,
  name: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  achieved: z.number(),
  progressPercent: z.number().int(),
  version: z.number().int(),
});

const Plan = z.object({
  id: Id,
  year: z.number().int(),
  status: z.enum(["draft", "submitted", "adopted"]),
  revision: z.number().int().meta({ description: "Number of the last adopted version (0 before the first)." }),
  adoptedOn: IsoDate.nullable(),
  version: z.number().int(),
  actions: z.array(
    z.object({
      id: Id,
      position: z.number().int(),
      objective: z.string(),
      priority: z.enum(PRIORITIES as [string, ...string[]]),
      responsibleOrganizationId: Id,
      startDate: IsoDate,
      endDate: IsoDate,
      budgetCents: z.number().int().nullable(),
      status: z.enum(ACTION_STATUSES as [string, ...string[]]),
      indicators: z.array(Indicator),
    }),
  ),
});

const YearParams = AgreementParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });
const IndicatorParams = AgreementParams.extend({ indicatorId: Id });

/** The page's progress form (ProgressSchema) for one indicator: the achieved value, and the version read. */
export const IndicatorBody = ProgressSchema.pick({ achieved: true })
  .extend({ version: z.number().int().min(1).meta({ description: "The indicator's version as read." }) })
  .refine((v) => v.achieved !== undefined, { path: ["achieved"], error: "form.error.required" });

async function planOf(ctx: { db: Parameters<typeof getPlan>[0] }, agreementId: string, year: number) {
  const found = await getPlan(ctx.db, agreementId, year);
  if (!found) return null;
  return {
    id: found.plan.id,
    year: found.plan.year,
    status: found.plan.status,
    revision: found.plan.revision,
    adoptedOn: found.plan.adopted_on,
    version: found.plan.version,
    actions: found.actions.map((a) => ({
      id: a.id,
      position: a.position,
      objective: a.objective,
      priority: a.priority,
      responsibleOrganizationId: a.organizationId,
      startDate: a.start_date,
      endDate: a.end_date,
      budgetCents: a.budget_cents,
      status: a.status,
      indicators: a.indicators.map((i) => ({
        id: i.id,
        name: i.name,
        unit: i.unit,
        baseline: i.baseline,
        target: i.target,
        achieved: i.achieved,
        progressPercent: indicatorProgress(i),
        version: i.version,
      })),
    })),
  };
}

/** Thrown inside the transaction to roll the command back when the version read was not the latest. */
class StaleVersion extends Error {
  constructor(readonly currentVersion: number) {
    super("stale version");
  }
}

export const planOperations = [
  operation({
    id: "listPlanYears",
    method: "GET",
    path: "/agreements/{agreementId}/plans",
    tag: "plan",
    scope: "read",
    summary: "api.op.listPlanYears",
    params: AgreementParams,
    response: z.object({ years: z.array(z.number().int()) }),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      return { years: await planYears(ctx.db, loaded.agreement.id) };
    },
  }),
  operation({
    id: "getPlan",
    method: "GET",
    path: "/agreements/{agreementId}/plans/{year}",
    tag: "plan",
    scope: "read",
    summary: "api.op.getPlan",
    params: YearParams,
    response: Plan,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const plan = await planOf(ctx, loaded.agreement.id, ctx.params.year);
      if (!plan) throw new ApiProblem(problem("not_found"));
      return plan;
    },
  }),
  operation({
    id: "updateIndicator",
    method: "PATCH",
    path: "/agreements/{agreementId}/indicators/{indicatorId}",
    tag: "plan",
    scope: "write",
    summary: "api.op.updateIndicator",
    params: IndicatorParams,
    body: IndicatorBody,
    response: Indicator,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const { db } = ctx;
      const found = await db
        .selectFrom("indicator")
        .innerJoin("plan_action", "plan_action.id", "indicator.action_id")
        .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
        .select(["indicator.id", "indicator.action_id as actionId", "plan_action.status as actionStatus"])
        .where("indicator.id", "=", ctx.params.indicatorId)
        .where("action_plan.agreement_id", "=", loaded.agreement.id)
        .executeTakeFirst();
      if (!found) throw new ApiProblem(problem("not_found"));
      try {
        // The command first (it decides who may, so another organization learns nothing from a 409),
        // then the version: its update added one to the latest version under the row's lock, so any
        // other number means someone saved in between, and the whole is rolled back.
        await inTransaction(db, async (trx) => {
          const result = await recordActionProgress(trx, ctx.actor, ctx.meta, loaded, {
            actionId: found.actionId,
            status: found.actionStatus,
            indicatorId: found.id,
            achieved: ctx.body.achieved,
          });
          if (!result.ok) refusalProblem(result, ctx.locale);
          const now = await trx
            .selectFrom("indicator")
            .select("version")
            .where("id", "=", found.id)
            .executeTakeFirstOrThrow();
          if (now.version !== ctx.body.version + 1) throw new StaleVersion(now.version - 1);
        });
      } catch (error) {
        if (error instanceof StaleVersion) refusalProblem(CONFLICT, ctx.locale, error.currentVersion);
        throw error;
      }
      const plan = await db.selectFrom("indicator").selectAll().where("id", "=", found.id).executeTakeFirstOrThrow();
      return {
        id: plan.id,
        name: plan.name,
        unit: plan.unit,
        baseline: plan.baseline,
        target: plan.target,
        achieved: plan.achieved,
        progressPercent: indicatorProgress(plan),
        version: plan.version,
      };
    },
  }),
];
