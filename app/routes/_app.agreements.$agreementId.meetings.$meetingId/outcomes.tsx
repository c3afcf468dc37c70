/** An agenda item's outcomes: numbered decisions and information. */
import { Markdown } from "~/components/markdown";
import { useI18n } from "~/lib/i18n/react";
import type { MeetingView } from "./types";

export function Outcomes({ outcomes }: { outcomes: MeetingView["otherOutcomes"] }) {
  const { t } = useI18n();
  if (!outcomes.length) return null;
  return (
    <ul className="mt-2 space-y-2" data-testid="outcomes">
      {outcomes.map((o) => (
        <li
          key={o.id}
          className={`rounded-md p-2 text-sm ${o.decision ? "bg-brand-50" : "bg-slate-50"}`}
          data-kind={o.kind}
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {o.decision ? t("outcome.decisionNumber", { number: o.number ?? 0 }) : t("outcome.information")}
          </p>
          <Markdown html={o.html} />
        </li>
      ))}
    </ul>
  );
}
