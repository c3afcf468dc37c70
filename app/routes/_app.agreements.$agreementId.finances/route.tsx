/**
 * /agreements/:agreementId/finances — the agreement's money: budget against actual, the tranche
 * schedule with what the reader may do (call for funds, record a payment, confirm its receipt), and
 * the balance. Thin: the view is financesView(), each action one command through the action kit.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { failureFor } from "~/components/ui/form";
import { Figure } from "~/components/figure";
import { Card } from "~/components/ui/card";
import { MoneyText } from "~/components/ui/formatted";
import {
  addBudgetLine,
  addBudgetShare,
  addTranche,
  reallocateBudget,
  removeBudgetLine,
  removeBudgetShare,
  removeTranche,
} from "~/domain/finance/budget.server";
import {
  AnswerSchema,
  BudgetLineSchema,
  CallSchema,
  CancelTrancheSchema,
  ExpenseSchema,
  PaymentSchema,
  QuerySchema,
  ReallocationSchema,
  ReceiptSchema,
  RemoveLineSchema,
  RemoveShareSchema,
  RemoveTrancheSchema,
  ShareSchema,
  TrancheSchema,
  ReverseEventSchema,
  ReverseExpenseSchema,
  SettleSchema,
} from "~/domain/finance/finance.schema";
import {
  answerExpenseQuery,
  attachExpenseReceipt,
  queryExpense,
  recordExpense,
  reverseExpense,
  settleExpenseQuery,
} from "~/domain/finance/expenses.server";
import { financesView } from "~/domain/finance/finance-view.server";
import {
  callForFunds,
  cancelTranche,
  confirmReceipt,
  recordPayment,
  reverseTrancheEvent,
} from "~/domain/finance/tranches.server";
import {
  dispatch,
  fieldRejected,
  invalid,
  readSubmission,
  refused,
  uploadedFile,
  type Submission,
} from "~/lib/actions.server";
import { recordId } from "~/lib/ids";
import { notFound } from "~/lib/http.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm, type FieldError } from "~/lib/forms";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { todayInMorocco } from "~/lib/time";
import { BudgetSection } from "./budget";
import { ReceivedSpentChart } from "./chart";
import { ExpensesSection } from "./expenses";
import { TrancheSchedule } from "./tranches";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const today = todayInMorocco();
  return { ...(await financesView(db(), actor, loaded, today)), today };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/finances`;
  return dispatch(await readSubmission(request), {
    addLine: async ({ formData, intent }) => {
      const form = parseForm(BudgetLineSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addBudgetLine(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    addShare: async ({ formData, intent }) => {
      const target = String(formData.get("lineId") ?? "");
      const form = parseForm(ShareSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await addBudgetShare(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    removeLine: async ({ formData, intent }) => {
      const form = parseForm(RemoveLineSchema, formData);
      if (!form.ok) notFound();
      const result = await removeBudgetLine(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, form.data.lineId);
      return redirect(here);
    },
    removeShare: async ({ formData, intent }) => {
      const form = parseForm(RemoveShareSchema, formData);
      if (!form.ok) notFound();
      const result = await removeBudgetShare(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, form.data.shareId);
      return redirect(here);
    },
    addTranche: async ({ formData, intent }) => {
      const form = parseForm(TrancheSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addTranche(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    removeTranche: async ({ formData, intent }) => {
      const form = parseForm(RemoveTrancheSchema, formData);
      if (!form.ok) notFound();
      const result = await removeTranche(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, form.data.trancheId);
      return redirect(here);
    },
    reallocate: async ({ formData, intent }) => {
      const form = parseForm(ReallocationSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await reallocateBudget(db(), actor, meta, loaded, form.data);
      if (result.ok) return redirect(here);
      // Each rule broken goes next to the field it is about ("beyond the limit: an amendment is needed" by the amount).
      const beside = result.error === "rule" ? besideFields(result.errors, REALLOCATION_FIELDS) : null;
      if (beside) return fieldRejected(form.values, intent, beside);
      return refused(result, form.values, intent);
    },
    cancelTranche: async ({ formData, intent }) => {
      const target = String(formData.get("trancheId") ?? "");
      const form = parseForm(CancelTrancheSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await cancelTranche(db(), actor, meta, loaded, { ...form.data, today: todayInMorocco() });
      if (result.ok) return redirect(here);
      const beside =
        result.error === "rule"
          ? besideFields(result.errors, { "finance.error.decisionNotApproved": "outcomeId" })
          : null;
      if (beside) return fieldRejected(form.values, intent, beside, target);
      return refused(result, form.values, intent, target);
    },
    callForFunds: async ({ formData, intent }) => {
      const target = String(formData.get("trancheId") ?? "");
      const form = parseForm(CallSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await callForFunds(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    recordPayment: async (submission) => {
      const { formData, intent } = submission;
      const target = String(formData.get("trancheId") ?? "");
      const form = parseForm(PaymentSchema, formData);
      const upload = await proofOrReceipt(submission, "proof");
      if (!form.ok)
        return invalid(
          upload.ok ? form : { ...form, fieldErrors: { ...form.fieldErrors, proof: upload.error } },
          intent,
          target,
        );
      if (!upload.ok) return fieldRejected(form.values, intent, { proof: upload.error }, target);
      const proof = upload.file ? storeFile(upload.file.bytes, upload.file.kind, upload.file.name) : null;
      const result = await recordPayment(db(), actor, meta, loaded, { ...form.data, proof });
      if (result.ok) return redirect(here);
      if (proof) discardFile(proof.storedName);
      return refused(result, form.values, intent, target);
    },
    confirmReceipt: async ({ formData, intent }) => {
      const target = String(formData.get("trancheId") ?? "");
      const form = parseForm(ReceiptSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await confirmReceipt(db(), actor, meta, loaded, {
        ...form.data,
        locale: resolveLocale(request, user),
      });
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    reverseEvent: async ({ formData, intent }) => {
      const target = String(formData.get("trancheId") ?? "");
      const form = parseForm(ReverseEventSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await reverseTrancheEvent(db(), actor, meta, loaded, { ...form.data, today: todayInMorocco() });
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    recordExpense: async (submission) => {
      const { formData, intent } = submission;
      const form = parseForm(ExpenseSchema, formData);
      const upload = await proofOrReceipt(submission, "receipt");
      if (!form.ok)
        return invalid(
          upload.ok ? form : { ...form, fieldErrors: { ...form.fieldErrors, receipt: upload.error } },
          intent,
        );
      if (!upload.ok) return fieldRejected(form.values, intent, { receipt: upload.error });
      const receipt = upload.file ? storeFile(upload.file.bytes, upload.file.kind, upload.file.name) : null;
      const result = await recordExpense(db(), actor, meta, loaded, { ...form.data, receipt });
      if (result.ok) return redirect(here);
      if (receipt) discardFile(receipt.storedName);
      return refused(result, form.values, intent);
    },
    attachReceipt: async (submission) => {
      const target = recordId.safeParse(submission.formData.get("expenseId"));
      if (!target.success) notFound();
      const upload = await proofOrReceipt(submission, "receipt", true);
      if (!upload.ok) return fieldRejected({}, submission.intent, { receipt: upload.error }, target.data);
      const receipt = storeFile(upload.file!.bytes, upload.file!.kind, upload.file!.name);
      const result = await attachExpenseReceipt(db(), actor, meta, loaded, { expenseId: target.data, receipt });
      if (result.ok) return redirect(here);
      discardFile(receipt.storedName);
      return refused(result, {}, submission.intent, target.data);
    },
    reverseExpense: async ({ formData, intent }) => {
      const target = String(formData.get("expenseId") ?? "");
      const form = parseForm(ReverseExpenseSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await reverseExpense(db(), actor, meta, loaded, { ...form.data, today: todayInMorocco() });
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    queryExpense: async ({ formData, intent }) => {
      const target = String(formData.get("expenseId") ?? "");
      const form = parseForm(QuerySchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await queryExpense(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    answerQuery: async ({ formData, intent }) => {
      const target = String(formData.get("queryId") ?? "");
      const form = parseForm(AnswerSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await answerExpenseQuery(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
    settleQuery: async ({ formData, intent }) => {
      const target = String(formData.get("queryId") ?? "");
      const form = parseForm(SettleSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const result = await settleExpenseQuery(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
  });
}

/** Which field each rule of a reallocation is about. */
const REALLOCATION_FIELDS: Record<string, string> = {
  "finance.error.beyondLimit": "amount",
  "form.error.amountPositive": "amount",
  "finance.error.sameLine": "toLineId",
  "finance.error.lineNotFound": "fromLineId",
  "finance.error.decisionNotApproved": "outcomeId",
};

