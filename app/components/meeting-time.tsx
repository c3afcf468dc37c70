/** A meeting's date and time, shown in the zone it is held in (named when it is not Morocco's). */
import { intlLocale } from "~/lib/i18n/locales";
import { useI18n } from "~/lib/i18n/react";
import { dateFormat } from "~/lib/i18n/translate";

export function MeetingTime({ startsAt, timeZone, style = "full" }: { startsAt: string; timeZone: string; style?: "full" | "medium" }) {
  const { locale } = useI18n();
  const text = dateFormat(intlLocale(locale), { dateStyle: style, timeStyle: "short", timeZone }).format(new Date(startsAt));
  return (
    <time dateTime={startsAt} suppressHydrationWarning>
      {text}
      {timeZone !== "Africa/Casablanca" ? <span className="text-slate-500"> ({timeZone})</span> : null}
    </time>
  );
}
