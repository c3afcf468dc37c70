import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { OrganizationFields } from "~/components/organization-fields";
import { Button, buttonClass } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { AppForm, asFailure, FormError } from "~/components/ui/form";
import { canCreateOrganization } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { OrganizationFields as OrganizationSchema } from "~/domain/organization/organization.schema";
import { createOrganization } from "~/domain/organization/organization.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { clientInfo, notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organizations.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateOrganization(await loadActor(db(), user))) notFound();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  if (!canCreateOrganization(actor)) notFound();
  const form = parseForm(OrganizationSchema, await request.formData());
  if (!form.ok) return data(form, { status: 400 });
  const result = await createOrganization(
    db(),
    actor,
    { actorUserId: user.id, ...clientInfo(request, context) },
    form.data,
  );
  if (!result.ok) notFound();
  return redirect(`/organizations/${result.id}`);
}

export default function NewOrganization() {
  const failed = asFailure(useActionData<typeof action>());
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("organizations.new")} />
      <Card>
        <AppForm failure={failed} className="space-y-6">
          <OrganizationFields failure={failed} />
          <FormError failure={failed} />
          <div className="flex gap-3">
            <Button>{t("organization.create")}</Button>
            <Link to="/organizations" className={buttonClass("ghost")}>
              {t("form.cancel")}
            </Link>
          </div>
        </AppForm>
      </Card>
    </>
  );
}
