/**
 * The dashboard's reports: due soon and late (my organizations' to write), to review (as a partner),
 * sent back (to revise). Nothing shown when none needs the reader.
 */
import { Link } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import { useI18n } from "~/lib/i18n/react";
import type { ReportKind } from "../../db/schema";

interface DueItem {
  id: string;
  kind: ReportKind;
  description: string;
  periodFrom: string | null;
  periodTo: string | null;
  due: string;
  agreementId: string;
  reference: string;
  reportId: string | null;
}
interface ReportItem {
  id: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  agreementId: string;
  reference: string;
}

export function ReportsAttention({
  data,
}: {
  data: { due: DueItem[]; late: DueItem[]; toReview: ReportItem[]; sentBack: ReportItem[] };
}) {
  const { t } = useI18n();
  const groups = [
    { key: "late", items: data.late, tone: "red" },
    { key: "due", items: data.due, tone: "amber" },
  ] as const;
  const reports = [
    { key: "toReview", items: data.toReview },
    { key: "sentBack", items: data.sentBack },
  ] as const;
  if (groups.every((g) => g.items.length === 0) && reports.every((g) => g.items.length === 0)) return null;
  return (
    <Card title={t("reports.dashboard.title")}>
      <div className="space-y-4 text-sm" data-testid="reports-attention">
        {groups.map((g) =>
          g.items.length ? (
            <div key={g.key} data-testid={`reports-${g.key}`}>
              <p className="mb-1 font-medium text-slate-700">{t(`reports.dashboard.${g.key}`)}</p>
              <ul className="space-y-1">
                {g.items.map((o) => (
                  <li key={o.id}>
                    <Link
                      to={`/agreements/${o.agreementId}/reports${o.reportId ? `/${o.reportId}` : ""}`}
                      className="text-brand-700"
                      dir="auto"
                    >
                      {o.periodFrom && o.periodTo ? t(`reports.kind.${o.kind}`) : o.description}
                    </Link>
                    <p className="text-xs text-slate-500">
                      <span dir="ltr">{o.reference}</span> ·{" "}
                      {o.periodFrom && o.periodTo ? (
                        <>
                          <DateText value={o.periodFrom} style="medium" /> –{" "}
                          <DateText value={o.periodTo} style="medium" /> ·{" "}
                        </>
                      ) : null}
                      <Badge tone={g.tone}>{t("reports.dueLabel")}</Badge> <DateText value={o.due} style="medium" />
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
        {reports.map((g) =>
          g.items.length ? (
            <div key={g.key} data-testid={`reports-${g.key}`}>
              <p className="mb-1 font-medium text-slate-700">{t(`reports.dashboard.${g.key}`)}</p>
              <ul className="space-y-1">
                {g.items.map((r) => (
                  <li key={r.id}>
                    <Link to={`/agreements/${r.agreementId}/reports/${r.id}`} className="text-brand-700">
                      {t(`reports.kind.${r.kind}`)}
                    </Link>
                    <p className="text-xs text-slate-500">
                      <span dir="ltr">{r.reference}</span> · <DateText value={r.periodFrom} style="medium" /> –{" "}
                      <DateText value={r.periodTo} style="medium" />
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </div>
    </Card>
  );
}
