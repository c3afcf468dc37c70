/**
 * An agreement's reports: the reporting calendar (its report obligations, due and late), the reports
 * with their status, planning the calendar by hand, and starting a report (for a due one or a period).
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReportStatusBadge } from "~/components/report-status";
import { Button } from "~/components/ui/button";
import { Badge, Card, WithAside } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { DateText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import { DEFAULT_FINAL_DAYS, dueReportLabel, REPORT_KINDS } from "~/domain/report/report";
import { planReports } from "~/domain/report/report-calendar.server";
import { PlanReportsSchema, StartReportSchema } from "~/domain/report/report.schema";
import { startReport } from "~/domain/report/report.server";
import { reportsListView } from "~/domain/report/report-view.server";
import { dispatch, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { PlanCalendar } from "./plan-calendar";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  return reportsListView(db(), actor, loaded, todayInMorocco());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/reports`;
  return dispatch(await readSubmission(request), {
    planReports: async ({ formData, intent }) => {
      const form = parseForm(PlanReportsSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await planReports(db(), actor, meta, loaded, {
        partyId: form.data.partyId,
        everyMonths: form.data.everyMonths,
        periodEnds: form.data.periodEnds,
        dueDays: form.data.dueDays,
        finalDays: form.data.finalReport ? (form.data.finalDays ?? DEFAULT_FINAL_DAYS) : null,
        locale: resolveLocale(request, user),
      });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    startReport: async ({ formData, intent }) => {
      const target = String(formData.get("obligationId") ?? "") || undefined;
      const form = parseForm(StartReportSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const input =
        "kind" in form.data
          ? {
              kind: form.data.kind as (typeof REPORT_KINDS)[number],
              periodFrom: form.data.periodFrom,
              periodTo: form.data.periodTo,
            }
          : { obligationId: form.data.obligationId };
      const result = await startReport(db(), actor, meta, loaded, input);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(`${here}/${result.reportId}`);
    },
  });
}

export default function Reports() {
  const { agreementId, calendar, reports, canPlan, canStart, parties, defaultPartyId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, formatDate } = useI18n();
  const planFailure = failureFor(result, "planReports");
  const startFailure = failureFor(result, "startReport", undefined);
  const aside =
    canPlan || canStart ? (
      <div className="space-y-6">
        {canPlan ? <PlanCalendar parties={parties} defaultPartyId={defaultPartyId} failure={planFailure} /> : null}
        {canStart ? (
          <Card title={t("reports.new.title")}>
            <AppForm failure={startFailure?.target ? null : startFailure} className="space-y-3">
              <input type="hidden" name="intent" value="startReport" />
              <SelectField
                label={t("reports.new.kind")}
                name="kind"
                defaultValue={typed(startFailure?.values, "kind", "progress")}
                error={startFailure?.fieldErrors.kind}
                options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
              />
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  label={t("reports.new.from")}
                  name="periodFrom"
                  type="date"
                  required
                  defaultValue={typed(startFailure?.values, "periodFrom")}
                  error={startFailure?.fieldErrors.periodFrom}
                />
                <TextField
                  label={t("reports.new.to")}
                  name="periodTo"
                  type="date"
                  required
                  defaultValue={typed(startFailure?.values, "periodTo")}
                  error={startFailure?.fieldErrors.periodTo}
                />
              </div>
              <FormError failure={startFailure?.target ? null : startFailure} />
              <Button className="w-full">{t("reports.new.submit")}</Button>
            </AppForm>
          </Card>
        ) : null}
      </div>
    ) : null;
  return (
    <WithAside className="space-y-6" aside={aside}>
      <Card title={t("reports.calendar")}>
        {calendar.length === 0 ? <p className="text-sm text-slate-600">{t("reports.calendarEmpty")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="report-calendar">
          {calendar.map((o) => {
            const failed = failureFor(result, "startReport", o.id);
            return (
              <li key={o.id} className="py-3" data-testid="report-due" data-late={o.late ? "true" : "false"}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium" dir="auto">
                      {o.periodFrom && o.periodTo
                        ? t(dueReportLabel(o.kind), {
                            number: o.number,
                            from: formatDate(o.periodFrom),
                            to: formatDate(o.periodTo),
                          })
                        : o.description}
                    </p>
                    <p className="text-sm text-slate-600">
                      <bdi>{displayName(o, locale)}</bdi>
                      {o.due ? (
                        <>
                          {" · "}
                          {t("reports.dueLabel")} <DateText value={o.due} />
                        </>
                      ) : null}
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-wrap items-center gap-2">
                    {o.late ? <Badge tone="red">{t("reports.late")}</Badge> : null}
                    {o.done ? <Badge tone="green">{t("obligation.status.done")}</Badge> : null}
                    {o.report ? <ReportStatusBadge status={o.report.status} /> : null}
                    {o.report ? (
                      <Link
                        to={`/agreements/${agreementId}/reports/${o.report.id}`}
                        className="text-sm font-medium text-brand-700 underline"
                      >
                        {t("reports.open")}
                      </Link>
                    ) : null}
                    {o.canStart ? (
                      <AppForm failure={failed}>
                        <input type="hidden" name="intent" value="startReport" />
                        <input type="hidden" name="obligationId" value={o.id} />
                        <Button variant="secondary" className="px-3 py-1 text-xs">
                          {t("reports.start")}
                        </Button>
                      </AppForm>
                    ) : null}
                  </div>
                </div>
                {failed ? <FormError failure={failed} /> : null}
              </li>
            );
          })}
        </ul>
      </Card>
      <Card title={t("reports.list")}>
        {reports.length === 0 ? <p className="text-sm text-slate-600">{t("reports.listEmpty")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="reports">
          {reports.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid="report-row">
              <div className="min-w-0">
                <Link
                  to={`/agreements/${agreementId}/reports/${r.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {t(`reports.kind.${r.kind}`)}
                </Link>
                <p className="text-sm text-slate-600">
                  <DateText value={r.periodFrom} /> – <DateText value={r.periodTo} /> ·{" "}
                  <bdi>{displayName(r, locale)}</bdi>
                  {r.currentVersion > 0 ? <> · {t("reports.version", { number: r.currentVersion })}</> : null}
                </p>
              </div>
              <ReportStatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      </Card>
    </WithAside>
  );
}
