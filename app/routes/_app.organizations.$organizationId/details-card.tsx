/** The organization's details: the form for those who manage it, what is known for the others. */
import { OrganizationFields } from "~/components/organization-fields";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { AppForm, FormError, Notice } from "~/components/ui/form";
import type { OrganizationPageView } from "~/domain/organization/organization-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function DetailsCard({
  organization,
  canManage,
  saved,
  failure,
}: {
  organization: OrganizationPageView["organization"];
  canManage: boolean;
  saved: boolean;
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const initial = {
    kind: organization.kind,
    nameFr: organization.nameFr ?? "",
    nameAr: organization.nameAr ?? "",
    city: organization.city ?? "",
    region: organization.region ?? "",
    registrationNumber: organization.registrationNumber ?? "",
    contactEmail: organization.contactEmail ?? "",
    contactPhone: organization.contactPhone ?? "",
  };
  return (
    <Card title={t("organization.details")}>
      {canManage ? (
        <AppForm failure={failure} className="space-y-4">
          {saved ? <Notice>{t("form.saved")}</Notice> : null}
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="version" value={organization.version} />
          <OrganizationFields failure={failure} initial={initial} />
          <FormError failure={failure} />
          <Button>{t("organization.save")}</Button>
        </AppForm>
      ) : (
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
          {(
            [
              ["organization.region", organization.region],
              ["organization.registrationNumber", organization.registrationNumber],
              ["organization.contactEmail", organization.contactEmail],
              ["organization.contactPhone", organization.contactPhone],
            ] as const
          )
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt className="text-slate-500">{t(k)}</dt>
                <dd dir="auto">{v}</dd>
              </div>
            ))}
        </dl>
      )}
    </Card>
  );
}
