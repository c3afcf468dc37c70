/**
 * The draft being written by the reporting party. The version sent with a save is the one the text
 * was started from: data reloaded in the background (someone else's save) replaces the text only when
 * nothing is unsaved here, so a second person's save is refused with both texts shown, never
 * overwritten (as for minutes and articles).
 */
import { useEffect, useState } from "react";
import { Markdown } from "~/components/markdown";
import { MarkdownEditor } from "~/components/markdown-editor";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { ActionFailure } from "~/lib/forms";
import { NARRATIVE_MAX, NARRATIVE_SECTIONS, type NarrativeField } from "~/domain/report/report";
import { useI18n } from "~/lib/i18n/react";
import { DeliveriesTable, FinancialStatement, Section } from "./report-content";
import type { ReportData } from "~/domain/report/report-view.server";

export type SaveFailure = ActionFailure & {
  conflict?: { version: number; editedBy: string | null; html: Record<NarrativeField, string> };
};

type Draft = NonNullable<ReportData["draft"]>;
type Texts = Record<NarrativeField | "deliveriesComment" | "financialComment", string>;

const SECTION_OF: Record<NarrativeField, "summary" | "activities" | "difficulties" | "next_period"> = {
  summary: "summary",
  activities: "activities",
  difficulties: "difficulties",
  nextPeriod: "next_period",
};

function textsOf(draft: Draft): Texts {
  const s = draft.sections;
  return {
    summary: s.summary,
    activities: s.activities,
    difficulties: s.difficulties,
    nextPeriod: s.nextPeriod,
    deliveriesComment: s.deliveriesComment,
    financialComment: s.financialComment,
  };
}

export function DraftForm({ d, failed }: { d: ReportData; failed: SaveFailure | null }) {
  const { t, formatNumber } = useI18n();
  const draft = d.draft!;
  const conflict = failed?.conflict;
  const source = textsOf(draft);
  const [base, setBase] = useState({ version: conflict ? conflict.version : d.report.version, texts: source });
  const [texts, setTexts] = useState<Texts>(() =>
    failed ? (Object.fromEntries(Object.keys(source).map((k) => [k, typed(failed.values, k)])) as Texts) : source,
  );
  useEffect(() => {
    // Our own save (the server now has our text) or nothing unsaved: follow the server.
    const unsaved = (Object.keys(texts) as Array<keyof Texts>).some(
      (k) => texts[k] !== source[k] && texts[k] !== base.texts[k],
    );
    if (!unsaved) {
      setBase({ version: d.report.version, texts: source });
      setTexts(source);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's text changes
  }, [d.report.version]);
  const set = (field: keyof Texts) => (value: string) => setTexts((x) => ({ ...x, [field]: value }));
  const editor = (field: NarrativeField) => (
    <Section d={d} section={SECTION_OF[field]}>
      {conflict ? (
        <div className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="report-theirs">
          <p className="mb-1 font-medium text-amber-900">{t("reports.conflict.theirs")}</p>
          <Markdown html={conflict.html[field]} />
        </div>
      ) : null}
      <MarkdownEditor
        label={t(`reports.section.${SECTION_OF[field]}`)}
        name={field}
        maxLength={NARRATIVE_MAX}
        value={texts[field]}
        onChange={set(field)}
        initialHtml={failed ? null : draft.html[field]}
        error={failed?.fieldErrors[field]}
      />
    </Section>
  );
  return (
    <AppForm failure={failed} className="space-y-4" data-testid="report-draft" data-version={base.version}>
      <input type="hidden" name="intent" value="saveReport" />
      <input type="hidden" name="version" value={base.version} />
      {conflict ? (
        <div
          role="alert"
          data-testid="report-conflict"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {t("reports.conflict", { name: conflict.editedBy ?? "—" })}
        </div>
      ) : null}
      {editor(NARRATIVE_SECTIONS[0])}
      {editor(NARRATIVE_SECTIONS[1])}
      <Section d={d} section="results">
        {draft.sections.indicators.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reports.indicator.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="report-indicators">
            {draft.sections.indicators.map((i) => (
              <li key={i.indicatorId} className="grid gap-3 py-3 sm:grid-cols-3" data-testid="report-indicator">
                <div className="text-sm sm:col-span-3">
                  <p className="font-medium" dir="auto">
                    {i.objective} — {i.name}
                  </p>
                  <p className="text-slate-600">
                    {t("reports.indicator.baselineTarget")}:{" "}
                    {t("indicator.range", {
                      baseline: formatNumber(i.baseline),
                      target: formatNumber(i.target),
                    })}{" "}
                    <bdi>{i.unit}</bdi>
                  </p>
                </div>
                <TextField
                  label={`${t("reports.indicator.value")} (${i.unit})`}
                  name={`indicator.${i.indicatorId}.value`}
                  inputMode="numeric"
                  defaultValue={typed(failed?.values, `indicator.${i.indicatorId}.value`, String(i.value))}
                  error={failed?.fieldErrors[`indicators.${i.indicatorId}.value`]}
                />
                <div className="sm:col-span-2">
                  <TextField
                    label={t("reports.indicator.comment")}
                    name={`indicator.${i.indicatorId}.comment`}
                    optional
                    maxLength={2000}
                    defaultValue={typed(failed?.values, `indicator.${i.indicatorId}.comment`, i.comment)}
                    error={failed?.fieldErrors[`indicators.${i.indicatorId}.comment`]}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section d={d} section="deliveries">
        <DeliveriesTable deliveries={draft.deliveries} beneficiaries={draft.beneficiaries} />
        <div className="mt-3">
          <MarkdownEditor
            label={t("reports.deliveries.comment")}
            name="deliveriesComment"
            maxLength={NARRATIVE_MAX}
            value={texts.deliveriesComment}
            onChange={set("deliveriesComment")}
            initialHtml={failed ? null : draft.html.deliveriesComment}
            error={failed?.fieldErrors.deliveriesComment}
          />
        </div>
      </Section>
      {editor(NARRATIVE_SECTIONS[2])}
      {editor(NARRATIVE_SECTIONS[3])}
      <Section d={d} section="financial">
        <FinancialStatement financial={draft.financial} />
        <div className="mt-3">
          <MarkdownEditor
            label={t("reports.financial.comment")}
            name="financialComment"
            maxLength={NARRATIVE_MAX}
            value={texts.financialComment}
            onChange={set("financialComment")}
            initialHtml={failed ? null : draft.html.financialComment}
            error={failed?.fieldErrors.financialComment}
          />
        </div>
      </Section>
      <div className="sticky bottom-0 z-10 -mx-1 rounded-md bg-white/95 p-3 shadow ring-1 ring-slate-200">
        {!conflict ? <FormError failure={failed} /> : null}
        <Button data-testid="save-report">{t("reports.save")}</Button>
      </div>
    </AppForm>
  );
}

/** Submitting: the text as it is saved is frozen as the next version. */
export function SubmitCard({ d, failed }: { d: ReportData; failed: ActionFailure | null }) {
  const { t } = useI18n();
  const number = d.report.currentVersion + 1;
  return (
    <Card title={t("reports.submit.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("reports.submit.intro", { number })}</p>
      <AppForm failure={failed} className="space-y-3" data-testid="submit-report">
        <input type="hidden" name="intent" value="submitReport" />
        <input type="hidden" name="version" value={d.report.version} />
        <FormError failure={failed} />
        <Button>{t("reports.submit.button", { number })}</Button>
      </AppForm>
    </Card>
  );
}
