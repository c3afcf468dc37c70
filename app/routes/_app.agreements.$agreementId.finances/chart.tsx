/**
 * Funds received against funds spent, cumulated month by month: two bars a month (SVG, no inline
 * styles), months running from the start side so the chart mirrors in Arabic.
 */
import { intlLocale } from "~/lib/i18n/locales";
import { useI18n } from "~/lib/i18n/react";
import { dateFormat } from "~/lib/i18n/translate";

type Point = { month: string; received: number; spent: number };

export function ReceivedSpentChart({ series }: { series: readonly Point[] }) {
  const { t, locale, dir, formatMoney } = useI18n();
  if (series.length === 0) return null;
  const shown = series.slice(-12);
  const ordered = dir === "rtl" ? [...shown].reverse() : shown;
  const max = Math.max(1, ...shown.flatMap((p) => [p.received, p.spent]));
  const slot = 100 / shown.length;
  const month = (m: string) =>
    dateFormat(intlLocale(locale), { month: "short", year: "2-digit", timeZone: "UTC" }).format(
      new Date(`${m}-15T00:00:00Z`),
    );
  const height = (v: number) => (Math.max(0, v) / max) * 38;
  return (
    <figure data-testid="received-spent-chart">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{t("finance.chart.title")}</figcaption>
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        className="h-32 w-full"
        role="img"
        aria-label={t("finance.chart.title")}
      >
        {ordered.map((p, i) => (
          <g key={p.month}>
            <rect
              x={i * slot + slot * 0.12}
              y={40 - height(p.received)}
              width={slot * 0.36}
              height={height(p.received)}
              className="fill-brand-500"
            />
            <rect
              x={i * slot + slot * 0.52}
              y={40 - height(p.spent)}
              width={slot * 0.36}
              height={height(p.spent)}
              className="fill-amber-500"
            />
          </g>
        ))}
      </svg>
      <div className="mt-1 flex text-center text-[11px] text-slate-600">
        {shown.map((p) => (
          <div key={p.month} className="flex-1" suppressHydrationWarning>
            {month(p.month)}
          </div>
        ))}
      </div>
      <p className="mt-2 flex flex-wrap gap-x-4 text-xs text-slate-700">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-500" />
          {t("finance.summary.received")} {formatMoney(shown.at(-1)!.received, "MAD")}
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm bg-amber-500" />
          {t("finance.summary.spent")} {formatMoney(shown.at(-1)!.spent, "MAD")}
        </span>
      </p>
    </figure>
  );
}
