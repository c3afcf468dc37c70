/**
 * The year's actions as a Gantt-like timeline, server-rendered SVG (no script, no inline style),
 * drawn from the end of the reading direction in Arabic so time flows right to left.
 */
import type { ActionStatus } from "../../db/schema";
import { timelineBar } from "~/domain/plan/plan";
import { intlLocale } from "~/lib/i18n/locales";
import { useI18n } from "~/lib/i18n/react";
import { dateFormat } from "~/lib/i18n/translate";

const ROW = 26;
const LABEL = 0;
const BAR_FILL = {
  planned: "fill-brand-500",
  in_progress: "fill-brand-500",
  done: "fill-green-500",
  cancelled: "fill-slate-300",
} as const;

export function PlanTimeline({
  year,
  actions,
}: {
  year: number;
  actions: ReadonlyArray<{ id: string; objective: string; startDate: string; endDate: string; status: ActionStatus }>;
}) {
  const { t, dir, locale } = useI18n();
  const months = Array.from({ length: 12 }, (_, m) =>
    dateFormat(intlLocale(locale), { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(year, m, 15))),
  );
  const height = 24 + actions.length * ROW;
  const x = (percent: number, width = 0) => (dir === "rtl" ? 100 - percent - width : percent);
  return (
    <figure data-testid="plan-timeline">
      <svg
        viewBox={`0 0 1000 ${height}`}
        className="w-full overflow-visible"
        role="img"
        aria-label={t("plan.timeline", { year: String(year) })}
      >
        {months.map((m, i) => (
          <g key={i}>
            <line
              x1={x((i / 12) * 100) * 10}
              x2={x((i / 12) * 100) * 10}
              y1={0}
              y2={height}
              className="stroke-slate-200"
              strokeWidth={1}
            />
            <text x={x(((i + 0.5) / 12) * 100) * 10} y={14} textAnchor="middle" className="fill-slate-500 text-[11px]">
              {m}
            </text>
          </g>
        ))}
        {actions.map((a, row) => {
          const bar = timelineBar(year, a.startDate, a.endDate);
          if (!bar) return null;
          const left = x(bar.offset, bar.width) * 10;
          return (
            <g key={a.id} data-testid="timeline-bar">
              <rect
                x={left + LABEL}
                y={22 + row * ROW}
                width={Math.max(4, bar.width * 10)}
                height={ROW - 8}
                rx={4}
                className={BAR_FILL[a.status]}
              >
                <title>{a.objective}</title>
              </rect>
              {/* Labels are placed in left-to-right geometry (direction="ltr"); inside a long bar in white, after a short one in ink. */}
              {(() => {
                const width = Math.max(4, bar.width * 10);
                const inside = width > 260;
                const rtl = dir === "rtl";
                const xText = inside ? (rtl ? left + width - 6 : left + 6) : rtl ? left - 6 : left + width + 6;
                const anchor = inside ? (rtl ? "end" : "start") : rtl ? "end" : "start";
                return (
                  <text
                    x={xText}
                    y={22 + row * ROW + 13}
                    textAnchor={anchor}
                    direction="ltr"
                    className={`${inside ? "fill-white" : "fill-slate-700"} text-[11px]`}
                  >
                    {a.objective.length > 60 ? `${a.objective.slice(0, 58)}…` : a.objective}
                  </text>
                );
              })()}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
