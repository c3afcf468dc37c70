/** A deliverable's named beneficiaries (law 09-08): a list opened with a purpose and a retention date, then people added with their consent. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, typed } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import type { DeliverableView } from "~/domain/delivery/deliverables-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

type ListView = NonNullable<DeliverableView["beneficiaryList"]>;

/** The named list, for its keepers only; partners and others see how many people it holds. */
export function BeneficiaryList({
  list,
  openFailure,
  addFailure,
}: {
  list: ListView;
  openFailure: ActionFailure | null;
  addFailure: ActionFailure | null;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("beneficiaries.title")}>
      <p className="mb-3 text-xs text-slate-600">{t("beneficiaries.privacy")}</p>
      {!list.exists ? (
        <AppForm failure={openFailure} className="space-y-2">
          <input type="hidden" name="intent" value="openList" />
          <TextAreaField
            label={t("beneficiaries.purpose")}
            name="purpose"
            required
            rows={2}
            maxLength={500}
            hint={t("beneficiaries.purposeHint")}
            defaultValue={typed(openFailure?.values, "purpose")}
            error={openFailure?.fieldErrors.purpose}
          />
          <TextField
            label={t("beneficiaries.retentionUntil")}
            name="retentionUntil"
            type="date"
            required
            hint={t("beneficiaries.retentionHint")}
            defaultValue={typed(openFailure?.values, "retentionUntil")}
            error={openFailure?.fieldErrors.retentionUntil}
          />
          <Button variant="secondary" className="w-full">
            {t("beneficiaries.open")}
          </Button>
        </AppForm>
      ) : (
        <>
          <p className="text-sm" data-testid="beneficiary-count">
            {t("deliverables.beneficiaries", { count: list.count })} · {t("beneficiaries.keptUntil")}{" "}
            <DateText value={list.retentionUntil} />
          </p>
          {list.people ? (
            <>
              <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="beneficiary-names">
                {list.people.map((p) => (
                  <li key={p.id} className="py-1">
                    {p.erasedAt ? (
                      <span className="text-slate-400">{t("beneficiaries.erased")}</span>
                    ) : (
                      <bdi>{p.fullName}</bdi>
                    )}
                    {p.nationalId ? (
                      <span className="ms-2 font-mono text-xs text-slate-500" dir="ltr">
                        {p.nationalId}
                      </span>
                    ) : null}
                    {p.householdSize ? (
                      <span className="ms-2 text-xs text-slate-500">
                        {t("beneficiaries.household", { count: p.householdSize })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <AppForm key={list.count} failure={addFailure} className="mt-3 space-y-2">
                <input type="hidden" name="intent" value="addBeneficiary" />
                <TextField
                  label={t("beneficiaries.fullName")}
                  name="fullName"
                  required
                  maxLength={200}
                  defaultValue={typed(addFailure?.values, "fullName")}
                  error={addFailure?.fieldErrors.fullName}
                />
                <TextField
                  label={t("beneficiaries.nationalId")}
                  name="nationalId"
                  optional
                  maxLength={40}
                  hint={t("beneficiaries.nationalIdHint")}
                  error={addFailure?.fieldErrors.nationalId}
                  dir="ltr"
                />
                <TextField
                  label={t("beneficiaries.householdSize")}
                  name="householdSize"
                  inputMode="numeric"
                  optional
                  defaultValue={typed(addFailure?.values, "householdSize")}
                  error={addFailure?.fieldErrors.householdSize}
                />
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="consent"
                    required
                    className="mt-1 h-4 w-4"
                    aria-invalid={addFailure?.fieldErrors.consent ? true : undefined}
                  />
                  <span>{t("beneficiaries.consent")}</span>
                </label>
                {addFailure?.fieldErrors.consent ? (
                  <p role="alert" className="text-sm font-medium text-red-700">
                    {t(addFailure.fieldErrors.consent.key)}
                  </p>
                ) : null}
                <Button variant="secondary" className="w-full">
                  {t("beneficiaries.add")}
                </Button>
              </AppForm>
            </>
          ) : (
            <p className="mt-2 text-xs text-slate-500">{t("beneficiaries.countsOnly")}</p>
          )}
        </>
      )}
    </Card>
  );
}
