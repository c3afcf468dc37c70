import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { StatusBadge } from "~/components/agreement-status";
import { Button, buttonClass } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { ImportedNotice } from "~/components/imported-notice";
import { DateText } from "~/components/ui/formatted";
import { canCreateAgreement } from "~/domain/access/access";
import { AGREEMENT_KINDS, AgreementListQuery } from "~/domain/agreement/agreement.schema";
import { listAgreements, PAGE_SIZE } from "~/domain/agreement/agreement.queries.server";
import { AGREEMENT_STATUSES } from "~/domain/agreement/lifecycle";
import { displayName } from "~/domain/organization/organization";
import { organizationNames } from "~/domain/organization/organization.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import type { loader as partnersLoader } from "./_app.organizations.partners";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agreements.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const filters = AgreementListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listAgreements(db(), actor, filters);
  // The partner filter is a text field (the directory is thousands of organizations); a filter by
  // id (`partner=…`, from links) shows that organization's name there.
  const partner = filters.partner ? await organizationNames(db(), filters.partner) : undefined;
  return {
    filters,
    ...result,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    partner: partner ? { nameFr: partner.nameFr, nameAr: partner.nameAr } : null,
    // The new-agreement and import pages need an organization to own the agreement.
    canCreate: canCreateAgreement(actor),
    canImport: canCreateAgreement(actor),
  };
}

