/**
 * Import agreements, or deliverables of existing agreements, from a spreadsheet: choose the
 * file, see every line checked, then import them all at once — or nothing, when any line has
 * an error.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { SelectField } from "~/components/ui/field";
import { AppForm, failureFor, FormError } from "~/components/ui/form";
import { FileField } from "~/components/ui/file-field";
import { mayImportFor } from "~/domain/export/import";
import { ImportSchema, MAX_IMPORT_BYTES } from "~/domain/export/import.schema";
import { importSpreadsheet, spreadsheetText } from "~/domain/export/import.server";
import { importView } from "~/domain/export/import-view.server";
import { displayName } from "~/domain/organization/organization";
import { dispatch, fieldRejected, readSubmission, type Submission } from "~/lib/actions.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { fileField } from "~/lib/uploads.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const view = await importView(db(), actor);
  if (!view) notFound();
  return view;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  // Both forms answer the same way: a file error beside the file (the `preview` form), or the lines checked.
  const check = async ({ formData, intent, tooLarge }: Submission) => {
    const form = parseForm(ImportSchema, formData);
    const values = { ownerOrganizationId: String(formData.get("ownerOrganizationId") ?? "") };
    if (!form.ok) return fieldRejected(values, "preview", { ownerOrganizationId: { key: "form.error.choice" } });
    if (!mayImportFor(actor, form.data.ownerOrganizationId)) notFound();
    // The file on preview; on import, the same text sent back from the preview.
    const file = intent === "import" ? null : await fileField(formData, "file");
    const text = intent === "import" ? (form.data.csv ?? "") : file ? await spreadsheetText(file.bytes) : "";
    if (tooLarge || text === null || !text.trim())
      return fieldRejected(values, "preview", {
        file: {
          key: tooLarge ? "upload.error.tooLarge" : text === null ? "import.error.unreadable" : "import.error.file",
        },
      });
    const outcome = await importSpreadsheet(db(), actor, meta, {
      ownerOrganizationId: form.data.ownerOrganizationId,
      text,
      write: intent === "import",
    });
    if (outcome.imported !== null) return redirect(outcome.imported);
    // A valid file refused while being written (something changed meanwhile): nothing was imported, and the page says so.
    return data(
      {
        ok: outcome.ok,
        fieldErrors: {},
        values,
        plan: outcome.preview,
        csv: text,
        refused: intent === "import",
      },
      { status: outcome.status },
    );
  };
  return dispatch(await readSubmission(request, { maxFileBytes: MAX_IMPORT_BYTES }), { preview: check, import: check });
}

export default function ImportAgreements() {
  const { owners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const checked = result && "plan" in result ? result : null;
  const plan = checked?.plan ?? null;
  const owner = result?.values?.ownerOrganizationId ?? owners[0]?.id;
  const fieldFailure = failureFor(result, "preview");
  return (
    <>
      <nav aria-label={t("nav.breadcrumbs")} className="mb-2 text-sm text-slate-500">
        <Link to="/agreements" className="hover:underline">
          {t("nav.agreements")}
        </Link>
      </nav>
      <PageHeader title={t("import.title")} subtitle={t("import.intro")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <AppForm encType="multipart/form-data" failure={fieldFailure} className="space-y-3">
            <input type="hidden" name="intent" value="preview" />
            <SelectField
              label={t("import.owner")}
              name="ownerOrganizationId"
              defaultValue={owner}
              options={owners.map((o) => ({ value: o.id, label: displayName(o, locale) }))}
            />
            <FileField
              label={t("import.file")}
              name="file"
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              error={fieldFailure?.fieldErrors?.file}
            />
            <FormError failure={fieldFailure} />
            <Button variant="secondary">{t("import.preview")}</Button>
          </AppForm>
        </Card>
        {plan ? (
          <div className="lg:col-span-2">
            <Card>
              {plan.fileError ? (
                <p role="alert" className="text-sm font-medium text-red-700" data-testid="import-file-error">
                  {t(plan.fileError.key, plan.fileError.vars)}
                </p>
              ) : (
                <>
                  <table className="w-full text-sm" data-testid="import-preview">
                    <thead>
                      <tr className="text-start text-slate-500">
                        <th className="py-1 text-start font-medium">{t("import.line")}</th>
                        <th className="py-1 text-start font-medium">{t("export.col.title")}</th>
                        <th className="py-1 text-start font-medium">{t(plan.wording.context)}</th>
                        <th className="py-1 text-start font-medium" />
                      </tr>
                    </thead>
                    <tbody>
                      {plan.rows.map((r) => (
                        <tr
                          key={r.line}
                          className="border-t border-slate-100 align-top"
                          data-valid={r.errors.length ? "false" : "true"}
                        >
                          <td className="py-1 tabular-nums">{r.line}</td>
                          <td className="py-1" dir="auto">
                            {r.title}
                          </td>
                          <td className="py-1" dir="auto">
                            {r.context}
                          </td>
                          <td className="py-1">
                            {r.errors.length ? (
                              <ul className="text-red-700">
                                {r.errors.map((e, i) => (
                                  <li key={i}>
                                    <span className="text-slate-500">
                                      {t(`export.col.${e.column}` as "export.col.title")}
                                    </span>{" "}
                                    — {t(e.error.key, e.error.vars)}
                                  </li>
                                ))}
                              </ul>
                            ) : (
                              <span className="text-green-700">✓ {t("import.valid")}</span>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {checked?.refused && plan.everyLineReady ? (
                    <p role="alert" className="mt-4 text-sm font-medium text-red-700" data-testid="import-refused">
                      {t("import.error.refused")}
                    </p>
                  ) : null}
                  {plan.everyLineReady ? (
                    <AppForm className="mt-4">
                      <input type="hidden" name="intent" value="import" />
                      <input type="hidden" name="ownerOrganizationId" value={owner} />
                      <input type="hidden" name="csv" value={checked?.csv ?? ""} />
                      <Button>{t(plan.wording.confirm, { count: plan.rows.length })}</Button>
                    </AppForm>
                  ) : (
                    <p role="alert" className="mt-4 text-sm text-red-700">
                      {t("import.fixAndRetry")}
                    </p>
                  )}
                </>
              )}
            </Card>
          </div>
        ) : null}
      </div>
    </>
  );
}
