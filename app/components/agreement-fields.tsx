/** The fields of an agreement's details, shared by the creation and edit forms. */
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { typed } from "~/components/ui/form";
import { CURRENCIES } from "~/domain/agreement/agreement.schema";
import type { FormFailure, FormValues } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

const KINDS = ["partnership", "mou", "framework", "sponsorship"] as const;

export function AgreementFields({
  failure,
  initial,
  isAmendment = false,
}: {
  failure: FormFailure | null;
  initial?: FormValues;
  isAmendment?: boolean;
}) {
  const { t } = useI18n();
  const values = failure?.values ?? initial;
  const errors = failure?.fieldErrors ?? {};
  const v = (name: string, fallback = "") => typed(values, name, fallback);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField
          label={t("agreement.field.title")}
          name="title"
          required
          maxLength={300}
          defaultValue={v("title")}
          error={errors.title}
        />
      </div>
      <div className="sm:col-span-2">
        <TextField
          label={t("agreement.field.titleSecondary")}
          name="titleSecondary"
          optional
          maxLength={300}
          hint={t("agreement.field.titleSecondaryHint")}
          defaultValue={v("titleSecondary")}
          error={errors.titleSecondary}
        />
      </div>
      {isAmendment ? (
        <input type="hidden" name="kind" value="partnership" />
      ) : (
        <SelectField
          label={t("agreement.field.kind")}
          name="kind"
          defaultValue={v("kind", "partnership")}
          error={errors.kind}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      )}
      <TextField
        label={t("agreement.field.territory")}
        name="territory"
        optional
        maxLength={200}
        hint={t("agreement.field.territoryHint")}
        defaultValue={v("territory")}
        error={errors.territory}
      />
      <div className="sm:col-span-2">
        <TextAreaField
          label={t("agreement.field.purpose")}
          name="purpose"
          optional
          rows={4}
          maxLength={20000}
          hint={t("agreement.field.markdownHint")}
          defaultValue={v("purpose")}
          error={errors.purpose}
        />
      </div>
      <TextField
        label={t("agreement.field.signingPlace")}
        name="signingPlace"
        optional
        maxLength={120}
        defaultValue={v("signingPlace")}
        error={errors.signingPlace}
      />
      <TextField
        label={t("agreement.field.effectiveDate")}
        name="effectiveDate"
        type="date"
        optional
        defaultValue={v("effectiveDate")}
        error={errors.effectiveDate}
      />
      <TextField
        label={t("agreement.field.endDate")}
        name="endDate"
        type="date"
        optional
        defaultValue={v("endDate")}
        error={errors.endDate}
      />
      <TextField
        label={t("agreement.field.durationMonths")}
        name="durationMonths"
        inputMode="numeric"
        maxLength={6}
        optional
        hint={t("agreement.field.durationHint")}
        defaultValue={v("durationMonths")}
        error={errors.durationMonths}
      />
      <div className="flex items-center gap-2 pt-6">
        <input
          id="tacitRenewal"
          type="checkbox"
          name="tacitRenewal"
          defaultChecked={v("tacitRenewal") === "on"}
          className="h-4 w-4 rounded border-slate-300"
        />
        <label htmlFor="tacitRenewal" className="text-sm text-slate-800">
          {t("agreement.field.tacitRenewal")}
        </label>
      </div>
      <TextField
        label={t("agreement.field.renewalNoticeDays")}
        name="renewalNoticeDays"
        inputMode="numeric"
        maxLength={6}
        optional
        defaultValue={v("renewalNoticeDays")}
        error={errors.renewalNoticeDays}
      />
      <TextField
        label={t("agreement.field.totalBudget")}
        name="totalBudget"
        inputMode="decimal"
        optional
        maxLength={20}
        dir="ltr"
        defaultValue={v("totalBudget")}
        error={errors.totalBudget}
      />
      <SelectField
        label={t("agreement.field.currency")}
        name="currency"
        defaultValue={v("currency", "MAD")}
        error={errors.currency}
        options={CURRENCIES.map((c) => ({ value: c, label: c }))}
      />
    </div>
  );
}
