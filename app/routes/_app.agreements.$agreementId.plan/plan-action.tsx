/** One action of the plan: its indicators and their progress, a new indicator (draft), its progress (adopted). */
import { direction } from "~/lib/i18n/locales";
import { ProgressBar } from "~/components/progress-bar";
import { Button } from "~/components/ui/button";
import { Badge } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { DateText, MoneyText } from "~/components/ui/formatted";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import { ACTION_STATUSES } from "~/domain/plan/plan";
import { useI18n } from "~/lib/i18n/react";
import type { ForIntent, PlanView } from "./types";

const PRIORITY_TONE = { high: "red", medium: "amber", low: "slate" } as const;
const ACTION_TONE = { planned: "slate", in_progress: "slate", done: "green", cancelled: "slate" } as const;

export function PlanAction({
  action: a,
  editable,
  forIntent,
}: {
  action: NonNullable<PlanView["plan"]>["actions"][number];
  /** The plan is a draft its reader may change: a new indicator can be added. */
  editable: boolean;
  forIntent: ForIntent;
}) {
  const { t, locale, formatNumber } = useI18n();
  const indicatorFailure = forIntent("addIndicator", a.id);
  const progressFailure = forIntent("progress", a.id);
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-medium" dir="auto">
          {a.objective}
        </p>
        <div className="flex gap-1">
          <Badge tone={PRIORITY_TONE[a.priority]}>{t(`plan.priority.${a.priority}`)}</Badge>
          <Badge tone={ACTION_TONE[a.status]}>{t(`plan.actionStatus.${a.status}`)}</Badge>
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
                {/* In the interface's direction, as its arrow is: the name before it may be in another language. */}
                <span dir={direction(locale)} suppressHydrationWarning>
                  {t("indicator.range", { baseline: formatNumber(i.baseline), target: formatNumber(i.target) })}
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
      {a.canProgress ? (
        <details className="mt-3" open={!!progressFailure}>
          <summary className="cursor-pointer text-sm text-brand-700">{t("plan.recordProgress")}</summary>
          <AppForm failure={progressFailure} className="mt-2 grid gap-2 sm:grid-cols-3">
            <input type="hidden" name="intent" value="progress" />
            <input type="hidden" name="actionId" value={a.id} />
            <SelectField
              label={t("plan.actionStatusLabel")}
              name="status"
              defaultValue={typed(progressFailure?.values, "status", a.status)}
              options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`plan.actionStatus.${s}`) }))}
            />
            {a.indicators.length ? (
              <>
                <SelectField
                  label={t("plan.indicator.name")}
                  name="indicatorId"
                  options={a.indicators.map((i) => ({ value: i.id, label: i.name }))}
                />
                <TextField
                  label={t("plan.achieved")}
                  name="achieved"
                  inputMode="numeric"
                  optional
                  defaultValue={typed(progressFailure?.values, "achieved")}
                  error={progressFailure?.fieldErrors.achieved}
                />
              </>
            ) : null}
            <div className="sm:col-span-3">
              <FormError failure={progressFailure} />
              <Button variant="secondary">{t("form.save")}</Button>
            </div>
          </AppForm>
        </details>
      ) : null}
    </li>
  );
}
