/** Planning the reporting calendar by hand: the reporting party, a rhythm or the periods' ends, and the final report. */
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed, type failureFor } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import { DEFAULT_DUE_DAYS, DEFAULT_EVERY_MONTHS, DEFAULT_FINAL_DAYS } from "~/domain/report/report";
import { useI18n } from "~/lib/i18n/react";

type Failure = ReturnType<typeof failureFor>;

/** The calendar by hand: the reporting party, a rhythm or the periods' ends, and the final report. */
export function PlanCalendar({
  parties,
  defaultPartyId,
  failure,
}: {
  parties: Array<{ id: string; nameFr: string | null; nameAr: string | null }>;
  defaultPartyId: string;
  failure: Failure;
}) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState(typed(failure?.values, "mode", "every"));
  return (
    <Card title={t("reports.plan.title")}>
      <AppForm failure={failure} className="space-y-3" data-testid="plan-reports">
        <input type="hidden" name="intent" value="planReports" />
        <SelectField
          label={t("reports.plan.party")}
          name="partyId"
          defaultValue={typed(failure?.values, "partyId", defaultPartyId)}
          error={failure?.fieldErrors.partyId}
          options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
        />
        <SelectField
          label={t("reports.plan.mode")}
          name="mode"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          error={failure?.fieldErrors.mode}
          options={[
            { value: "every", label: t("reports.plan.every") },
            { value: "dates", label: t("reports.plan.dates") },
          ]}
        />
        {mode === "dates" ? (
          <TextAreaField
            label={t("reports.plan.periodEnds")}
            name="periodEnds"
            rows={3}
            hint={t("reports.plan.periodEndsHint")}
            defaultValue={typed(failure?.values, "periodEnds")}
            error={failure?.fieldErrors.periodEnds}
          />
        ) : (
          <TextField
            label={t("reports.plan.everyMonths")}
            name="everyMonths"
            inputMode="numeric"
            defaultValue={typed(failure?.values, "everyMonths", String(DEFAULT_EVERY_MONTHS))}
            error={failure?.fieldErrors.everyMonths}
          />
        )}
        <TextField
          label={t("reports.plan.dueDays")}
          name="dueDays"
          inputMode="numeric"
          defaultValue={typed(failure?.values, "dueDays", String(DEFAULT_DUE_DAYS))}
          error={failure?.fieldErrors.dueDays}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="finalReport"
            defaultChecked={failure ? typed(failure.values, "finalReport") === "on" : true}
            className="h-4 w-4"
          />
          {t("reports.plan.finalReport")}
        </label>
        <TextField
          label={t("reports.plan.finalDays")}
          name="finalDays"
          inputMode="numeric"
          defaultValue={typed(failure?.values, "finalDays", String(DEFAULT_FINAL_DAYS))}
          error={failure?.fieldErrors.finalDays}
        />
        <FormError failure={failure} />
        <Button className="w-full">{t("reports.plan.submit")}</Button>
      </AppForm>
    </Card>
  );
}
