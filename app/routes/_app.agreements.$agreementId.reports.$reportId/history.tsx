/**
 * A report's history: its versions (each with its SHA-256), the partners' decisions recorded like
 * signatures, any two versions compared word by word; and taking note of it in a meeting's decision.
 */
import { Form } from "@remix-run/react";
import { WordDiff } from "~/components/word-diff";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField } from "~/components/ui/field";
import { DateTimeText } from "~/components/ui/formatted";
import { AppForm, FormError } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import type { ReportData } from "~/domain/report/report-view.server";

export function History({ d }: { d: ReportData }) {
  const { t, locale } = useI18n();
  if (d.versions.length === 0) return null;
  const numbers = d.versions.map((v) => v.number);
  const changed = d.comparison?.sections.filter((s) => s.changed) ?? [];
  return (
    <Card title={t("reports.history")}>
      <div className="grid gap-6 lg:grid-cols-2">
        <ul className="space-y-3 text-sm" data-testid="report-versions">
          {d.versions.map((v) => (
            <li key={v.number} data-testid="report-version">
              <p className="font-medium">
                {t("reports.history.submitted", { number: v.number, name: v.submittedBy ?? "—" })}
              </p>
              <p className="text-slate-500">
                <DateTimeText value={v.submittedAt} />
              </p>
              <p className="break-all font-mono text-xs text-slate-500" dir="ltr">
                SHA-256 {v.sha256}
              </p>
              <ul className="mt-1 space-y-1">
                {d.reviews
                  .filter((r) => r.versionNumber === v.number)
                  .map((r) => (
                    <li key={r.id} className="rounded bg-slate-50 px-2 py-1" data-testid="report-review">
                      <span className="font-medium">{t(`reports.decision.${r.decision}`)}</span> · <bdi>{r.name}</bdi> (
                      <bdi>{displayName(r, locale)}</bdi>) · <DateTimeText value={r.createdAt} />
                      {r.reservations ? (
                        <p className="mt-1" dir="auto">
                          {r.reservations}
                        </p>
                      ) : null}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
        {numbers.length > 1 ? (
          <div>
            <Form method="get" className="flex flex-wrap items-end gap-3" data-testid="compare-versions">
              {(["from", "to"] as const).map((name) => (
                <div key={name} className="w-32">
                  <SelectField
                    label={t(name === "from" ? "reports.from" : "reports.to")}
                    name={name}
                    defaultValue={String((name === "from" ? d.comparison?.from : d.comparison?.to) ?? "")}
                    options={numbers.map((n) => ({ value: String(n), label: t("reports.version", { number: n }) }))}
                  />
                </div>
              ))}
              <Button variant="secondary">{t("reports.compare")}</Button>
            </Form>
            {d.comparison ? (
              <div className="mt-3 space-y-3">
                <p className="text-sm text-slate-600" data-testid="report-compare-summary">
                  {t("reports.changedSections", {
                    count: changed.length,
                    from: d.comparison.from,
                    to: d.comparison.to,
                  })}
                </p>
                {changed.map((s) => (
                  <section key={s.section} data-testid="report-diff" data-section={s.section}>
                    <h4 className="mb-1 text-sm font-semibold text-slate-700">{t(`reports.section.${s.section}`)}</h4>
                    <WordDiff
                      parts={s.parts}
                      before={t("reports.version", { number: d.comparison!.from })}
                      after={t("reports.version", { number: d.comparison!.to })}
                    />
                  </section>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}

export function TakeNote({ d, failed }: { d: ReportData; failed: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <Card title={t("reports.note.title")}>
      {d.notes.length ? (
        <ul className="mb-3 text-sm" data-testid="report-notes">
          {d.notes.map((n) => (
            <li key={`${n.meetingId}-${n.number}`}>
              <a href={`/agreements/${d.agreementId}/meetings/${n.meetingId}`} className="text-brand-700 underline">
                {t("reports.noted", { meeting: n.meeting, number: n.number ?? 0 })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <AppForm failure={failed} className="flex flex-wrap items-end gap-3" data-testid="take-note">
        <input type="hidden" name="intent" value="takeNote" />
        <div className="min-w-48">
          <SelectField
            label={t("reports.note.meeting")}
            name="meetingId"
            error={failed?.fieldErrors.meetingId}
            options={d.meetings.map((m) => ({ value: m.id, label: t("meeting.title", { number: m.number }) }))}
          />
        </div>
        <Button variant="secondary">{t("reports.note.submit")}</Button>
        <FormError failure={failed} />
      </AppForm>
    </Card>
  );
}
