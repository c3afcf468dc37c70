/** The overview's summary: dates, territory, renewal, budget, and the purpose. */
import { Markdown } from "~/components/markdown";
import { Card } from "~/components/ui/card";
import { DateText, MoneyText } from "~/components/ui/formatted";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import { useI18n } from "~/lib/i18n/react";

export function SummaryCard({ agreement }: { agreement: AgreementOverview["agreement"] }) {
  const { t } = useI18n();
  return (
    <Card title={t("agreement.summary")}>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("agreement.field.effectiveDate")}</dt>
          <dd>{agreement.effectiveDate ? <DateText value={agreement.effectiveDate} /> : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("agreement.field.endDate")}</dt>
          <dd>
            {agreement.endDate ? <DateText value={agreement.endDate} /> : "—"}
            {agreement.durationMonths ? (
              <span className="text-slate-500"> ({t("agreement.months", { count: agreement.durationMonths })})</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("agreement.field.territory")}</dt>
          <dd dir="auto">{agreement.territory ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("agreement.field.signingPlace")}</dt>
          <dd dir="auto">{agreement.signingPlace ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("agreement.field.tacitRenewal")}</dt>
          <dd>
            {agreement.tacitRenewal
              ? agreement.renewalNoticeDays
                ? t("agreement.renewal.withNotice", { count: agreement.renewalNoticeDays })
                : t("agreement.renewal.yes")
              : t("agreement.renewal.no")}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("agreement.field.totalBudget")}</dt>
          <dd dir="ltr" className="text-start">
            {agreement.totalBudgetCents !== null ? (
              <MoneyText cents={agreement.totalBudgetCents} currency={agreement.currency} />
            ) : (
              "—"
            )}
          </dd>
        </div>
        {agreement.amendsEndDate ? (
          <div>
            <dt className="text-slate-500">{t("agreement.amend.newEndDate")}</dt>
            <dd>
              <DateText value={agreement.amendsEndDate} />
            </dd>
          </div>
        ) : null}
        {agreement.statusReason ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{t("agreement.statusReason")}</dt>
            <dd dir="auto">
              {agreement.statusReason}
              {agreement.terminatedOn ? (
                <>
                  {" "}
                  · <DateText value={agreement.terminatedOn} />
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {agreement.purposeHtml ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="mb-1 text-sm font-semibold text-slate-700">{t("agreement.field.purpose")}</h3>
          <Markdown html={agreement.purposeHtml} />
        </div>
      ) : null}
    </Card>
  );
}
