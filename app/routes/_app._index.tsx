import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { loadActor } from "~/domain/access/access.server";
import { displayName } from "~/domain/organization/organization";
import { listOrganizations } from "~/domain/organization/organization.server";
import { StatusBadge } from "~/components/agreement-status";
import { AgreementListQuery } from "~/domain/agreement/agreement.schema";
import { listAgreements, recentActivity } from "~/domain/agreement/agreement.queries.server";
import { eventDetails, eventLabel } from "~/domain/audit/event-view";
import { AGREEMENT_STATUSES } from "~/domain/agreement/lifecycle";
import { countSignaturesAwaitedFrom, signaturesAwaitedFrom } from "~/domain/signing/signing.server";
import { attention } from "~/domain/dashboard/attention.server";
import { reportsAttention } from "~/domain/report/report-view.server";
import { ReportsAttention } from "~/components/reports-attention";
import { dashboardCharts } from "~/domain/dashboard/charts.server";
import { MonthlyBars } from "~/components/charts";
import { ProgressBar } from "~/components/progress-bar";
import { MeetingTime } from "~/components/meeting-time";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { todayInMorocco } from "~/lib/time";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageTitle } from "~/lib/i18n/meta";
import { createTranslator } from "~/lib/i18n/translate";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  const organizations = await listOrganizations(db(), actor, "mine");
  const agreements = await listAgreements(db(), actor, AgreementListQuery.parse({}));
  const todo = await attention(db(), actor, todayInMorocco());
  const reports = await reportsAttention(db(), actor, todayInMorocco());
  const { formatMeetingTime } = createTranslator(resolveLocale(request, user));
  return {
    counts: agreements.counts,
    recent: agreements.items
      .slice(0, 5)
      .map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status })),
    // What fits on a screen: the latest few, with the count.
    awaitingMySignature: await signaturesAwaitedFrom(db(), user.id, 8),
    awaitingMySignatureCount: await countSignaturesAwaitedFrom(db(), user.id),
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    organizations: organizations.map((o) => ({
      id: o.id,
      kind: o.kind,
      nameFr: o.nameFr,
      nameAr: o.nameAr,
      city: o.city,
      memberCount: o.memberCount,
    })),
    // Meeting times as the server formats them (see MeetingTime).
    attention: {
      ...todo,
      meetings: todo.meetings.map((m) => ({ ...m, when: formatMeetingTime(m.startsAt, m.timeZone, "medium") })),
    },
    reports,
    charts: await dashboardCharts(db(), actor),
    activity: (await recentActivity(db(), actor)).map((e) => ({
      seq: e.seq,
      type: e.type,
      createdAt: e.createdAt,
      actorName: e.actorName,
      agreementId: e.agreementId,
      reference: e.reference,
      details: eventDetails(e.data),
    })),
  };
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
    reports,
  } = useLoaderData<typeof loader>();
  const { t, locale, formatDate } = useI18n();
  return (
    <>
      <PageHeader title={t("dashboard.title")} subtitle={<span dir="auto">{t("dashboard.welcome", { name })}</span>} />
      <Attention data={attention} />
      <div className="mt-6 empty:hidden">
        <ReportsAttention data={reports} />
      </div>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <Card title={t("dashboard.yourOrganizations")}>
          {isPlatformAdmin ? <p className="mb-3 text-sm text-slate-600">{t("dashboard.platformAdmin")}</p> : null}
          {organizations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dashboard.noOrganization")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {organizations.map((o) => (
                <li key={o.id} className="flex items-center justify-between gap-3 py-2">
                  <div>
                    <Link
                      to={`/organizations/${o.id}`}
                      className="font-medium text-brand-700 hover:underline"
                      dir="auto"
                    >
                      {displayName(o, locale)}
                    </Link>
                    <p className="text-sm text-slate-500">
                      {t(`organization.kind.${o.kind}`)}
                      {o.city ? (
                        <>
                          {" "}
                          · <bdi>{o.city}</bdi>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <span className="text-sm text-slate-500">{t("dashboard.members", { count: o.memberCount })}</span>
                </li>
              ))}
            </ul>
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

type AttentionData = ReturnType<typeof useLoaderData<typeof loader>>["attention"];

/** What needs the user's attention, each list linking to where it is dealt with; hidden when all is clear. */
function Attention({ data }: { data: AttentionData }) {
  const { t } = useI18n();
  const { meetings, actionItems, overdueObligations, overdueObligationCount, expiring, expiringCount } = data;
  const { deliveriesToConfirm } = data;
  if (
    !meetings.length &&
    !actionItems.length &&
    !overdueObligations.length &&
    !expiring.length &&
    !deliveriesToConfirm.length
  )
    return null;
  return (
    <div className="grid gap-6 md:grid-cols-2" data-testid="attention">
      {deliveriesToConfirm.length ? (
        <Card title={t("dashboard.deliveriesToConfirm")}>
          <ul className="space-y-2 text-sm" data-testid="deliveries-to-confirm">
            {deliveriesToConfirm.map((d) => (
              <li key={d.id}>
                <Link to={`/agreements/${d.agreementId}/deliverables/${d.id}`} className="text-brand-700" dir="auto">
                  {d.title}
                </Link>
                <p className="text-xs text-slate-500">
                  <span dir="ltr">{d.reference}</span> · {t("dashboard.declaredDelivered")}{" "}
                  <DateText value={d.declaredAt} style="medium" />
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {meetings.length ? (
        <Card title={t("dashboard.nextMeetings")}>
          <ul className="space-y-2 text-sm" data-testid="next-meetings">
            {meetings.map((m) => (
              <li key={m.id} data-meeting-number={m.number}>
                <Link
                  to={`/agreements/${m.agreementId}/meetings/${m.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {t("meeting.title", { number: m.number })}
                </Link>{" "}
                · <MeetingTime startsAt={m.startsAt} timeZone={m.timeZone} text={m.when} />
                <p className="text-xs text-slate-500">
                  <span dir="ltr">{m.reference}</span> · <bdi>{m.title}</bdi>
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {actionItems.length ? (
        <Card
          title={t("actionItems.mine")}
          actions={
            <Link to="/action-items" className="text-sm text-brand-700 hover:underline">
              {t("dashboard.seeAll")}
            </Link>
          }
        >
          <ul className="space-y-2 text-sm" data-testid="my-action-items">
            {actionItems.map((a) => (
              <li key={a.id} data-overdue={a.overdue ? "true" : "false"}>
                <Link
                  to={`/agreements/${a.agreementId}/meetings/${a.meetingId}`}
                  className="text-brand-700 hover:underline"
                  dir="auto"
                >
                  {a.title}
                </Link>
                <p className="text-xs text-slate-500">
                  <span dir="ltr">{a.reference}</span>
                  {a.dueDate ? (
                    <>
                      {" · "}
                      {t("actionItems.due")} <DateText value={a.dueDate} style="medium" />
                    </>
                  ) : null}{" "}
                  {a.overdue ? <Badge tone="red">{t("obligations.overdue")}</Badge> : null}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {overdueObligations.length ? (
        <Card title={t("dashboard.overdueObligations", { count: overdueObligationCount })}>
          <ul className="space-y-2 text-sm" data-testid="overdue-obligations">
            {overdueObligations.map((o) => (
              <li key={o.id}>
                <Link
                  to={`/agreements/${o.agreementId}/obligations`}
                  className="text-brand-700 hover:underline"
                  dir="auto"
                >
                  {o.description}
                </Link>
                <p className="text-xs text-red-700">
                  <span dir="ltr">{o.reference}</span> · {t("actionItems.due")}{" "}
                  <DateText value={o.due} style="medium" />
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {expiring.length ? (
        <Card
          title={t("dashboard.endingSoon")}
          actions={
            expiringCount > expiring.length ? (
              <span className="text-sm text-slate-500">
                {t("dashboard.shownOf", { shown: expiring.length, count: expiringCount })}
              </span>
            ) : null
          }
        >
          <ul className="space-y-2 text-sm" data-testid="ending-soon">
            {expiring.map((a) => (
              <li key={a.id} data-days={a.days}>
                <Link to={`/agreements/${a.id}`} className="text-brand-700 hover:underline">
                  <bdi>{a.title}</bdi>
                </Link>
                <p className="text-xs text-slate-500">
                  <span dir="ltr">{a.reference}</span> · {t("dashboard.endsOn")}{" "}
                  <DateText value={a.end} style="medium" /> ·{" "}
                  {t(a.tacitRenewal ? "dashboard.renewsTacitly" : "dashboard.renewOrEnd")}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
