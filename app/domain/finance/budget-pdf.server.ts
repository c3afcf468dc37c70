/**
 * The budget table and the tranche schedule in the agreement's PDF, drawn from the frozen snapshot
 * (what was signed): each line with its funders, the totals per party, then the schedule. Used by
 * the agreement's PDF (app/domain/signing/agreement-pdf.server.ts).
 */
import type { AgreementSnapshot } from "../agreement/snapshot";
import type { MessageKey, Translator } from "~/lib/i18n/translate";
import { formatBasisPoints, sumMinor } from "~/lib/money";
import type { PdfBuilder } from "~/lib/pdf/document.server";
import { intlLocale } from "~/lib/i18n/locales";

export function drawBudgetAndSchedule(doc: PdfBuilder, s: AgreementSnapshot, tr: Translator): void {
  const { t, formatMoney, formatDate, labelled, locale } = tr;
  if (s.budget) {
    doc.heading(t("finance.budget"), 3);
    for (const line of s.budget.lines) {
      const total = sumMinor(line.shares.map((sh) => sh.amountMinor));
      doc.keyValues([
        [
          `${line.number}. ${line.description}`,
          `${formatMoney(total, s.currency)}\n${t(`finance.category.${line.category}` as MessageKey)}`,
        ],
      ]);
      for (const share of line.shares) {
        const how =
          share.kind === "volunteer_time" && share.hours !== null && share.hourlyRateMinor !== null
            ? ` (${t("finance.volunteerHours", { hours: share.hours, rate: formatMoney(share.hourlyRateMinor, s.currency) })})`
            : "";
        const carried = share.deliverable ? ` — ${share.deliverable}` : "";
        doc.paragraph(
          `• ${labelled(share.party, `${formatMoney(share.amountMinor, s.currency)} ${t(`finance.shareKind.${share.kind}` as MessageKey)}${how}${carried}`)}`,
          { size: 9 },
        );
      }
    }
    const parties = [...new Set(s.budget.lines.flatMap((l) => l.shares.map((sh) => sh.party)))];
    const partyRows = parties.map((party): [string, string] => [
      party,
      formatMoney(
        sumMinor(
          s.budget!.lines.flatMap((l) => l.shares.filter((sh) => sh.party === party).map((sh) => sh.amountMinor)),
        ),
        s.currency,
      ),
    ]);
    const total = sumMinor(s.budget.lines.flatMap((l) => l.shares.map((sh) => sh.amountMinor)));
    doc.keyValues([...partyRows, [t("finance.total"), formatMoney(total, s.currency)]]);
    doc.paragraph(
      t("finance.reallocationLimit", { percent: formatBasisPoints(s.budget.reallocationLimitBp, intlLocale(locale)) }),
      { size: 9, color: [0.38, 0.38, 0.42] },
    );
  }
  if (s.tranches) {
    doc.heading(t("finance.schedule"), 3);
    doc.keyValues(
      s.tranches.map((tranche): [string, string] => [
        `${t("finance.tranche", { number: tranche.number })} — ${tranche.payer} → ${tranche.receiver}`,
        [
          formatMoney(tranche.amountMinor, tranche.currency),
          `${t(`tranche.condition.${tranche.condition}` as MessageKey)}${tranche.conditionOn ? ` ${t("finance.conditionOn", { name: tranche.conditionOn })}` : ""}`,
          tranche.plannedOn ? t("finance.plannedOn", { date: formatDate(tranche.plannedOn) }) : null,
          t("finance.graceDays", { count: tranche.graceDays }),
        ]
          .filter(Boolean)
          .join("\n"),
      ]),
    );
  }
}
