/**
 * /finances — the money of the actor's organizations across their agreements: pledged, received,
 * spent, cash on hand, tranches due and late, and what asks something of them now (tranches to pay,
 * expected, receipts to confirm), and its agreements one page at a time (?after=<reference>, the
 * last one of the page before). The same figures as each agreement's finances page.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/agreement-status";
import { Figure } from "~/components/figure";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { Labelled, MoneyText } from "~/components/ui/formatted";
import { organizationFinancesView, type MoneyAttention } from "~/domain/finance/finance-view.server";
import { displayName } from "~/domain/organization/organization";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { buttonClass } from "~/components/ui/button";
import * as z from "zod";

const FinancesQuery = z.object({ after: z.string().trim().min(1).max(100).optional().catch(undefined) });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "finances.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const { after } = FinancesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return organizationFinancesView(db(), actor, todayInMorocco(), { after });
}

export default function Finances() {
  const { agreements, totals, attention, next, first } = useLoaderData<typeof loader>();
  const { t, labelled } = useI18n();
  return (
    <div className="space-y-6">
      <PageHeader title={t("finances.title")} subtitle={t("finances.subtitle")} />
      <Card>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="finances-totals">
          {totals.pledged.map((p) => (
            <Figure key={p.currency} label={t("finance.summary.pledged")}>
              <MoneyText cents={p.minor} currency={p.currency} />
            </Figure>
          ))}
          <Figure label={t("finance.summary.received")} testId="finances-received">
            <MoneyText cents={totals.received} currency="MAD" />
          </Figure>
          <Figure label={t("finance.summary.spent")}>
            <MoneyText cents={totals.spent} currency="MAD" />
          </Figure>
          <Figure label={t("finance.summary.cashOnHand")}>
            <MoneyText cents={totals.cashOnHand} currency="MAD" />
          </Figure>
          <Figure label={t("finances.due")} testId="finances-due">
            {totals.due}
          </Figure>
          <Figure label={t("finances.late")} testId="finances-late">
            {totals.late}
          </Figure>
        </dl>
      </Card>
      <div className="grid gap-6 md:grid-cols-3">
        <TrancheList
          title={t("finances.toPay")}
          items={attention.toPay}
          count={attention.counts.toPay}
          testId="to-pay"
        />
        <TrancheList
          title={t("finances.expected")}
          items={attention.expected}
          count={attention.counts.expected}
          testId="expected"
        />
        <TrancheList
          title={t("finances.toConfirm")}
          items={attention.toConfirm}
          count={attention.counts.toConfirm}
          testId="to-confirm"
        />
      </div>
      <Card title={t("finances.agreements")}>
        {agreements.length === 0 ? <p className="text-sm text-slate-600">{t("finances.empty")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="finances-agreements">
          {agreements.map((a) => (
            <li key={a.id} className="py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/agreements/${a.id}/finances`} className="font-medium text-brand-700" dir="auto">
                  {a.reference} — {a.title}
                </Link>
                <StatusBadge status={a.status} />
              </div>
              <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
                <span>
                  <Labelled label={t("finance.summary.budget")}>
                    <MoneyText cents={a.budget} currency={a.currency} />
                  </Labelled>
                </span>
                <span>
                  <Labelled label={t("finance.summary.received")}>
                    <MoneyText cents={a.received} currency="MAD" />
                  </Labelled>
                </span>
                <span>
                  <Labelled label={t("finance.summary.spent")}>
                    <MoneyText cents={a.spent} currency="MAD" />
                  </Labelled>
                </span>
                <span>
                  <Labelled label={t("finance.summary.cashOnHand")}>
                    <MoneyText cents={a.cashOnHand} currency="MAD" />
                  </Labelled>
                </span>
                {a.due ? <Badge tone="amber">{labelled(t("finances.due"), String(a.due))}</Badge> : null}
                {a.late ? <Badge tone="red">{labelled(t("finances.late"), String(a.late))}</Badge> : null}
                {a.questioned ? (
                  <Badge tone="amber">{t("finance.questionedItems", { count: a.questioned })}</Badge>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
        {next || !first ? (
          <nav className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="finances-pages">
            {!first ? (
              <Link to="/finances" className={buttonClass("secondary")}>
                {t("finances.firstPage")}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link to={`?${new URLSearchParams({ after: next })}`} className={buttonClass("secondary")}>
                {t("finances.nextPage")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}

function TrancheList({
  title,
  items,
  count,
  testId,
}: {
  title: string;
  items: MoneyAttention["toPay"];
  count: number;
  testId: string;
}) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  return (
    <Card title={`${title} (${formatNumber(count)})`}>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("finances.nothing")}</p> : null}
      <ul className="space-y-2 text-sm" data-testid={testId}>
        {items.map((tr) => (
          <li key={tr.id}>
            <Link to={`/agreements/${tr.agreementId}/finances`} className="font-medium text-brand-700">
              {tr.reference} · {t("finance.tranche", { number: tr.number })}
            </Link>{" "}
            <MoneyText cents={tr.amountMinor} currency={tr.currency} />
            {tr.late ? (
              <span className="ms-2">
                <Badge tone="red">{t("finance.late")}</Badge>
              </span>
            ) : null}
            <p className="text-slate-600">
              {t("finance.fromTo", {
                payer: displayName(tr.payer, locale),
                receiver: displayName(tr.receiver, locale),
              })}
              {tr.dueSince ? ` · ${t("finances.dueSince", { date: formatDate(tr.dueSince, "medium") })}` : null}
            </p>
          </li>
        ))}
      </ul>
      {count > items.length ? (
        <p className="mt-2 text-sm text-slate-600">{t("finances.more", { count: count - items.length })}</p>
      ) : null}
    </Card>
  );
}
