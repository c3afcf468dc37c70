/**
 * Dates and amounts formatted for the user's locale. Node's and the browser's Intl data can
 * differ by a space or a comma, so the server's rendering is kept as is on hydration.
 * Each is isolated from the text around it (`unicode-bidi: isolate`): in an Arabic sentence a date
 * written after a Latin name ("وقّعها Meriem Alaoui · 26/09/2025") would otherwise join the name's
 * left-to-right run and be split around it.
 */
import { useI18n } from "~/lib/i18n/react";

export function DateText({ value, style = "long" }: { value: string; style?: "long" | "medium" | "short" }) {
  const { formatDate } = useI18n();
  return (
    <time dateTime={value} className="[unicode-bidi:isolate]" suppressHydrationWarning>
      {formatDate(value, style)}
    </time>
  );
}

export function DateTimeText({ value }: { value: string }) {
  const { formatDateTime } = useI18n();
  return (
    <time dateTime={value} className="[unicode-bidi:isolate]" suppressHydrationWarning>
      {formatDateTime(value)}
    </time>
  );
}

/** "label : value" with the language's punctuation (translate.ts `labelled`), the value any node. */
export function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  const { labelled } = useI18n();
  return (
    <>
      {labelled(label, "")}
      {children}
    </>
  );
}

export function MoneyText({ cents, currency }: { cents: number; currency: string }) {
  const { formatMoney } = useI18n();
  return (
    <span dir="ltr" suppressHydrationWarning>
      {formatMoney(cents, currency)}
    </span>
  );
}
