/** The fields of an organization, shared by the create and edit forms. */
import { SelectField, TextField } from "~/components/ui/field";
import { typed } from "~/components/ui/form";
import { ORGANIZATION_KINDS } from "~/domain/organization/organization.schema";
import type { FormFailure, FormValues } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function OrganizationFields({ failure, initial }: { failure: FormFailure | null; initial?: FormValues }) {
  const { t } = useI18n();
  const values = failure?.values ?? initial;
  const errors = failure?.fieldErrors ?? {};
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={t("organization.kind")}
        name="kind"
        required
        defaultValue={typed(values, "kind", "association")}
        error={errors.kind}
        options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`organization.kind.${k}`) }))}
      />
      <div className="hidden sm:block" />
      <TextField
        label={t("organization.nameFr")}
        name="nameFr"
        maxLength={200}
        hint={t("organization.nameHint")}
        defaultValue={typed(values, "nameFr")}
        error={errors.nameFr}
      />
      <TextField
        label={t("organization.nameAr")}
        name="nameAr"
        maxLength={200}
        lang="ar"
        dir="rtl"
        defaultValue={typed(values, "nameAr")}
        error={errors.nameAr}
      />
      <TextField
        label={t("organization.city")}
        name="city"
        maxLength={120}
        optional
        defaultValue={typed(values, "city")}
        error={errors.city}
      />
      <TextField
        label={t("organization.region")}
        name="region"
        maxLength={120}
        optional
        defaultValue={typed(values, "region")}
        error={errors.region}
      />
      <TextField
        label={t("organization.registrationNumber")}
        name="registrationNumber"
        maxLength={80}
        optional
        defaultValue={typed(values, "registrationNumber")}
        error={errors.registrationNumber}
      />
      <TextField
        label={t("organization.contactEmail")}
        name="contactEmail"
        type="email"
        maxLength={254}
        optional
        dir="ltr"
        defaultValue={typed(values, "contactEmail")}
        error={errors.contactEmail}
      />
      <TextField
        label={t("organization.contactPhone")}
        name="contactPhone"
        type="tel"
        maxLength={40}
        optional
        dir="ltr"
        defaultValue={typed(values, "contactPhone")}
        error={errors.contactPhone}
      />
    </div>
  );
}
