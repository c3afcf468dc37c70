/** Expenses: recorded with their receipt, corrected by reversing entries, questioned by partners and answered. */
import { Badge, Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { DateText, MoneyText } from "~/components/ui/formatted";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { FinancesView } from "~/domain/finance/finance-view.server";
import { EXPENSE_QUERY_KINDS } from "~/domain/finance/expense";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import { Fold, MethodField, PROOF_TYPES, ReverseFold, type ForIntent } from "./money-parts";

type Expense = FinancesView["expenses"][number];

const QUERY_TONE = { open: "amber", answered: "blue", settled: "green" } as const;
const KIND_TONE = { comment: "slate", ineligible: "red" } as const;

export function ExpensesSection({
  view,
  today,
  forIntent,
}: {
  view: FinancesView;
  today: string;
  forIntent: ForIntent;
}) {
  const { t } = useI18n();
  const questioned = view.expenses.filter((e) => e.questioned).length;
  return (
    <Card title={t("finance.expenses")}>
      {questioned ? (
        <p role="status" className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="questioned">
          {t("finance.questionedItems", { count: questioned })}
        </p>
      ) : null}
      {view.spenders.length ? <ExpenseForm view={view} today={today} forIntent={forIntent} /> : null}
      {view.expenses.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("finance.expenses.empty")}</p>
      ) : (
        <p className="mt-3 text-sm">
          <a className="text-brand-700 underline" href={`/agreements/${view.agreementId}/expenses.csv`}>
            {t("finance.expenses.csv")}
          </a>
        </p>
      )}
      <ul className="mt-3 space-y-3" data-testid="expenses">
        {view.expenses.map((e) => (
          <ExpenseItem key={e.id} agreementId={view.agreementId} expense={e} forIntent={forIntent} />
        ))}
      </ul>
    </Card>
  );
}

