/**
 * The lifecycle steps the drafting organization's managers may take now, each with what still
 * blocks it (lifecycle.ts nextSteps) and the reason or date it needs (transitionNeeds).
 */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, typed } from "~/components/ui/form";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function NextStepsCard({
  steps,
  failureFor,
}: {
  steps: AgreementOverview["steps"];
  failureFor: (intent: string, target?: string) => ActionFailure | null;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("agreement.nextSteps")}>
      {steps.length === 0 ? <p className="text-sm text-slate-600">{t("agreement.nextSteps.none")}</p> : null}
      <ul className="space-y-4" data-testid="next-steps">
        {steps.map((step) => {
          const failure = failureFor("transition", step.action);
          return (
            <li key={step.action} className="rounded-md border border-slate-200 p-3">
              <AppForm failure={failure} className="space-y-2">
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="action" value={step.action} />
                {step.needs.reason ? (
                  <TextAreaField
                    label={t("agreement.reason")}
                    name="reason"
                    rows={2}
                    maxLength={2000}
                    defaultValue={typed(failure?.values, "reason")}
                    error={failure?.fieldErrors.reason}
                  />
                ) : null}
                {step.needs.date ? (
                  <TextField
                    label={t("agreement.terminationDate")}
                    name="date"
                    type="date"
                    defaultValue={typed(failure?.values, "date")}
                    error={failure?.fieldErrors.date}
                  />
                ) : null}
                {/* A step that needs a reason (suspending, terminating) is one to think twice about. */}
                <Button variant={step.needs.reason ? "danger" : "primary"} className="w-full">
                  {t(`action.${step.action}`)}
                </Button>
                {step.blockers.length > 0 ? (
                  <ul className="list-disc ps-5 text-sm text-amber-800" data-testid={`blockers-${step.action}`}>
                    {step.blockers.map((b) => (
                      <li key={b.key}>{t(b.key, b.vars)}</li>
                    ))}
                  </ul>
                ) : null}
                {failure ? (
                  <div
                    role="alert"
                    className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800"
                    data-testid="transition-error"
                  >
                    {[failure.formError, ...(failure.more ?? [])].map((e) =>
                      e ? <p key={e.key}>{t(e.key, e.vars)}</p> : null,
                    )}
                  </div>
                ) : null}
              </AppForm>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
