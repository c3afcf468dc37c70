/** The signed-in application shell: header with the user's organization, navigation, language, logout. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitcher } from "~/components/language-switcher";
import { listMemberships } from "~/domain/identity/account.server";
import { unreadCount } from "~/domain/notify/notify.server";
import { displayName } from "~/domain/organization/organization";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user);
  const memberships = await listMemberships(db(), user.id);
  const first = memberships[0];
  return {
    user: { name: user.name, isPlatformAdmin: user.isPlatformAdmin },
    organizationName: first ? displayName(first, locale) : null,
    unread: await unreadCount(db(), user.id),
  };
}

const NAV = [
  { to: "/", key: "nav.dashboard", end: true },
  { to: "/agreements", key: "nav.agreements", end: false },
  { to: "/action-items", key: "nav.actionItems", end: false },
  { to: "/impact", key: "nav.impact", end: false },
  { to: "/finances", key: "nav.finances", end: false },
  { to: "/organizations", key: "nav.organizations", end: false },
  { to: "/settings", key: "nav.settings", end: false },
] as const;

export default function AppShell() {
  const { user, organizationName, unread } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname, search } = useLocation();
  // The phone menu closes once a link or a language was chosen.
  useEffect(() => setMenuOpen(false), [pathname, search]);
  return (
    <div className="min-h-full">
      <a
        href="#main"
        className="sr-only no-underline focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="flex min-w-0 items-baseline gap-2 no-underline">
            <span className="text-xl font-bold text-brand-700">{t("app.name")}</span>
            {organizationName ? (
              <span className="truncate text-sm text-slate-600" dir="auto" data-testid="header-organization">
                {organizationName}
              </span>
            ) : null}
          </Link>
          {/* On a phone the navigation and the account's tools fold into one menu; from 640 px they are in the row. */}
          <button
            type="button"
            className="ms-auto flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 sm:hidden"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-button"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
            </svg>
            {t("nav.menu")}
            {unread > 0 ? (
              <span
                className="rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                suppressHydrationWarning
              >
                {unread}
              </span>
            ) : null}
          </button>
          <div
            id="app-menu"
            className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-3 sm:contents`}
            data-testid="app-menu"
          >
            <nav aria-label={t("nav.main")}>
              {/* Wraps rather than hiding items off-screen. */}
              <ul className="flex flex-wrap gap-1">
                {NAV.map((item) => (
                  <li key={item.to}>
                    <NavLink
                      to={item.to}
                      end={item.end}
                      className={({ isActive }) =>
                        `block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium no-underline ${isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`
                      }
                    >
                      {t(item.key)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 sm:ms-auto sm:border-0 sm:pt-0">
              <Link
                to="/notifications"
                className="relative rounded-md px-2 py-1.5 text-sm text-slate-700 no-underline hover:bg-slate-100"
                data-testid="notifications-link"
                data-unread={unread}
              >
                {t("nav.notifications")}
                {unread > 0 ? (
                  <span
                    className="ms-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                    suppressHydrationWarning
                  >
                    {unread}
                  </span>
                ) : null}
              </Link>
              <LanguageSwitcher />
              <Link
                to="/account"
                className="text-sm text-slate-700 no-underline hover:underline sm:hidden md:inline"
                dir="auto"
              >
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
                >
                  {t("nav.logout")}
                </button>
              </Form>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main className="px-4">
      <GeneralErrorBoundary />
    </main>
  );
}