export default function Agreements() {
  const { filters, items, total, counts, pages, partner, canCreate, canImport } = useLoaderData<typeof loader>();
  // Suggested as the partner filter is typed: the organizations this one works with (others by typing
  // their name), asked for once, when the field is first used.
  const suggestions = useFetcher<typeof partnersLoader>();
  const suggest = () => {
    if (suggestions.state === "idle" && !suggestions.data) suggestions.load("/organizations/partners");
  };
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in changes)) next.delete("page");
    const s = next.toString();
    return s ? `?${s}` : "?";
  };
  const allCount = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

  return (
    <>
      <PageHeader
        title={t("agreements.title")}
        subtitle={t("agreements.count", { count: total })}
        actions={
          canCreate ? (
            <Link to="/agreements/new" className={buttonClass("primary")}>
              {t("agreements.new")}
            </Link>
          ) : null
        }
      />
      <ImportedNotice />
      <nav aria-label={t("agreements.filter.status")} className="mb-4 flex flex-wrap gap-2" data-testid="status-counts">
        <Link
          to={withParams({ status: null })}
          className={`rounded-full px-3 py-1 text-sm no-underline ring-1 ${!filters.status ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
        >
          {t("agreements.filter.all")} · {allCount}
        </Link>
        {AGREEMENT_STATUSES.filter((s) => counts[s]).map((s) => (
          <Link
            key={s}
            to={withParams({ status: s })}
            className={`rounded-full px-3 py-1 text-sm no-underline ring-1 ${filters.status === s ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
          >
            {t(`status.${s}`)} · {counts[s]}
          </Link>
        ))}
      </nav>
      <Card>
        <Form method="get" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-12" role="search">
          {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
          <label className="lg:col-span-6">
            <span className="sr-only">{t("agreements.search")}</span>
            <input
              type="search"
              name="q"
              defaultValue={filters.q ?? ""}
              placeholder={t("agreements.searchPlaceholder")}
              maxLength={200}
              dir="auto"
              className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            />
          </label>
          <label className="lg:col-span-3">
            <span className="sr-only">{t("agreements.filter.kind")}</span>
            <select
              name="kind"
              defaultValue={filters.kind ?? ""}
              className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            >
              <option value="">{t("agreements.filter.kind")}</option>
              {AGREEMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="lg:col-span-3">
            <span className="sr-only">{t("agreements.filter.partner")}</span>
            <input
              type="search"
              name="partnerName"
              list="known-partners"
              onFocus={suggest}
              defaultValue={partner ? displayName(partner, locale) : (filters.partnerName ?? "")}
              placeholder={t("agreements.filter.partner")}
              maxLength={120}
              dir="auto"
              className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            />
            <datalist id="known-partners">
              {(suggestions.data?.partners ?? []).map((o) => (
                <option key={o.id} value={displayName(o, locale)} />
              ))}
            </datalist>
          </label>
          <label className="lg:col-span-2">
            <span className="sr-only">{t("agreements.filter.year")}</span>
            <input
              inputMode="numeric"
              name="year"
              maxLength={4}
              defaultValue={filters.year ?? ""}
              placeholder={t("agreements.filter.year")}
              className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            />
          </label>
          <div className="flex gap-2 lg:col-span-4">
            <label className="flex-1">
              <span className="sr-only">{t("agreements.filter.sort")}</span>
              <select
                name="sort"
                defaultValue={filters.sort}
                className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
              >
                {(["updated", "title", "effective", "reference"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`agreements.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary">{t("agreements.filter.apply")}</Button>
          </div>
        </Form>
        {items.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600">
            {filters.q || filters.kind || filters.partner || filters.partnerName || filters.year || filters.status
              ? t("agreements.noResults")
              : t("agreements.empty")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agreement-list">
            {items.map((a) => (
              <li key={a.id} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link to={`/agreements/${a.id}`} className="font-medium text-brand-700 hover:underline" dir="auto">
                      {a.title}
                    </Link>
                    {a.titleSecondary ? (
                      <p className="text-sm text-slate-700">
                        <bdi>{a.titleSecondary}</bdi>
                      </p>
                    ) : null}
                    <p className="mt-1 text-sm text-slate-500">
                      <span dir="ltr">{a.reference}</span> · {t(`kind.${a.kind}`)}
                      {a.parties.length ? (
                        <>
                          {" · "}
                          {a.parties.map((p, i) => (
                            <span key={i}>
                              {i > 0 ? " × " : ""}
                              <bdi>{displayName(p, locale)}</bdi>
                            </span>
                          ))}
                        </>
                      ) : null}
                      {a.territory ? (
                        <>
                          {" · "}
                          <bdi>{a.territory}</bdi>
                        </>
                      ) : null}
                      {a.effectiveDate ? (
                        <>
                          {" "}
                          · <DateText value={a.effectiveDate} style="medium" />
                        </>
                      ) : null}
                    </p>
                  </div>
                  <div className="shrink-0">
                    <StatusBadge status={a.status} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav className="mt-4 flex items-center justify-between text-sm" aria-label={t("agreements.pagination")}>
            {filters.page > 1 ? (
              <Link to={withParams({ page: String(filters.page - 1) })} className={buttonClass("secondary")}>
                {t("agreements.previous")}
              </Link>
            ) : (
              <span />
            )}
            <span>{t("agreements.page", { page: filters.page, pages })}</span>
            {filters.page < pages ? (
              <Link to={withParams({ page: String(filters.page + 1) })} className={buttonClass("secondary")}>
                {t("agreements.next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
      <p className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-600" data-testid="exports">
        <span>{t("export.title")}</span>
        {(["agreements", "obligations", "deliverables", "action-items"] as const).map((kind) => (
          <span key={kind} className="whitespace-nowrap" data-testid={`export-${kind}`}>
            {t(`export.${kind}`)} (
            {(["csv", "xlsx"] as const).map((format, i) => (
              <Fragment key={format}>
                {i ? " · " : null}
                <a
                  href={`/exports/${kind}.${format}`}
                  className="text-brand-700 underline"
                  download
                  aria-label={`${t(`export.${kind}`)} — ${t(`export.format.${format}`)}`}
                >
                  {t(`export.format.${format}`)}
                </a>
              </Fragment>
            ))}
            )
          </span>
        ))}
        {canImport ? (
          <Link to="/agreements/import" className="ms-auto text-brand-700 underline">
            {t("import.link")}
          </Link>
        ) : null}
      </p>
    </>
  );
}
