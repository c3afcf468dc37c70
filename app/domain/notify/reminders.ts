/**
 * Which reminders are due, pure: from the facts of the day, the notices to create — each with
 * the key (kind, subject, occurrence) that makes it exist once. Dates are YYYY-MM-DD.
 */
import type { NotificationKind } from "../../../db/schema";
import { addDaysTo } from "~/lib/time";

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "obligation_due",
  "obligation_overdue",
  "action_item_due",
  "action_item_overdue",
  "meeting_soon",
  "minutes_to_approve",
  "report_due",
  "report_submitted",
  "report_sent_back",
  "report_accepted",
  "agreement_ending",
  "signature_awaited",
  "delivery_to_confirm",
  "tranche_due",
  "payment_recorded",
  "receipt_confirmed",
  "expense_questioned",
  "expense_answered",
  "dossier_expiring",
  "declaration_due",
];

/** Days ahead at which a due date is announced. */
export const DUE_NOTICE_DAYS = 7;
/** Days ahead at which a meeting is announced. */
export const MEETING_NOTICE_DAYS = 3;

export interface Notice {
  userIds: readonly string[];
  kind: NotificationKind;
  subjectId: string;
  occurrence: string;
  agreementId: string | null;
  params: Record<string, string | number>;
  link: string;
}

/** Due within the notice window (today included) → "due"; past → "overdue"; otherwise nothing. */
export function dueState(due: string | null, today: string): "due" | "overdue" | null {
  if (!due) return null;
  if (due < today) return "overdue";
  return due <= addDaysTo(today, DUE_NOTICE_DAYS) ? "due" : null;
}

/** A planned meeting starting between now and the notice window's end. */
export function meetingSoon(startsAt: string, now: Date): boolean {
  const t = Date.parse(startsAt);
  return t >= now.getTime() && t <= now.getTime() + MEETING_NOTICE_DAYS * 86_400_000;
}
