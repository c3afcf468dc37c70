import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PlanTimeline } from "~/components/plan-timeline";
import { ProgressBar } from "~/components/progress-bar";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { DateText, MoneyText } from "~/components/ui/formatted";
import { AppForm, asFailure, FormError, typed } from "~/components/ui/form";
import { canManageAgreement, isMemberOf } from "~/domain/access/access";
import type { Refusal } from "~/domain/agreement/agreement.commands.server";
import { listParties } from "~/domain/agreement/agreement.queries.server";
import { displayName } from "~/domain/organization/organization";
import { ACTION_STATUSES, comparePlans, indicatorProgress, PRIORITIES } from "~/domain/plan/plan";
import {
  ActionSchema,
  CompareQuery,
  CreatePlanSchema,
  IndicatorSchema,
  PlanMoveSchema,
  PlanQuery,
  ProgressSchema,
} from "~/domain/plan/plan.schema";
import {
  addAction,
  addIndicator,
  createPlan,
  getPlan,
  movePlan,
  planVersions,
  planYears,
  recordActionProgress,
} from "~/domain/plan/plan.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";

function yearOf(request: Request) {
  return (
    PlanQuery.parse(Object.fromEntries(new URL(request.url).searchParams)).year ?? Number(todayInMorocco().slice(0, 4))
  );
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const year = yearOf(request);
  const found = await getPlan(db(), loaded.agreement.id, year);
  const years = await planYears(db(), loaded.agreement.id);
  const canManage = canManageAgreement(actor, loaded.access);
  const versions = found ? await planVersions(db(), found.plan.id) : [];
  const compare = CompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const to = compare.to ?? versions.at(-1)?.revision;
  const from = compare.from ?? (to && to > 1 ? to - 1 : undefined);
  // The committee's held meetings: where a plan is adopted, and what its adoption links to.
  const meetings = await db()
    .selectFrom("meeting")
    .select(["id", "number", "starts_at as startsAt", "time_zone as timeZone", "status"])
    .where("agreement_id", "=", loaded.agreement.id)
    .orderBy("starts_at", "desc")
    .execute();
  const a = versions.find((v) => v.revision === from);
  const b = versions.find((v) => v.revision === to);
  return {
    agreementId: loaded.agreement.id,
    year,
    years: [...new Set([...years, year, year - 1, year + 1])].sort(),
    canManage,
    hasPreviousYear: years.includes(year - 1),
    parties: canManage
      ? (await listParties(db(), loaded.agreement.id)).map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr }))
      : [],
    plan: found
      ? {
          id: found.plan.id,
          status: found.plan.status,
          revision: found.plan.revision,
          adoptedOn: found.plan.adopted_on,
          meeting: found.plan.adopted_at_meeting,
          meetingId: found.plan.adopted_meeting_id,
          actions: found.actions.map((x) => ({
            id: x.id,
            objective: x.objective,
            priority: x.priority,
            status: x.status,
            startDate: x.start_date,
            endDate: x.end_date,
            budgetCents: x.budget_cents,
            nameFr: x.nameFr,
            nameAr: x.nameAr,
            canProgress: isMemberOf(actor, x.organizationId) || canManage,
            indicators: x.indicators.map((i) => ({
              id: i.id,
              name: i.name,
              unit: i.unit,
              baseline: i.baseline,
              target: i.target,
              achieved: i.achieved,
              percent: indicatorProgress(i),
            })),
          })),
        }
      : null,
    versions: versions.map((v) => ({
      revision: v.revision,
      adoptedOn: v.adoptedOn,
      meeting: v.meeting,
      meetingId: v.meetingId,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      number: m.number,
      startsAt: m.startsAt,
      timeZone: m.timeZone,
      held: m.status !== "planned",
    })),
    comparison: a && b ? { from: a.revision, to: b.revision, changes: comparePlans(a.actions, b.actions) } : null,
  };
}

