/**
 * A meeting's date and time, shown in the zone it is held in (named when it is not Morocco's); isolated
 * from the text around it like DateText (formatted.tsx).
 *
 * The text is formatted by the server (`formatMeetingTime` in the loader) and passed as is: browsers'
 * time-zone data differs from Node's (Chromium put a 07:00 Casablanca meeting at 06:00), and the hour
 * must not change once the page is interactive or after a client-side navigation.
 */
export function MeetingTime({ startsAt, timeZone, text }: { startsAt: string; timeZone: string; text: string }) {
  return (
    <time dateTime={startsAt} className="[unicode-bidi:isolate]" data-testid="meeting-time">
      {text}
      {timeZone !== "Africa/Casablanca" ? <span className="text-slate-500"> ({timeZone})</span> : null}
    </time>
  );
}
