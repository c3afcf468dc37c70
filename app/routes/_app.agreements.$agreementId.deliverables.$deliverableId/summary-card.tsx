/** The deliverable at a glance: title and status, progress (items and measures), its links to the plan and an obligation. */
import { Link } from "@remix-run/react";
import { StatusBadgeDeliverable } from "~/components/deliverable-status";
import { ProgressBar } from "~/components/progress-bar";
import { Card } from "~/components/ui/card";
import type { DeliverableView } from "~/domain/delivery/deliverables-view.server";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";

export function SummaryCard({ view }: { view: DeliverableView }) {
  const { agreementId, deliverable, obligation, planAction, items, metrics, progress, beneficiaries } = view;
  const { t, locale, formatNumber } = useI18n();
  return (
    <Card>
      <p className="mb-1 text-sm">
        <Link to={`/agreements/${agreementId}/deliverables`} className="text-brand-700 hover:underline">
          {t("agreement.tabs.deliverables")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="text-xl font-semibold" dir="auto" data-testid="deliverable-title">
          {deliverable.title}
        </h2>
        <StatusBadgeDeliverable status={deliverable.status} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t(`deliverable.kind.${deliverable.kind}`)} · <bdi>{displayName(deliverable, locale)}</bdi>
        {deliverable.location ? (
          <>
            {" · "}
            <bdi>{deliverable.location}</bdi>
          </>
        ) : null}
      </p>
      <div className="mt-4">
        <ProgressBar
          percent={progress.percent}
          over={progress.over}
          label={t("deliverables.progressOf", { title: deliverable.title })}
        />
        <p className="mt-1 text-sm text-slate-700" data-testid="deliverable-total" suppressHydrationWarning>
          {formatNumber(progress.delivered)} / {formatNumber(progress.target)} <bdi>{deliverable.unit}</bdi>
          {beneficiaries > 0 ? <> · {t("deliverables.beneficiaries", { count: beneficiaries })}</> : null}
        </p>
        {progress.over ? (
          <p className="mt-1 text-sm text-amber-800">
            {t("deliverables.overDelivered")}{" "}
            {deliverable.overDeliveryNote ? <bdi>« {deliverable.overDeliveryNote} »</bdi> : null}
          </p>
        ) : null}
        {deliverable.disputeNote ? (
          <p className="mt-2 rounded-md bg-red-50 p-2 text-sm text-red-800" data-testid="dispute-note">
            {t("deliverables.disputed")} <bdi>« {deliverable.disputeNote} »</bdi>
          </p>
        ) : null}
      </div>
      {obligation || planAction ? (
        <ul className="mt-3 space-y-1 text-sm" data-testid="deliverable-links">
          {planAction ? (
            <li>
              <span className="text-slate-500">{t("deliverables.planAction")} — </span>
              <Link
                to={`/agreements/${agreementId}/plan?year=${planAction.year}`}
                className="text-brand-700 hover:underline"
              >
                {planAction.year} · <bdi>{planAction.objective}</bdi>
              </Link>
            </li>
          ) : null}
          {obligation ? (
            <li>
              <span className="text-slate-500">{t("deliverables.obligation")} — </span>
              <Link to={`/agreements/${agreementId}/obligations`} className="text-brand-700 hover:underline">
                <bdi>{obligation.description}</bdi>
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {deliverable.specialties ? (
        <p className="mt-3 text-sm">
          <span className="text-slate-500">{t("deliverables.specialties")} :</span> <bdi>{deliverable.specialties}</bdi>
        </p>
      ) : null}
      {metrics.length ? (
        <ul className="mt-4 space-y-2" data-testid="metrics">
          {metrics.map((m) => (
            <li key={m.id} className="text-sm">
              <p>
                <bdi>{m.name}</bdi> ·{" "}
                <span suppressHydrationWarning>
                  {formatNumber(m.progress.delivered)} / {formatNumber(m.target)}
                </span>
              </p>
              <ProgressBar percent={m.progress.percent} over={m.progress.over} label={m.name} />
            </li>
          ))}
        </ul>
      ) : null}
      {items.length ? (
        <table className="mt-4 w-full text-sm" data-testid="items">
          <thead>
            <tr className="text-slate-500">
              <th className="py-1 text-start font-medium">{t("deliverables.item")}</th>
              <th className="py-1 text-end font-medium">{t("deliverables.itemProgress")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100">
                <td className="py-1" dir="auto">
                  {item.name}
                </td>
                <td className="py-1 text-end tabular-nums" suppressHydrationWarning>
                  {formatNumber(item.progress.delivered)} / {formatNumber(item.target)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
