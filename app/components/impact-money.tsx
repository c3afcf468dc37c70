/**
 * The partner's money on /impact: what its organizations paid that reached the associations, and
 * what needs attention — tranches to pay (late ones flagged), paid and awaiting the association's
 * receipt, receipts its own organizations have to confirm, expenses it questioned.
 */
import { Link } from "@remix-run/react";
import { Figure } from "~/components/figure";
import { Badge, Card } from "~/components/ui/card";
import { MoneyText } from "~/components/ui/formatted";
import type { MoneyAttention } from "~/domain/finance/finance-view.server";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";

export interface ImpactMoney {
  delivered: number;
  questioned: number;
  late: number;
  toPay: MoneyAttention["toPay"];
  awaitingReceipt: MoneyAttention["awaitingReceipt"];
  toConfirm: MoneyAttention["toConfirm"];
  /** How many each list has in all (the lists hold the first ones). */
  counts: { toPay: number; awaitingReceipt: number; toConfirm: number };
}

export function ImpactMoneyCard({ money }: { money: ImpactMoney }) {
  const { t, formatNumber } = useI18n();
  const waiting = [...money.toPay, ...money.awaitingReceipt, ...money.toConfirm];
  return (
    <Card title={t("impact.money.title")}>
      <div data-testid="impact-money">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Figure label={t("impact.money.delivered")} testId="money-delivered">
            <MoneyText cents={money.delivered} currency="MAD" />
          </Figure>
          <Figure label={t("finances.toPay")} testId="money-to-pay">
            {formatNumber(money.counts.toPay)}
            {money.late ? (
              <span className="ms-2 align-middle">
                <Badge tone="red">{t("impact.money.late", { count: money.late })}</Badge>
              </span>
            ) : null}
          </Figure>
          <Figure label={t("impact.money.awaitingReceipt")} testId="money-awaiting-receipt">
            {formatNumber(money.counts.awaitingReceipt)}
          </Figure>
          <Figure label={t("finances.toConfirm")} testId="money-to-confirm">
            {formatNumber(money.counts.toConfirm)}
          </Figure>
          <Figure label={t("impact.money.questioned")} testId="money-questioned">
            {formatNumber(money.questioned)}
          </Figure>
        </dl>
        {waiting.length ? (
          <ul className="mt-3 space-y-1 text-sm" data-testid="impact-money-tranches">
            {waiting.map((tr) => (
              <TrancheLine key={tr.id} tranche={tr} />
            ))}
          </ul>
        ) : null}
        <p className="mt-3 text-sm">
          <Link to="/finances" className="text-brand-700 underline">
            {t("impact.money.all")}
          </Link>
        </p>
      </div>
    </Card>
  );
}

function TrancheLine({ tranche: tr }: { tranche: MoneyAttention["toPay"][number] }) {
  const { t, locale } = useI18n();
  return (
    <li>
      <Link to={`/agreements/${tr.agreementId}/finances`} className="font-medium text-brand-700 hover:underline">
        <bdi>{tr.reference}</bdi> · {t("finance.tranche", { number: tr.number })}
      </Link>{" "}
      <MoneyText cents={tr.amountMinor} currency={tr.currency} /> · {t(`tranche.status.${tr.status}`)}
      {tr.late ? (
        <span className="ms-2">
          <Badge tone="red">{t("finance.late")}</Badge>
        </span>
      ) : null}
      <span className="block text-xs text-slate-500">
        {t("finance.fromTo", { payer: displayName(tr.payer, locale), receiver: displayName(tr.receiver, locale) })}
      </span>
    </li>
  );
}
