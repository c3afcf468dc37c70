/**
 * Expenses against budget lines, once the agreement is in force: recorded by the spending party's
 * president, administrators or treasurers with the receipt (checked by content), never edited — a
 * mistake is a reversing entry with its reason, then a new expense — and questioned by the other
 * parties (a comment, or "ineligible"), answered by the spender, settled by the partner who asked.
 * Every step audited in its transaction.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, PaymentMethod } from "../../../db/schema";
import {
  canAnswerExpenseQuery,
  canQueryExpense,
  canRecordExpense,
  canSettleExpenseQuery,
  handlesMoneyOf,
  isMemberOf,
  type Actor,
} from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { toDecimalString } from "~/lib/money";
import { nowIso } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";
import { checkQueryStep, checkReversible, queryState, EXPENSE_CURRENCY } from "./expense";
import type { ExpenseInput } from "./finance.schema";
import { keepMoney } from "./money-totals.server";

type Trx = Transaction<Database>;
type Done = { ok: true } | Refusal;

const money = (minor: number) => `${toDecimalString(minor)} ${EXPENSE_CURRENCY}`;

/** The parties of the agreement with their organizations. */
function partiesOf(db: DB | Trx, agreementId: string) {
  return db
    .selectFrom("agreement_party")
    .select(["id", "organization_id as organizationId"])
    .where("agreement_id", "=", agreementId)
    .orderBy("signing_order")
    .orderBy("created_at")
    .execute();
}

/**
 * The party an expense is recorded for: the one named, or the first whose money the actor handles
 * (an association's treasurer records the association's). Undefined when the actor may not.
 */
export async function spendingParty(db: DB | Trx, actor: Actor, loaded: LoadedAgreement, partyId?: string) {
  const parties = await partiesOf(db, loaded.agreement.id);
  const party = partyId
    ? parties.find((p) => p.id === partyId)
    : parties.find((p) => handlesMoneyOf(actor, p.organizationId));
  return party && canRecordExpense(actor, loaded.access, party.organizationId) ? party : undefined;
}

async function insertExpense(
  trx: Trx,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  party: { id: string },
  input: Omit<ExpenseInput, "partyId">,
  receipt: StoredFile | null,
): Promise<string | null> {
  const line = await trx
    .selectFrom("budget_line")
    .select("id")
    .where("id", "=", input.budgetLineId)
    .where("agreement_id", "=", loaded.agreement.id)
    .executeTakeFirst();
  if (!line) return null;
  const id = newId();
  await trx
    .insertInto("expense")
    .values({
      id,
      agreement_id: loaded.agreement.id,
      budget_line_id: line.id,
      party_id: party.id,
      spent_on: input.spentOn,
      supplier: input.supplier,
      description: input.description,
      amount_minor: input.amount,
      currency: EXPENSE_CURRENCY,
      method: input.method as PaymentMethod,
      receipt_attachment_id: null,
      reverses_expense_id: null,
      reason: null,
      locked_by_report_id: null,
      recorded_by: meta.actorUserId,
      created_at: nowIso(),
    })
    .execute();
  if (receipt) await attachReceipt(trx, meta, loaded.agreement.id, id, receipt);
  await appendAuditEvent(trx, meta, {
    type: "expense.recorded",
    agreementId: loaded.agreement.id,
    subjectId: id,
    data: {
      description: input.description,
      supplier: input.supplier,
      amount: money(input.amount),
      date: input.spentOn,
      ...(receipt ? { receipt: receipt.sha256 } : {}),
    },
  });
  return id;
}

async function attachReceipt(trx: Trx, meta: RequestMeta, agreementId: string, expenseId: string, receipt: StoredFile) {
  const attachmentId = await recordAttachment(trx, meta, {
    ownerType: "expense",
    ownerId: expenseId,
    purpose: "expense_receipt",
    stored: receipt,
    agreementId,
  });
  await trx.updateTable("expense").set({ receipt_attachment_id: attachmentId }).where("id", "=", expenseId).execute();
}

/** An expense with its receipt (a photo or a scan), for the spending party. */
export async function recordExpense(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: ExpenseInput & { receipt: StoredFile | null },
): Promise<{ ok: true; id: string } | Refusal> {
  return inTransaction(db, async (trx) => {
    const party = await spendingParty(trx, actor, loaded, input.partyId);
    if (!party) return NOT_FOUND;
    const id = await insertExpense(trx, meta, loaded, party, input, input.receipt);
    if (id) await keepMoney(trx, loaded.agreement.id);
    return id ? { ok: true as const, id } : NOT_FOUND;
  });
}

/**
 * Several expenses at once (an import): every one written, or none. The caller checked each line;
 * a line refused here (a line of the budget removed meanwhile) undoes them all.
 */
