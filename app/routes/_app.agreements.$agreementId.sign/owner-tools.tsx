/** For the drafting organization's managers, while signatures are awaited: the signing order, and recording a paper signing. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import type { SigningView } from "~/domain/signing/signing-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function OwnerSigningTools({
  view,
  orderFailure,
  paperFailure,
}: {
  view: SigningView;
  orderFailure: ActionFailure | null;
  paperFailure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      <Card title={t("signing.order")}>
        <AppForm failure={orderFailure} className="space-y-2">
          <input type="hidden" name="intent" value="signingOrder" />
          <div className="flex items-end gap-2">
            <SelectField
              label={t("signing.order")}
              name="signingOrder"
              defaultValue={view.order}
              options={[
                { value: "any", label: t("signing.order.any") },
                { value: "association_first", label: t("signing.order.associationFirst") },
              ]}
            />
            <Button variant="secondary">{t("form.save")}</Button>
          </div>
          <FormError failure={orderFailure} />
        </AppForm>
      </Card>
      <Card title={t("signing.paper.title")}>
        <details open={!!paperFailure}>
          <summary className="cursor-pointer text-sm text-brand-700">{t("signing.paper.intro")}</summary>
          <AppForm
            failure={paperFailure}
            encType="multipart/form-data"
            className="mt-3 space-y-3"
            data-testid="paper-form"
          >
            <input type="hidden" name="intent" value="paper" />
            <TextField
              label={t("signing.paper.date")}
              name="signedOn"
              type="date"
              required
              defaultValue={typed(paperFailure?.values, "signedOn")}
              error={paperFailure?.fieldErrors.signedOn}
            />
            <TextField
              label={t("signing.paper.place")}
              name="place"
              required
              maxLength={120}
              defaultValue={typed(paperFailure?.values, "place")}
              error={paperFailure?.fieldErrors.place}
            />
            {view.unsigned.map((p) => (
              <fieldset key={p.id} className="rounded-md border border-slate-200 p-2">
                <legend className="px-1 text-sm font-medium">
                  <bdi>{displayName(p, locale)}</bdi>
                </legend>
                <TextField
                  label={t("signing.paper.signer")}
                  name={`signer.${p.id}.name`}
                  required
                  maxLength={160}
                  defaultValue={typed(paperFailure?.values, `signer.${p.id}.name`, p.signatoryName ?? "")}
                  error={paperFailure?.fieldErrors[`signer.${p.id}.name`]}
                />
                <TextField
                  label={t("party.signatoryTitle")}
                  name={`signer.${p.id}.title`}
                  optional
                  maxLength={160}
                  defaultValue={typed(paperFailure?.values, `signer.${p.id}.title`, p.signatoryTitle ?? "")}
                  error={paperFailure?.fieldErrors[`signer.${p.id}.title`]}
                />
              </fieldset>
            ))}
            <FileField
              id="scan"
              label={t("signing.paper.scan")}
              name="scan"
              accept="application/pdf"
              required
              hint={t("signing.paper.scanHint")}
              error={paperFailure?.fieldErrors.scan}
            />
            <FormError failure={paperFailure} />
            <Button className="w-full">{t("signing.paper.submit")}</Button>
          </AppForm>
        </details>
      </Card>
    </>
  );
}
