/** A link to the committee meeting a plan (or one of its versions) was adopted at. */
import { Link } from "@remix-run/react";
import { useI18n } from "~/lib/i18n/react";
import type { PlanView } from "./types";

export function MeetingLink({
  agreementId,
  meetings,
  id,
}: {
  agreementId: string;
  meetings: PlanView["meetings"];
  id: string;
}) {
  const { t } = useI18n();
  const m = meetings.find((x) => x.id === id);
  if (!m) return null;
  return (
    <Link to={`/agreements/${agreementId}/meetings/${m.id}`} className="text-brand-700 hover:underline">
      {t("meeting.title", { number: m.number })}
    </Link>
  );
}