function ExpenseForm({ view, today, forIntent }: { view: FinancesView; today: string; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const failure = forIntent("recordExpense");
  return (
    <Fold label={t("finance.expense.add")} open={Boolean(failure)} testId="expense-form">
      <AppForm failure={failure} className="space-y-3" encType="multipart/form-data">
        <input type="hidden" name="intent" value="recordExpense" />
        <SelectField
          label={t("finance.expense.line")}
          name="budgetLineId"
          defaultValue={typed(failure?.values, "budgetLineId")}
          error={failure?.fieldErrors.budgetLineId}
          options={view.lines.map((l) => ({
            value: l.id,
            label: `${t("finance.line", { number: l.position })} — ${l.description}`,
          }))}
        />
        {view.spenders.length > 1 ? (
          <SelectField
            label={t("finance.expense.party")}
            name="partyId"
            defaultValue={typed(failure?.values, "partyId")}
            error={failure?.fieldErrors.partyId}
            options={view.spenders.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
          />
        ) : null}
        <TextField
          label={t("finance.expense.spentOn")}
          name="spentOn"
          type="date"
          required
          defaultValue={typed(failure?.values, "spentOn", today)}
          error={failure?.fieldErrors.spentOn}
        />
        <TextField
          label={t("finance.expense.supplier")}
          name="supplier"
          required
          maxLength={200}
          defaultValue={typed(failure?.values, "supplier")}
          error={failure?.fieldErrors.supplier}
        />
        <TextAreaField
          label={t("finance.expense.description")}
          name="description"
          required
          rows={2}
          maxLength={500}
          defaultValue={typed(failure?.values, "description")}
          error={failure?.fieldErrors.description}
        />
        <TextField
          label={t("finance.expense.amount")}
          name="amount"
          inputMode="decimal"
          required
          defaultValue={typed(failure?.values, "amount")}
          error={failure?.fieldErrors.amount}
        />
        <MethodField failure={failure} />
        <FileField
          label={t("finance.expense.receipt")}
          name="receipt"
          optional
          accept={PROOF_TYPES}
          error={failure?.fieldErrors.receipt}
        />
        <FormError failure={failure} />
        <Button>{t("finance.expense.add")}</Button>
      </AppForm>
    </Fold>
  );
}

function ExpenseItem({
  agreementId,
  expense: e,
  forIntent,
}: {
  agreementId: string;
  expense: Expense;
  forIntent: ForIntent;
}) {
  const { t, locale, labelled } = useI18n();
  return (
    <li
      className={`rounded-md border p-3 ${e.isReversal ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200"}`}
      data-testid="expense"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium text-slate-900" dir="auto">
          {e.supplier}
        </h3>
        <span className={e.reversed ? "text-slate-400 line-through" : "font-medium"}>
          <MoneyText cents={e.amountMinor} currency="MAD" />
        </span>
      </div>
      <p className="text-sm text-slate-700" dir="auto">
        {e.description}
      </p>
      <p className="text-xs text-slate-500">
        <DateText value={e.spentOn} style="medium" /> · {t("finance.line", { number: e.linePosition })} ·{" "}
        {t(`finance.method.${e.method}`)} · {displayName(e.spender, locale)}
        {e.recordedBy ? ` · ${t("finance.expense.by", { name: e.recordedBy })}` : null}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
        {e.receiptId ? (
          <a className="text-brand-700 underline" href={`/agreements/${agreementId}/evidence/${e.receiptId}`}>
            {t("finance.expense.receiptLink")}
          </a>
        ) : e.isReversal ? null : (
          <span className="text-slate-500">{t("finance.expense.noReceipt")}</span>
        )}
        {e.isReversal ? <Badge>{t("finance.expense.reversal")}</Badge> : null}
        {e.reversed ? <Badge>{t("finance.expense.reversed")}</Badge> : null}
        {e.locked ? <Badge tone="green">{t("finance.expense.locked")}</Badge> : null}
        {e.questioned ? <Badge tone="amber">{t("finance.expense.questioned")}</Badge> : null}
      </div>
      {e.reason ? (
        <p className="mt-1 text-sm text-slate-600" dir="auto">
          {labelled(t("finance.expense.reason"), e.reason)}
        </p>
      ) : null}
      {e.queries.length ? (
        <ul className="mt-2 space-y-2">
          {e.queries.map((q) => (
            <li key={q.id} className="rounded-md bg-slate-50 p-2 text-sm" data-testid="expense-query">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium text-slate-800">
                  {t("finance.query.asked", {
                    organization: displayName(q.organization, locale),
                    name: q.askedBy ?? "—",
                  })}
                </span>
                <span className="flex gap-1">
                  <Badge tone={KIND_TONE[q.kind]}>{t(`finance.query.kind.${q.kind}`)}</Badge>
                  <Badge tone={QUERY_TONE[q.state]}>
                    <span data-testid="query-state">{t(`finance.query.state.${q.state}`)}</span>
                  </Badge>
                </span>
              </div>
              <p className="mt-1 whitespace-pre-line text-slate-700" dir="auto">
                {q.body}
              </p>
              {q.answer ? (
                <p className="mt-1 whitespace-pre-line border-s-2 border-brand-200 ps-2 text-slate-700" dir="auto">
                  <span className="font-medium">{t("finance.query.answered", { name: q.answeredBy ?? "—" })}</span> :{" "}
                  {q.answer}
                </p>
              ) : null}
              {q.canAnswer ? <AnswerForm queryId={q.id} forIntent={forIntent} /> : null}
              {q.canSettle ? (
                <AppForm failure={forIntent("settleQuery", q.id)} className="mt-2">
                  <input type="hidden" name="intent" value="settleQuery" />
                  <input type="hidden" name="queryId" value={q.id} />
                  <FormError failure={forIntent("settleQuery", q.id)} />
                  <Button variant="secondary">{t("finance.query.settle")}</Button>
                </AppForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 space-y-2">
        {e.canAttachReceipt ? <AttachReceiptForm expenseId={e.id} forIntent={forIntent} /> : null}
        {e.canQuery ? <QueryForm expenseId={e.id} forIntent={forIntent} /> : null}
        {e.canReverse ? (
          <ReverseFold
            intent="reverseExpense"
            fields={{ expenseId: e.id }}
            label={t("finance.expense.reverse")}
            hint={t("finance.expense.reverseHint")}
            failure={forIntent("reverseExpense", e.id)}
            testId="reverse-form"
          />
        ) : null}
      </div>
    </li>
  );
}

function AttachReceiptForm({ expenseId, forIntent }: { expenseId: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("attachReceipt", expenseId);
  return (
    <Fold label={t("finance.expense.attachReceipt")} open={Boolean(failure)}>
      <AppForm failure={failure} className="space-y-3" encType="multipart/form-data">
        <input type="hidden" name="intent" value="attachReceipt" />
        <input type="hidden" name="expenseId" value={expenseId} />
        <FileField
          label={t("finance.expense.receipt")}
          name="receipt"
          required
          accept={PROOF_TYPES}
          error={failure?.fieldErrors.receipt}
        />
        <FormError failure={failure} />
        <Button>{t("finance.expense.attachReceipt")}</Button>
      </AppForm>
    </Fold>
  );
}

function QueryForm({ expenseId, forIntent }: { expenseId: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("queryExpense", expenseId);
  return (
    <Fold label={t("finance.query.ask")} open={Boolean(failure)} testId="query-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="queryExpense" />
        <input type="hidden" name="expenseId" value={expenseId} />
        <SelectField
          label={t("finance.query.kind")}
          name="kind"
          defaultValue={typed(failure?.values, "kind", EXPENSE_QUERY_KINDS[0])}
          error={failure?.fieldErrors.kind}
          options={EXPENSE_QUERY_KINDS.map((k) => ({ value: k, label: t(`finance.query.kind.${k}`) }))}
        />
        <TextAreaField
          label={t("finance.query.body")}
          name="body"
          required
          rows={3}
          maxLength={2000}
          defaultValue={typed(failure?.values, "body")}
          error={failure?.fieldErrors.body}
        />
        <FormError failure={failure} />
        <Button>{t("finance.query.ask")}</Button>
      </AppForm>
    </Fold>
  );
}

function AnswerForm({ queryId, forIntent }: { queryId: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("answerQuery", queryId);
  return (
    <AppForm failure={failure} className="mt-2 space-y-2" data-testid="answer-form">
      <input type="hidden" name="intent" value="answerQuery" />
      <input type="hidden" name="queryId" value={queryId} />
      <TextAreaField
        label={t("finance.query.answerLabel")}
        name="answer"
        required
        rows={2}
        maxLength={2000}
        defaultValue={typed(failure?.values, "answer")}
        error={failure?.fieldErrors.answer}
      />
      <FormError failure={failure} />
      <Button>{t("finance.query.answer")}</Button>
    </AppForm>
  );
}
