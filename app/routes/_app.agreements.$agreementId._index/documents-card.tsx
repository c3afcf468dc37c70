/** The agreement's documents: the link to sign, how and when it was signed, the PDF, the export, the paper scan. */
import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { Notice } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import { useI18n } from "~/lib/i18n/react";

export function DocumentsCard({
  agreementId,
  documents: { awaitingSignatures, signed, paper },
}: {
  agreementId: string;
  documents: AgreementOverview["documents"];
}) {
  const { t } = useI18n();
  return (
    <Card title={t("agreement.documents")}>
      {awaitingSignatures ? (
        <p className="mb-3 text-sm">
          <Link
            to={`/agreements/${agreementId}/sign`}
            className="font-medium text-brand-700 underline"
            data-testid="go-sign"
          >
            {t("agreement.awaitingSignatures")}
          </Link>
        </p>
      ) : null}
      {signed ? (
        <p className="mb-3 text-sm text-green-800" data-testid="signed-notice">
          {signed.effectiveLater ? (
            <>
              {t("agreement.signedEffectiveOn")} <DateText value={signed.effectiveLater} />
            </>
          ) : (
            <>
              {t(signed.onPaper ? "agreement.signedOnPaperOn" : "agreement.signedOn")} <DateText value={signed.on} />
            </>
          )}
        </p>
      ) : null}
      <ul className="space-y-2 text-sm">
        <li>
          <a href={`/agreements/${agreementId}/pdf`} className="text-brand-700 underline" data-testid="pdf-link">
            {t("agreement.downloadPdf")}
          </a>
        </li>
        <li>
          <a href={`/agreements/${agreementId}/export.json`} className="text-brand-700 underline" download>
            {t("export.json")}
          </a>
        </li>
        {paper ? (
          <li>
            <a href={`/agreements/${agreementId}/scan`} className="text-brand-700 underline" data-testid="scan-link">
              {t("agreement.downloadScan")}
            </a>{" "}
            <span className="text-slate-500">
              · <bdi>{paper.place}</bdi> · <DateText value={paper.signedOn} />
            </span>
            <p className="text-xs text-slate-500" data-testid="paper-recorded">
              {t("agreement.paperRecorded", { name: `\u2068${paper.recordedBy ?? t("history.system")}\u2069` })}{" "}
              <DateText value={paper.recordedAt} />
            </p>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}

/** "N versions frozen": to the versions page and their comparison. */
export function VersionsNotice({ agreementId, count }: { agreementId: string; count: number }) {
  const { t } = useI18n();
  return (
    <Notice>
      <Link to={`/agreements/${agreementId}/versions`} className="underline">
        {t("agreement.versionsFrozen", { count })}
      </Link>
    </Notice>
  );
}
