/**
 * The association's dossier: its standing documents (each kind's current one, its dates and state),
 * its bank details (printed on its calls for funds), and for those who manage it the upload and the
 * bank form. Shown on the organization's page and, read-only, to the partners of its agreements.
 */
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { DateText } from "~/components/ui/formatted";
import { AppForm, FormError, Notice, typed } from "~/components/ui/form";
import type { DocumentState } from "~/domain/finance/dossier";
import { DOSSIER_KINDS } from "~/domain/finance/dossier";
import type { DossierView } from "~/domain/finance/dossier.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

const STATE_TONE: Record<DocumentState, "green" | "amber" | "red" | "slate"> = {
  valid: "green",
  expiring: "amber",
  expired: "red",
  missing: "slate",
};

export function DossierCard({
  dossier,
  saved,
  uploadFailure,
  bankFailure,
}: {
  dossier: DossierView;
  saved: "document" | "bank" | null;
  uploadFailure: ActionFailure | null;
  bankFailure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const file = (id: string) => `/organizations/${dossier.organizationId}/dossier/${id}`;
  return (
    <Card title={t("dossier.title")}>
      <div className="grid gap-x-8 lg:grid-cols-2">
        <div data-testid="dossier">
          <p className="mb-3 text-sm text-slate-600">{t("dossier.intro")}</p>
          <p
            role="status"
            className={`mb-3 rounded-md p-3 text-sm ${dossier.status.valid ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-900"}`}
            data-testid="dossier-status"
          >
            {t(dossier.status.valid ? "finance.dossier.valid" : "finance.dossier.invalid")}
          </p>
          {saved === "document" ? <Notice>{t("dossier.saved")}</Notice> : null}
          <ul className="divide-y divide-slate-100" data-testid="dossier-documents">
            {dossier.kinds.map(({ kind, state, document }) => (
              <li key={kind} className="py-2" data-testid={`dossier-${kind}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="text-sm font-medium text-slate-900">{t(`dossier.kind.${kind}`)}</span>
                  <Badge tone={STATE_TONE[state]}>
                    <span data-testid="dossier-state">{t(`dossier.state.${state}`)}</span>
                  </Badge>
                </div>
                {document ? (
                  <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
                    <span>
                      {t("dossier.issuedOn")} <DateText value={document.issuedOn} style="medium" />
                    </span>
                    <span>
                      {document.expiresOn ? (
                        <>
                          {t("dossier.expiresOn")} <DateText value={document.expiresOn} style="medium" />
                        </>
                      ) : (
                        t("dossier.noExpiry")
                      )}
                    </span>
                    <a className="text-brand-700 underline" href={file(document.id)}>
                      <bdi>{document.fileName}</bdi>
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {dossier.superseded.length ? (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-600">
                {t("dossier.superseded", { count: dossier.superseded.length })}
              </summary>
              <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                {dossier.superseded.map((d) => (
                  <li key={d.id}>
                    {t(`dossier.kind.${d.kind}`)} · <DateText value={d.issuedOn} style="medium" /> ·{" "}
                    <a className="text-brand-700 underline" href={file(d.id)}>
                      <bdi>{d.fileName}</bdi>
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
        <div>
          {dossier.canManage ? <UploadForm failure={uploadFailure} /> : null}
          <BankDetails dossier={dossier} saved={saved === "bank"} failure={bankFailure} />
        </div>
      </div>
    </Card>
  );
}

function UploadForm({ failure }: { failure: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <AppForm
      encType="multipart/form-data"
      failure={failure}
      className="mt-4 space-y-3 border-t border-slate-100 pt-4 lg:mt-0 lg:border-t-0 lg:pt-0"
      data-testid="dossier-upload"
    >
      <h3 className="text-sm font-semibold text-slate-900">{t("dossier.upload.title")}</h3>
      <input type="hidden" name="intent" value="addDocument" />
      <SelectField
        label={t("dossier.field.kind")}
        name="kind"
        defaultValue={typed(failure?.values, "kind", DOSSIER_KINDS[0])}
        error={failure?.fieldErrors.kind}
        options={DOSSIER_KINDS.map((k) => ({ value: k, label: t(`dossier.kind.${k}`) }))}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("dossier.field.issuedOn")}
          name="issuedOn"
          type="date"
          required
          defaultValue={typed(failure?.values, "issuedOn")}
          error={failure?.fieldErrors.issuedOn}
        />
        <TextField
          label={t("dossier.field.expiresOn")}
          name="expiresOn"
          type="date"
          optional
          defaultValue={typed(failure?.values, "expiresOn")}
          error={failure?.fieldErrors.expiresOn}
        />
      </div>
      <FileField
        label={t("dossier.field.file")}
        name="file"
        required
        accept="application/pdf,image/png,image/jpeg"
        hint={t("dossier.upload.hint")}
        error={failure?.fieldErrors.file}
      />
      <FormError failure={failure} />
      <Button variant="secondary">{t("dossier.upload.submit")}</Button>
    </AppForm>
  );
}

function BankDetails({
  dossier,
  saved,
  failure,
}: {
  dossier: DossierView;
  saved: boolean;
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const { bank } = dossier;
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="bank-details">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("dossier.bank.title")}</h3>
      {saved ? <Notice>{t("dossier.bank.saved")}</Notice> : null}
      {dossier.canManage ? (
        <AppForm failure={failure} className="space-y-3">
          <input type="hidden" name="intent" value="bankDetails" />
          <input type="hidden" name="version" value={bank.version} />
          <p className="text-xs text-slate-600">{t("dossier.bank.hint")}</p>
          <TextField
            label={t("dossier.bank.country")}
            name="country"
            required
            maxLength={2}
            autoCapitalize="characters"
            defaultValue={typed(failure?.values, "country", bank.country)}
            error={failure?.fieldErrors.country}
          />
          <TextField
            label={t("finance.bank.name")}
            name="bankName"
            optional
            maxLength={120}
            defaultValue={typed(failure?.values, "bankName", bank.bankName ?? "")}
            error={failure?.fieldErrors.bankName}
          />
          <TextField
            label={t("finance.bank.account")}
            name="bankAccount"
            optional
            inputMode="numeric"
            dir="ltr"
            defaultValue={typed(failure?.values, "bankAccount", bank.formattedAccount ?? "")}
            error={failure?.fieldErrors.bankAccount}
          />
          <FormError failure={failure} />
          <Button variant="secondary">{t("dossier.bank.save")}</Button>
        </AppForm>
      ) : bank.bankAccount ? (
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("finance.bank.name")}</dt>
            <dd>
              <bdi>{bank.bankName}</bdi>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("finance.bank.account")}</dt>
            <dd className="font-mono">
              <bdi dir="ltr">{bank.formattedAccount}</bdi>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">{t("dossier.bank.none")}</p>
      )}
    </div>
  );
}
