/**
 * A list of organizations as the dashboard and the organizations page show it: the name (a link to its
 * page), its kind, city and region, and how many members it has.
 */
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import type { OrganizationKind } from "../../db/schema";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";

export interface OrganizationRow {
  id: string;
  kind: OrganizationKind;
  nameFr: string | null;
  nameAr: string | null;
  city: string | null;
  region?: string | null;
  memberCount: number;
}

export function OrganizationList({ organizations }: { organizations: OrganizationRow[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="divide-y divide-slate-100">
      {organizations.map((o) => (
        <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div>
            <Link to={`/organizations/${o.id}`} className="font-medium text-brand-700 hover:underline" dir="auto">
              {displayName(o, locale)}
            </Link>
            <p className="text-sm text-slate-500">
              {t(`organization.kind.${o.kind}`)}
              {[o.city, o.region].map((place, i) =>
                place ? (
                  <Fragment key={i}>
                    {" "}
                    · <bdi>{place}</bdi>
                  </Fragment>
                ) : null,
              )}
            </p>
          </div>
          <span className="text-sm text-slate-500">{t("dashboard.members", { count: o.memberCount })}</span>
        </li>
      ))}
    </ul>
  );
}
