/**
 * Small server-rendered charts (SVG, no inline styles, fine under the CSP). Bars grow from the
 * start side, so they mirror in Arabic; labels are HTML and follow the page's direction.
 */
import { intlLocale } from "~/lib/i18n/locales";
import { useI18n } from "~/lib/i18n/react";
import { dateFormat } from "~/lib/i18n/translate";

/** Vertical bars, one per month, with the month under each and the value above. */
export function MonthlyBars({ data, label }: { data: ReadonlyArray<{ month: string; count: number }>; label: string }) {
  const { formatNumber, locale, dir } = useI18n();
  const max = Math.max(1, ...data.map((d) => d.count));
  const ordered = dir === "rtl" ? [...data].reverse() : data;
  const width = 100 / Math.max(1, data.length);
  const monthName = (m: string) =>
    dateFormat(intlLocale(locale), { month: "short", year: "2-digit", timeZone: "UTC" }).format(
      new Date(`${m}-15T00:00:00Z`),
    );
  return (
    <figure data-testid="beneficiaries-chart">
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" className="h-32 w-full" role="img" aria-label={label}>
        {ordered.map((d, i) => {
          const h = (d.count / max) * 38;
          return (
            <rect
              key={d.month}
              x={i * width + width * 0.15}
              y={40 - h}
              width={width * 0.7}
              height={h}
              className="fill-brand-500"
            />
          );
        })}
      </svg>
      <div className="mt-1 flex text-center text-[11px] text-slate-600">
        {data.map((d) => (
          <div key={d.month} className="flex-1" suppressHydrationWarning>
            <div className="font-medium text-slate-800">{formatNumber(d.count)}</div>
            {monthName(d.month)}
          </div>
        ))}
      </div>
    </figure>
  );
}
