/**
 * The partnership's evaluation with the final report: each party's form (a short scale and comments),
 * and the evaluations the reader may see — the others' only once every party's is in.
 */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextAreaField } from "~/components/ui/field";
import { DateText } from "~/components/ui/formatted";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { SCALE } from "~/domain/report/evaluation";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import type { ReportData } from "~/domain/report/report-view.server";

export function EvaluationCard({ d, failed }: { d: ReportData; failed: ActionFailure | null }) {
  const { t, locale } = useI18n();
  const e = d.evaluation!;
  return (
    <div id="evaluation">
      <Card title={t("evaluation.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("evaluation.intro")}</p>
        <ul className="space-y-3" data-testid="evaluations">
          {e.items.map((item) => (
            <li key={item.organizationId} className="rounded-md bg-slate-50 p-3 text-sm" data-testid="evaluation">
              <p className="font-medium">
                <bdi>{displayName(item, locale)}</bdi> · <bdi>{item.author ?? "—"}</bdi> ·{" "}
                <DateText value={item.submittedAt} />
              </p>
              <dl className="mt-1 grid gap-x-10 gap-y-1 sm:grid-cols-2">
                {Object.entries(item.scores).map(([criterion, score]) => (
                  <div key={criterion} className="flex justify-between gap-2">
                    <dt className="text-slate-600">{t(`evaluation.criterion.${criterion as "objectives"}`)}</dt>
                    <dd className="font-medium">{t("evaluation.score", { score: score ?? 0 })}</dd>
                  </div>
                ))}
              </dl>
              {item.comments ? (
                <p className="mt-1 whitespace-pre-wrap" dir="auto">
                  {item.comments}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {!e.complete ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="evaluation-waiting">
            {t("evaluation.waiting")}
          </p>
        ) : null}
        {e.criteria ? (
          <AppForm failure={failed} className="mt-4 space-y-3" data-testid="evaluate">
            <input type="hidden" name="intent" value="evaluate" />
            <div className="grid gap-3 sm:grid-cols-2">
              {e.criteria.map((c) => (
                <SelectField
                  key={c}
                  label={t(`evaluation.criterion.${c}`)}
                  name={c}
                  defaultValue={typed(failed?.values, c)}
                  error={failed?.fieldErrors[c]}
                  options={[
                    { value: "", label: "—" },
                    ...SCALE.map((s) => ({ value: String(s), label: t(`evaluation.scale.${s}`) })),
                  ]}
                />
              ))}
            </div>
            <TextAreaField
              label={t("evaluation.comments")}
              name="comments"
              rows={3}
              optional
              maxLength={5000}
              defaultValue={typed(failed?.values, "comments")}
              error={failed?.fieldErrors.comments}
            />
            <FormError failure={failed} />
            <Button>{t("evaluation.submit")}</Button>
          </AppForm>
        ) : null}
      </Card>
    </div>
  );
}
