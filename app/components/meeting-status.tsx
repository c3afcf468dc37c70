/** A meeting's status and its minutes' status as badges, the same on the committee and the meeting pages. */
import type { MeetingStatus, MinutesStatus } from "../../db/schema";
import { Badge } from "~/components/ui/card";
import { useI18n } from "~/lib/i18n/react";

const MEETING_TONE = { planned: "blue", in_progress: "amber", closed: "green" } as const;
const MINUTES_TONE = { draft: "slate", circulated: "slate", approved: "green" } as const;

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return <Badge tone={MEETING_TONE[status]}>{t(`meeting.status.${status}`)}</Badge>;
}

export function MinutesStatusBadge({ status }: { status: MinutesStatus }) {
  const { t } = useI18n();
  return <Badge tone={MINUTES_TONE[status]}>{t(`minutes.status.${status}`)}</Badge>;
}
