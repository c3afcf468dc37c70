/** The committee's rules: rhythm, quorum and who approves the minutes. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { APPROVAL_RULES, QUORUM_RULES, RHYTHMS } from "~/domain/committee/committee";
import type { CommitteeData } from "~/domain/committee/committee-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function Settings({ committee, failure }: { committee: CommitteeData; failure: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <Card title={t("committee.settings")}>
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name="version" value={committee.version} />
        <SelectField
          label={t("committee.rhythmLabel")}
          name="rhythm"
          defaultValue={typed(failure?.values, "rhythm", committee.rhythm)}
          options={RHYTHMS.map((r) => ({ value: r, label: t(`committee.rhythm.${r}`) }))}
        />
        <SelectField
          label={t("committee.quorumLabel")}
          name="quorumRule"
          defaultValue={typed(failure?.values, "quorumRule", committee.quorumRule)}
          options={QUORUM_RULES.map((r) => ({ value: r, label: t(`committee.quorum.${r}`) }))}
        />
        <TextField
          label={t("committee.quorumCount")}
          name="quorumCount"
          inputMode="numeric"
          optional
          defaultValue={typed(
            failure?.values,
            "quorumCount",
            committee.quorumCount ? String(committee.quorumCount) : "",
          )}
          error={failure?.fieldErrors.quorumCount}
        />
        <SelectField
          label={t("committee.approvalLabel")}
          name="approvalRule"
          defaultValue={typed(failure?.values, "approvalRule", committee.approvalRule)}
          options={APPROVAL_RULES.map((r) => ({ value: r, label: t(`committee.approval.${r}`) }))}
        />
        <FormError failure={failure} />
        <Button variant="secondary" className="w-full">
          {t("form.save")}
        </Button>
      </AppForm>
    </Card>
  );
}