/** The refusal's errors as field errors, when every one of them is about a known field (else null: above the button). */
function besideFields(errors: readonly FieldError[], fields: Record<string, string>) {
  if (!errors.length || !errors.every((e) => fields[e.key])) return null;
  return Object.fromEntries(errors.map((e) => [fields[e.key]!, e]));
}

/** A payment's proof or an expense's receipt: a photo (PNG, JPEG) or a PDF, checked by its content. */
function proofOrReceipt(submission: Submission, name: string, required = false) {
  return uploadedFile(submission, name, {
    kinds: ["png", "jpeg", "pdf"],
    wrongType: "upload.error.wrongTypeEvidence",
    required,
  });
}

export default function Finances() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const forIntent = (intent: string, target?: string) => failureFor(result, intent, target);
  const totals = view.totals;
  return (
    <div className="space-y-6" data-testid="finances">
      <Card title={t("finance.summary.title")}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label={t("finance.summary.budget")} testId="total-budget">
            <MoneyText cents={totals.budget} currency={view.currency} />
          </Figure>
          {totals.pledged.map((p) => (
            <Figure key={p.currency} label={t("finance.summary.pledged")}>
              <MoneyText cents={p.minor} currency={p.currency} />
            </Figure>
          ))}
          <Figure label={t("finance.summary.received")} testId="total-received">
            <MoneyText cents={totals.received} currency="MAD" />
          </Figure>
          <Figure label={t("finance.fees")}>
            <MoneyText cents={totals.fees} currency="MAD" />
          </Figure>
          <Figure label={t("finance.summary.spent")} testId="total-spent">
            <MoneyText cents={totals.spent} currency="MAD" />
          </Figure>
          <Figure label={t("finance.summary.cashOnHand")} testId="cash-on-hand">
            <MoneyText cents={totals.cashOnHand} currency="MAD" />
          </Figure>
        </dl>
        <div className="mt-4">
          <ReceivedSpentChart series={view.series} />
        </div>
      </Card>
      <BudgetSection view={view} forIntent={forIntent} />
      <TrancheSchedule view={view} today={view.today} forIntent={forIntent} />
      <ExpensesSection view={view} today={view.today} forIntent={forIntent} />
    </div>
  );
}
