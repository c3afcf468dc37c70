/**
 * The forms of the money (client-safe): budget lines and shares, reallocations, tranches and their
 * events, expenses and partners' questions, dossier documents and bank details. Every amount is read
 * by app/lib/money.ts; every refusal is a message key on its field.
 */
import * as z from "zod";
import {
  choice,
  date,
  datesInOrder,
  optionalChoice,
  optionalDate,
  optionalText,
  optionalWholeNumber,
  text,
  typedNumber,
} from "~/lib/forms";
import { amount, currencyField, optionalAmount } from "~/lib/money";
import { BUDGET_CATEGORIES, MAX_VOLUNTEER_HOURS, SHARE_KINDS } from "./budget";
import { DOSSIER_KINDS } from "./dossier";
import { EXPENSE_QUERY_KINDS } from "./expense";
import { PAYMENT_METHODS, TRANCHE_CONDITIONS } from "./tranche";

const id = choice();
const optionalId = optionalChoice();

/** One share's fields (a line's funder): cash or in-kind with its value, or volunteers' hours at a rate. */
const shareFields = {
  partyId: id,
  kind: z.enum(SHARE_KINDS, { error: "form.error.choice" }),
  amount: optionalAmount({ positive: true }),
  hours: optionalWholeNumber(1, MAX_VOLUNTEER_HOURS),
  hourlyRate: optionalAmount({ positive: true }),
  deliverableId: optionalId,
  note: optionalText(1000),
};

type ShareValues = { kind: (typeof SHARE_KINDS)[number]; amount?: number; hours?: number; hourlyRate?: number };

/** Volunteers' time needs its hours and rate; the other kinds their amount. */
function shareComplete(v: ShareValues, ctx: z.RefinementCtx, prefix = "") {
  if (v.kind === "volunteer_time") {
    if (v.hours === undefined)
      ctx.addIssue({ code: "custom", path: [`${prefix}hours`], message: "form.error.required" });
    if (v.hourlyRate === undefined)
      ctx.addIssue({ code: "custom", path: [`${prefix}hourlyRate`], message: "form.error.required" });
  } else if (v.amount === undefined)
    ctx.addIssue({ code: "custom", path: [`${prefix}amount`], message: "form.error.required" });
}

export const BudgetLineSchema = z
  .object({
    intent: z.literal("addLine"),
    category: z.enum(BUDGET_CATEGORIES, { error: "form.error.choice" }),
    description: text(300),
    planActionId: optionalId,
    ...shareFields,
  })
  .superRefine((v, ctx) => shareComplete(v, ctx));
export type BudgetLineInput = Omit<z.infer<typeof BudgetLineSchema>, "intent">;

export const UpdateLineSchema = z.object({
  intent: z.literal("updateLine"),
  lineId: id,
  version: z.coerce.number().int().min(1),
  category: z.enum(BUDGET_CATEGORIES, { error: "form.error.choice" }),
  description: text(300),
  planActionId: optionalId,
});

export const ShareSchema = z
  .object({ intent: z.literal("addShare"), lineId: id, ...shareFields })
  .superRefine((v, ctx) => shareComplete(v, ctx));
export type ShareInput = Omit<z.infer<typeof ShareSchema>, "intent" | "lineId">;

export const RemoveLineSchema = z.object({ intent: z.literal("removeLine"), lineId: id });
export const RemoveShareSchema = z.object({ intent: z.literal("removeShare"), shareId: id });

export const ReallocationSchema = z.object({
  intent: z.literal("reallocate"),
  fromLineId: id,
  toLineId: id,
  amount: amount({ positive: true }),
  outcomeId: id,
});