export async function recordExpenses(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  rows: ReadonlyArray<Omit<ExpenseInput, "partyId">>,
): Promise<{ ok: true; count: number } | Refusal> {
  try {
    return await inTransaction(db, async (trx) => {
      const party = await spendingParty(trx, actor, loaded);
      if (!party) return NOT_FOUND;
      for (const row of rows) if (!(await insertExpense(trx, meta, loaded, party, row, null))) throw new Refused();
      await keepMoney(trx, loaded.agreement.id);
      return { ok: true as const, count: rows.length };
    });
  } catch (error) {
    if (error instanceof Refused) return NOT_FOUND;
    throw error;
  }
}

class Refused extends Error {}

async function findExpense(db: DB | Trx, agreementId: string, expenseId: string) {
  const row = await db
    .selectFrom("expense")
    .innerJoin("agreement_party", "agreement_party.id", "expense.party_id")
    .selectAll("expense")
    .select("agreement_party.organization_id as spenderOrganizationId")
    .where("expense.id", "=", expenseId)
    .where("expense.agreement_id", "=", agreementId)
    .executeTakeFirst();
  return row ? { ...row, amount_minor: Number(row.amount_minor) } : null;
}

/** The receipt of an expense recorded without one (an imported line): added once, never replaced. */
export async function attachExpenseReceipt(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { expenseId: string; receipt: StoredFile },
): Promise<Done> {
  return inTransaction(db, async (trx) => {
    const expense = await findExpense(trx, loaded.agreement.id, input.expenseId);
    if (!expense || !canRecordExpense(actor, loaded.access, expense.spenderOrganizationId)) return NOT_FOUND;
    if (expense.receipt_attachment_id)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "finance.error.hasReceipt" as const }] };
    await attachReceipt(trx, meta, loaded.agreement.id, expense.id, input.receipt);
    await appendAuditEvent(trx, meta, {
      type: "expense.receipt_attached",
      agreementId: loaded.agreement.id,
      subjectId: expense.id,
      data: { description: expense.description, sha256: input.receipt.sha256 },
    });
    return { ok: true as const };
  });
}

/** A reversing entry: the opposite amount on the same line, with the reason; the original stays as it was. */
export async function reverseExpense(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { expenseId: string; reason: string; today: string },
): Promise<Done> {
  return inTransaction(db, async (trx) => {
    const expense = await findExpense(trx, loaded.agreement.id, input.expenseId);
    if (!expense || !canRecordExpense(actor, loaded.access, expense.spenderOrganizationId)) return NOT_FOUND;
    const all = await trx
      .selectFrom("expense")
      .select(["id", "reverses_expense_id as reversesExpenseId"])
      .where("agreement_id", "=", loaded.agreement.id)
      .where("reverses_expense_id", "=", expense.id)
      .execute();
    const facts = (e: typeof expense) => ({
      id: e.id,
      lineId: e.budget_line_id,
      amountMinor: e.amount_minor,
      reversesExpenseId: e.reverses_expense_id,
      lockedByReportId: e.locked_by_report_id,
    });
    const check = checkReversible(facts(expense), [
      facts(expense),
      ...all.map((r) => ({ ...r, lineId: expense.budget_line_id, amountMinor: 0 })),
    ]);
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    await trx
      .insertInto("expense")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        budget_line_id: expense.budget_line_id,
        party_id: expense.party_id,
        spent_on: input.today,
        supplier: expense.supplier,
        description: expense.description,
        amount_minor: -expense.amount_minor,
        currency: expense.currency,
        method: expense.method,
        receipt_attachment_id: null,
        reverses_expense_id: expense.id,
        reason: input.reason,
        locked_by_report_id: null,
        recorded_by: meta.actorUserId,
        created_at: nowIso(),
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "expense.reversed",
      agreementId: loaded.agreement.id,
      subjectId: expense.id,
      data: { description: expense.description, amount: money(-expense.amount_minor), reason: input.reason },
    });
    await keepMoney(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** A partner's question about an expense, asked for its organization (a party other than the spender). */
export async function queryExpense(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { expenseId: string; kind: "comment" | "ineligible"; body: string },
): Promise<Done> {
  return inTransaction(db, async (trx) => {
    const expense = await findExpense(trx, loaded.agreement.id, input.expenseId);
    if (!expense || !canQueryExpense(actor, loaded.access, expense.spenderOrganizationId)) return NOT_FOUND;
    const asking = loaded.access.partyOrganizationIds.find(
      (id) => id !== expense.spenderOrganizationId && isMemberOf(actor, id),
    )!;
    await trx
      .insertInto("expense_query")
      .values({
        id: newId(),
        expense_id: expense.id,
        organization_id: asking,
        kind: input.kind,
        body: input.body,
        created_by: meta.actorUserId,
        created_at: nowIso(),
        answer: null,
        answered_by: null,
        answered_at: null,
        settled_at: null,
        settled_by: null,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "expense.queried",
      agreementId: loaded.agreement.id,
      organizationId: asking,
      subjectId: expense.id,
      data: { description: expense.description, kind: input.kind },
    });
    return { ok: true as const };
  });
}

async function findQuery(trx: Trx, agreementId: string, queryId: string) {
  return trx
    .selectFrom("expense_query")
    .innerJoin("expense", "expense.id", "expense_query.expense_id")
    .innerJoin("agreement_party", "agreement_party.id", "expense.party_id")
    .selectAll("expense_query")
    .select(["expense.description", "agreement_party.organization_id as spenderOrganizationId"])
    .where("expense_query.id", "=", queryId)
    .where("expense.agreement_id", "=", agreementId)
    .executeTakeFirst();
}

/** The spender's answer to an open question. */
export async function answerExpenseQuery(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { queryId: string; answer: string },
): Promise<Done> {
  return inTransaction(db, async (trx) => {
    const q = await findQuery(trx, loaded.agreement.id, input.queryId);
    if (!q || !canAnswerExpenseQuery(actor, loaded.access, q.spenderOrganizationId)) return NOT_FOUND;
    const check = checkQueryStep("answer", queryState({ answer: q.answer, settledAt: q.settled_at }));
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    await trx
      .updateTable("expense_query")
      .set({ answer: input.answer, answered_by: meta.actorUserId, answered_at: nowIso() })
      .where("id", "=", q.id)
      .where("answer", "is", null)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "expense.query_answered",
      agreementId: loaded.agreement.id,
      subjectId: q.expense_id,
      data: { description: q.description },
    });
    return { ok: true as const };
  });
}

