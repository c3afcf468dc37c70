/** The frame of the pages before one is signed in (login, its second step, forgotten password): language, a card, a footer. */
import type { ReactNode } from "react";
import { LanguageSwitcher } from "~/components/language-switcher";

export function AuthShell({
  header,
  children,
  footer,
}: {
  header?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center">
          <LanguageSwitcher />
        </div>
        {header}
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
        {footer}
      </div>
    </main>
  );
}
