/** While the text is editable: the forms that draft the budget (lines, their funders) and the tranche schedule. */
import { Button } from "~/components/ui/button";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { BUDGET_CATEGORIES, SHARE_KINDS } from "~/domain/finance/budget";
import type { FinancesView } from "~/domain/finance/finance-view.server";
import { TRANCHE_CONDITIONS } from "~/domain/finance/tranche";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import { CURRENCIES } from "~/lib/money";
import { DecisionField, Fold, type ForIntent } from "./money-parts";

/** The funder's fields of a line or a share: the party, the kind, and its value or hours × rate. */
function ShareFields({ view, failure }: { view: FinancesView; failure: ActionFailure | null }) {
  const { t, locale } = useI18n();
  return (
    <>
      <SelectField
        label={t("finance.edit.party")}
        name="partyId"
        defaultValue={typed(failure?.values, "partyId")}
        error={failure?.fieldErrors.partyId}
        options={view.parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
      />
      <SelectField
        label={t("finance.edit.kind")}
        name="kind"
        defaultValue={typed(failure?.values, "kind", SHARE_KINDS[0])}
        error={failure?.fieldErrors.kind}
        options={SHARE_KINDS.map((k) => ({ value: k, label: t(`finance.shareKind.${k}`) }))}
      />
      <TextField
        label={`${t("finance.edit.amount")} (${view.currency})`}
        name="amount"
        inputMode="decimal"
        defaultValue={typed(failure?.values, "amount")}
        error={failure?.fieldErrors.amount}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t("finance.edit.hours")}
          name="hours"
          inputMode="numeric"
          optional
          defaultValue={typed(failure?.values, "hours")}
          error={failure?.fieldErrors.hours}
        />
        <TextField
          label={t("finance.edit.rate")}
          name="hourlyRate"
          inputMode="decimal"
          optional
          defaultValue={typed(failure?.values, "hourlyRate")}
          error={failure?.fieldErrors.hourlyRate}
        />
      </div>
    </>
  );
}

export function AddLineForm({ view, forIntent }: { view: FinancesView; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("addLine");
  return (
    <Fold label={t("finance.edit.addLine")} open={Boolean(failure)} testId="add-line-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="addLine" />
        <SelectField
          label={t("finance.edit.category")}
          name="category"
          defaultValue={typed(failure?.values, "category", BUDGET_CATEGORIES[0])}
          error={failure?.fieldErrors.category}
          options={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`finance.category.${c}`) }))}
        />
        <TextField
          label={t("finance.expense.description")}
          name="description"
          required
          maxLength={300}
          defaultValue={typed(failure?.values, "description")}
          error={failure?.fieldErrors.description}
        />
        {view.planActions.length ? (
          <SelectField
            label={t("finance.edit.planAction")}
            name="planActionId"
            optional
            defaultValue={typed(failure?.values, "planActionId")}
            error={failure?.fieldErrors.planActionId}
            options={[
              { value: "", label: "—" },
              ...view.planActions.map((p) => ({ value: p.id, label: `${p.year} — ${p.objective}` })),
            ]}
          />
        ) : null}
        <ShareFields view={view} failure={failure} />
        <FormError failure={failure} />
        <Button>{t("finance.edit.addLine")}</Button>
      </AppForm>
    </Fold>
  );
}

export function AddShareForm({
  view,
  lineId,
  forIntent,
}: {
  view: FinancesView;
  lineId: string;
  forIntent: ForIntent;
}) {
  const { t } = useI18n();
  const failure = forIntent("addShare", lineId);
  return (
    <Fold label={t("finance.edit.addShare")} open={Boolean(failure)}>
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="addShare" />
        <input type="hidden" name="lineId" value={lineId} />
        <ShareFields view={view} failure={failure} />
        <FormError failure={failure} />
        <Button>{t("finance.edit.addShare")}</Button>
      </AppForm>
    </Fold>
  );
}

/**
 * After signing: the committee's reallocation from one line to another, within the agreement's limit
 * per line (shown); beyond it the server refuses, next to the amount, saying an amendment is needed.
 */
