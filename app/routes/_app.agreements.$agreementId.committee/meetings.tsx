/** The committee's meetings, latest first, with when the next one is due. */
import { Link } from "@remix-run/react";
import { MeetingStatusBadge, MinutesStatusBadge } from "~/components/meeting-status";
import { MeetingTime } from "~/components/meeting-time";
import { Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import type { CommitteeData } from "~/domain/committee/committee-view.server";
import { useI18n } from "~/lib/i18n/react";

export function Meetings({ agreementId, committee }: { agreementId: string; committee: CommitteeData }) {
  const { t } = useI18n();
  return (
    <Card title={t("committee.meetings")}>
      {!committee.late && committee.nextDue ? (
        <p className="mb-2 text-sm text-slate-600" data-testid="next-due">
          {t("committee.nextDue")} <DateText value={committee.nextDue} /> ({t(`committee.rhythm.${committee.rhythm}`)})
        </p>
      ) : null}
      {committee.meetings.length === 0 ? <p className="text-sm text-slate-600">{t("committee.noMeeting")}</p> : null}
      <ul className="divide-y divide-slate-100" data-testid="meetings">
        {committee.meetings.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-status={m.status}>
            <div className="min-w-0">
              <Link
                to={`/agreements/${agreementId}/meetings/${m.id}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {t("meeting.title", { number: m.number })}
              </Link>
              <p className="text-sm text-slate-600">
                <MeetingTime startsAt={m.startsAt} timeZone={m.timeZone} text={m.when} />
                {m.location ? (
                  <>
                    {" "}
                    · <bdi>{m.location}</bdi>
                  </>
                ) : null}
                {m.videoUrl && !m.location ? <> · {t("meeting.online")}</> : null}
              </p>
              <p className="text-xs text-slate-500">
                {t("meeting.decisionsCount", { count: m.decisions })} ·{" "}
                {t("meeting.actionItemsCount", { count: m.actionItems })}
              </p>
            </div>
            <div className="flex gap-1">
              <MeetingStatusBadge status={m.status} />
              {m.held ? <MinutesStatusBadge status={m.minutesStatus} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
