/** Small pieces shared by the finances page's sections. */
import type { ReactNode } from "react";
import type { ActionFailure } from "~/lib/forms";

export type ForIntent = (intent: string, target?: string) => ActionFailure | null;

/** An action folded under its button: open by itself after a refused submission, so its errors show. */
export function Fold({
  label,
  open,
  children,
  testId,
}: {
  label: string;
  open: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50" open={open} data-testid={testId}>
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-brand-700">{label}</summary>
      <div className="space-y-3 border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}
