import { DateText, DateTimeText } from "~/components/ui/formatted";
import type { ReportVerdict as ReportVerdictView, Verdict as VerdictView } from "~/domain/signing/verification.server";
import { useI18n } from "~/lib/i18n/react";

/** The answer of a verification: which version and who signed when, or that nothing matches. */
export function Verdict({ verdict }: { verdict: VerdictView }) {
  const { t } = useI18n();
  if (!verdict.match) {
    return (
      <div
        role="status"
        data-testid="verdict"
        data-match="false"
        className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900"
      >
        <p className="font-semibold">✗ {t("verify.noMatch")}</p>
        <p className="mt-1 text-sm">{t("verify.noMatchHelp")}</p>
      </div>
    );
  }
  if ("document" in verdict) return <ReportVerdict verdict={verdict} />;
  return (
    <div
      role="status"
      data-testid="verdict"
      data-match="true"
      className="rounded-md border border-green-300 bg-green-50 p-4 text-green-900"
    >
      <p className="font-semibold">
        ✓{" "}
        {t(verdict.signed ? "verify.matchSigned" : "verify.matchUnsigned", {
          reference: verdict.reference,
          number: verdict.versionNumber,
        })}
      </p>
      <p className="mt-1 break-all font-mono text-xs" dir="ltr">
        SHA-256 {verdict.hash}
      </p>
      {verdict.signers.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {verdict.signers.map((s, i) => (
            <li key={i}>
              <bdi>{s.name}</bdi> · <bdi>{s.organization}</bdi> ·{" "}
              {s.method === "paper" ? (
                <>
                  {t("verify.method.paperOn")} <DateText value={s.signedOn} />
                  {s.recordedAt ? (
                    <span className="text-green-800/80">
                      {" "}
                      · {t("verify.recordedOn")} <DateText value={s.recordedAt} />
                    </span>
                  ) : null}
                </>
              ) : (
                <>
                  <DateTimeText value={s.signedAt} /> · {t("verify.method.inApp")}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A report's version: which report and period, and the partners' decisions on that very text. */
function ReportVerdict({ verdict }: { verdict: ReportVerdictView }) {
  const { t, formatDate } = useI18n();
  return (
    <div
      role="status"
      data-testid="verdict"
      data-match="true"
      data-document="report"
      className="rounded-md border border-green-300 bg-green-50 p-4 text-green-900"
    >
      <p className="font-semibold">
        ✓{" "}
        {t("verify.report.match", {
          reference: verdict.reference,
          number: verdict.versionNumber,
          kind: t(`reports.kind.${verdict.kind}`),
          period: t("reports.period", { from: formatDate(verdict.periodFrom), to: formatDate(verdict.periodTo) }),
        })}
      </p>
      <p className="mt-1 text-sm">{t(verdict.accepted ? "verify.report.accepted" : "verify.report.notAccepted")}</p>
      <p className="mt-1 break-all font-mono text-xs" dir="ltr">
        SHA-256 {verdict.hash}
      </p>
      {verdict.reviewers.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {verdict.reviewers.map((r, i) => (
            <li key={i}>
              <bdi>{r.name}</bdi> · <bdi>{r.organization}</bdi> · {t(`reports.decision.${r.decision}`)} ·{" "}
              <DateTimeText value={r.at} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
