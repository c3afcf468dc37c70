/** The dashboard's money counts: tranches to pay, expected, late, and receipts to confirm; each links to /finances. */
import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { useI18n } from "~/lib/i18n/react";

export interface MoneyCounts {
  toPay: number;
  expected: number;
  late: number;
  toConfirm: number;
}

export function MoneyAttentionCard({ counts }: { counts: MoneyCounts }) {
  const { t } = useI18n();
  if (!counts.toPay && !counts.expected && !counts.toConfirm) return null;
  const rows = [
    { key: "toPay", label: t("dashboard.money.toPay"), n: counts.toPay },
    { key: "expected", label: t("dashboard.money.expected"), n: counts.expected },
    { key: "late", label: t("dashboard.money.late"), n: counts.late },
    { key: "toConfirm", label: t("dashboard.money.toConfirm"), n: counts.toConfirm },
  ].filter((r) => r.n > 0);
  return (
    <div className="mb-6">
      <Card
        title={t("dashboard.money")}
        actions={
          <Link to="/finances" className="text-sm text-brand-700 hover:underline">
            {t("dashboard.seeAll")}
          </Link>
        }
      >
        <ul className="flex flex-wrap gap-3" data-testid="money-attention">
          {rows.map((r) => (
            <li
              key={r.key}
              data-count={r.key}
              className={`rounded-md px-3 py-2 text-sm ${r.key === "late" ? "bg-red-50 text-red-800" : "bg-slate-50 text-slate-800"}`}
            >
              <span className="text-lg font-semibold">{r.n}</span> {r.label}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
