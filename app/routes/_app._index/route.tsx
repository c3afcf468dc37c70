import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, PageHeader } from "~/components/ui/card";
import { OrganizationList } from "~/components/organization-list";
import { loadActor } from "~/domain/access/access.server";
import { StatusBadge } from "~/components/agreement-status";
import { eventLabel } from "~/domain/audit/event-view";
import { AGREEMENT_STATUSES } from "~/domain/agreement/lifecycle";
import { dashboardView } from "~/domain/dashboard/dashboard-view.server";
import { MonthlyBars } from "~/components/charts";
import { ProgressBar } from "~/components/progress-bar";
import { DateTimeText } from "~/components/ui/formatted";
import { todayInMorocco } from "~/lib/time";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { Attention } from "./attention";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  return dashboardView(db(), actor, {
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    locale: resolveLocale(request, user),
    today: todayInMorocco(),
  });
}

export default function Dashboard() {
  const {
    name,
    isPlatformAdmin,
    organizations,
    counts,
    recent,
    awaitingMySignature,
    awaitingMySignatureCount,
    attention,
    activity,
    charts,
  } = useLoaderData<typeof loader>();
  const { t, formatDate } = useI18n();
  return (
    <>
      <PageHeader title={t("dashboard.title")} subtitle={<span dir="auto">{t("dashboard.welcome", { name })}</span>} />
      <Attention data={attention} />
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card title={t("dashboard.yourOrganizations")}>
          {isPlatformAdmin ? <p className="mb-3 text-sm text-slate-600">{t("dashboard.platformAdmin")}</p> : null}
          {organizations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.noOrganization")}</p>
          ) : (
            <OrganizationList organizations={organizations} />
          )}
        </Card>
        <Card
          title={t("nav.agreements")}
          actions={
            <Link to="/agreements" className="text-sm text-brand-700 hover:underline">
              {t("dashboard.allAgreements")}
            </Link>
          }
        >
          {awaitingMySignature.length > 0 ? (
            <div
              className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3"
              data-testid="awaiting-my-signature"
            >
              <p className="text-sm font-semibold text-amber-900">
                {t("dashboard.awaitingYourSignature", { count: awaitingMySignatureCount })}
              </p>
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
              <Link
                key={s}
                to={`/agreements?status=${s}`}
                className="rounded-full bg-slate-100 px-3 py-1 text-xs no-underline text-slate-700 hover:bg-slate-200"
              >
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
                  {/* dir="auto": a French title in an Arabic page is cut at its end, not its beginning. */}
                  <Link
                    to={`/agreements/${a.id}`}
                    className="min-w-0 truncate text-brand-700 hover:underline"
                    dir="auto"
                  >
                    {a.title}
                  </Link>
                  <StatusBadge status={a.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {charts.progress.length || charts.beneficiariesByMonth.length ? (
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          {charts.progress.length ? (
            <Card
              title={t("dashboard.deliveredVsTarget")}
              actions={
                charts.progressCount > charts.progress.length ? (
                  <span className="text-sm text-slate-500">
                    {t("dashboard.shownOf", { shown: charts.progress.length, count: charts.progressCount })}
                  </span>
                ) : null
              }
            >
              <ul className="space-y-3" data-testid="progress-chart">
                {charts.progress.map((p) => (
                  <li key={p.id} className="text-sm">
                    <Link to={`/agreements/${p.id}/deliverables`} className="text-brand-700 hover:underline" dir="auto">
                      {p.title}
                    </Link>
                    <ProgressBar percent={p.percent} label={p.title} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {charts.beneficiariesByMonth.length ? (
            <Card title={t("dashboard.beneficiariesByMonth")}>
              <MonthlyBars data={charts.beneficiariesByMonth} label={t("dashboard.beneficiariesByMonth")} />
            </Card>
          ) : null}
        </div>
      ) : null}
      {activity.length ? (
        <div className="mt-6">
          <Card title={t("dashboard.activity")}>
            <ol className="divide-y divide-slate-100" data-testid="activity">
              {activity.map((e) => (
                <li key={e.seq} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0">
                    <Link
                      to={`/agreements/${e.agreementId}/history`}
                      className="text-brand-700 hover:underline"
                      dir="ltr"
                    >
                      {e.reference}
                    </Link>{" "}
                    · <span>{eventLabel(t, e.type, e.details, formatDate)}</span>
                  </span>
                  <span className="text-xs text-slate-500">
                    <DateTimeText value={e.createdAt} />
                    {e.actorName ? (
                      <>
                        {" "}
                        · <bdi>{e.actorName}</bdi>
                      </>
                    ) : null}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      ) : null}
    </>
  );
}
