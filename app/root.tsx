import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { DEMO_PASSWORD, hasDemoAccounts } from "~/domain/demo/demo.server";
import { DemoBanner } from "./components/demo-banner";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { getOptionalUser } from "./lib/auth.server";
import { db } from "./lib/db.server";
import { demoSignInAllowed } from "./domain/demo/demo";
import { env } from "./lib/env.server";
import { resolveLocale } from "./lib/i18n/locale.server";
import { DEFAULT_LOCALE, direction, isLocale } from "./lib/i18n/locales";
import { useNonce } from "./lib/nonce";
import stylesheet from "./tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const demo = await hasDemoAccounts(db());
  return {
    /** This page's request id: the error page shows it so that a person can quote it. */
    requestId: context.requestId ?? null,
    locale: resolveLocale(request, user),
    // The demo password only to a client that may use it (app/domain/demo/demo.ts).
    demo: demo
      ? { password: demoSignInAllowed(env().CHARAKA_DEMO, context.clientIsLocal === true) ? DEMO_PASSWORD : null }
      : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={locale} dir={direction(locale)} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full text-slate-900 antialiased">
        {data?.demo ? <DemoBanner password={data.demo.password} /> : null}
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** Lets browser tests (and anyone scripting the page) know the page is interactive. */
function useMarkHydrated() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
}

export default function App() {
  useMarkHydrated();
  return <Outlet />;
}

export function ErrorBoundary() {
  useMarkHydrated();
  return (
    <main className="px-4">
      <GeneralErrorBoundary />
    </main>
  );
}
