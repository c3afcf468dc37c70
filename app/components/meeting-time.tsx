/** A meeting's date and time, shown in the zone it is held in (named when it is not Morocco's); isolated from the text around it like DateText (formatted.tsx). */
import { useI18n } from "~/lib/i18n/react";

export function MeetingTime({
  startsAt,
  timeZone,
  style = "full",
}: {
  startsAt: string;
  timeZone: string;
  style?: "full" | "medium";
}) {
  const { formatMeetingTime } = useI18n();
  const text = formatMeetingTime(startsAt, timeZone, style);
  return (
    <time dateTime={startsAt} className="[unicode-bidi:isolate]" suppressHydrationWarning>
      {text}
      {timeZone !== "Africa/Casablanca" ? <span className="text-slate-500"> ({timeZone})</span> : null}
    </time>
  );
}
