/**
 * Dates and amounts formatted for the user's locale. Node's and the browser's Intl data can
 * differ by a space or a comma, so the server's rendering is kept as is on hydration.
 */
import { useI18n } from "~/lib/i18n/react";

export function DateText({ value, style = "long" }: { value: string; style?: "long" | "medium" | "short" }) {
  const { formatDate } = useI18n();
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDate(value, style)}
    </time>
  );
}

export function DateTimeText({ value }: { value: string }) {
  const { formatDateTime } = useI18n();
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateTime(value)}
    </time>
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
