/** The budget: lines with their shares, budget against actual per line, totals per party and per plan action. */
import { ProgressBar } from "~/components/progress-bar";
import { Badge, Card } from "~/components/ui/card";
import { Labelled, MoneyText } from "~/components/ui/formatted";
import type { FinancesView } from "~/domain/finance/finance-view.server";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import { percentOf } from "~/lib/money";
import { AddLineForm, AddShareForm, ReallocationForm, RemoveButton } from "./budget-forms";
import type { ForIntent } from "./money-parts";

export function BudgetSection({ view, forIntent }: { view: FinancesView; forIntent: ForIntent }) {
  const { t, locale, formatMoney, formatNumber } = useI18n();
  const cur = view.currency;
  const addsUp = view.addsUp;
  return (
    <Card title={t("finance.budget")}>
      {addsUp.state === "empty" ? <p className="text-sm text-slate-600">{t("finance.addsUp.empty")}</p> : null}
      {addsUp.state === "under" || addsUp.state === "over" ? (
        <p role="status" className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="adds-up">
          {t(`finance.addsUp.${addsUp.state}`, { amount: formatMoney(addsUp.difference, cur) })}
        </p>
      ) : null}
      {view.canEdit ? (
        <div className="mb-3">
          <AddLineForm view={view} forIntent={forIntent} />
        </div>
      ) : null}
      {view.canReallocate && view.lines.length > 1 ? (
        <div className="mb-3">
          <ReallocationForm view={view} forIntent={forIntent} />
        </div>
      ) : null}
      <ul className="space-y-3" data-testid="budget-lines">
        {view.lines.map((l) => (
          <li key={l.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-medium text-slate-900">
                {t("finance.line", { number: l.position })} · {t(`finance.category.${l.category}`)}
              </h3>
              <MoneyText cents={l.amount} currency={cur} />
            </div>
            <p className="text-sm text-slate-700" dir="auto">
              {l.description}
            </p>
            {l.actionObjective ? <p className="text-xs text-slate-500">{l.actionObjective}</p> : null}
            {l.movedIn || l.movedOut ? (
              <p className="text-xs text-slate-500">
                {t("finance.reallocated", {
                  signed: formatMoney(l.signed, cur),
                  movedIn: formatMoney(l.movedIn, cur),
                  movedOut: formatMoney(l.movedOut, cur),
                })}
              </p>
            ) : null}
            <ul className="mt-2 space-y-0.5 text-sm text-slate-600">
              {l.shares.map((s) => (
                <li key={s.id}>
                  {displayName(s, locale)} · {t(`finance.shareKind.${s.kind}`)} ·{" "}
                  <MoneyText cents={s.amountMinor} currency={cur} />
                  {s.hours !== null && s.hourlyRateMinor !== null
                    ? ` (${t("finance.volunteerHours", { hours: formatNumber(s.hours), rate: formatMoney(s.hourlyRateMinor, cur) })})`
                    : null}
                  {s.deliverableTitle ? ` — ${s.deliverableTitle}` : null}
                  {view.canEdit ? (
                    <span className="ms-2">
                      <RemoveButton
                        intent="removeShare"
                        field="shareId"
                        value={s.id}
                        label={t("finance.edit.removeShare")}
                        forIntent={forIntent}
                      />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            <div className="mt-2">
              <ProgressBar
                percent={Math.floor(percentOf(l.actual, l.amount) / 100)}
                over={l.overSpent}
                label={t("finance.col.actual")}
              />
              <p className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">
                <span>
                  <Labelled label={t("finance.col.actual")}>
                    <MoneyText cents={l.actual} currency={cur} />
                  </Labelled>
                </span>
                <span>
                  <Labelled label={t("finance.col.remaining")}>
                    <MoneyText cents={l.remaining} currency={cur} />
                  </Labelled>
                </span>
                {l.overSpent ? <Badge tone="red">{t("finance.overSpent")}</Badge> : null}
              </p>
            </div>
            {view.canEdit ? (
              <div className="mt-2 space-y-2">
                <AddShareForm view={view} lineId={l.id} forIntent={forIntent} />
                <RemoveButton
                  intent="removeLine"
                  field="lineId"
                  value={l.id}
                  label={t("finance.edit.removeLine")}
                  forIntent={forIntent}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {view.actions.some((x) => x.planActionId) ? (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("finance.byAction")}</h3>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="budget-actions">
            {view.actions.map((x) => (
              <li key={x.planActionId ?? "none"} className="flex flex-wrap justify-between gap-2 py-1.5">
                <span dir="auto">{x.objective ?? t("finance.noAction")}</span>
                <span className="text-slate-700">
                  <MoneyText cents={x.actual} currency={cur} /> / <MoneyText cents={x.budget} currency={cur} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.parties.some((p) => p.total > 0) ? (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("finance.byParty")}</h3>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="budget-parties">
            {view.parties.map((p) => (
              <li key={p.id} className="flex flex-wrap justify-between gap-2 py-1.5">
                <span>{displayName(p, locale)}</span>
                <span className="text-slate-700">
                  <MoneyText cents={p.total} currency={cur} />
                  {p.inKind || p.volunteerTime ? (
                    <span className="ms-2 text-xs text-slate-500">
                      {t("finance.shareKind.cash")} <MoneyText cents={p.cash} currency={cur} /> ·{" "}
                      {t("finance.shareKind.in_kind")} <MoneyText cents={p.inKind} currency={cur} /> ·{" "}
                      {t("finance.shareKind.volunteer_time")} <MoneyText cents={p.volunteerTime} currency={cur} />
                    </span>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
