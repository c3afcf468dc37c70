import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementFields } from "~/components/agreement-fields";
import { Button, buttonClass } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { SelectField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { canCreateAgreement } from "~/domain/access/access";
import { NewAgreementSchema } from "~/domain/agreement/agreement.schema";
import { createAgreement } from "~/domain/agreement/agreement.commands.server";
import { displayName } from "~/domain/organization/organization";
import { newAgreementView } from "~/domain/agreement/new-agreement-view.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { fieldRejected, invalid, readSubmission } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agreements.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const view = await newAgreementView(db(), actor);
  if (!view) notFound();
  return view;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  if (!canCreateAgreement(actor)) notFound();
  const form = parseForm(NewAgreementSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "create");
  const created = await createAgreement(db(), actor, meta, form.data);
  if (!created.ok) return fieldRejected(form.values, "create", { ownerOrganizationId: { key: "form.error.choice" } });
  return redirect(`/agreements/${created.id}/clauses`);
}

export default function NewAgreement() {
  const { owners, partners } = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "create");
  const { t, locale } = useI18n();
  return (
    <>
      <nav aria-label={t("nav.breadcrumbs")} className="mb-2 text-sm text-slate-500">
        <Link to="/agreements" className="hover:underline">
          {t("nav.agreements")}
        </Link>
      </nav>
      <PageHeader title={t("agreements.new")} subtitle={t("agreement.new.intro")} />
      <Card>
        <AppForm failure={failed} className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t("agreement.field.owner")}
              name="ownerOrganizationId"
              defaultValue={typed(failed?.values, "ownerOrganizationId", owners[0]?.id)}
              error={failed?.fieldErrors.ownerOrganizationId}
              options={owners.map((o) => ({ value: o.id, label: displayName(o, locale) }))}
            />
            <SelectField
              label={t("agreement.field.partner")}
              name="partnerOrganizationId"
              optional
              hint={t("agreement.field.partnerHint")}
              defaultValue={typed(failed?.values, "partnerOrganizationId")}
              error={failed?.fieldErrors.partnerOrganizationId}
              options={[
                { value: "", label: "—" },
                ...partners.map((o) => ({
                  value: o.id,
                  label: `${displayName(o, locale)} (${t(`organization.kind.${o.kind}`)})`,
                })),
              ]}
            />
          </div>
          <AgreementFields failure={failed} />
          <FormError failure={failed} />
          <div className="flex gap-3">
            <Button>{t("agreement.create")}</Button>
            <Link to="/agreements" className={buttonClass("ghost")}>
              {t("form.cancel")}
            </Link>
          </div>
        </AppForm>
      </Card>
    </>
  );
}
