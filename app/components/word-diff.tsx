/**
 * Two versions of a text side by side, word by word: what was removed struck on the first, what was
 * added marked on the second (the parts of app/domain/agreement/compare.ts).
 */
import type { DiffPart } from "~/domain/agreement/compare";
import { useI18n } from "~/lib/i18n/react";

export function WordDiff({ parts, before, after }: { parts: readonly DiffPart[]; before: string; after: string }) {
  const { t } = useI18n();
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">{before}</p>
        <p
          className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm leading-relaxed"
          dir="auto"
          data-side="before"
        >
          {parts.map((part, j) =>
            part.change === "added" ? null : part.change === "removed" ? (
              <del key={j} className="bg-red-100 text-red-900" title={t("versions.removed")}>
                {part.text}
              </del>
            ) : (
              <span key={j}>{part.text}</span>
            ),
          )}
        </p>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">{after}</p>
        <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm leading-relaxed" dir="auto" data-side="after">
          {parts.map((part, j) =>
            part.change === "removed" ? null : part.change === "added" ? (
              <ins key={j} className="bg-green-100 text-green-900 no-underline" title={t("versions.added")}>
                {part.text}
              </ins>
            ) : (
              <span key={j}>{part.text}</span>
            ),
          )}
        </p>
      </div>
    </div>
  );
}
