/**
 * Changing the budget and the tranche schedule — the money part of the agreement's text. Lines,
 * shares and tranches change only while the text is editable (draft, negotiation), by the owner's
 * managers, each change touching the agreement like an article's; after signing, only a
 * reallocation between lines decided by the committee (a decision in approved minutes), within the
 * agreement's limit. Every change is audited in its transaction.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, TrancheCondition } from "../../../db/schema";
import { canEditBudget, canManageAgreement, canReallocateBudget, type Actor } from "../access/access";
import { touchAgreement } from "../agreement/agreement.commands.server";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { toDecimalString } from "~/lib/money";
import { nowIso } from "~/lib/time";
import { checkReallocation, volunteerValue } from "./budget";
import { budgetOf } from "./budget.queries.server";
import type { BudgetLineInput, ShareInput, TrancheInput } from "./finance.schema";
import { keepMoney } from "./money-totals.server";

type Trx = Transaction<Database>;
type Done = { ok: true } | Refusal;

const FROZEN = ruleBroken({ key: "finance.error.budgetFrozen" });
const money = (minor: number, currency: string) => `${toDecimalString(minor)} ${currency}`;

function guardEdit(actor: Actor, loaded: LoadedAgreement): Refusal | null {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditBudget(actor, loaded.access)) return FROZEN;
  return null;
}

/** A party of this agreement, with its organization's name (never another agreement's party). */
function findParty(trx: Trx, agreementId: string, partyId: string) {
  return trx
    .selectFrom("agreement_party")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .select(["agreement_party.id", "organization.name_fr as nameFr", "organization.name_ar as nameAr"])
    .where("agreement_party.id", "=", partyId)
    .where("agreement_party.agreement_id", "=", agreementId)
    .executeTakeFirst();
}

/** An optional record named by a form, only if it belongs to this agreement: undefined when it does not. */
async function ownRecord(
  trx: Trx,
  table: "plan_action" | "deliverable",
  agreementId: string,
  id: string | undefined,
): Promise<string | null | undefined> {
  if (!id) return null;
  const row =
    table === "deliverable"
      ? await trx
          .selectFrom("deliverable")
          .select("id")
          .where("id", "=", id)
          .where("agreement_id", "=", agreementId)
          .executeTakeFirst()
      : await trx
          .selectFrom("plan_action")
          .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
          .select("plan_action.id")
          .where("plan_action.id", "=", id)
          .where("action_plan.agreement_id", "=", agreementId)
          .executeTakeFirst();
  return row ? row.id : undefined;
}

function findLine(trx: Trx, agreementId: string, lineId: string) {
  return trx
    .selectFrom("budget_line")
    .selectAll()
    .where("id", "=", lineId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
}

async function insertShare(
  trx: Trx,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  line: { id: string; position: number; currency: string },
  input: ShareInput,
): Promise<Done> {
  const party = await findParty(trx, loaded.agreement.id, input.partyId);
  const deliverableId = await ownRecord(trx, "deliverable", loaded.agreement.id, input.deliverableId);
  if (!party || deliverableId === undefined) return NOT_FOUND;
  const volunteer = input.kind === "volunteer_time";
  const amountMinor = volunteer ? volunteerValue(input.hours!, input.hourlyRate!) : input.amount!;
  const at = nowIso();
  await trx
    .insertInto("budget_share")
    .values({
      id: newId(),
      budget_line_id: line.id,
      party_id: party.id,
      kind: input.kind,
      amount_minor: amountMinor,
      deliverable_id: deliverableId,
      hours: volunteer ? input.hours! : null,
      hourly_rate_minor: volunteer ? input.hourlyRate! : null,
      note: input.note ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await appendAuditEvent(trx, meta, {
    type: "budget.share_added",
    agreementId: loaded.agreement.id,
    subjectId: line.id,
    data: {
      position: line.position,
      party: party.nameFr ?? party.nameAr ?? "",
      kind: input.kind,
      amount: money(amountMinor, line.currency),
    },
  });
  return { ok: true };
}

/** A new line at the end of the budget, with its first funder's share. */
export async function addBudgetLine(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: BudgetLineInput,
): Promise<{ ok: true; id: string } | Refusal> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const planActionId = await ownRecord(trx, "plan_action", loaded.agreement.id, input.planActionId);
    if (planActionId === undefined) return NOT_FOUND;
    const last = await trx
      .selectFrom("budget_line")
      .select("position")
      .where("agreement_id", "=", loaded.agreement.id)
      .orderBy("position", "desc")
      .executeTakeFirst();
    const line = {
      id: newId(),
      position: (last?.position ?? 0) + 1,
      currency: loaded.agreement.currency,
    };
    const at = nowIso();
    await trx
      .insertInto("budget_line")
      .values({
        ...line,
        agreement_id: loaded.agreement.id,
        category: input.category,
        description: input.description,
        plan_action_id: planActionId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "budget.line_added",
      agreementId: loaded.agreement.id,
      subjectId: line.id,
      data: { position: line.position, description: input.description },
    });
    const share = await insertShare(trx, meta, loaded, line, input);
    if (!share.ok) throw new RefusedInside(share);
    await keepMoney(trx, loaded.agreement.id);
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const, id: line.id };
  }).catch(unwrapRefusal);
}

