/** The frame of every agreement page: breadcrumbs, titles in both languages, status, tabs. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { StatusBadge } from "~/components/agreement-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { agreementSummary } from "~/domain/agreement/agreement.queries.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.header.reference} · ${data.header.title} · Charaka` : "Charaka" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { loaded } = await requireAgreement(request, params, context);
  const a = loaded.agreement;
  const parent = a.parent_agreement_id ? await agreementSummary(db(), a.parent_agreement_id) : null;
  return {
    header: {
      id: a.id,
      reference: a.reference,
      title: a.title,
      titleSecondary: a.title_secondary,
      status: a.status,
      kind: a.kind,
      parent: parent ? { id: parent.id, reference: parent.reference } : null,
    },
  };
}

/** Forms post to the child pages; a POST here is checked like any other (404 for outsiders). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireAgreement(request, params, context);
  throw new Response("Method not allowed", { status: 405 });
}

const TABS = [
  { to: "", key: "agreement.tabs.overview", end: true },
  { to: "clauses", key: "agreement.tabs.clauses", end: false },
  { to: "sign", key: "agreement.tabs.signatures", end: false },
  { to: "obligations", key: "agreement.tabs.obligations", end: false },
  { to: "plan", key: "agreement.tabs.plan", end: false },
  { to: "deliverables", key: "agreement.tabs.deliverables", end: false },
  { to: "committee", key: "agreement.tabs.committee", end: false },
  { to: "finances", key: "agreement.tabs.finances", end: false },
  { to: "reports", key: "agreement.tabs.reports", end: false },
  { to: "versions", key: "agreement.tabs.versions", end: false },
  { to: "history", key: "agreement.tabs.history", end: false },
] as const;

export default function AgreementFrame() {
  const { header } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const tabs = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  // On a phone the current tab may sit past the row's edge: bring it into the row's view.
  useEffect(() => {
    tabs.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <>
      <nav aria-label={t("nav.breadcrumbs")} className="mb-2 text-sm text-slate-500">
        <Link to="/agreements" className="hover:underline">
          {t("nav.agreements")}
        </Link>
        {header.parent ? (
          <>
            {" / "}
            <Link to={`/agreements/${header.parent.id}`} className="hover:underline" dir="ltr">
              {header.parent.reference}
            </Link>
          </>
        ) : null}
        {" / "}
        <span dir="ltr">{header.reference}</span>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900" dir="auto" data-testid="agreement-title">
            {header.title}
          </h1>
          {header.titleSecondary ? (
            <p className="mt-1 text-xl text-slate-700" data-testid="agreement-title-secondary">
              <bdi>{header.titleSecondary}</bdi>
            </p>
          ) : null}
          <p className="mt-1 text-sm text-slate-500">
            <span dir="ltr">{header.reference}</span> · {t(`kind.${header.kind}`)}
          </p>
        </div>
        <StatusBadge status={header.status} />
      </div>
      <nav className="mb-6 border-b border-slate-200" aria-label={t("agreement.tabs.label")}>
        {/* One row that scrolls sideways on a phone, with a shadow on the side where more tabs follow. */}
        <ul ref={tabs} className="scroll-hint -mb-px flex gap-x-4 overflow-x-auto" data-testid="agreement-tabs">
          {TABS.map((tab) => (
            <li key={tab.key}>
              <NavLink
                to={tab.to ? `/agreements/${header.id}/${tab.to}` : `/agreements/${header.id}`}
                end={tab.end}
                className={({ isActive }) =>
                  `block whitespace-nowrap border-b-2 px-1 py-2 text-sm font-medium no-underline ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`
                }
              >
                {t(tab.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
