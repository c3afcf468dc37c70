/**
 * How an audit event reads to people (client-safe): which payload fields may be shown, and the
 * sentence for an event in the reader's language. Used by an agreement's history and the
 * dashboard's recent activity.
 */
import { isMessageKey, type MessageKey, type Vars } from "~/lib/i18n/translate";

/** Only these payload fields are shown; the rest of an event stays in the log. */
const SHOWN = [
  "from",
  "to",
  "reason",
  "date",
  "place",
  "number",
  "heading",
  "reference",
  "newEndDate",
  "position",
  "hash",
  "title",
  "description",
  "note",
  "year",
  "objective",
  "name",
  "amount",
  "fee",
  "party",
  "payer",
  "supplier",
  "fromLine",
  "toLine",
  "decision",
  "meeting",
  "dueDate",
] as const;

export function eventDetails(data: string): Record<string, string> {
  const payload = JSON.parse(data) as Record<string, unknown>;
  const details: Record<string, string> = {};
  for (const key of SHOWN) if (payload[key] !== undefined) details[key] = String(payload[key]);
  return details;
}

/** The vocabulary an event's status words belong to. */
function vocabularyOf(type: string): string {
  if (type.startsWith("plan.")) return "plan.status";
  if (type.startsWith("obligation.")) return "obligation.status";
  if (type.startsWith("meeting.")) return "meeting.status";
  if (type.startsWith("minutes.")) return "minutes.status";
  if (type.startsWith("action_item.")) return "actionItems.status";
  if (type.startsWith("tranche.")) return "tranche.status";
  return "status";
}

export function eventLabel(
  t: (key: MessageKey, vars?: Vars) => string,
  type: string,
  details: Record<string, string>,
  formatDate?: (date: string) => string,
): string {
  const key = `event.${type}`;
  if (!isMessageKey(key)) return type;
  // Names, titles and reasons are isolated (FSI…PDI): a French title keeps its place in an Arabic sentence.
  // A calendar date reads in the reader's language ("1 janvier 2022", not 2022-01-01).
  const shown = (v: string) => (formatDate && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v);
  const vars: Record<string, string> = Object.fromEntries(
    Object.entries(details).map(([k, v]) => [k, /^\d+$/.test(v) ? v : `\u2068${shown(v)}\u2069`]),
  );
  const vocabulary = vocabularyOf(type);
  if (details.from && isMessageKey(`${vocabulary}.${details.from}`))
    vars.from = t(`${vocabulary}.${details.from}` as MessageKey);
  else if (details.from && isMessageKey(`status.${details.from}`))
    vars.from = t(`status.${details.from}` as MessageKey);
  if (details.to && isMessageKey(`${vocabulary}.${details.to}`))
    vars.to = t(`${vocabulary}.${details.to}` as MessageKey);
  return t(key, vars);
}
