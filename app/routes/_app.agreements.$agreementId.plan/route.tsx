/**
 * The annual action plan of one year: its actions with their indicators and timeline, its steps
 * (submitted to the committee, adopted at a meeting, revised), its versions and their comparison.
 * The view model is planView (domain/plan/plan-view.server.ts); the page's parts are beside this file.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type * as z from "zod";
import { PlanTimeline } from "~/components/plan-timeline";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError } from "~/components/ui/form";
import {
  CompareQuery,
  CreatePlanSchema,
  ActionSchema,
  IndicatorSchema,
  PlanMoveSchema,
  PlanQuery,
  ProgressSchema,
} from "~/domain/plan/plan.schema";
import { addAction, addIndicator, createPlan, movePlan, recordActionProgress } from "~/domain/plan/plan.server";
import { planView } from "~/domain/plan/plan-view.server";
import type { Refusal } from "~/domain/result";
import { dispatch, invalid, readSubmission, refused, type Submission } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { AddAction } from "./add-action";
import { MeetingLink } from "./meeting-link";
import { PlanAction } from "./plan-action";
import { PlanSteps } from "./plan-steps";
import { Versions } from "./versions";

function yearOf(request: Request) {
  return (
    PlanQuery.parse(Object.fromEntries(new URL(request.url).searchParams)).year ?? Number(todayInMorocco().slice(0, 4))
  );
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const compare = CompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return planView(db(), actor, loaded, { year: yearOf(request), ...compare });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const year = yearOf(request);
  const here = `/agreements/${loaded.agreement.id}/plan?year=${year}`;
  /** The usual form: parse with its schema, run the command, back to the page or the refusal (about `row`). */
  const step =
    <S extends z.ZodType>(schema: S, run: (data: z.output<S>) => Promise<{ ok: true } | Refusal>, row?: string) =>
    async ({ formData, intent }: Submission) => {
      const target = row ? String(formData.get(row) ?? "") || undefined : undefined;
      const form = parseForm(schema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await run(form.data);
      return result.ok ? redirect(here) : refused(result, form.values, intent, target);
    };
  const move = step(PlanMoveSchema, (d) => movePlan(db(), actor, meta, loaded, { ...d, year, move: d.intent }));
  return dispatch(await readSubmission(request), {
    createPlan: step(CreatePlanSchema, (d) => createPlan(db(), actor, meta, loaded, d)),
    addAction: step(ActionSchema, (d) => addAction(db(), actor, meta, loaded, { ...d, year })),
    addIndicator: step(IndicatorSchema, (d) => addIndicator(db(), actor, meta, loaded, d), "actionId"),
    progress: step(ProgressSchema, (d) => recordActionProgress(db(), actor, meta, loaded, d), "actionId"),
    submit: move,
    returnToDraft: move,
    adopt: move,
    revise: move,
  });
}

const STATUS_TONE = { draft: "slate", submitted: "amber", adopted: "green" } as const;

export default function Plan() {
  const d = useLoaderData<typeof loader>();
  const { agreementId, year, years, canManage, hasPreviousYear, plan, versions, meetings } = d;
  const answer = useActionData<typeof action>();
  const forIntent = (intent: string, target?: string) => failureFor(answer, intent, target);
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("plan.years")} className="flex flex-wrap gap-2">
          {years.map((y) => (
            <Link
              key={y}
              to={`/agreements/${agreementId}/plan?year=${y}`}
              className={`rounded-full px-3 py-1 text-sm no-underline ring-1 ${y === year ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
            >
              {y}
            </Link>
          ))}
        </nav>
        {plan ? (
          <div className="flex items-center gap-2 text-sm" data-testid="plan-status" data-status={plan.status}>
            <Badge tone={STATUS_TONE[plan.status]}>{t(`plan.status.${plan.status}`)}</Badge>
            {plan.adoptedOn ? (
              <span className="text-slate-600">
                {t("plan.adoptedOn")} <DateText value={plan.adoptedOn} />
                {plan.meetingId ? (
                  <>
                    {" · "}
                    <MeetingLink agreementId={agreementId} meetings={meetings} id={plan.meetingId} />
                  </>
                ) : null}
                {plan.meeting ? (
                  <>
                    {" "}
                    · <bdi>{plan.meeting}</bdi>
                  </>
                ) : null}
              </span>
            ) : null}
          </div>
        ) : null}
      </div>

      {!plan ? (
        <Card title={t("plan.title", { year: String(year) })}>
          <p className="mb-3 text-sm text-slate-600">{t("plan.none", { year: String(year) })}</p>
          {canManage ? (
            <AppForm failure={forIntent("createPlan")} className="space-y-2">
              <input type="hidden" name="intent" value="createPlan" />
              <input type="hidden" name="year" value={year} />
              {hasPreviousYear ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="prefill" defaultChecked className="h-4 w-4" />{" "}
                  {t("plan.prefill", { year: String(year - 1) })}
                </label>
              ) : null}
              <FormError failure={forIntent("createPlan")} />
              <Button>{t("plan.create", { year: String(year) })}</Button>
            </AppForm>
          ) : null}
        </Card>
      ) : (
        <>
          <Card title={t("plan.title", { year: String(year) })}>
            {plan.actions.length ? (
              <PlanTimeline year={year} actions={plan.actions} />
            ) : (
              <p className="text-sm text-slate-600">{t("plan.noAction")}</p>
            )}
          </Card>
          <div className="grid gap-6 lg:grid-cols-3">
            <ul className="space-y-3 lg:col-span-2" data-testid="plan-actions">
              {plan.actions.map((a) => (
                <PlanAction key={a.id} action={a} editable={plan.editable} forIntent={forIntent} />
              ))}
            </ul>
            <div className="space-y-4">
              {plan.steps.length ? (
                <Card title={t("plan.steps")}>
                  <PlanSteps steps={plan.steps} meetings={meetings.filter((m) => m.held)} forIntent={forIntent} />
                </Card>
              ) : null}
              {plan.editable ? <AddAction parties={d.parties} failure={forIntent("addAction")} /> : null}
              {versions.length ? <Versions d={d} /> : null}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
