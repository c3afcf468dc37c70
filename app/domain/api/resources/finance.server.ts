/**
 * The money of an agreement through the API: its tranches with their events and its expenses, as the
 * finances page shows them to a member of the token's organization (`financesView`, the page's own
 * view), and recording a payment — the page's command (`recordPayment`: the payer's president,
 * administrators or treasurers, once the agreement is in force, on a tranche due or called) with the
 * page's form (`PaymentSchema`). A proof file is optional on the page; over the API none is sent (it
 * can be added later on the page). A token records payments only with the `payments` scope, acting
 * then as its organization's treasurer (tokens.ts `paymentsActor`).
 */
import * as z from "zod";
import { financesView, type FinancesView } from "../../finance/finance-view.server";
import { PaymentSchema } from "../../finance/finance.schema";
import { recordPayment } from "../../finance/tranches.server";
import { PAYMENT_METHODS, TRANCHE_CONDITIONS, TRANCHE_STATUSES } from "../../finance/tranche";
import { refusalProblem } from "../handler.server";
import { operation } from "../operation";
import { decodeCursor, PageQuery, pageOf } from "../pagination";
import { ApiProblem, problem } from "../problem";
import { AgreementParams, Id, IsoDate, pageSchema } from "./common";

const Names = z.object({ nameFr: z.string().nullable(), nameAr: z.string().nullable() });
const Minor = z.number().int().meta({ description: "An amount in minor units (centimes, cents)." });

const TrancheEvent = z.object({
  id: Id,
  kind: z.enum(["due", "called", "paid", "received", "cancelled", "reversed"]),
  onDate: IsoDate,
  amountMinor: Minor.nullable().meta({ description: "Paid: in the tranche's currency." }),
  amountMadMinor: Minor.nullable().meta({ description: "Received: what reached the bank, in MAD." }),
  feeMinor: Minor.nullable(),
  method: z.enum(PAYMENT_METHODS).nullable(),
  reference: z.string().nullable(),
  proofName: z.string().nullable().meta({ description: "The proof file's name, when one was attached." }),
  note: z.string().nullable(),
  reversed: z.boolean(),
});

export const Tranche = z.object({
  id: Id,
  number: z.number().int(),
  payer: Names.extend({ country: z.string() }),
  receiver: Names,
  amountMinor: Minor,
  currency: z.string(),
  plannedOn: IsoDate.nullable(),
  condition: z.enum(TRANCHE_CONDITIONS),
  graceDays: z.number().int(),
  status: z.enum(TRANCHE_STATUSES),
  dueSince: IsoDate.nullable(),
  late: z.boolean(),
  cancelledReason: z.string().nullable(),
  receivedMadMinor: Minor.nullable(),
  feeMinor: Minor.nullable(),
  canPay: z
    .boolean()
    .meta({ description: "Whether a token of this organization with the payments scope may pay it now." }),
  events: z.array(TrancheEvent),
});

const Expense = z.object({
  id: Id,
  budgetLineId: Id,
  linePosition: z.number().int(),
  lineDescription: z.string(),
  spender: Names,
  spentOn: IsoDate,
  supplier: z.string(),
  description: z.string(),
  amountMinor: Minor.meta({ description: "In MAD minor units; negative for a reversal." }),
  method: z.enum(PAYMENT_METHODS),
  receiptName: z.string().nullable(),
  isReversal: z.boolean(),
  reversed: z.boolean(),
  reason: z.string().nullable(),
  locked: z.boolean().meta({ description: "Part of an accepted report: can no longer be reversed." }),
  questioned: z.boolean().meta({ description: "A partner's question on it is open." }),
});

type TrancheView = FinancesView["tranches"][number];

function trancheRepresentation(t: TrancheView, canPay: boolean): z.input<typeof Tranche> {
  return {
    id: t.id,
    number: t.number,
    payer: t.payer,
    receiver: t.receiver,
    amountMinor: t.amountMinor,
    currency: t.currency,
    plannedOn: t.plannedOn,
    condition: t.condition,
    graceDays: t.graceDays,
    status: t.status,
    dueSince: t.dueSince,
    late: t.late,
    cancelledReason: t.cancelledReason,
    receivedMadMinor: t.receivedMadMinor,
    feeMinor: t.feeMinor,
    canPay,
    events: t.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      onDate: e.onDate,
      amountMinor: e.amountMinor,
      amountMadMinor: e.amountMadMinor,
      feeMinor: e.feeMinor,
      method: e.method,
      reference: e.reference,
      proofName: e.proofName,
      note: e.note,
      reversed: e.reversed,
    })),
  };
}

const QueryDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const TrancheParams = AgreementParams.extend({ trancheId: Id });

/** The page's payment form (PaymentSchema) without the fields the URL carries. */
export const PaymentBody = PaymentSchema.omit({ intent: true, trancheId: true }).extend({
  paidOn: PaymentSchema.shape.paidOn.meta({ description: "The day it was paid, YYYY-MM-DD." }),
  amount: PaymentSchema.shape.amount.meta({
    description: "What was paid, in the tranche's currency, a decimal as typed on the page: `90000.00`, `90 000,00`.",
  }),
});

export const financeOperations = [
  operation({
    id: "listTranches",
    method: "GET",
    path: "/agreements/{agreementId}/tranches",
    tag: "finance",
    scope: "read",
    summary: "api.op.listTranches",
    params: AgreementParams,
    query: PageQuery.extend({ status: z.enum(TRANCHE_STATUSES).optional() }),
    response: pageSchema(Tranche),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const view = await financesView(ctx.db, ctx.actor, loaded, ctx.today);
      const payer = ctx.paymentsActor ? await financesView(ctx.db, ctx.paymentsActor, loaded, ctx.today) : null;
      const rows = view.tranches.filter((t) => !ctx.query.status || t.status === ctx.query.status);
      const page = pageOf(
        rows,
        (t) => [t.number, t.id],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((t) =>
          trancheRepresentation(t, payer?.tranches.find((p) => p.id === t.id)?.canPay ?? false),
        ),
      };
    },
  }),
  operation({
    id: "recordPayment",
    method: "POST",
    path: "/agreements/{agreementId}/tranches/{trancheId}/payments",
    tag: "finance",
    scope: "payments",
    summary: "api.op.recordPayment",
    params: TrancheParams,
    body: PaymentBody,
    response: Tranche,
    status: 201,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const actor = ctx.paymentsActor!;
      const result = await recordPayment(ctx.db, actor, ctx.meta, loaded, {
        ...ctx.body,
        trancheId: ctx.params.trancheId,
        proof: null,
      });
      if (!result.ok) refusalProblem(result, ctx.locale);
      const view = await financesView(ctx.db, actor, loaded, ctx.today);
      const tranche = view.tranches.find((t) => t.id === ctx.params.trancheId);
      if (!tranche) throw new ApiProblem(problem("not_found"));
      return trancheRepresentation(tranche, tranche.canPay);
    },
  }),
  operation({
    id: "listExpenses",
    method: "GET",
    path: "/agreements/{agreementId}/expenses",
    tag: "finance",
    scope: "read",
    summary: "api.op.listExpenses",
    params: AgreementParams,
    query: PageQuery.extend({
      budgetLineId: Id.optional(),
      from: QueryDate.optional().meta({ description: "Spent on or after this date (YYYY-MM-DD)." }),
      to: QueryDate.optional().meta({ description: "Spent on or before this date (YYYY-MM-DD)." }),
    }),
    response: pageSchema(Expense),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const view = await financesView(ctx.db, ctx.actor, loaded, ctx.today);
      const { budgetLineId, from, to } = ctx.query;
      const rows = view.expenses.filter(
        (e) => (!budgetLineId || e.lineId === budgetLineId) && (!from || e.spentOn >= from) && (!to || e.spentOn <= to),
      );
      const page = pageOf(
        rows,
        (e) => [e.spentOn, e.id],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((e) => ({
          id: e.id,
          budgetLineId: e.lineId,
          linePosition: e.linePosition,
          lineDescription: e.lineDescription,
          spender: e.spender,
          spentOn: e.spentOn,
          supplier: e.supplier,
          description: e.description,
          amountMinor: e.amountMinor,
          method: e.method,
          receiptName: e.receiptName,
          isReversal: e.isReversal,
          reversed: e.reversed,
          reason: e.reason,
          locked: e.locked,
          questioned: e.questioned,
        })),
      };
    },
  }),
];
