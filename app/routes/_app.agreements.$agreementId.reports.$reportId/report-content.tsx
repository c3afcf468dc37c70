/**
 * A report as read: a submitted version's sections, with each section's comments (and the form to
 * comment while it is under review). The tables (deliveries, the financial statement) are shared with
 * the draft, where they come from the records.
 */
import type { ReactNode } from "react";
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField } from "~/components/ui/field";
import { DateText, DateTimeText, MoneyText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import type { Beneficiaries, DeliveryLine, FinancialPart, ReportSection, ReportSnapshot } from "~/domain/report/report";
import { useI18n } from "~/lib/i18n/react";
import type { ReportData } from "~/domain/report/report-view.server";

type Shown = NonNullable<ReportData["shown"]>;

/** A section's frame: its title, its content, and the partners' comments on it. */
export function Section({
  d,
  section,
  children,
  commentForm,
}: {
  d: ReportData;
  section: ReportSection;
  children: ReactNode;
  commentForm?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section
      id={`section-${section}`}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      data-testid={`report-section-${section}`}
    >
      <h3 className="mb-3 text-lg font-semibold">{t(`reports.section.${section}`)}</h3>
      {children}
      <SectionComments d={d} section={section} />
      {commentForm}
    </section>
  );
}

/** The comments on a section, newest version first, each with its organization and version. */
export function SectionComments({ d, section }: { d: ReportData; section: string }) {
  const { t, locale } = useI18n();
  const comments = d.comments.filter((c) => c.section === section);
  if (comments.length === 0) return null;
  return (
    <div className="mt-4 space-y-2 border-t border-slate-100 pt-3" data-testid={`comments-${section}`}>
      <p className="text-sm font-medium text-slate-700">{t("reports.comments")}</p>
      {[...comments].reverse().map((c) => (
        <div
          key={c.id}
          className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200"
          data-testid="report-comment"
        >
          <p className="mb-1 text-xs text-slate-600">
            <bdi>{c.author ?? "—"}</bdi> · <bdi>{displayName(c, locale)}</bdi> ·{" "}
            {t("reports.comment.on", { number: c.versionNumber })} · <DateTimeText value={c.createdAt} />
          </p>
          <Markdown html={c.html} />
        </div>
      ))}
    </div>
  );
}

export function DeliveriesTable({
  deliveries,
  beneficiaries,
}: {
  deliveries: DeliveryLine[];
  beneficiaries: Beneficiaries;
}) {
  const { t, formatNumber } = useI18n();
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">{t("reports.deliveries.none")}</p>;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full text-start text-sm" data-testid="report-deliveries">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 text-start font-medium">{t("reports.deliveries.date")}</th>
              <th className="py-1 text-start font-medium">{t("reports.deliveries.deliverable")}</th>
              <th className="py-1 text-end font-medium">{t("reports.deliveries.quantity")}</th>
              <th className="py-1 text-end font-medium">{t("reports.deliveries.beneficiaries")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((l, i) => (
              <tr key={i}>
                <td className="py-1">
                  <DateText value={l.on} style="medium" />
                </td>
                <td className="py-1" dir="auto">
                  {l.deliverable}
                </td>
                <td className="py-1 text-end">
                  {formatNumber(l.quantity)} <bdi>{l.unit}</bdi>
                </td>
                <td className="py-1 text-end">{formatNumber(l.beneficiaries)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm font-medium" data-testid="report-beneficiaries">
        {t("reports.beneficiaries.total", {
          total: formatNumber(beneficiaries.total),
          women: formatNumber(beneficiaries.women),
          men: formatNumber(beneficiaries.men),
          children: formatNumber(beneficiaries.children),
        })}
      </p>
    </div>
  );
}

export function FinancialStatement({ financial: f }: { financial: FinancialPart }) {
  const { t } = useI18n();
  const money = (minor: number) => <MoneyText cents={minor} currency={f.currency} />;
  return (
    <div className="space-y-4" data-testid="report-financial">
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        {(
          [
            ["reports.financial.received", f.receivedInPeriod],
            ["reports.financial.spent", f.spentInPeriod],
            ["reports.financial.receivedToDate", f.receivedToDate],
            ["reports.financial.spentToDate", f.spentToDate],
            ["reports.financial.balance", f.balance],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="flex justify-between gap-2 rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-slate-600">{t(key)}</dt>
            <dd className="font-medium">{money(value)}</dd>
          </div>
        ))}
      </dl>
      {f.lines.length ? (
        // One line per budget line, its three figures beside it (under it on a phone): no sideways scroll.
        <ul className="divide-y divide-slate-100 text-sm" data-testid="report-budget-lines">
          {f.lines.map((l) => (
            <li key={l.position} className="py-2">
              <p dir="auto">
                {l.position}. {l.description}
              </p>
              <dl className="mt-1 grid gap-x-4 text-slate-600 sm:grid-cols-3">
                {(
                  [
                    ["reports.financial.budget", l.budget],
                    ["reports.financial.spent", l.spentInPeriod],
                    ["reports.financial.spentToDate", l.spentToDate],
                  ] as const
                ).map(([key, value]) => (
                  <div key={key} className="flex justify-between gap-2">
                    <dt>{t(key)}</dt>
                    <dd className="font-medium text-slate-900">{money(value)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("reports.financial.noBudget")}</p>
      )}
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">{t("reports.financial.expenses")}</p>
        {f.expenses.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reports.financial.noExpense")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="report-expenses">
            {f.expenses.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 py-1">
                <span>
                  <DateText value={e.on} style="medium" /> · {e.line}. <bdi>{e.supplier}</bdi> —{" "}
                  <bdi>{e.description}</bdi>
                </span>
                <span className="font-medium">{money(e.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function IndicatorsTable({ indicators }: { indicators: ReportSnapshot["sections"]["indicators"] }) {
  const { t, formatNumber } = useI18n();
  if (indicators.length === 0) return <p className="text-sm text-slate-600">{t("reports.indicator.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="report-indicators">
      {indicators.map((i) => (
        <li key={i.indicatorId} className="py-2" data-testid="report-indicator">
          <p className="font-medium" dir="auto">
            {i.objective} — {i.name}
          </p>
          <p className="text-slate-600">
            {t("reports.indicator.baselineTarget")}:{" "}
            {t("indicator.range", { baseline: formatNumber(i.baseline), target: formatNumber(i.target) })}{" "}
            <bdi>{i.unit}</bdi> · {t("reports.indicator.value")}:{" "}
            <span className="font-semibold text-slate-900" data-testid="indicator-value">
              {formatNumber(i.value)}
            </span>
          </p>
          {i.comment ? (
            <p className="text-slate-700" dir="auto">
              {i.comment}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The submitted version, section by section; partners comment on each while it is under review. */
export function ReportContent({ d, shown, result }: { d: ReportData; shown: Shown; result: unknown }) {
  const { t } = useI18n();
  const s = shown.content;
  const form = (section: ReportSection) =>
    d.rights.canComment ? <CommentForm section={section} failed={failureFor(result, "commentReport")} /> : null;
  const narrative = (html: string) => (html ? <Markdown html={html} /> : <p className="text-sm text-slate-500">—</p>);
  return (
    <div className="space-y-4" data-testid="report-content" data-version={shown.number}>
      <p className="break-all text-xs text-slate-500" data-testid="report-hash">
        {t("reports.version", { number: shown.number })} ·{" "}
        <span className="font-mono" dir="ltr">
          SHA-256 {shown.sha256}
        </span>
      </p>
      <Section d={d} section="summary" commentForm={form("summary")}>
        {narrative(shown.html.summary)}
      </Section>
      <Section d={d} section="activities" commentForm={form("activities")}>
        {narrative(shown.html.activities)}
      </Section>
      <Section d={d} section="results" commentForm={form("results")}>
        <IndicatorsTable indicators={s.sections.indicators} />
      </Section>
      <Section d={d} section="deliveries" commentForm={form("deliveries")}>
        <DeliveriesTable deliveries={s.deliveries} beneficiaries={s.beneficiaries} />
        {shown.html.deliveriesComment ? <Markdown html={shown.html.deliveriesComment} /> : null}
      </Section>
      <Section d={d} section="difficulties" commentForm={form("difficulties")}>
        {narrative(shown.html.difficulties)}
      </Section>
      <Section d={d} section="next_period" commentForm={form("next_period")}>
        {narrative(shown.html.nextPeriod)}
      </Section>
      <Section d={d} section="financial" commentForm={form("financial")}>
        <FinancialStatement financial={s.financial} />
        {shown.html.financialComment ? <Markdown html={shown.html.financialComment} /> : null}
      </Section>
      {d.comments.some((c) => c.section === "general") ? (
        <Card title={t("reports.section.general")}>
          <SectionComments d={d} section="general" />
        </Card>
      ) : null}
    </div>
  );
}

function CommentForm({ section, failed }: { section: ReportSection; failed: ReturnType<typeof failureFor> }) {
  const { t } = useI18n();
  const mine = failed && typed(failed.values, "section") === section ? failed : null;
  return (
    <details className="mt-3" open={!!mine}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("reports.comment.add")}</summary>
      <AppForm failure={mine} className="mt-2 space-y-2" data-testid={`comment-form-${section}`}>
        <input type="hidden" name="intent" value="commentReport" />
        <input type="hidden" name="section" value={section} />
        <TextAreaField
          label={t("reports.comment.body")}
          name="body"
          rows={3}
          maxLength={5000}
          required
          defaultValue={typed(mine?.values, "body")}
          error={mine?.fieldErrors.body}
        />
        <FormError failure={mine} />
        <Button variant="secondary">{t("reports.comment.submit")}</Button>
      </AppForm>
    </details>
  );
}