type Failure = FormFailure & { intent: string; target?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const year = yearOf(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}/plan?year=${year}`;
  const answer = (result: { ok: true } | Refusal, values: FormFailure["values"], target?: string) => {
    if (result.ok) return redirect(here);
    if (result.error === "not_found") notFound();
    return data(
      {
        ...failure(values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }),
        intent,
        target,
      },
      { status: 400 },
    );
  };
  switch (intent) {
    case "createPlan": {
      const form = parseForm(CreatePlanSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await createPlan(db(), actor, meta, loaded, form.data), form.values);
    }
    case "addAction": {
      const form = parseForm(ActionSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await addAction(db(), actor, meta, loaded, { ...form.data, year }), form.values);
    }
    case "addIndicator": {
      const target = String(formData.get("actionId") ?? "");
      const form = parseForm(IndicatorSchema, formData);
      if (!form.ok) return data({ ...form, intent, target }, { status: 400 });
      return answer(await addIndicator(db(), actor, meta, loaded, form.data), form.values, target);
    }
    case "progress": {
      const target = String(formData.get("actionId") ?? "");
      const form = parseForm(ProgressSchema, formData);
      if (!form.ok) return data({ ...form, intent, target }, { status: 400 });
      return answer(await recordActionProgress(db(), actor, meta, loaded, form.data), form.values, target);
    }
    case "submit":
    case "returnToDraft":
    case "adopt":
    case "revise": {
      const form = parseForm(PlanMoveSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(
        await movePlan(db(), actor, meta, loaded, { ...form.data, year, move: form.data.intent }),
        form.values,
      );
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

const PRIORITY_TONE = { high: "red", medium: "amber", low: "slate" } as const;

export default function Plan() {
  const { agreementId, year, years, canManage, hasPreviousYear, parties, plan, versions, comparison, meetings } =
    useLoaderData<typeof loader>();
  const meetingLink = (id: string | null) => {
    const m = id ? meetings.find((x) => x.id === id) : undefined;
    return m ? (
      <Link to={`/agreements/${agreementId}/meetings/${m.id}`} className="text-brand-700 hover:underline">
        {t("meeting.title", { number: m.number })}
      </Link>
    ) : null;
  };
  const result = useActionData<typeof action>() as Failure | undefined;
  const failed = asFailure(result) as Failure | null;
  const forIntent = (intent: string, target?: string) =>
    failed && failed.intent === intent && (target === undefined || failed.target === target) ? failed : null;
  const { t, locale, formatNumber } = useI18n();
  const editable = canManage && plan?.status === "draft";
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
            <Badge tone={plan.status === "adopted" ? "green" : plan.status === "submitted" ? "amber" : "slate"}>
              {t(`plan.status.${plan.status}`)}
            </Badge>
            {plan.adoptedOn ? (
              <span className="text-slate-600">
                {t("plan.adoptedOn")} <DateText value={plan.adoptedOn} />
                {plan.meetingId ? <> · {meetingLink(plan.meetingId)}</> : null}
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
              {plan.actions.map((a) => {
                const indicatorFailure = forIntent("addIndicator", a.id);
                return (
                  <li key={a.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <p className="font-medium" dir="auto">
                        {a.objective}
                      </p>
                      <div className="flex gap-1">
                        <Badge tone={PRIORITY_TONE[a.priority]}>{t(`plan.priority.${a.priority}`)}</Badge>
                        <Badge tone={a.status === "done" ? "green" : "slate"}>
                          {t(`plan.actionStatus.${a.status}`)}
                        </Badge>
                      </div>
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      <bdi>{displayName(a, locale)}</bdi> · <DateText value={a.startDate} style="medium" /> –{" "}
                      <DateText value={a.endDate} style="medium" />
                      {a.budgetCents !== null ? (
                        <>
                          {" · "}
                          <MoneyText cents={a.budgetCents} currency="MAD" />
                        </>
                      ) : null}
                    </p>
                    {a.indicators.length ? (
                      <ul className="mt-3 space-y-2" data-testid="indicators">
                        {a.indicators.map((i) => (
                          <li key={i.id} className="text-sm">
                            <p dir="auto">
                              {i.name}:{" "}
                              <span suppressHydrationWarning>
                                {formatNumber(i.baseline)} → {formatNumber(i.target)}
                              </span>{" "}
                              <bdi>{i.unit}</bdi> ·{" "}
                              <span className="font-medium" suppressHydrationWarning>
                                {t("plan.achieved")} {formatNumber(i.achieved)}
                              </span>
                            </p>
                            <ProgressBar percent={i.percent} label={i.name} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {editable ? (
                      <details className="mt-3" open={!!indicatorFailure}>
                        <summary className="cursor-pointer text-sm text-brand-700">{t("plan.addIndicator")}</summary>
                        <AppForm failure={indicatorFailure} className="mt-2 grid gap-2 sm:grid-cols-2">
                          <input type="hidden" name="intent" value="addIndicator" />
                          <input type="hidden" name="actionId" value={a.id} />
                          <TextField
                            label={t("plan.indicator.name")}
                            name="name"
                            required
                            maxLength={200}
                            defaultValue={typed(indicatorFailure?.values, "name")}
                            error={indicatorFailure?.fieldErrors.name}
                          />
                          <TextField
                            label={t("plan.indicator.unit")}
                            name="unit"
                            required
                            maxLength={60}
                            defaultValue={typed(indicatorFailure?.values, "unit")}
                            error={indicatorFailure?.fieldErrors.unit}
                          />
                          <TextField
                            label={t("plan.indicator.baseline")}
                            name="baseline"
                            inputMode="numeric"
                            optional
                            defaultValue={typed(indicatorFailure?.values, "baseline")}
                            error={indicatorFailure?.fieldErrors.baseline}
                          />
                          <TextField
                            label={t("plan.indicator.target")}
                            name="target"
                            inputMode="numeric"
                            required
                            defaultValue={typed(indicatorFailure?.values, "target")}
                            error={indicatorFailure?.fieldErrors.target}
                          />
                          <div className="sm:col-span-2">
                            <FormError failure={indicatorFailure} />
                            <Button variant="secondary">{t("plan.addIndicator")}</Button>
                          </div>
                        </AppForm>
                      </details>
                    ) : null}
                    {a.canProgress && plan.status === "adopted" ? (
                      <details className="mt-3">
                        <summary className="cursor-pointer text-sm text-brand-700">{t("plan.recordProgress")}</summary>
                        <AppForm className="mt-2 grid gap-2 sm:grid-cols-3">
                          <input type="hidden" name="intent" value="progress" />
                          <input type="hidden" name="actionId" value={a.id} />
                          <SelectField
                            label={t("plan.actionStatusLabel")}
                            name="status"
                            defaultValue={a.status}
                            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`plan.actionStatus.${s}`) }))}
                          />
                          {a.indicators.length ? (
                            <>
                              <SelectField
                                label={t("plan.indicator.name")}
                                name="indicatorId"
                                options={a.indicators.map((i) => ({ value: i.id, label: i.name }))}
                              />
                              <TextField label={t("plan.achieved")} name="achieved" inputMode="numeric" optional />
                            </>
                          ) : null}
                          <div className="sm:col-span-3">
                            <Button variant="secondary">{t("form.save")}</Button>
                          </div>
                        </AppForm>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <div className="space-y-4">
              {canManage ? (
                <Card title={t("plan.steps")}>
                  <PlanSteps
                    status={plan.status}
                    meetings={meetings.filter((m) => m.held)}
                    failure={
                      failed && ["submit", "returnToDraft", "adopt", "revise"].includes(failed.intent) ? failed : null
                    }
                  />
                </Card>
              ) : null}
              {editable ? (
                <Card title={t("plan.addAction")}>
                  <AppForm failure={forIntent("addAction")} className="space-y-3">
                    <input type="hidden" name="intent" value="addAction" />
                    <TextField
                      label={t("plan.objective")}
                      name="objective"
                      required
                      maxLength={500}
                      defaultValue={typed(forIntent("addAction")?.values, "objective")}
                      error={forIntent("addAction")?.fieldErrors.objective}
                    />
                    <SelectField
                      label={t("plan.priorityLabel")}
                      name="priority"
                      defaultValue={typed(forIntent("addAction")?.values, "priority", "medium")}
                      options={PRIORITIES.map((p) => ({ value: p, label: t(`plan.priority.${p}`) }))}
                    />
                    <SelectField
                      label={t("obligations.responsible")}
                      name="responsiblePartyId"
                      defaultValue={typed(forIntent("addAction")?.values, "responsiblePartyId")}
                      error={forIntent("addAction")?.fieldErrors.responsiblePartyId}
                      options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
                    />
                    <div className="grid grid-cols-2 gap-2">
                      <TextField
                        label={t("deliverables.startDate")}
                        name="startDate"
                        type="date"
                        required
                        defaultValue={typed(forIntent("addAction")?.values, "startDate")}
                        error={forIntent("addAction")?.fieldErrors.startDate}
                      />
                      <TextField
                        label={t("agreement.field.endDate")}
                        name="endDate"
                        type="date"
                        required
                        defaultValue={typed(forIntent("addAction")?.values, "endDate")}
                        error={forIntent("addAction")?.fieldErrors.endDate}
                      />
                    </div>
                    <TextField
                      label={t("plan.budget")}
                      name="budget"
                      inputMode="decimal"
                      optional
                      dir="ltr"
                      defaultValue={typed(forIntent("addAction")?.values, "budget")}
                      error={forIntent("addAction")?.fieldErrors.budget}
                    />
                    <FormError failure={forIntent("addAction")} />
                    <Button className="w-full">{t("plan.addAction")}</Button>
                  </AppForm>
                </Card>
              ) : null}
              {versions.length ? (
                <Card title={t("plan.versions")}>
                  <ul className="mb-3 space-y-1 text-sm">
                    {versions.map((v) => (
                      <li key={v.revision}>
                        {t("versions.number", { number: v.revision })} · <DateText value={v.adoptedOn} style="medium" />
                        {v.meetingId ? <> · {meetingLink(v.meetingId)}</> : null}
                        {v.meeting ? (
                          <>
                            {" "}
                            · <bdi>{v.meeting}</bdi>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {versions.length > 1 ? (
                    <Form method="get" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="year" value={year} />
                      <select
                        name="from"
                        defaultValue={comparison?.from}
                        className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
                        aria-label={t("versions.from")}
                      >
                        {versions.map((v) => (
                          <option key={v.revision} value={v.revision}>
                            {t("versions.number", { number: v.revision })}
                          </option>
                        ))}
                      </select>
                      <select
                        name="to"
                        defaultValue={comparison?.to}
                        className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
                        aria-label={t("versions.to")}
                      >
                        {versions.map((v) => (
                          <option key={v.revision} value={v.revision}>
                            {t("versions.number", { number: v.revision })}
                          </option>
                        ))}
                      </select>
                      <Button variant="secondary" className="px-3 py-1">
                        {t("versions.compare")}
                      </Button>
                    </Form>
                  ) : null}
                  {comparison ? (
                    <ul className="mt-3 space-y-1 text-sm" data-testid="plan-comparison">
                      {comparison.changes.length === 0 ? <li>{t("plan.noChange")}</li> : null}
                      {comparison.changes.map((c, i) => (
                        <li
                          key={i}
                          className={
                            c.kind === "added"
                              ? "text-green-800"
                              : c.kind === "removed"
                                ? "text-red-800 line-through"
                                : "text-amber-800"
                          }
                        >
                          {t(`plan.change.${c.kind}`)} <bdi>{c.objective}</bdi>
                          {c.kind === "changed" ? (
                            <> ({c.fields.map((f) => t(`plan.field.${f}` as "plan.field.endDate")).join(", ")})</>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </Card>
              ) : null}
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function PlanSteps({
  status,
  meetings,
  failure: failed,
}: {
  status: string;
  meetings: ReadonlyArray<{ id: string; number: number; startsAt: string }>;
  failure: Failure | null;
}) {
  const { t, formatDate } = useI18n();
  const moves = status === "draft" ? ["submit"] : status === "submitted" ? ["adopt", "returnToDraft"] : ["revise"];
  return (
    <div className="space-y-3">
      {moves.map((move) => (
        <AppForm key={move} failure={failed?.intent === move ? failed : null} className="space-y-2">
          <input type="hidden" name="intent" value={move} />
          {move === "adopt" ? (
            <>
              {meetings.length ? (
                <SelectField
                  label={t("plan.adoptedAtMeeting")}
                  name="meetingId"
                  optional
                  defaultValue={typed(failed?.values, "meetingId", meetings[0]!.id)}
                  error={failed?.intent === "adopt" ? failed.fieldErrors.meetingId : undefined}
                  options={[
                    ...meetings.map((m) => ({
                      value: m.id,
                      label: `${t("meeting.title", { number: m.number })} · ${formatDate(m.startsAt, "medium")}`,
                    })),
                    { value: "", label: t("plan.otherMeeting") },
                  ]}
                />
              ) : null}
              <TextField
                label={t("plan.adoptedOnLabel")}
                name="adoptedOn"
                type="date"
                optional={meetings.length > 0}
                required={meetings.length === 0}
                hint={meetings.length ? t("plan.adoptedOnHint") : undefined}
                defaultValue={typed(failed?.values, "adoptedOn")}
                error={failed?.intent === "adopt" ? failed.fieldErrors.adoptedOn : undefined}
              />
              <TextField
                label={t("plan.meeting")}
                name="meeting"
                optional
                maxLength={200}
                hint={t("plan.meetingHint")}
                defaultValue={typed(failed?.values, "meeting")}
              />
            </>
          ) : null}
          {failed?.intent === move ? <FormError failure={failed} /> : null}
          <Button variant={move === "returnToDraft" || move === "revise" ? "secondary" : "primary"} className="w-full">
            {t(`plan.move.${move}` as "plan.move.submit")}
          </Button>
        </AppForm>
      ))}
    </div>
  );
}