/** The partner who asked settles the answered question: the expense is no longer listed as questioned. */
export async function settleExpenseQuery(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { queryId: string },
): Promise<Done> {
  return inTransaction(db, async (trx) => {
    const q = await findQuery(trx, loaded.agreement.id, input.queryId);
    if (!q || !canSettleExpenseQuery(actor, q.organization_id)) return NOT_FOUND;
    const check = checkQueryStep("settle", queryState({ answer: q.answer, settledAt: q.settled_at }));
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    await trx
      .updateTable("expense_query")
      .set({ settled_at: nowIso(), settled_by: meta.actorUserId })
      .where("id", "=", q.id)
      .where("settled_at", "is", null)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "expense.query_settled",
      agreementId: loaded.agreement.id,
      organizationId: q.organization_id,
      subjectId: q.expense_id,
      data: { description: q.description },
    });
    return { ok: true as const };
  });
}

/** An agreement's expenses (reversals included, oldest first) with their receipts and questions. */
export async function listExpenses(db: DB, agreementId: string) {
  const rows = await db
    .selectFrom("expense")
    .innerJoin("agreement_party", "agreement_party.id", "expense.party_id")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .innerJoin("budget_line", "budget_line.id", "expense.budget_line_id")
    .leftJoin("attachment", "attachment.id", "expense.receipt_attachment_id")
    .leftJoin("user", "user.id", "expense.recorded_by")
    .select([
      "expense.id",
      "expense.budget_line_id as lineId",
      "budget_line.position as linePosition",
      "budget_line.description as lineDescription",
      "expense.party_id as partyId",
      "agreement_party.organization_id as spenderOrganizationId",
      "organization.name_fr as nameFr",
      "organization.name_ar as nameAr",
      "expense.spent_on as spentOn",
      "expense.supplier",
      "expense.description",
      "expense.amount_minor as amountMinor",
      "expense.currency",
      "expense.method",
      "expense.receipt_attachment_id as receiptId",
      "attachment.original_name as receiptName",
      "attachment.mime_type as receiptType",
      "expense.reverses_expense_id as reversesExpenseId",
      "expense.reason",
      "expense.locked_by_report_id as lockedByReportId",
      "user.name as recordedByName",
      "expense.created_at as createdAt",
    ])
    .where("expense.agreement_id", "=", agreementId)
    .orderBy("expense.spent_on")
    .orderBy("expense.created_at")
    .orderBy("expense.id")
    .execute();
  const queries = rows.length
    ? await db
        .selectFrom("expense_query")
        .innerJoin("expense", "expense.id", "expense_query.expense_id")
        .innerJoin("organization", "organization.id", "expense_query.organization_id")
        .leftJoin("user as asker", "asker.id", "expense_query.created_by")
        .leftJoin("user as answerer", "answerer.id", "expense_query.answered_by")
        .select([
          "expense_query.id",
          "expense_query.expense_id as expenseId",
          "expense_query.organization_id as organizationId",
          "organization.name_fr as nameFr",
          "organization.name_ar as nameAr",
          "expense_query.kind",
          "expense_query.body",
          "expense_query.created_at as createdAt",
          "asker.name as askedBy",
          "expense_query.answer",
          "expense_query.answered_at as answeredAt",
          "answerer.name as answeredBy",
          "expense_query.settled_at as settledAt",
        ])
        .where("expense.agreement_id", "=", agreementId)
        .orderBy("expense_query.created_at")
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    amountMinor: Number(r.amountMinor),
    queries: queries.filter((q) => q.expenseId === r.id),
  }));
}

export type ExpenseRow = Awaited<ReturnType<typeof listExpenses>>[number];
