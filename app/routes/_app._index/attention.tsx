/** The dashboard's "what needs my attention": each list links to where it is dealt with. */
import { Link } from "@remix-run/react";
import { MeetingTime } from "~/components/meeting-time";
import { Badge, Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import type { DashboardView } from "~/domain/dashboard/dashboard-view.server";
import { useI18n } from "~/lib/i18n/react";

type AttentionData = DashboardView["attention"];

/** What needs the user's attention, each list linking to where it is dealt with; hidden when all is clear. */
export function Attention({ data }: { data: AttentionData }) {
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
