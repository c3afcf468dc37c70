/** A progress bar drawn as SVG (no inline styles, fine under the CSP), mirrored in Arabic. */
import { useI18n } from "~/lib/i18n/react";

export function ProgressBar({ percent, over = false, label }: { percent: number; over?: boolean; label: string }) {
  const { dir, formatNumber } = useI18n();
  const width = Math.max(0, Math.min(100, percent));
  return (
    <div className="flex items-center gap-2" data-testid="progress" data-percent={width}>
      <svg
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        role="img"
        aria-label={label}
      >
        <rect
          x={dir === "rtl" ? 100 - width : 0}
          y="0"
          width={width}
          height="8"
          className={over ? "fill-amber-500" : "fill-brand-500"}
        />
      </svg>
      <span className="w-12 shrink-0 text-end text-sm tabular-nums text-slate-700" suppressHydrationWarning>
        {formatNumber(width)} %
      </span>
    </div>
  );
}