export function ReallocationForm({ view, forIntent }: { view: FinancesView; forIntent: ForIntent }) {
  const { t, formatNumber } = useI18n();
  const failure = forIntent("reallocate");
  const lines = view.lines.map((l) => ({
    value: l.id,
    label: `${t("finance.line", { number: l.position })} · ${t(`finance.category.${l.category}`)}`,
  }));
  return (
    <Fold label={t("finance.realloc.action")} open={Boolean(failure)} testId="reallocation-form">
      <p className="text-xs text-slate-600">
        {t("finance.reallocationLimit", { percent: `${formatNumber(view.reallocationLimitBp / 100)} %` })}
      </p>
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="reallocate" />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t("finance.realloc.from")}
            name="fromLineId"
            defaultValue={typed(failure?.values, "fromLineId", lines[0]?.value)}
            error={failure?.fieldErrors.fromLineId}
            options={lines}
          />
          <SelectField
            label={t("finance.realloc.to")}
            name="toLineId"
            defaultValue={typed(failure?.values, "toLineId", lines[1]?.value)}
            error={failure?.fieldErrors.toLineId}
            options={lines}
          />
        </div>
        <TextField
          label={`${t("finance.pay.amount")} (${view.currency})`}
          name="amount"
          inputMode="decimal"
          required
          defaultValue={typed(failure?.values, "amount")}
          error={failure?.fieldErrors.amount}
        />
        <DecisionField view={view} failure={failure} />
        <FormError failure={failure} />
        <Button>{t("finance.realloc.submit")}</Button>
      </AppForm>
    </Fold>
  );
}

/** A one-button form removing a line, a share or a tranche of the draft. */
export function RemoveButton({
  intent,
  field,
  value,
  label,
  forIntent,
}: {
  intent: string;
  field: string;
  value: string;
  label: string;
  forIntent: ForIntent;
}) {
  const failure = forIntent(intent, value);
  return (
    <AppForm failure={failure} className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={value} />
      <FormError failure={failure} />
      <button type="submit" className="text-sm text-red-700 underline">
        {label}
      </button>
    </AppForm>
  );
}

export function AddTrancheForm({ view, forIntent }: { view: FinancesView; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const failure = forIntent("addTranche");
  const parties = view.parties.map((p) => ({ value: p.id, label: displayName(p, locale) }));
  const receiver = view.parties.find((p) => p.isOwner)?.id ?? "";
  const payer = view.parties.find((p) => !p.isOwner)?.id ?? "";
  return (
    <Fold label={t("finance.edit.addTranche")} open={Boolean(failure)} testId="add-tranche-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="addTranche" />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t("finance.edit.payer")}
            name="payerPartyId"
            defaultValue={typed(failure?.values, "payerPartyId", payer)}
            error={failure?.fieldErrors.payerPartyId}
            options={parties}
          />
          <SelectField
            label={t("finance.edit.receiver")}
            name="receiverPartyId"
            defaultValue={typed(failure?.values, "receiverPartyId", receiver)}
            error={failure?.fieldErrors.receiverPartyId}
            options={parties}
          />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label={t("finance.pay.amount")}
            name="amount"
            inputMode="decimal"
            required
            defaultValue={typed(failure?.values, "amount")}
            error={failure?.fieldErrors.amount}
          />
          <SelectField
            label={t("finance.edit.currency")}
            name="currency"
            defaultValue={typed(failure?.values, "currency", view.currency)}
            error={failure?.fieldErrors.currency}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </div>
        <SelectField
          label={t("finance.edit.condition")}
          name="condition"
          defaultValue={typed(failure?.values, "condition", TRANCHE_CONDITIONS[0])}
          error={failure?.fieldErrors.condition}
          options={TRANCHE_CONDITIONS.map((c) => ({ value: c, label: t(`tranche.condition.${c}`) }))}
        />
        <TextField
          label={t("finance.edit.plannedOn")}
          name="plannedOn"
          type="date"
          optional
          defaultValue={typed(failure?.values, "plannedOn")}
          error={failure?.fieldErrors.plannedOn}
        />
        {view.deliverables.length ? (
          <SelectField
            label={t("finance.edit.deliverable")}
            name="conditionDeliverableId"
            optional
            defaultValue={typed(failure?.values, "conditionDeliverableId")}
            error={failure?.fieldErrors.conditionDeliverableId}
            options={[{ value: "", label: "—" }, ...view.deliverables.map((d) => ({ value: d.id, label: d.title }))]}
          />
        ) : null}
        <TextField
          label={t("finance.edit.graceDays")}
          name="graceDays"
          inputMode="numeric"
          optional
          defaultValue={typed(failure?.values, "graceDays", "30")}
          error={failure?.fieldErrors.graceDays}
        />
        <FormError failure={failure} />
        <Button>{t("finance.edit.addTranche")}</Button>
      </AppForm>
    </Fold>
  );
}
