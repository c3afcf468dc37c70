/** Small pieces shared by the finances page's sections. */
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { SelectField, TextAreaField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { FinancesView } from "~/domain/finance/finance-view.server";
import { PAYMENT_METHODS } from "~/domain/finance/tranche";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export type ForIntent = (intent: string, target?: string) => ActionFailure | null;

/** What a receipt or a proof of payment may be: the kinds the server checks by content. */
export const PROOF_TYPES = "image/png,image/jpeg,application/pdf";

/** How money moved (transfer, cheque, cash…): the same field for payments and expenses. */
export function MethodField({ failure }: { failure: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <SelectField
      label={t("finance.method")}
      name="method"
      defaultValue={typed(failure?.values, "method", "transfer")}
      error={failure?.fieldErrors.method}
      options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`finance.method.${m}`) }))}
    />
  );
}

/**
 * The committee decision a reallocation or a cancellation rests on: only decisions whose minutes are
 * approved are offered (the command refuses any other).
 */
export function DecisionField({ view, failure }: { view: FinancesView; failure: ActionFailure | null }) {
  const { t } = useI18n();
  const approved = view.decisions.filter((d) => d.approved);
  return (
    <SelectField
      label={t("finance.decision")}
      name="outcomeId"
      required
      hint={approved.length ? undefined : t("finance.decision.none")}
      defaultValue={typed(failure?.values, "outcomeId")}
      error={failure?.fieldErrors.outcomeId}
      options={[
        { value: "", label: "—" },
        ...approved.map((d) => ({
          value: d.id,
          label: t("finance.decision.option", {
            meeting: d.meetingNumber,
            decision: d.decisionNumber ?? "",
            body: d.body.length > 60 ? `${d.body.slice(0, 60)}…` : d.body,
          }),
        })),
      ]}
    />
  );
}

/** The optional note of a money entry. */
export function NoteField({ failure }: { failure: ActionFailure | null }) {
  const { t } = useI18n();
  return (
    <TextAreaField
      label={t("finance.note")}
      name="note"
      optional
      rows={2}
      maxLength={1000}
      defaultValue={typed(failure?.values, "note")}
      error={failure?.fieldErrors.note}
    />
  );
}

/** An action folded under its button: open by itself after a refused submission, so its errors show. */
export function Fold({
  label,
  open,
  children,
  testId,
}: {
  label: string;
  open: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50" open={open} data-testid={testId}>
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-brand-700">{label}</summary>
      <div className="space-y-3 border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}

/**
 * A reversing entry, asked with its reason (a tranche's last event, an expense): folded under its
 * button, the hint saying that nothing is edited.
 */
export function ReverseFold({
  intent,
  fields,
  label,
  hint,
  failure,
  testId,
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  hint: string;
  failure: ActionFailure | null;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Fold label={label} open={Boolean(failure)} testId={testId}>
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-sm text-slate-600">{hint}</p>
        <TextAreaField
          label={t("finance.expense.reason")}
          name="reason"
          required
          rows={2}
          maxLength={2000}
          defaultValue={typed(failure?.values, "reason")}
          error={failure?.fieldErrors.reason}
        />
        <FormError failure={failure} />
        <Button variant="secondary">{label}</Button>
      </AppForm>
    </Fold>
  );
}