export const TrancheSchema = z
  .object({
    intent: z.literal("addTranche"),
    payerPartyId: id,
    receiverPartyId: id,
    amount: amount({ positive: true }),
    currency: currencyField().default("MAD"),
    plannedOn: optionalDate(),
    condition: z.enum(TRANCHE_CONDITIONS, { error: "form.error.choice" }),
    conditionDeliverableId: optionalId,
    conditionOutcomeId: optionalId,
    graceDays: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : typedNumber(v)),
      z.coerce
        .number({ error: "form.error.number" })
        .int({ error: "form.error.number" })
        .min(0, { error: "form.error.number" })
        .max(365, { error: "form.error.number" })
        .default(30),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.payerPartyId === v.receiverPartyId)
      ctx.addIssue({ code: "custom", path: ["receiverPartyId"], message: "finance.error.samePayer" });
    if (v.condition === "date" && !v.plannedOn)
      ctx.addIssue({ code: "custom", path: ["plannedOn"], message: "form.error.required" });
    if (v.condition === "deliverable_confirmed" && !v.conditionDeliverableId)
      ctx.addIssue({ code: "custom", path: ["conditionDeliverableId"], message: "form.error.choice" });
  });
export type TrancheInput = Omit<z.infer<typeof TrancheSchema>, "intent">;

export const RemoveTrancheSchema = z.object({ intent: z.literal("removeTranche"), trancheId: id });

export const CallSchema = z.object({ intent: z.literal("callForFunds"), trancheId: id, calledOn: date() });

export const PaymentSchema = z.object({
  intent: z.literal("recordPayment"),
  trancheId: id,
  paidOn: date(),
  amount: amount({ positive: true }),
  method: z.enum(PAYMENT_METHODS, { error: "form.error.choice" }),
  reference: optionalText(120),
  note: optionalText(1000),
});

export const ReceiptSchema = z.object({
  intent: z.literal("confirmReceipt"),
  trancheId: id,
  receivedOn: date(),
  amountMad: amount({ positive: true }),
  fee: optionalAmount(),
  note: optionalText(1000),
});

export const CancelTrancheSchema = z.object({
  intent: z.literal("cancelTranche"),
  trancheId: id,
  reason: text(2000),
  outcomeId: id,
});

export const ReverseEventSchema = z.object({
  intent: z.literal("reverseEvent"),
  trancheId: id,
  eventId: id,
  reason: text(2000),
});

export const ExpenseSchema = z.object({
  intent: z.literal("recordExpense"),
  budgetLineId: id,
  partyId: optionalId,
  spentOn: date(),
  supplier: text(200),
  description: text(500),
  amount: amount({ positive: true }),
  method: z.enum(PAYMENT_METHODS, { error: "form.error.choice" }),
});
export type ExpenseInput = Omit<z.infer<typeof ExpenseSchema>, "intent">;

export const ReverseExpenseSchema = z.object({
  intent: z.literal("reverseExpense"),
  expenseId: id,
  reason: text(2000),
});

export const QuerySchema = z.object({
  intent: z.literal("queryExpense"),
  expenseId: id,
  kind: z.enum(EXPENSE_QUERY_KINDS, { error: "form.error.choice" }),
  body: text(2000),
});

export const AnswerSchema = z.object({ intent: z.literal("answerQuery"), queryId: id, answer: text(2000) });
export const SettleSchema = z.object({ intent: z.literal("settleQuery"), queryId: id });

export const DossierDocumentSchema = z
  .object({
    intent: z.literal("addDocument"),
    kind: z.enum(DOSSIER_KINDS, { error: "form.error.choice" }),
    issuedOn: date(),
    expiresOn: optionalDate(),
  })
  .refine(...datesInOrder("issuedOn", "expiresOn", "finance.error.expiresBeforeIssued"));

/** A Moroccan RIB: 24 digits (bank, city, account, key), typed with or without spaces. */
const rib = z.preprocess(
  (v) => (typeof v === "string" ? typedNumber(v.replace(/[-.]/g, "")) : v),
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^\d{24}$/, { error: "finance.error.rib" })
      .optional(),
  ),
);

export const BankDetailsSchema = z.object({
  intent: z.literal("bankDetails"),
  version: z.coerce.number().int().min(1),
  country: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.string().regex(/^[A-Z]{2}$/, { error: "finance.error.country" }),
  ),
  bankName: optionalText(120),
  bankAccount: rib,
});
