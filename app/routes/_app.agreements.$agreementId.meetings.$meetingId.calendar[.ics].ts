/** GET …/meetings/:meetingId/calendar.ics — the meeting as an iCalendar file. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingIcs } from "~/domain/committee/calendar.server";
import { MeetingParams } from "~/domain/committee/committee.schema";
import { meetingNumber } from "~/domain/committee/meetings.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const parsed = MeetingParams.safeParse(params);
  if (!parsed.success) notFound();
  const { meetingId } = parsed.data;
  const number = await meetingNumber(db(), loaded.agreement.id, meetingId);
  if (number === null) notFound();
  const origin = appOrigin();
  const ics = await meetingIcs(db(), meetingId, origin, resolveLocale(request, user));
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${loaded.agreement.reference}-meeting-${number}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
