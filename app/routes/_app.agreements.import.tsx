/**
 * Import agreements, or deliverables of existing agreements, from a spreadsheet: choose the
 * file, see every line checked, then import them all at once — or nothing, when any line has
 * an error.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { SelectField } from "~/components/ui/field";
import { AppForm, FormError } from "~/components/ui/form";
import { FileField } from "~/components/ui/file-field";
import { organizationsForNewAgreement } from "~/domain/access/access";
import { applyImport, planImport } from "~/domain/export/import.server";
import { isXlsx, xlsxAsCsv } from "~/domain/export/xlsx.server";
import { displayName } from "~/domain/organization/organization";
import { listOrganizationDirectory } from "~/domain/organization/organization.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { fileField, readFormData } from "~/lib/uploads.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.title");

const MAX_BYTES = 2 * 1024 * 1024;
const Form = z.object({
  intent: z.enum(["preview", "import"]),
  ownerOrganizationId: z.string({ error: "form.error.choice" }).regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" }),
  csv: z.string().max(MAX_BYTES).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const own = organizationsForNewAgreement(actor);
  if (!own.length) notFound();
  return { owners: (await listOrganizationDirectory(db())).filter((o) => own.includes(o.id)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  const { formData, tooLarge } = await readFormData(request, MAX_BYTES);
  const parsed = Form.safeParse({
    intent: formData.get("intent"),
    ownerOrganizationId: formData.get("ownerOrganizationId"),
    csv: formData.get("csv") ?? undefined,
  });
  const values = { ownerOrganizationId: String(formData.get("ownerOrganizationId") ?? "") };
  if (!parsed.success)
    return data(
      { ...failure(values, { ownerOrganizationId: { key: "form.error.choice" } }), plan: null, csv: "" },
      { status: 400 },
    );
  if (!organizationsForNewAgreement(actor).includes(parsed.data.ownerOrganizationId)) notFound();
  // The file on preview (CSV, or an Excel workbook read as the same table); on import, the same
  // text sent back from the preview.
  const file = await fileField(formData, "file");
  const text =
    parsed.data.intent === "import"
      ? (parsed.data.csv ?? "")
      : !file
        ? ""
        : isXlsx(file.bytes)
          ? await xlsxAsCsv(file.bytes)
          : new TextDecoder("utf-8").decode(file.bytes);
  if (tooLarge || text === null || !text.trim())
    return data(
      {
        ...failure(values, {
          file: {
            key: tooLarge ? "upload.error.tooLarge" : text === null ? "import.error.unreadable" : "import.error.file",
          },
        }),
        plan: null,
        csv: "",
      },
      { status: 400 },
    );
  const plan = await planImport(db(), actor, parsed.data.ownerOrganizationId, text);
  if (parsed.data.intent === "import") {
    const result = await applyImport(db(), actor, meta, parsed.data.ownerOrganizationId, plan);
    if (result.ok && plan.kind === "agreements") return redirect(`/agreements?status=draft&imported=${result.count}`);
    if (result.ok) {
      const [only, ...others] = result.agreementIds;
      return redirect(
        others.length
          ? `/agreements?imported=${result.count}&kind=deliverables`
          : `/agreements/${only}/deliverables?imported=${result.count}`,
      );
    }
  }
  // A valid file refused while being written (something changed meanwhile): nothing was imported, and the page says so.
  const refused = parsed.data.intent === "import";
  const status = plan.fileError || plan.rows.some((r) => r.errors.length) ? 400 : refused ? 409 : 200;
  const ready = plan.kind === "agreements" ? plan.agreements.length : plan.deliverables.length;
  return data(
    {
      ok: status === 200,
      fieldErrors: {},
      values,
      plan: { kind: plan.kind, rows: plan.rows, fileError: plan.fileError, ready },
      csv: text,
      refused,
    },
    { status },
  );
}

export default function ImportAgreements() {
  const { owners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const plan = result?.plan ?? null;
  const owner = result?.values?.ownerOrganizationId ?? owners[0]?.id;
  const fieldFailure = result && !plan ? (result as unknown as Parameters<typeof FormError>[0]["failure"]) : null;
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
                        <th className="py-1 text-start font-medium">
                          {t(plan.kind === "agreements" ? "export.col.parties" : "import.col.agreement")}
                        </th>
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
                  {result && "refused" in result && result.refused && plan.ready === plan.rows.length ? (
                    <p role="alert" className="mt-4 text-sm font-medium text-red-700" data-testid="import-refused">
                      {t("import.error.refused")}
                    </p>
                  ) : null}
                  {plan.ready === plan.rows.length ? (
                    <AppForm className="mt-4">
                      <input type="hidden" name="intent" value="import" />
                      <input type="hidden" name="ownerOrganizationId" value={owner} />
                      <input type="hidden" name="csv" value={result?.csv ?? ""} />
                      <Button>
                        {t(plan.kind === "agreements" ? "import.confirm" : "import.confirmDeliverables", {
                          count: plan.rows.length,
                        })}
                      </Button>
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
