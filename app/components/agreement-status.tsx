import type { AgreementStatus } from "../../db/schema";
import { useI18n } from "~/lib/i18n/react";
import { Badge } from "./ui/card";

const TONES: Record<AgreementStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  draft: "slate",
  negotiation: "blue",
  awaiting_signatures: "amber",
  active: "green",
  suspended: "amber",
  completed: "green",
  expired: "slate",
  terminated: "red",
};

export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useI18n();
  return (
    <span data-status={status}>
      <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>
    </span>
  );
}
