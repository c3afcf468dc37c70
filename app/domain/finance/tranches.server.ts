/**
 * Funding tranches once the agreement is signed: each change is an event appended to the tranche
 * (never an edit), its stored status recomputed from its events (trancheState) in the same
 * transaction, and audited. Conditions are met by Charaka inside the transaction of the command that
 * meets them — activation, a deliverable's confirmation, minutes approved with the decision, a
 * report's acceptance (issue #21), or the date by the daily job — through `markConditionsMet`.
 * Receiving funds from a payer based abroad creates the association's declaration obligation.
 *
 * Imports no agreement, delivery or committee command: those call in here.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, Locale, TrancheCondition, TrancheEventKind } from "../../../db/schema";
import {
  canCallForFunds,
  canConfirmReceipt,
  canDecideTranche,
  canRecordPayment,
  canReverseTrancheEvent,
  type Actor,
} from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { refreshDueDates } from "../delivery/due-dates.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { createTranslator } from "~/lib/i18n/translate";
import { toDecimalString } from "~/lib/money";
import { nowIso, todayInMorocco } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";
import {
  checkReversal,
  checkTrancheAction,
  declarationDueOn,
  needsForeignDeclaration,
  receiptFee,
  trancheState,
  type TrancheAction,
} from "./tranche";
import { keepMoney } from "./money-totals.server";

type Trx = Transaction<Database>;
type Done = { ok: true } | Refusal;

const SYSTEM: RequestMeta = { actorUserId: null, ip: null, userAgent: "charaka" };
const money = (minor: number, currency: string) => `${toDecimalString(minor)} ${currency}`;

/** A tranche of this agreement with both sides' organizations and its events in order. */
export async function loadTranche(db: DB | Trx, agreementId: string, trancheId: string) {
  const tranche = await db
    .selectFrom("tranche")
    .innerJoin("agreement_party as payer", "payer.id", "tranche.payer_party_id")
    .innerJoin("organization as payer_org", "payer_org.id", "payer.organization_id")
    .innerJoin("agreement_party as receiver", "receiver.id", "tranche.receiver_party_id")
    .innerJoin("organization as receiver_org", "receiver_org.id", "receiver.organization_id")
    .selectAll("tranche")
    .select([
      "payer.organization_id as payerOrganizationId",
      "payer_org.name_fr as payerNameFr",
      "payer_org.name_ar as payerNameAr",
      "payer_org.country as payerCountry",
      "receiver.organization_id as receiverOrganizationId",
    ])
    .where("tranche.id", "=", trancheId)
    .where("tranche.agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!tranche) return null;
  const events = await trancheEvents(db, [tranche.id]);
  return { ...tranche, amount_minor: Number(tranche.amount_minor), events };
}

/** The events of some tranches, in the order they were recorded. */
export async function trancheEvents(db: DB | Trx, trancheIds: readonly string[]) {
  if (!trancheIds.length) return [];
  const rows = await db
    .selectFrom("tranche_event")
    .leftJoin("user", "user.id", "tranche_event.by_user_id")
    .leftJoin("attachment", "attachment.id", "tranche_event.proof_attachment_id")
    .selectAll("tranche_event")
    .select(["user.name as byName", "attachment.original_name as proofName"])
    .where("tranche_event.tranche_id", "in", [...trancheIds])
    .orderBy("tranche_event.created_at")
    .orderBy("tranche_event.id")
    .execute();
  const n = (v: number | null) => (v === null ? null : Number(v));
  return rows.map((e) => ({
    id: e.id,
    trancheId: e.tranche_id,
    kind: e.kind,
    reversesEventId: e.reverses_event_id,
    onDate: e.on_date,
    amountMinor: n(e.amount_minor),
    currency: e.currency,
    amountMadMinor: n(e.amount_mad_minor),
    feeMinor: n(e.fee_minor),
    method: e.method,
    reference: e.reference,
    proofAttachmentId: e.proof_attachment_id,
    proofName: e.proofName,
    note: e.note,
    byName: e.byName,
    createdAt: e.created_at,
  }));
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadTranche>>>;

/**
 * Appends an event and stores the state it leads to. Events written in one millisecond keep their
 * order: created_at is never earlier than the last event's.
 */
async function appendEvent(
  trx: Trx,
  meta: RequestMeta,
  tranche: Loaded,
  event: {
    kind: TrancheEventKind;
    onDate: string;
    reversesEventId?: string;
    amountMinor?: number;
    currency?: string;
    amountMadMinor?: number;
    feeMinor?: number | null;
    method?: string;
    reference?: string;
    proofAttachmentId?: string | null;
    note?: string;
  },
  extra: { dueSince?: string; cancelled?: { reason: string; outcomeId: string } } = {},
): Promise<{ id: string }> {
  const id = newId();
  const last = tranche.events.at(-1)?.createdAt;
  const now = nowIso();
  const createdAt = last && last > now ? last : now;
  await trx
    .insertInto("tranche_event")
    .values({
      id,
      tranche_id: tranche.id,
      kind: event.kind,
      reverses_event_id: event.reversesEventId ?? null,
      on_date: event.onDate,
      amount_minor: event.amountMinor ?? null,
      currency: event.currency ?? null,
      amount_mad_minor: event.amountMadMinor ?? null,
      fee_minor: event.feeMinor ?? null,
      method: (event.method as "transfer") ?? null,
      reference: event.reference ?? null,
      proof_attachment_id: event.proofAttachmentId ?? null,
      note: event.note ?? null,
      by_user_id: meta.actorUserId,
      created_at: createdAt,
    })
    .execute();
  const status = trancheState([
    ...tranche.events,
    { id, kind: event.kind, reversesEventId: event.reversesEventId ?? null },
  ]);
  await trx
    .updateTable("tranche")
    .set((eb) => ({
      status,
      ...(extra.dueSince ? { due_since: extra.dueSince } : {}),
      ...(extra.cancelled
        ? { cancelled_reason: extra.cancelled.reason, cancelled_outcome_id: extra.cancelled.outcomeId }
        : {}),
      updated_at: now,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", tranche.id)
    .execute();
  await keepMoney(trx, tranche.agreement_id);
  return { id };
}

// ── Conditions ──────────────────────────────────────────────────────────────────────────

/** What met a tranche's condition: the hook each command calls in its own transaction. */
export type ConditionEvent =
  | { kind: "signature"; agreementId: string; on?: string }
  | { kind: "date"; today: string }
  | { kind: "deliverable_confirmed"; deliverableId: string; on?: string }
  | { kind: "report_accepted"; agreementId: string; reportId: string; on?: string }
  | { kind: "committee_decision"; meetingId: string; on?: string };

/**
 * A tranche "on report accepted" is planned before its report exists: unless one is already tied to
 * this report, an accepted report releases the agreement's first planned tranche of that kind not tied
 * to a report yet (tranche 2 on the first report, tranche 3 on the next), and is recorded as its report.
 */
async function linkNextReportTranche(trx: Trx, agreementId: string, reportId: string): Promise<void> {
  const tied = await trx
    .selectFrom("tranche")
    .select("id")
    .where("condition_report_id", "=", reportId)
    .executeTakeFirst();
  if (tied) return;
  const next = await trx
    .selectFrom("tranche")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .where("condition", "=", "report_accepted")
    .where("condition_report_id", "is", null)
    .where("status", "=", "planned")
    .orderBy("number")
    .executeTakeFirst();
  if (next)
    await trx
      .updateTable("tranche")
      .set({ condition_report_id: reportId, updated_at: nowIso() })
      .where("id", "=", next.id)
      .execute();
}

/**
 * Makes due, inside the caller's transaction, the planned tranches (of agreements in force) whose
 * condition this event meets; each gets its 'due' event and audit entry. Returns their ids.
 */
export async function markConditionsMet(
  trx: Trx,
  event: ConditionEvent,
  meta: RequestMeta = SYSTEM,
): Promise<string[]> {
  const on = event.kind === "date" ? event.today : (event.on ?? todayInMorocco());
  if (event.kind === "report_accepted") await linkNextReportTranche(trx, event.agreementId, event.reportId);
  let query = trx
    .selectFrom("tranche")
    .innerJoin("agreement", "agreement.id", "tranche.agreement_id")
    .select(["tranche.id", "tranche.agreement_id as agreementId"])
    .where("tranche.status", "=", "planned")
    .where("agreement.status", "in", ["active", "suspended"]);
  const condition: TrancheCondition = event.kind;
  query = query.where("tranche.condition", "=", condition);
  if (event.kind === "signature") query = query.where("tranche.agreement_id", "=", event.agreementId);
  if (event.kind === "date") query = query.where("tranche.planned_on", "<=", event.today);
  if (event.kind === "deliverable_confirmed")
    query = query.where("tranche.condition_deliverable_id", "=", event.deliverableId);
  if (event.kind === "report_accepted") query = query.where("tranche.condition_report_id", "=", event.reportId);
  if (event.kind === "committee_decision")
    query = query.where("tranche.condition_outcome_id", "in", (eb) =>
      eb.selectFrom("meeting_outcome").select("id").where("meeting_id", "=", event.meetingId),
    );
  const due = await query.orderBy("tranche.agreement_id").orderBy("tranche.number").execute();
  for (const row of due) {
    const tranche = (await loadTranche(trx, row.agreementId, row.id))!;
    await appendEvent(trx, meta, tranche, { kind: "due", onDate: on }, { dueSince: on });
    await appendAuditEvent(trx, meta, {
      type: "tranche.due",
      agreementId: row.agreementId,
      subjectId: row.id,
      data: {
        number: tranche.number,
        amount: money(tranche.amount_minor, tranche.currency),
        condition: tranche.condition,
        date: on,
      },
    });
  }
  return due.map((d) => d.id);
}

// ── Commands of the two sides ───────────────────────────────────────────────────────────

type Guard = (actor: Actor, a: LoadedAgreement["access"], t: Loaded) => boolean;

/** Loads the tranche in the transaction, checks who may act (404 otherwise) and the state machine. */
async function withTranche<T>(
  db: DB,
  loaded: LoadedAgreement,
  trancheId: string,
  allowed: (t: Loaded) => boolean,
  action: TrancheAction | null,
  work: (trx: Trx, t: Loaded) => Promise<T>,
): Promise<T | Refusal> {
  return inTransaction(db, async (trx) => {
    const tranche = await loadTranche(trx, loaded.agreement.id, trancheId);
    if (!tranche || !allowed(tranche)) return NOT_FOUND;
    if (action) {
      const check = checkTrancheAction(action, trancheState(tranche.events));
      if (!check.ok) return { ok: false as const, error: "rule" as const, errors: check.errors };
    }
    return work(trx, tranche);
  });
}

const side =
  (guard: Guard, actor: Actor, loaded: LoadedAgreement) =>
  (t: Loaded): boolean =>
    guard(actor, loaded.access, t);

/** The receiver's call for funds (appel de fonds): its PDF can then be downloaded and sent. */
export async function callForFunds(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { trancheId: string; calledOn: string },
): Promise<Done> {
  return withTranche(db, loaded, input.trancheId, side(canCallForFunds, actor, loaded), "call", async (trx, t) => {
    await appendEvent(trx, meta, t, {
      kind: "called",
      onDate: input.calledOn,
      amountMinor: t.amount_minor,
      currency: t.currency,
    });
    await appendAuditEvent(trx, meta, {
      type: "tranche.called",
      agreementId: loaded.agreement.id,
      subjectId: t.id,
      data: { number: t.number, amount: money(t.amount_minor, t.currency), date: input.calledOn },
    });
    return { ok: true as const };
  });
}

/** The payer records its payment, with its proof (a transfer order, a cheque's photo). */
export async function recordPayment(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    trancheId: string;
    paidOn: string;
    amount: number;
    method: string;
    reference?: string;
    note?: string;
    proof: StoredFile | null;
  },
): Promise<Done> {
  return withTranche(db, loaded, input.trancheId, side(canRecordPayment, actor, loaded), "pay", async (trx, t) => {
    const proofAttachmentId = input.proof
      ? await recordAttachment(trx, meta, {
          ownerType: "tranche",
          ownerId: t.id,
          purpose: "payment_proof",
          stored: input.proof,
          agreementId: loaded.agreement.id,
        })
      : null;
    await appendEvent(trx, meta, t, {
      kind: "paid",
      onDate: input.paidOn,
      amountMinor: input.amount,
      currency: t.currency,
      method: input.method,
      reference: input.reference,
      proofAttachmentId,
      note: input.note,
    });
    await appendAuditEvent(trx, meta, {
      type: "tranche.paid",
      agreementId: loaded.agreement.id,
      subjectId: t.id,
      data: {
        number: t.number,
        amount: money(input.amount, t.currency),
        date: input.paidOn,
        method: input.method,
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.proof ? { proof: input.proof.sha256 } : {}),
      },
    });
    return { ok: true as const };
  });
}

/**
 * The receiver confirms what reached its account, in MAD; the difference with what was paid (bank
 * fees) is kept and shown. From a payer based abroad, the declaration obligation is created.
 */
export async function confirmReceipt(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    trancheId: string;
    receivedOn: string;
    amountMad: number;
    fee?: number;
    note?: string;
    proof?: StoredFile | null;
    /** The language the declaration obligation's description is written in (the receiver's). */
    locale?: Locale;
  },
): Promise<{ ok: true; declarationId: string | null } | Refusal> {
  return withTranche(db, loaded, input.trancheId, side(canConfirmReceipt, actor, loaded), "receive", async (trx, t) => {
    const paid = [...t.events].reverse().find((e) => e.kind === "paid")!;
    const fee = receiptFee({ amountMinor: paid.amountMinor!, currency: t.currency }, input.amountMad, input.fee);
    const proofAttachmentId = input.proof
      ? await recordAttachment(trx, meta, {
          ownerType: "tranche",
          ownerId: t.id,
          purpose: "receipt_proof",
          stored: input.proof,
          agreementId: loaded.agreement.id,
        })
      : null;
    await appendEvent(trx, meta, t, {
      kind: "received",
      onDate: input.receivedOn,
      amountMinor: paid.amountMinor!,
      currency: t.currency,
      amountMadMinor: input.amountMad,
      feeMinor: fee,
      proofAttachmentId,
      note: input.note,
    });
    await appendAuditEvent(trx, meta, {
      type: "tranche.received",
      agreementId: loaded.agreement.id,
      subjectId: t.id,
      data: {
        number: t.number,
        amount: money(input.amountMad, "MAD"),
        ...(fee !== null ? { fee: money(fee, "MAD") } : {}),
        date: input.receivedOn,
      },
    });
    const declarationId = needsForeignDeclaration(t.payerCountry)
      ? await createDeclaration(trx, meta, loaded, t, { ...input, locale: input.locale ?? "fr" })
      : null;
    return { ok: true as const, declarationId };
  });
}

/**
 * The obligation to declare funds received from abroad to the General Secretariat of the Government
 * within 30 days (article 32 bis of the dahir of 15 November 1958 on associations, as amended):
 * prefilled with the amount, its origin and the date, due 30 days after receipt, closed by
 * attaching the proof of declaration. A reminder of a legal duty, not legal advice.
 */
async function createDeclaration(
  trx: Trx,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  t: Loaded,
  input: { receivedOn: string; amountMad: number; locale: Locale },
): Promise<string> {
  const { t: tr, formatDate, formatMoney } = createTranslator(input.locale);
  const paid = [...t.events].reverse().find((e) => e.kind === "paid")!;
  const origin = input.locale === "ar" ? (t.payerNameAr ?? t.payerNameFr) : (t.payerNameFr ?? t.payerNameAr);
  const description = tr("finance.declaration.description", {
    amount: formatMoney(input.amountMad, "MAD"),
    paid: formatMoney(paid.amountMinor!, t.currency),
    payer: `\u2068${origin ?? ""}\u2069`,
    country: t.payerCountry,
    date: formatDate(input.receivedOn),
    number: t.number,
  });
  const id = newId();
  const at = nowIso();
  await trx
    .insertInto("obligation")
    .values({
      id,
      agreement_id: loaded.agreement.id,
      clause_id: null,
      responsible_party_id: t.receiver_party_id,
      description,
      due_date: declarationDueOn(input.receivedOn),
      status_note: null,
      completed_on: null,
      kind: "foreign_funding_declaration",
      tranche_id: t.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await refreshDueDates(trx, loaded.agreement.id);
  await appendAuditEvent(trx, meta, {
    type: "obligation.added",
    agreementId: loaded.agreement.id,
    subjectId: t.receiver_party_id,
    data: { description },
  });
  return id;
}

/**
 * The proof of declaration attached to a declaration obligation closes it (called by the
 * obligations' evidence command, in its transaction).
 */
export async function closeDeclarationWithProof(
  trx: Trx,
  meta: RequestMeta,
  agreementId: string,
  obligationId: string,
  today: string,
): Promise<boolean> {
  const closed = await trx
    .selectFrom("obligation")
    .select(["id", "description", "status"])
    .where("id", "=", obligationId)
    .where("agreement_id", "=", agreementId)
    .where("kind", "=", "foreign_funding_declaration")
    .where("status", "in", ["pending", "in_progress"])
    .executeTakeFirst();
  if (!closed) return false;
  await trx
    .updateTable("obligation")
    .set((eb) => ({ status: "done", completed_on: today, updated_at: nowIso(), version: eb("version", "+", 1) }))
    .where("id", "=", closed.id)
    .execute();
  await refreshDueDates(trx, agreementId);
  await appendAuditEvent(trx, meta, {
    type: "obligation.status_changed",
    agreementId,
    subjectId: obligationId,
    data: { description: closed.description, from: closed.status, to: "done" },
  });
  return true;
}

/** Cancelling a tranche needs its reason and the committee decision (in approved minutes) that took it. */
export async function cancelTranche(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { trancheId: string; reason: string; outcomeId: string; today: string },
): Promise<Done> {
  if (!canDecideTranche(actor, loaded.access)) return NOT_FOUND;
  return withTranche(
    db,
    loaded,
    input.trancheId,
    () => true,
    "cancel",
    async (trx, t) => {
      const decision = await decisionOf(trx, loaded.agreement.id, input.outcomeId);
      if (!decision) return ruleBroken({ key: "finance.error.decisionNotApproved" });
      await appendEvent(
        trx,
        meta,
        t,
        { kind: "cancelled", onDate: input.today, note: input.reason },
        { cancelled: { reason: input.reason, outcomeId: decision.id } },
      );
      await appendAuditEvent(trx, meta, {
        type: "tranche.cancelled",
        agreementId: loaded.agreement.id,
        subjectId: t.id,
        data: {
          number: t.number,
          reason: input.reason,
          meeting: decision.meetingNumber,
          decision: decision.decisionNumber ?? 0,
        },
      });
      return { ok: true as const };
    },
  );
}

/**
 * A tranche released "when the committee decides" is tied to the decision that releases it; once
 * that decision's minutes are approved (now, or later) the tranche is due.
 */
export async function tieTrancheToDecision(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { trancheId: string; outcomeId: string },
): Promise<Done> {
  if (!canDecideTranche(actor, loaded.access)) return NOT_FOUND;
  return withTranche(
    db,
    loaded,
    input.trancheId,
    () => true,
    null,
    async (trx, t) => {
      if (t.condition !== "committee_decision" || trancheState(t.events) !== "planned")
        return ruleBroken({ key: "finance.error.notTiable" });
      const outcome = await trx
        .selectFrom("meeting_outcome")
        .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
        .select(["meeting_outcome.id", "meeting.id as meetingId", "meeting.minutes_status as minutesStatus"])
        .where("meeting_outcome.id", "=", input.outcomeId)
        .where("meeting.agreement_id", "=", loaded.agreement.id)
        .where("meeting_outcome.kind", "=", "decision")
        .executeTakeFirst();
      if (!outcome) return NOT_FOUND;
      await trx
        .updateTable("tranche")
        .set((eb) => ({ condition_outcome_id: outcome.id, updated_at: nowIso(), version: eb("version", "+", 1) }))
        .where("id", "=", t.id)
        .execute();
      if (outcome.minutesStatus === "approved")
        await markConditionsMet(trx, { kind: "committee_decision", meetingId: outcome.meetingId }, meta);
      return { ok: true as const };
    },
  );
}

/** A decision in this agreement's approved minutes. */
function decisionOf(trx: Trx, agreementId: string, outcomeId: string) {
  return trx
    .selectFrom("meeting_outcome")
    .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
    .select(["meeting_outcome.id", "meeting.number as meetingNumber", "meeting_outcome.number as decisionNumber"])
    .where("meeting_outcome.id", "=", outcomeId)
    .where("meeting.agreement_id", "=", agreementId)
    .where("meeting_outcome.kind", "=", "decision")
    .where("meeting.minutes_status", "=", "approved")
    .executeTakeFirst();
}

/**
 * A mistake undone: a 'reversed' event pointing at the last entry recorded by people (a call, a
 * payment, a receipt), by the side that recorded it; the right one is then recorded anew. Reversing
 * a receipt waives the declaration it created, if still pending.
 */
export async function reverseTrancheEvent(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { trancheId: string; eventId: string; reason: string; today: string },
): Promise<Done> {
  return withTranche(
    db,
    loaded,
    input.trancheId,
    () => true,
    null,
    async (trx, t) => {
      const check = checkReversal(t.events, input.eventId);
      const target = t.events.find((e) => e.id === input.eventId);
      if (!target) return NOT_FOUND;
      if (!check.ok) {
        // Who may not reverse it learns nothing more than a 404.
        const kind = target.kind === "paid" ? "paid" : "received";
        return canReverseTrancheEvent(actor, loaded.access, t, kind)
          ? { ok: false as const, error: "rule" as const, errors: check.errors }
          : NOT_FOUND;
      }
      if (!canReverseTrancheEvent(actor, loaded.access, t, check.kind)) return NOT_FOUND;
      await appendEvent(trx, meta, t, {
        kind: "reversed",
        onDate: input.today,
        reversesEventId: target.id,
        note: input.reason,
      });
      if (check.kind === "received")
        await trx
          .updateTable("obligation")
          .set((eb) => ({
            status: "waived",
            status_note: input.reason,
            updated_at: nowIso(),
            version: eb("version", "+", 1),
          }))
          .where("tranche_id", "=", t.id)
          .where("kind", "=", "foreign_funding_declaration")
          .where("status", "in", ["pending", "in_progress"])
          .execute();
      if (check.kind === "received") await refreshDueDates(trx, loaded.agreement.id);
      await appendAuditEvent(trx, meta, {
        type: "tranche.event_reversed",
        agreementId: loaded.agreement.id,
        subjectId: t.id,
        data: { number: t.number, kind: check.kind, reason: input.reason },
      });
      return { ok: true as const };
    },
  );
}
