/**
 * The follow-up at a glance: deliverables (weighted progress), obligations, beneficiaries, the
 * committee's action items and next meeting, this year's plan indicators. Shown once there is any.
 */
import { Link } from "@remix-run/react";
import { MeetingTime } from "~/components/meeting-time";
import { ProgressBar } from "~/components/progress-bar";
import { Card } from "~/components/ui/card";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import { useI18n } from "~/lib/i18n/react";

type Meeting = NonNullable<AgreementOverview["followUp"]["nextMeeting"]>;
/** The view's follow-up, with the next meeting's time as the server formats it (see MeetingTime). */
export type FollowUp = Omit<AgreementOverview["followUp"], "nextMeeting"> & {
  nextMeeting: (Meeting & { when: string }) | null;
};

export function FollowUpCard({ followUp }: { followUp: FollowUp }) {
  const { t, formatNumber } = useI18n();
  const any =
    followUp.deliverables > 0 ||
    followUp.obligations > 0 ||
    followUp.actionItems.total > 0 ||
    followUp.indicators.length > 0 ||
    followUp.nextMeeting;
  if (!any) return null;
  return (
    <Card title={t("followUp.title")}>
      <div className="space-y-4" data-testid="follow-up">
        {followUp.deliverables > 0 ? (
          <div>
            <p className="mb-1 text-sm text-slate-600">{t("followUp.progress")}</p>
            <ProgressBar percent={followUp.progressPercent} label={t("followUp.progress")} />
          </div>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">
              <Link to="deliverables" className="hover:underline">
                {t("agreement.tabs.deliverables")}
              </Link>
            </dt>
            <dd>{t("followUp.confirmed", { count: followUp.deliverablesConfirmed, total: followUp.deliverables })}</dd>
          </div>
          <div>
            <dt className="text-slate-500">
              <Link to="obligations" className="hover:underline">
                {t("agreement.tabs.obligations")}
              </Link>
            </dt>
            <dd>
              {t("followUp.done", { count: followUp.obligationsDone, total: followUp.obligations })}
              {followUp.overdue ? (
                <>
                  {" · "}
                  <span className="font-semibold text-red-700">
                    {t("obligations.overdue")} {followUp.overdue}
                  </span>
                </>
              ) : null}
              <span className="sr-only" data-testid="overdue-count">
                {followUp.overdue}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("deliveries.beneficiaries")}</dt>
            <dd data-testid="beneficiaries-total">{followUp.beneficiaries}</dd>
          </div>
          {followUp.actionItems.total > 0 ? (
            <div
              data-testid="follow-up-action-items"
              data-open={followUp.actionItems.open}
              data-overdue={followUp.actionItems.overdue}
            >
              <dt className="text-slate-500">
                <Link to="committee" className="hover:underline">
                  {t("followUp.actionItems")}
                </Link>
              </dt>
              <dd className={followUp.actionItems.overdue ? "text-red-700" : ""}>
                {t("followUp.actionItemsState", followUp.actionItems)}
              </dd>
            </div>
          ) : null}
          {followUp.nextMeeting ? (
            <div data-testid="follow-up-next-meeting">
              <dt className="text-slate-500">{t("followUp.nextMeeting")}</dt>
              <dd>
                <Link to={`meetings/${followUp.nextMeeting.id}`} className="text-brand-700 hover:underline">
                  {t("meeting.title", { number: followUp.nextMeeting.number })}
                </Link>
                {" · "}
                <MeetingTime
                  startsAt={followUp.nextMeeting.startsAt}
                  timeZone={followUp.nextMeeting.timeZone}
                  text={followUp.nextMeeting.when}
                />
              </dd>
            </div>
          ) : null}
        </dl>
        {followUp.indicators.length ? (
          <div>
            <p className="mb-2 text-sm text-slate-600">
              <Link to="plan" className="hover:underline">
                {t("followUp.indicators", { year: String(followUp.planYear ?? "") })}
              </Link>
            </p>
            <ul className="space-y-2 text-sm" data-testid="follow-up-indicators">
              {followUp.indicators.map((i) => (
                <li key={i.id} data-percent={i.percent}>
                  <p className="flex flex-wrap justify-between gap-2">
                    <span dir="auto">{i.name}</span>
                    <span className="tabular-nums text-slate-600">
                      {formatNumber(i.achieved)} / {formatNumber(i.target)} <bdi>{i.unit}</bdi>
                    </span>
                  </p>
                  <ProgressBar percent={i.percent} label={i.name} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
