import type { ReportStatus } from "../../db/schema";
import { useI18n } from "~/lib/i18n/react";
import { Badge } from "./ui/card";

const TONES: Record<ReportStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  draft: "slate",
  submitted: "blue",
  sent_back: "amber",
  accepted: "green",
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useI18n();
  return (
    <span data-status={status} className="shrink-0" data-testid="report-status">
      <Badge tone={TONES[status]}>{t(`reports.status.${status}`)}</Badge>
    </span>
  );
}
