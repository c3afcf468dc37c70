import type { DeliverableStatus } from "../../db/schema";
import { useI18n } from "~/lib/i18n/react";
import { Badge } from "./ui/card";

const TONES: Record<DeliverableStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  planned: "slate",
  in_progress: "blue",
  delivered: "amber",
  confirmed: "green",
  disputed: "red",
};

export function StatusBadgeDeliverable({ status }: { status: DeliverableStatus }) {
  const { t } = useI18n();
  return (
    <span data-status={status} className="shrink-0">
      <Badge tone={TONES[status]}>{t(`deliverable.status.${status}`)}</Badge>
    </span>
  );
}
