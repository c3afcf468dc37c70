/** GET …/meetings/:meetingId/calendar.ics — the meeting as an iCalendar file. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { agreementMeetingIcs } from "~/domain/committee/calendar.server";
import { MeetingParams } from "~/domain/committee/committee.schema";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const parsed = MeetingParams.safeParse(params);
  if (!parsed.success) notFound();
  const meeting = await agreementMeetingIcs(
    db(),
    loaded.agreement.id,
    parsed.data.meetingId,
    appOrigin(),
    resolveLocale(request, user),
  );
  if (!meeting) notFound();
  return new Response(meeting.ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${loaded.agreement.reference}-meeting-${meeting.number}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