/** Thrown to undo a transaction after part of it was written, carrying the refusal to return. */
class RefusedInside extends Error {
  constructor(readonly refusal: Refusal) {
    super("refused");
  }
}

function unwrapRefusal(error: unknown): Refusal {
  if (error instanceof RefusedInside) return error.refusal;
  throw error;
}

export async function updateBudgetLine(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    lineId: string;
    version: number;
    category: BudgetLineInput["category"];
    description: string;
    planActionId?: string;
  },
): Promise<Done> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const line = await findLine(trx, loaded.agreement.id, input.lineId);
    const planActionId = await ownRecord(trx, "plan_action", loaded.agreement.id, input.planActionId);
    if (!line || planActionId === undefined) return NOT_FOUND;
    const changes = { category: input.category, description: input.description, plan_action_id: planActionId };
    const result = await trx
      .updateTable("budget_line")
      .set({ ...changes, updated_at: nowIso(), version: input.version + 1 })
      .where("id", "=", line.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    await appendAuditEvent(trx, meta, {
      type: "budget.line_updated",
      agreementId: loaded.agreement.id,
      subjectId: line.id,
      data: {
        position: line.position,
        description: input.description,
        fields: (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => line[k] !== changes[k]),
      },
    });
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** Removes a line and its shares; the lines after it move up. */
export async function removeBudgetLine(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { lineId: string },
): Promise<Done> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const line = await findLine(trx, loaded.agreement.id, input.lineId);
    if (!line) return NOT_FOUND;
    await trx.deleteFrom("budget_line").where("id", "=", line.id).execute();
    await trx
      .updateTable("budget_line")
      .set((eb) => ({ position: eb("position", "-", 1) }))
      .where("agreement_id", "=", loaded.agreement.id)
      .where("position", ">", line.position)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "budget.line_removed",
      agreementId: loaded.agreement.id,
      subjectId: line.id,
      data: { position: line.position, description: line.description },
    });
    await keepMoney(trx, loaded.agreement.id);
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

export async function addBudgetShare(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: ShareInput & { lineId: string },
): Promise<Done> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const line = await findLine(trx, loaded.agreement.id, input.lineId);
    if (!line) return NOT_FOUND;
    const added = await insertShare(trx, meta, loaded, line, input);
    if (added.ok) await touchAgreement(trx, loaded.agreement.id);
    return added;
  });
}

export async function removeBudgetShare(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { shareId: string },
): Promise<Done> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const share = await trx
      .selectFrom("budget_share")
      .innerJoin("budget_line", "budget_line.id", "budget_share.budget_line_id")
      .innerJoin("agreement_party", "agreement_party.id", "budget_share.party_id")
      .innerJoin("organization", "organization.id", "agreement_party.organization_id")
      .select([
        "budget_share.id",
        "budget_share.kind",
        "budget_share.amount_minor as amountMinor",
        "budget_line.id as lineId",
        "budget_line.position",
        "budget_line.currency",
        "organization.name_fr as nameFr",
        "organization.name_ar as nameAr",
      ])
      .where("budget_share.id", "=", input.shareId)
      .where("budget_line.agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!share) return NOT_FOUND;
    await trx.deleteFrom("budget_share").where("id", "=", share.id).execute();
    await appendAuditEvent(trx, meta, {
      type: "budget.share_removed",
      agreementId: loaded.agreement.id,
      subjectId: share.lineId,
      data: {
        position: share.position,
        party: share.nameFr ?? share.nameAr ?? "",
        kind: share.kind,
        amount: money(Number(share.amountMinor), share.currency),
      },
    });
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/**
 * A decision recorded in this agreement's committee minutes, once those minutes are approved: what a
 * reallocation or a cancellation rests on. Null when it is not one.
 */
export async function approvedDecision(db: DB | Trx, agreementId: string, outcomeId: string) {
  return (
    (await db
      .selectFrom("meeting_outcome")
      .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
      .select(["meeting_outcome.id", "meeting.number as meetingNumber", "meeting_outcome.number as decisionNumber"])
      .where("meeting_outcome.id", "=", outcomeId)
      .where("meeting.agreement_id", "=", agreementId)
      .where("meeting_outcome.kind", "=", "decision")
      .where("meeting.minutes_status", "=", "approved")
      .executeTakeFirst()) ?? null
  );
}

/** After signing: moves an amount from one line to another, as the committee decided, within the limit. */
export async function reallocateBudget(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { fromLineId: string; toLineId: string; amount: number; outcomeId: string },
): Promise<Done> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canReallocateBudget(actor, loaded.access)) return ruleBroken({ key: "finance.error.reallocateInForce" });
  return inTransaction(db, async (trx) => {
    const budget = await budgetOf(trx, loaded.agreement.id);
    const decision = await approvedDecision(trx, loaded.agreement.id, input.outcomeId);
    if (!decision) return ruleBroken({ key: "finance.error.decisionNotApproved" });
    const from = budget.totals.lines.find((l) => l.id === input.fromLineId);
    const to = budget.totals.lines.find((l) => l.id === input.toLineId);
    const check = checkReallocation({
      from,
      to,
      amountMinor: input.amount,
      limitBp: loaded.agreement.reallocation_limit_bp,
    });
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    const position = (id: string) => budget.lines.find((l) => l.id === id)!.position;
    await trx
      .insertInto("budget_reallocation")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        from_line_id: input.fromLineId,
        to_line_id: input.toLineId,
        amount_minor: input.amount,
        meeting_outcome_id: decision.id,
        created_by: meta.actorUserId,
        created_at: nowIso(),
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "budget.reallocated",
      agreementId: loaded.agreement.id,
      subjectId: input.fromLineId,
      data: {
        fromLine: position(input.fromLineId),
        toLine: position(input.toLineId),
        amount: money(input.amount, loaded.agreement.currency),
        meeting: decision.meetingNumber,
        decision: decision.decisionNumber ?? 0,
      },
    });
    return { ok: true as const };
  });
}

