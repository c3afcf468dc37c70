/** A label and its figure (an amount, a count), in a summary grid (`<dl>`). */
import type { ReactNode } from "react";

export function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="mt-1 text-base font-semibold text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
