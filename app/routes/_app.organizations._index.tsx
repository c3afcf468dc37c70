import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { OrganizationList } from "~/components/organization-list";
import { canCreateOrganization } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { listOrganizations } from "~/domain/organization/organization.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organizations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  const organizations = await listOrganizations(db(), actor);
  return {
    canCreate: canCreateOrganization(actor),
    scope: actor.isPlatformAdmin ? ("all" as const) : ("yours" as const),
    organizations: organizations.map((o) => ({
      id: o.id,
      kind: o.kind,
      nameFr: o.nameFr,
      nameAr: o.nameAr,
      city: o.city,
      region: o.region,
      memberCount: o.memberCount,
    })),
  };
}

export default function Organizations() {
  const { canCreate, scope, organizations } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        title={t("organizations.title")}
        subtitle={t("organizations.count", { count: organizations.length })}
        actions={
          canCreate ? (
            <Link to="/organizations/new" className={buttonClass("primary")}>
              {t("organizations.new")}
            </Link>
          ) : null
        }
      />
      <Card title={t(scope === "all" ? "organizations.all" : "organizations.yours")}>
        {organizations.length === 0 ? (
          <p className="text-sm text-slate-600">{t("organizations.empty")}</p>
        ) : (
          <OrganizationList organizations={organizations} />
        )}
      </Card>
    </>
  );
}