/** A tranche added to the schedule, numbered after the last one; planned until its condition is met. */
export async function addTranche(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: TrancheInput,
): Promise<{ ok: true; id: string } | Refusal> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const payer = await findParty(trx, loaded.agreement.id, input.payerPartyId);
    const receiver = await findParty(trx, loaded.agreement.id, input.receiverPartyId);
    const deliverableId =
      input.condition === "deliverable_confirmed"
        ? await ownRecord(trx, "deliverable", loaded.agreement.id, input.conditionDeliverableId)
        : null;
    if (!payer || !receiver || deliverableId === undefined) return NOT_FOUND;
    const last = await trx
      .selectFrom("tranche")
      .select("number")
      .where("agreement_id", "=", loaded.agreement.id)
      .orderBy("number", "desc")
      .executeTakeFirst();
    const id = newId();
    const number = (last?.number ?? 0) + 1;
    const at = nowIso();
    await trx
      .insertInto("tranche")
      .values({
        id,
        agreement_id: loaded.agreement.id,
        number,
        payer_party_id: payer.id,
        receiver_party_id: receiver.id,
        amount_minor: input.amount,
        currency: input.currency,
        planned_on: input.plannedOn ?? null,
        condition: input.condition as TrancheCondition,
        condition_deliverable_id: deliverableId,
        condition_report_id: null,
        condition_outcome_id: null,
        grace_days: input.graceDays,
        due_since: null,
        cancelled_reason: null,
        cancelled_outcome_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "tranche.added",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: {
        number,
        payer: payer.nameFr ?? payer.nameAr ?? "",
        amount: money(input.amount, input.currency),
        condition: input.condition,
      },
    });
    await keepMoney(trx, loaded.agreement.id);
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const, id };
  });
}

/** Removes a tranche from the schedule (while the text is editable); the later ones are renumbered. */
export async function removeTranche(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { trancheId: string },
): Promise<Done> {
  const refused = guardEdit(actor, loaded);
  if (refused) return refused;
  return inTransaction(db, async (trx) => {
    const tranche = await trx
      .selectFrom("tranche")
      .select(["id", "number", "amount_minor", "currency"])
      .where("id", "=", input.trancheId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!tranche) return NOT_FOUND;
    await trx.deleteFrom("tranche").where("id", "=", tranche.id).execute();
    // One at a time, in order: (agreement, number) stays unique after each statement.
    const later = await trx
      .selectFrom("tranche")
      .select(["id", "number"])
      .where("agreement_id", "=", loaded.agreement.id)
      .where("number", ">", tranche.number)
      .orderBy("number")
      .execute();
    for (const t of later)
      await trx
        .updateTable("tranche")
        .set({ number: t.number - 1 })
        .where("id", "=", t.id)
        .execute();
    await appendAuditEvent(trx, meta, {
      type: "tranche.removed",
      agreementId: loaded.agreement.id,
      subjectId: tranche.id,
      data: { number: tranche.number, amount: money(Number(tranche.amount_minor), tranche.currency) },
    });
    await keepMoney(trx, loaded.agreement.id);
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}
