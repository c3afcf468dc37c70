/** The agreement's details form, while its text is editable. */
import { AgreementFields } from "~/components/agreement-fields";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { AppForm, FormError } from "~/components/ui/form";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function DetailsCard({
  version,
  isAmendment,
  initial,
  failure,
}: {
  version: number;
  isAmendment: boolean;
  initial: NonNullable<AgreementOverview["form"]>;
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("agreement.editDetails")}>
      <AppForm failure={failure} className="space-y-4">
        <input type="hidden" name="intent" value="details" />
        <input type="hidden" name="version" value={version} />
        <AgreementFields failure={failure} initial={initial} isAmendment={isAmendment} />
        <FormError failure={failure} />
        <Button>{t("agreement.save")}</Button>
      </AppForm>
    </Card>
  );
}
