import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, PageHeader } from "~/components/ui/card";
import { loadActor } from "~/domain/access/access.server";
import { displayName } from "~/domain/organization/organization";
import { listOrganizations } from "~/domain/organization/organization.server";
import { StatusBadge } from "~/components/agreement-status";
import { AgreementListQuery } from "~/domain/agreement/agreement.schema";
import { listAgreements } from "~/domain/agreement/agreement.queries.server";
import { AGREEMENT_STATUSES } from "~/domain/agreement/lifecycle";
import { signaturesAwaitedFrom } from "~/domain/signing/signing.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  const organizations = await listOrganizations(db(), actor, "mine");
  const agreements = await listAgreements(db(), actor, AgreementListQuery.parse({}));
  return {
    counts: agreements.counts,
    recent: agreements.items.slice(0, 5).map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status })),
    awaitingMySignature: await signaturesAwaitedFrom(db(), user.id),
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    organizations: organizations.map((o) => ({ id: o.id, kind: o.kind, nameFr: o.nameFr, nameAr: o.nameAr, city: o.city, memberCount: o.memberCount })),
  };
}

export default function Dashboard() {
  const { name, isPlatformAdmin, organizations, counts, recent, awaitingMySignature } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <>
      <PageHeader title={t("dashboard.title")} subtitle={<span dir="auto">{t("dashboard.welcome", { name })}</span>} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("dashboard.yourOrganizations")}>
          {isPlatformAdmin ? <p className="mb-3 text-sm text-slate-600">{t("dashboard.platformAdmin")}</p> : null}
          {organizations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.noOrganization")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {organizations.map((o) => (
                <li key={o.id} className="flex items-center justify-between gap-3 py-2">
                  <div>
                    <Link to={`/organizations/${o.id}`} className="font-medium text-brand-700 hover:underline" dir="auto">
                      {displayName(o, locale)}
                    </Link>
                    <p className="text-sm text-slate-500">
                      {t(`organization.kind.${o.kind}`)}
                      {o.city ? <> · <bdi>{o.city}</bdi></> : null}
                    </p>
                  </div>
                  <span className="text-sm text-slate-500">{t("dashboard.members", { count: o.memberCount })}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("nav.agreements")} actions={<Link to="/agreements" className="text-sm text-brand-700 hover:underline">{t("dashboard.allAgreements")}</Link>}>
          {awaitingMySignature.length > 0 ? (
            <div className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="awaiting-my-signature">
              <p className="text-sm font-semibold text-amber-900">{t("dashboard.awaitingYourSignature", { count: awaitingMySignature.length })}</p>
              <ul className="mt-1 space-y-1 text-sm">
                {awaitingMySignature.map((a) => (
                  <li key={a.id}>
                    <Link to={`/agreements/${a.id}/sign`} className="text-brand-700 underline">
                      <span dir="ltr">{a.reference}</span> · <bdi>{a.title}</bdi>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="mb-3 flex flex-wrap gap-2" data-testid="dashboard-counts">
            {AGREEMENT_STATUSES.filter((s) => counts[s]).map((s) => (
              <Link key={s} to={`/agreements?status=${s}`} className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700 hover:bg-slate-200">
                {t(`status.${s}`)} · {counts[s]}
              </Link>
            ))}
          </div>
          {recent.length === 0 ? (
            <p className="text-sm text-slate-600">{t("agreements.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {recent.map((a) => (
                <li key={a.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <Link to={`/agreements/${a.id}`} className="min-w-0 truncate text-brand-700 hover:underline">
                    <bdi>{a.title}</bdi>
                  </Link>
                  <StatusBadge status={a.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
