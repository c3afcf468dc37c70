/** GET …/meetings/:meetingId/minutes.pdf — the meeting's minutes (procès-verbal) as a PDF. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { MeetingParams } from "~/domain/committee/committee.schema";
import { getCommittee } from "~/domain/committee/committee.server";
import { getMeeting } from "~/domain/committee/meetings.server";
import { minutesModel, renderMinutesPdf } from "~/domain/committee/minutes-pdf.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const parsed = MeetingParams.safeParse(params);
  if (!parsed.success) notFound();
  const found = await getCommittee(db(), loaded.agreement.id);
  const m = found ? await getMeeting(db(), loaded.agreement.id, parsed.data.meetingId) : null;
  if (!found || !m) notFound();
  const bytes = await renderMinutesPdf(
    await minutesModel(db(), loaded.agreement.id, found, m),
    resolveLocale(request, user),
  );
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${loaded.agreement.reference}-minutes-${m.meeting.number}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
