/**
 * The partners' review of the version under review: send it back with a message, or accept it
 * (possibly with reservations) confirming the password — recorded like a signature.
 */
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import type { ReportData } from "~/domain/report/report-view.server";

export function ReviewPanel({ d, result }: { d: ReportData; result: unknown }) {
  const { t, locale } = useI18n();
  const sendBack = failureFor(result, "sendBack");
  const accept = failureFor(result, "acceptReport");
  const [decision, setDecision] = useState(typed(accept?.values, "decision", "accepted"));
  const number = d.report.currentVersion;
  const awaiting = d.partners.filter((p) => p.decision === null);
  return (
    <Card title={t("reports.review.title")}>
      <div className="space-y-4" data-testid="review-panel">
        <p className="text-sm text-slate-600">{t(`reports.review.rule.${d.rule}`)}</p>
        {awaiting.length ? (
          <p className="text-sm text-slate-600">
            {t("reports.review.awaiting", { names: awaiting.map((p) => displayName(p, locale)).join(", ") })}
          </p>
        ) : null}
        {d.rights.decided ? (
          <p className="text-sm font-medium" data-testid="review-decided">
            {t("reports.review.decided")}
          </p>
        ) : null}
        {d.rights.canReview ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <AppForm failure={sendBack} className="space-y-3" data-testid="send-back">
              <input type="hidden" name="intent" value="sendBack" />
              <h3 className="font-semibold">{t("reports.review.sendBack")}</h3>
              <TextAreaField
                label={t("reports.review.message")}
                name="message"
                rows={4}
                required
                maxLength={5000}
                defaultValue={typed(sendBack?.values, "message")}
                error={sendBack?.fieldErrors.message}
              />
              <FormError failure={sendBack} />
              <Button variant="secondary">{t("reports.review.sendBackButton")}</Button>
            </AppForm>
            <AppForm failure={accept} className="space-y-3" data-testid="accept-report">
              <input type="hidden" name="intent" value="acceptReport" />
              <h3 className="font-semibold">{t("reports.review.accept")}</h3>
              <fieldset className="space-y-1 text-sm">
                <legend className="mb-1 font-medium text-slate-800">{t("reports.review.decision")}</legend>
                {(["accepted", "accepted_with_reservations"] as const).map((value) => (
                  <label key={value} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="decision"
                      value={value}
                      checked={decision === value}
                      onChange={() => setDecision(value)}
                      className="h-4 w-4"
                    />
                    {t(`reports.decision.${value}`)}
                  </label>
                ))}
              </fieldset>
              {decision === "accepted_with_reservations" ? (
                <TextAreaField
                  label={t("reports.review.reservations")}
                  name="reservations"
                  rows={3}
                  maxLength={5000}
                  defaultValue={typed(accept?.values, "reservations")}
                  error={accept?.fieldErrors.reservations}
                />
              ) : null}
              <TextField
                label={t("reports.review.password")}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                hint={t("reports.review.passwordHint")}
                error={accept?.fieldErrors.password}
              />
              <FormError failure={accept} />
              <Button>{t("reports.review.acceptButton", { number })}</Button>
            </AppForm>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
