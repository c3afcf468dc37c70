/** A report's annexes (photos, lists, documents, each checked by its content), and adding or removing one. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { useI18n } from "~/lib/i18n/react";
import type { ReportData } from "~/domain/report/report-view.server";

const ANNEX_KINDS = ["photo", "list", "document"] as const;

export function Annexes({ d, result }: { d: ReportData; result: unknown }) {
  const { t } = useI18n();
  const added = failureFor(result, "addAnnex");
  const base = `/agreements/${d.agreementId}/reports/${d.report.id}/annexes`;
  return (
    <div id="annexes">
      <Card title={t("reports.section.annexes")}>
        {d.annexes.length === 0 ? <p className="text-sm text-slate-600">{t("reports.annexes.none")}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="report-annexes">
          {d.annexes.map((a) => {
            const removeFailure = failureFor(result, "removeAnnex", a.id);
            return (
              <li
                key={a.id}
                className="flex flex-wrap items-center justify-between gap-2 py-2"
                data-testid="report-annex"
              >
                <span>
                  <a href={`${base}/${a.id}`} className="text-brand-700 underline">
                    <bdi>{a.name}</bdi>
                  </a>{" "}
                  <span className="text-slate-500">· {t(`reports.annex.${a.kind}`)}</span>
                </span>
                {a.removable ? (
                  <AppForm failure={removeFailure}>
                    <input type="hidden" name="intent" value="removeAnnex" />
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <Button variant="danger" className="px-3 py-1 text-xs">
                      {t("reports.annexes.remove")}
                    </Button>
                    <FormError failure={removeFailure} />
                  </AppForm>
                ) : null}
              </li>
            );
          })}
        </ul>
        {d.rights.canWrite ? (
          <AppForm
            failure={added}
            encType="multipart/form-data"
            className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-end"
            data-testid="add-annex"
          >
            <input type="hidden" name="intent" value="addAnnex" />
            <SelectField
              label={t("reports.annexes.kind")}
              name="kind"
              defaultValue={typed(added?.values, "kind", "photo")}
              error={added?.fieldErrors.kind}
              options={ANNEX_KINDS.map((k) => ({ value: k, label: t(`reports.annex.${k}`) }))}
            />
            <FileField
              label={t("reports.annexes.file")}
              name="file"
              accept="image/png,image/jpeg,application/pdf"
              required
              error={added?.fieldErrors.file}
            />
            <Button variant="secondary">{t("reports.annexes.upload")}</Button>
            <div className="sm:col-span-3">
              <FormError failure={added} />
            </div>
          </AppForm>
        ) : null}
      </Card>
    </div>
  );
}
