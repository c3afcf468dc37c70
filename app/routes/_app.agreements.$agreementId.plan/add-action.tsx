/** A new action of the draft plan: objective, priority, responsible party, dates, budget. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { PRIORITIES } from "~/domain/plan/plan";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import type { PlanView } from "./types";

export function AddAction({ parties, failure }: { parties: PlanView["parties"]; failure: ActionFailure | null }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t("plan.addAction")}>
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="addAction" />
        <TextField
          label={t("plan.objective")}
          name="objective"
          required
          maxLength={500}
          defaultValue={typed(failure?.values, "objective")}
          error={failure?.fieldErrors.objective}
        />
        <SelectField
          label={t("plan.priorityLabel")}
          name="priority"
          defaultValue={typed(failure?.values, "priority", "medium")}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`plan.priority.${p}`) }))}
        />
        <SelectField
          label={t("obligations.responsible")}
          name="responsiblePartyId"
          defaultValue={typed(failure?.values, "responsiblePartyId")}
          error={failure?.fieldErrors.responsiblePartyId}
          options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
        />
        <div className="grid grid-cols-2 gap-2">
          <TextField
            label={t("deliverables.startDate")}
            name="startDate"
            type="date"
            required
            defaultValue={typed(failure?.values, "startDate")}
            error={failure?.fieldErrors.startDate}
          />
          <TextField
            label={t("agreement.field.endDate")}
            name="endDate"
            type="date"
            required
            defaultValue={typed(failure?.values, "endDate")}
            error={failure?.fieldErrors.endDate}
          />
        </div>
        <TextField
          label={t("plan.budget")}
          name="budget"
          inputMode="decimal"
          optional
          dir="ltr"
          defaultValue={typed(failure?.values, "budget")}
          error={failure?.fieldErrors.budget}
        />
        <FormError failure={failure} />
        <Button className="w-full">{t("plan.addAction")}</Button>
      </AppForm>
    </Card>
  );
}
