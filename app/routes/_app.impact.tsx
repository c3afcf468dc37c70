/**
 * The partner's view: for every signed agreement of my organizations, what was delivered (with
 * progress and evidence), the beneficiaries reached, meetings held with approved minutes, and the
 * action items that concern us, and the money (delivered, tranches due or late, receipts awaited,
 * expenses questioned). Confirming or disputing a delivery happens on the deliverable's page.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/agreement-status";
import { StatusBadgeDeliverable } from "~/components/deliverable-status";
import { MeetingTime } from "~/components/meeting-time";
import { ProgressBar } from "~/components/progress-bar";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { DateText, Labelled, MoneyText } from "~/components/ui/formatted";
import { impactView } from "~/domain/dashboard/impact-view.server";
import { AcceptedReports } from "~/components/accepted-reports";
import { ImpactMoneyCard } from "~/components/impact-money";
import { displayName } from "~/domain/organization/organization";
import { requireActor } from "~/lib/context.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { buttonClass } from "~/components/ui/button";
import * as z from "zod";

const ImpactQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "impact.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireActor(request, context);
  const { page } = ImpactQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return impactView(db(), actor, { page, locale: resolveLocale(request, user), today: todayInMorocco() });
}

export default function Impact() {
  const { agreements, page, pages, acceptedReports: reports, money } = useLoaderData<typeof loader>();
  const { t, locale, formatNumber } = useI18n();
  return (
    <>
      <PageHeader title={t("impact.title")} subtitle={t("impact.intro")} />
      <div className="mb-6">
        <ImpactMoneyCard money={money} />
      </div>
      {reports.length ? (
        <div className="mb-6">
          <AcceptedReports reports={reports} />
        </div>
      ) : null}
      {agreements.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("impact.none")}</p>
        </Card>
      ) : null}
      <div className="space-y-6" data-testid="impact">
        {agreements.map((a) => (
          <section
            key={a.id}
            className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
            data-testid="impact-agreement"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 className="text-lg font-semibold">
                  <Link to={`/agreements/${a.id}`} className="text-brand-700 hover:underline" dir="auto">
                    {a.title}
                  </Link>
                </h2>
                {a.titleSecondary ? (
                  <p className="text-slate-700">
                    <bdi>{a.titleSecondary}</bdi>
                  </p>
                ) : null}
                <p className="text-sm text-slate-500" dir="ltr">
                  {a.reference}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <a
                  href={`/agreements/${a.id}/report.pdf`}
                  className="text-sm text-brand-700 underline"
                  data-testid="impact-report"
                >
                  {t("report.download")}
                </a>
                {a.moneyDelivered ? (
                  <span className="text-sm text-slate-700" data-testid="impact-agreement-money">
                    <Labelled label={t("impact.money.delivered")}>
                      <MoneyText cents={a.moneyDelivered} currency="MAD" />
                    </Labelled>
                  </span>
                ) : null}
                <span className="text-sm text-slate-700" data-testid="impact-beneficiaries">
                  {t("impact.beneficiaries", { count: a.beneficiaries })}
                </span>
                <StatusBadge status={a.status} />
              </div>
            </div>

            <div className="mt-4 grid gap-6 lg:grid-cols-3">
              <div className="lg:col-span-2">
                <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("agreement.tabs.deliverables")}</h3>
                {a.deliverables.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("deliverables.empty")}</p>
                ) : null}
                <ul className="space-y-3">
                  {a.deliverables.map((d) => (
                    <li key={d.id} data-testid="impact-deliverable">
                      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                        <Link
                          to={`/agreements/${a.id}/deliverables/${d.id}`}
                          className="font-medium text-brand-700 hover:underline"
                          dir="auto"
                        >
                          {d.title}
                        </Link>
                        <StatusBadgeDeliverable status={d.status} />
                      </div>
                      <p className="text-xs text-slate-500">
                        <bdi>{displayName(d, locale)}</bdi> ·{" "}
                        <span suppressHydrationWarning>
                          {formatNumber(d.delivered)} / {formatNumber(d.target)}
                        </span>{" "}
                        <bdi>{d.unit}</bdi>
                        {d.evidenceFiles ? <> · {t("impact.evidence", { count: d.evidenceFiles })}</> : null}
                        {d.toConfirm ? <> · {t("impact.toConfirm")}</> : null}
                      </p>
                      <ProgressBar percent={d.percent} over={d.over} label={d.title} />
                    </li>
                  ))}
                </ul>
              </div>
              <div className="space-y-4">
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("committee.meetings")}</h3>
                  {a.meetings.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("committee.noMeeting")}</p>
                  ) : null}
                  <ul className="space-y-1 text-sm" data-testid="impact-meetings">
                    {a.meetings.map((m) => (
                      <li key={m.id}>
                        <Link to={`/agreements/${a.id}/meetings/${m.id}`} className="text-brand-700 hover:underline">
                          {t("meeting.title", { number: m.number })}
                        </Link>{" "}
                        · <MeetingTime startsAt={m.startsAt} timeZone={m.timeZone} text={m.when} />
                        {m.minutesApproved ? (
                          <>
                            {" · "}
                            <a
                              href={`/agreements/${a.id}/meetings/${m.id}/minutes.pdf`}
                              className="text-brand-700 underline"
                            >
                              {t("minutes.pdf")}
                            </a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
                {a.actionItems.length ? (
                  <div>
                    <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("actionItems.open")}</h3>
                    <ul className="space-y-1 text-sm" data-testid="impact-action-items">
                      {a.actionItems.map((x) => (
                        <li key={x.id}>
                          <Link
                            to={`/agreements/${a.id}/meetings/${x.meetingId}`}
                            className="text-brand-700 hover:underline"
                            dir="auto"
                          >
                            {x.title}
                          </Link>
                          {x.dueDate ? (
                            <span className="text-xs text-slate-500">
                              {" · "}
                              {t("actionItems.due")} <DateText value={x.dueDate} style="medium" />
                            </span>
                          ) : null}{" "}
                          {x.overdue ? <Badge tone="red">{t("obligations.overdue")}</Badge> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </div>
          </section>
        ))}
      </div>
      {pages > 1 ? (
        <nav className="mt-4 flex items-center justify-between text-sm" aria-label={t("agreements.pagination")}>
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} className={buttonClass("secondary")}>
              {t("agreements.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("agreements.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={`?page=${page + 1}`} className={buttonClass("secondary")}>
              {t("agreements.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
