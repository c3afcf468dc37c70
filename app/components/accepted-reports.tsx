/** The partner's view: the reports accepted on our agreements, newest first, each with its PDF. */
import { Link } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/card";
import { DateText } from "~/components/ui/formatted";
import { useI18n } from "~/lib/i18n/react";
import type { ReportKind } from "../../db/schema";

export function AcceptedReports({
  reports,
}: {
  reports: ReadonlyArray<{
    id: string;
    kind: ReportKind;
    periodFrom: string;
    periodTo: string;
    acceptedAt: string | null;
    agreementId: string;
    reference: string;
    title: string;
    withReservations: boolean;
  }>;
}) {
  const { t } = useI18n();
  return (
    <Card title={t("reports.impact.title")}>
      {reports.length === 0 ? <p className="text-sm text-slate-600">{t("reports.impact.none")}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="accepted-reports">
        {reports.map((r) => (
          <li
            key={r.id}
            className="flex flex-wrap items-center justify-between gap-2 py-2"
            data-testid="accepted-report"
          >
            <div className="min-w-0">
              <Link to={`/agreements/${r.agreementId}/reports/${r.id}`} className="font-medium text-brand-700">
                {t(`reports.kind.${r.kind}`)}
              </Link>{" "}
              <span className="text-slate-600">
                <DateText value={r.periodFrom} style="medium" /> – <DateText value={r.periodTo} style="medium" />
              </span>
              <p className="text-xs text-slate-500">
                <span dir="ltr">{r.reference}</span> · <bdi>{r.title}</bdi>
                {r.acceptedAt ? (
                  <>
                    {" · "}
                    {t("reports.acceptedNotice")} <DateText value={r.acceptedAt} style="medium" />
                  </>
                ) : null}
              </p>
            </div>
            <div className="flex items-center gap-2">
              {r.withReservations ? (
                <Badge tone="amber">{t("reports.decision.accepted_with_reservations")}</Badge>
              ) : null}
              <a href={`/agreements/${r.agreementId}/reports/${r.id}/pdf`} className="text-brand-700 underline">
                {t("reports.pdf")}
              </a>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
