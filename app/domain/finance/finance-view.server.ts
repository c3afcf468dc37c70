/**
 * The money of one agreement as every page and export reads it — one query set, one computation —
 * and the finances page's view model: budget with totals per line, party and plan action, the
 * "does not add up" warning, tranches with what the reader may do and the receiver's dossier on the
 * payer's side, expenses with receipts, reversals and questions, the balance and the charts' series.
 */
import { inOrderOf } from "~/lib/ids";
import { sql } from "kysely";
import { keptEntries, type KeptEntries } from "../dashboard/attention-entries.server";
import type { DB } from "../../../db/client";
import type { TrancheStatus } from "../../../db/schema";
import {
  canAnswerExpenseQuery,
  canCallForFunds,
  canConfirmReceipt,
  canDecideTranche,
  canEditBudget,
  canQueryExpense,
  canReallocateBudget,
  canRecordExpense,
  canRecordPayment,
  canReverseTrancheEvent,
  canSettleExpenseQuery,
  handlesMoneyOf,
  isMemberOf,
  organizationIds,
  type Actor,
} from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { sumMinor, toDecimalString } from "~/lib/money";
import { addsUp } from "./budget";
import { budgetOf, scheduleOf } from "./budget.queries.server";
import { dossierStatuses } from "./dossier.server";
import { agreementTotals } from "./finance-totals.server";
import { KEPT_ROW_CURRENCY, organizationMoneyTotals } from "./money-totals.server";
import {
  budgetVsActual,
  cashOnHand,
  isQuestioned,
  netSpent,
  queryState,
  reversedIds,
  EXPENSE_CURRENCY,
} from "./expense";
import { listExpenses } from "./expenses.server";
import { awaitsPayment, awaitsReceipt, checkTrancheAction, isLate, reversibleEvent, standingEvents } from "./tranche";
import { trancheEvents } from "./tranches.server";

/** The money facts of an agreement and every figure computed from them (no reader involved). */
export async function agreementMoney(db: DB, agreementId: string, today: string) {
  const [budget, schedule, expenses] = await Promise.all([
    budgetOf(db, agreementId),
    scheduleOf(db, agreementId),
    listExpenses(db, agreementId),
  ]);
  const events = await trancheEvents(
    db,
    schedule.map((t) => t.id),
  );
  const tranches = schedule.map((t) => {
    const own = events.filter((e) => e.trancheId === t.id);
    const standing = standingEvents(own);
    const received = standing.find((e) => e.kind === "received") ?? null;
    return {
      ...t,
      events: own,
      standing,
      late: isLate({ status: t.status, dueSince: t.dueSince, graceDays: t.graceDays }, today),
      receivedMadMinor: received?.amountMadMinor ?? 0,
      feeMinor: received?.feeMinor ?? null,
    };
  });
  const expenseFacts = expenses.map((e) => ({
    id: e.id,
    lineId: e.lineId,
    amountMinor: e.amountMinor,
    reversesExpenseId: e.reversesExpenseId,
    lockedByReportId: e.lockedByReportId,
  }));
  const bva = budgetVsActual(
    budget.lines.map((l) => ({
      id: l.id,
      planActionId: l.planActionId,
      budget: budget.totals.lines.find((x) => x.id === l.id)!.amount,
    })),
    budget.shares,
    expenseFacts,
  );
  const received = sumMinor(tranches.map((t) => t.receivedMadMinor));
  const spent = netSpent(expenseFacts);
  const pledged = new Map<string, number>();
  for (const t of tranches)
    if (t.status !== "cancelled") pledged.set(t.currency, sumMinor([pledged.get(t.currency) ?? 0, t.amountMinor]));
  return {
    budget,
    tranches,
    expenses,
    bva,
    totals: {
      budget: budget.totals.total,
      cash: budget.totals.cash,
      inKind: budget.totals.inKind,
      volunteerTime: budget.totals.volunteerTime,
      /** What the schedule promises, per currency (cancelled tranches aside). */
      pledged: [...pledged].map(([currency, minor]) => ({ currency, minor })),
      received,
      fees: sumMinor(tranches.map((t) => t.feeMinor ?? 0)),
      spent,
      cashOnHand: cashOnHand(received, spent),
    },
    /** Funds received and spent, cumulated month by month (YYYY-MM), for the chart. */
    series: monthlySeries(tranches, expenses),
  };
}

export type AgreementMoney = Awaited<ReturnType<typeof agreementMoney>>;

function monthlySeries(
  tranches: ReadonlyArray<{ standing: ReadonlyArray<{ kind: string; onDate: string; amountMadMinor: number | null }> }>,
  expenses: ReadonlyArray<{ spentOn: string; amountMinor: number }>,
) {
  const months = new Map<string, { received: number; spent: number }>();
  const at = (month: string) => {
    let m = months.get(month);
    if (!m) months.set(month, (m = { received: 0, spent: 0 }));
    return m;
  };
  for (const t of tranches)
    for (const e of t.standing) if (e.kind === "received") at(e.onDate.slice(0, 7)).received += e.amountMadMinor ?? 0;
  for (const e of expenses) at(e.spentOn.slice(0, 7)).spent += e.amountMinor;
  let received = 0;
  let spent = 0;
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => {
      received += m.received;
      spent += m.spent;
      return { month, received, spent };
    });
}

const standingPaid = <E extends { kind: string }>(standing: readonly E[]) =>
  [...standing].reverse().find((e) => e.kind === "paid") ?? null;

const nameOf = (p: { nameFr: string | null; nameAr: string | null }) => ({ nameFr: p.nameFr, nameAr: p.nameAr });

/** The finances page of an agreement, for its reader: figures, and what the reader may do with each. */
export async function financesView(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const a = loaded.agreement;
  const money = await agreementMoney(db, a.id, today);
  const [parties, planActions, deliverables, decisions] = await Promise.all([
    db
      .selectFrom("agreement_party")
      .innerJoin("organization", "organization.id", "agreement_party.organization_id")
      .select([
        "agreement_party.id",
        "agreement_party.organization_id as organizationId",
        "organization.name_fr as nameFr",
        "organization.name_ar as nameAr",
        "organization.kind",
        "organization.country",
      ])
      .where("agreement_party.agreement_id", "=", a.id)
      .orderBy("agreement_party.signing_order")
      .orderBy("agreement_party.created_at")
      .execute(),
    db
      .selectFrom("plan_action")
      .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
      .select(["plan_action.id", "plan_action.objective", "action_plan.year"])
      .where("action_plan.agreement_id", "=", a.id)
      .orderBy("action_plan.year")
      .orderBy("plan_action.position")
      .execute(),
    db
      .selectFrom("deliverable")
      .select(["id", "title"])
      .where("agreement_id", "=", a.id)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("meeting_outcome")
      .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
      .select([
        "meeting_outcome.id",
        "meeting.number as meetingNumber",
        "meeting_outcome.number as decisionNumber",
        "meeting_outcome.body",
        "meeting.minutes_status as minutesStatus",
      ])
      .where("meeting.agreement_id", "=", a.id)
      .where("meeting_outcome.kind", "=", "decision")
      .orderBy("meeting.number")
      .orderBy("meeting_outcome.number")
      .execute(),
  ]);
  const partyById = new Map(parties.map((p) => [p.id, p]));
  const sides = (t: { payerOrganizationId: string; receiverOrganizationId: string }) => t;
  const dossiers = await dossierStatuses(
    db,
    money.tranches.map((t) => t.receiverOrganizationId),
    today,
  );
  const canEdit = canEditBudget(actor, loaded.access);
  const reversed = reversedIds(money.expenses);
  const spenders = parties.filter((p) => canRecordExpense(actor, loaded.access, p.organizationId));
  const bvaLine = new Map(money.bva.lines.map((l) => [l.id, l]));
  const lineTotal = new Map(money.budget.totals.lines.map((l) => [l.id, l]));
  const totalBudget = a.total_budget_cents === null ? null : Number(a.total_budget_cents);
  return {
    agreementId: a.id,
    reference: a.reference,
    currency: a.currency,
    status: a.status,
    totalBudget,
    addsUp: addsUp(money.totals.budget, totalBudget, money.budget.lines.length),
    reallocationLimitBp: a.reallocation_limit_bp,
    canEdit,
    canReallocate: canReallocateBudget(actor, loaded.access),
    canDecide: canDecideTranche(actor, loaded.access),
    parties: parties.map((p) => {
      const totals = money.budget.totals.parties.find((x) => x.partyId === p.id);
      return {
        id: p.id,
        organizationId: p.organizationId,
        ...nameOf(p),
        country: p.country,
        isOwner: p.organizationId === a.owner_organization_id,
        cash: totals?.cash ?? 0,
        inKind: totals?.inKind ?? 0,
        volunteerTime: totals?.volunteerTime ?? 0,
        total: totals?.total ?? 0,
        actual: money.bva.parties.find((x) => x.partyId === p.id)?.actual ?? 0,
      };
    }),
    lines: money.budget.lines.map((l) => {
      const total = lineTotal.get(l.id)!;
      const actual = bvaLine.get(l.id)!;
      return {
        id: l.id,
        position: l.position,
        category: l.category,
        description: l.description,
        planActionId: l.planActionId,
        actionObjective: l.actionObjective,
        version: l.version,
        signed: total.signed,
        movedIn: total.movedIn,
        movedOut: total.movedOut,
        amount: total.amount,
        actual: actual.actual,
        remaining: actual.remaining,
        overSpent: actual.overSpent,
        shares: money.budget.shares
          .filter((s) => s.lineId === l.id)
          .map((s) => ({
            id: s.id,
            partyId: s.partyId,
            ...nameOf(s),
            kind: s.kind,
            amountMinor: s.amountMinor,
            hours: s.hours,
            hourlyRateMinor: s.hourlyRateMinor,
            deliverableTitle: s.deliverableTitle,
            note: s.note,
          })),
      };
    }),
    actions: money.bva.actions.map((x) => ({
      planActionId: x.planActionId,
      objective: planActions.find((p) => p.id === x.planActionId)?.objective ?? null,
      budget: x.budget,
      actual: x.actual,
    })),
    reallocations: money.budget.reallocations,
    tranches: money.tranches.map((t) => {
      const side = sides(t);
      const reversible = reversibleEvent(t.events);
      const isPayerSide = isMemberOf(actor, t.payerOrganizationId);
      return {
        id: t.id,
        number: t.number,
        payer: { nameFr: t.payerNameFr, nameAr: t.payerNameAr, country: t.payerCountry },
        receiver: { nameFr: t.receiverNameFr, nameAr: t.receiverNameAr },
        amountMinor: t.amountMinor,
        currency: t.currency,
        plannedOn: t.plannedOn,
        condition: t.condition,
        conditionDeliverableTitle: t.conditionDeliverableTitle,
        conditionMeetingNumber: t.conditionMeetingNumber,
        conditionDecisionNumber: t.conditionDecisionNumber,
        graceDays: t.graceDays,
        status: t.status as TrancheStatus,
        dueSince: t.dueSince,
        late: t.late,
        cancelledReason: t.cancelledReason,
        receivedMadMinor: t.receivedMadMinor,
        feeMinor: t.feeMinor,
        events: t.events.map((e) => ({
          id: e.id,
          kind: e.kind,
          onDate: e.onDate,
          amountMinor: e.amountMinor,
          amountMadMinor: e.amountMadMinor,
          feeMinor: e.feeMinor,
          method: e.method,
          reference: e.reference,
          proofAttachmentId: e.proofAttachmentId,
          proofName: e.proofName,
          note: e.note,
          byName: e.byName,
          reversed: t.events.some((r) => r.reversesEventId === e.id),
          /** The figure the history shows: what was paid (tranche currency) or what reached the bank (MAD). */
          shown:
            e.kind === "paid"
              ? { minor: e.amountMinor ?? 0, currency: t.currency }
              : e.kind === "received"
                ? { minor: e.amountMadMinor ?? 0, currency: "MAD" }
                : null,
        })),
        /** The MAD amount the receipt form suggests: what was paid, when paid in MAD. */
        suggestedReceiptMinor: t.currency === "MAD" ? (standingPaid(t.standing)?.amountMinor ?? null) : null,
        awaitsPayment: awaitsPayment(t.status),
        awaitsReceipt: awaitsReceipt(t.status),
        canCall: canCallForFunds(actor, loaded.access, side) && checkTrancheAction("call", t.status).ok,
        canPay: canRecordPayment(actor, loaded.access, side) && checkTrancheAction("pay", t.status).ok,
        canReceive: canConfirmReceipt(actor, loaded.access, side) && checkTrancheAction("receive", t.status).ok,
        canCancel: canDecideTranche(actor, loaded.access) && checkTrancheAction("cancel", t.status).ok,
        canTie:
          canDecideTranche(actor, loaded.access) && t.condition === "committee_decision" && t.status === "planned",
        reversible:
          reversible &&
          canReverseTrancheEvent(actor, loaded.access, side, reversible.kind as "called" | "paid" | "received")
            ? reversible.id
            : null,
        hasCall: t.standing.some((e) => e.kind === "called"),
        hasReceipt: t.standing.some((e) => e.kind === "received"),
        // On the payer's side, before paying: is the receiver's dossier complete and valid?
        receiverDossier: isPayerSide ? (dossiers.get(t.receiverOrganizationId) ?? null) : null,
        receiverOrganizationId: t.receiverOrganizationId,
      };
    }),
    expenses: money.expenses.map((e) => ({
      id: e.id,
      lineId: e.lineId,
      linePosition: e.linePosition,
      lineDescription: e.lineDescription,
      spender: nameOf(e),
      spentOn: e.spentOn,
      supplier: e.supplier,
      description: e.description,
      amountMinor: e.amountMinor,
      method: e.method,
      receiptId: e.receiptId,
      receiptName: e.receiptName,
      receiptType: e.receiptType,
      isReversal: e.reversesExpenseId !== null,
      reversed: reversed.has(e.id),
      reason: e.reason,
      locked: e.lockedByReportId !== null,
      recordedBy: e.recordedByName,
      questioned: isQuestioned(e.queries),
      canReverse:
        e.reversesExpenseId === null &&
        !reversed.has(e.id) &&
        e.lockedByReportId === null &&
        canRecordExpense(actor, loaded.access, e.spenderOrganizationId),
      canAttachReceipt:
        !e.receiptId && e.reversesExpenseId === null && canRecordExpense(actor, loaded.access, e.spenderOrganizationId),
      canQuery: e.reversesExpenseId === null && canQueryExpense(actor, loaded.access, e.spenderOrganizationId),
      queries: e.queries.map((q) => {
        const state = queryState({ answer: q.answer, settledAt: q.settledAt });
        return {
          id: q.id,
          organization: nameOf(q),
          kind: q.kind,
          body: q.body,
          askedBy: q.askedBy,
          createdAt: q.createdAt,
          answer: q.answer,
          answeredBy: q.answeredBy,
          answeredAt: q.answeredAt,
          settledAt: q.settledAt,
          state,
          canAnswer: state === "open" && canAnswerExpenseQuery(actor, loaded.access, e.spenderOrganizationId),
          canSettle: state === "answered" && canSettleExpenseQuery(actor, q.organizationId),
        };
      }),
    })),
    totals: money.totals,
    series: money.series,
    spenders: spenders.map((p) => ({ id: p.id, ...nameOf(p) })),
    canImport: spenders.length > 0,
    handlesMoney: parties.some((p) => handlesMoneyOf(actor, p.organizationId)),
    planActions: planActions.map((p) => ({ id: p.id, objective: p.objective, year: p.year })),
    deliverables,
    decisions: decisions.map((d) => ({
      id: d.id,
      meetingNumber: d.meetingNumber,
      decisionNumber: d.decisionNumber,
      body: d.body.slice(0, 160),
      approved: d.minutesStatus === "approved",
    })),
    partyById: Object.fromEntries([...partyById].map(([id, p]) => [id, nameOf(p)])),
  };
}

export type FinancesView = Awaited<ReturnType<typeof financesView>>;

/**
 * The tranches that ask something of the actor's organizations now: to pay (due or called, on the
 * payer's side) or expected (on the receiver's side), late ones flagged; paid ones whose receipt the
 * receiver has to confirm, or, on the payer's side, awaits. /finances's and /impact's lists: the first
 * `shown` of each (all by default) by due date, reference and number, with their names, and how many
 * each has in all. Read from the kept entries (attention-entries.server.ts), which decide what each
 * list holds: a few rows of an index range per list, whatever the organization has.
 */
export async function moneyAttention(db: DB, actor: Actor, today: string, shown = Infinity) {
  const orgs = organizationIds(actor);
  const none = { toPay: 0, expected: 0, toConfirm: 0, awaitingReceipt: 0, lateToPay: 0 };
  if (!orgs.length) return { toPay: [], expected: [], toConfirm: [], awaitingReceipt: [], late: 0, counts: none };
  const lists = moneyLists(db, orgs);
  const [toPay, expected, toConfirm, awaitingReceipt] = await Promise.all([
    firstTranches(lists.toPay, today, shown),
    firstTranches(lists.expected, today, shown),
    firstTranches(lists.toConfirm, today, shown),
    firstTranches(lists.awaitingReceipt, today, shown),
  ]);
  const ids = [...new Set([toPay, expected, toConfirm, awaitingReceipt].flatMap((l) => l.first.map((t) => t.id)))];
  const named = ids.length
    ? await db
        .selectFrom("tranche")
        .innerJoin("agreement", "agreement.id", "tranche.agreement_id")
        .innerJoin("agreement_party as payer", "payer.id", "tranche.payer_party_id")
        .innerJoin("organization as payer_org", "payer_org.id", "payer.organization_id")
        .innerJoin("agreement_party as receiver", "receiver.id", "tranche.receiver_party_id")
        .innerJoin("organization as receiver_org", "receiver_org.id", "receiver.organization_id")
        .select([
          "tranche.id",
          "tranche.number",
          "tranche.status",
          "tranche.amount_minor as amountMinor",
          "tranche.currency",
          "tranche.due_since as dueSince",
          "tranche.grace_days as graceDays",
          "agreement.id as agreementId",
          "agreement.reference",
          "agreement.title",
          "payer.organization_id as payerOrganizationId",
          "payer_org.name_fr as payerNameFr",
          "payer_org.name_ar as payerNameAr",
          "receiver.organization_id as receiverOrganizationId",
          "receiver_org.name_fr as receiverNameFr",
          "receiver_org.name_ar as receiverNameAr",
        ])
        .where("tranche.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(named.map((r) => [r.id, r]));
  const first = (list: FirstTranches) =>
    list.first
      // A tranche deleted since its entry was read is left out.
      .flatMap(({ id, group }) => (byId.has(id) ? [{ r: byId.get(id)!, group }] : []))
      // The entries give due date and reference (in the database's collation); the number settles a tie.
      .sort((x, y) => x.group - y.group || x.r.number - y.r.number)
      .slice(0, shown)
      .map(({ r }) => {
        const status = r.status as TrancheStatus;
        return {
          id: r.id,
          number: r.number,
          amountMinor: Number(r.amountMinor),
          currency: r.currency,
          status,
          dueSince: r.dueSince,
          late: isLate({ status, dueSince: r.dueSince, graceDays: r.graceDays }, today),
          agreementId: r.agreementId,
          reference: r.reference,
          title: r.title,
          payer: { nameFr: r.payerNameFr, nameAr: r.payerNameAr },
          receiver: { nameFr: r.receiverNameFr, nameAr: r.receiverNameAr },
          payerIsMine: isMemberOf(actor, r.payerOrganizationId),
          receiverIsMine: isMemberOf(actor, r.receiverOrganizationId),
        };
      });
  return {
    toPay: first(toPay),
    expected: first(expected),
    toConfirm: first(toConfirm),
    awaitingReceipt: first(awaitingReceipt),
    late: toPay.late + expected.late,
    /** How many each list has in all (the lists hold the first `shown`). */
    counts: {
      toPay: toPay.count,
      expected: expected.count,
      toConfirm: toConfirm.count,
      awaitingReceipt: awaitingReceipt.count,
      lateToPay: toPay.late,
    },
  };
}

/** The kept entries of each money list of these organizations (what each holds: attentionEntriesOf). */
function moneyLists(db: DB, orgs: readonly string[]) {
  // Expected from, or awaiting, another of the actor's organizations is on that one's list already.
  const fromOthers = (q: KeptEntries) => q.where("owner_id", "not in", orgs.length ? [...orgs] : [""]);
  return {
    toPay: keptEntries(db, orgs, "tranche_to_pay"),
    expected: fromOthers(keptEntries(db, orgs, "tranche_expected")),
    toConfirm: keptEntries(db, orgs, "tranche_to_confirm"),
    awaitingReceipt: fromOthers(keptEntries(db, orgs, "tranche_awaiting_receipt")),
  };
}

/**
 * How many entries a money list has, and how many are late (isLate: an entry's alert_on is the last
 * day of its grace). A tranche has one payer and one receiver, so a list has one entry per tranche
 * among any organizations: rows are counted.
 */
async function countTranches(entries: KeptEntries, today: string) {
  const row = await entries
    .select([
      sql<number>`count(*)`.as("n"),
      sql<number>`coalesce(sum(case when alert_on < ${today} then 1 else 0 end), 0)`.as("late"),
    ])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), late: Number(row?.late ?? 0) };
}

interface FirstTranches {
  /** The first `shown` subjects by due date and reference, and any tied with the last of them; each
   * with its rank of (due date, reference) among them. */
  first: Array<{ id: string; group: number }>;
  count: number;
  /** Past their grace (isLate: the entry's alert_on is the grace's last day). */
  late: number;
}

/**
 * One money list from its kept entries: its counts, and its first `shown` by (due date, reference),
 * those tied with the last included, for the number to order.
 */
async function firstTranches(entries: KeptEntries, today: string, shown: number): Promise<FirstTranches> {
  const [counted, rows] = await Promise.all([
    countTranches(entries, today),
    entries
      .select(["subject_id", "on_date", "sort_key"])
      .orderBy("on_date")
      .orderBy("sort_key")
      .orderBy("subject_id")
      .$if(Number.isFinite(shown), (q) => q.limit(shown))
      .execute(),
  ]);
  const last = rows.at(-1);
  if (last && rows.length === shown) {
    const tied = await entries
      .select(["subject_id", "on_date", "sort_key"])
      .where("on_date", last.on_date === null ? "is" : "=", last.on_date)
      .where("sort_key", "=", last.sort_key)
      .execute();
    const seen = new Set(rows.map((r) => r.subject_id));
    rows.push(...tied.filter((r) => !seen.has(r.subject_id)));
  }
  let group = 0;
  const first = rows.map((r, i) => {
    const prev = rows[i - 1];
    if (prev && (prev.on_date !== r.on_date || prev.sort_key !== r.sort_key)) group += 1;
    return { id: r.subject_id, group };
  });
  return {
    first,
    ...counted,
  };
}

export type MoneyAttention = Awaited<ReturnType<typeof moneyAttention>>;

/** How many tranches of each "to act on" list /finances and /impact show (their counts are whole). */
export const ATTENTION_SHOWN = 10;

/**
 * The dashboard's counts of what moneyAttention lists, from the kept entries
 * (app/domain/dashboard/attention-entries.server.ts): to pay, expected from another payer, late among
 * those (past their grace: isLate), and to confirm as received.
 */
export async function moneyCounts(db: DB, actor: Actor, today: string) {
  const lists = moneyLists(db, organizationIds(actor));
  const [toPay, expected, toConfirm] = await Promise.all([
    countTranches(lists.toPay, today),
    countTranches(lists.expected, today),
    countTranches(lists.toConfirm, today),
  ]);
  return { toPay: toPay.count, expected: expected.count, late: toPay.late + expected.late, toConfirm: toConfirm.count };
}

/** /finances's rows per page. */
export const FINANCES_PAGE_SIZE = 25;

/**
 * /finances: the totals of the actor's organizations across their agreements with money (a budget or
 * a schedule), read from the kept totals (money-totals.server.ts); one page of those agreements by
 * reference (keyset: the rows after `after`), each with the same figures as its finances page
 * (agreementMoney, computed here by aggregate queries: agreementTotals); and what needs doing.
 */
export async function organizationFinancesView(
  db: DB,
  actor: Actor,
  today: string,
  query: { after?: string; size?: number } = {},
) {
  const orgs = organizationIds(actor);
  const size = query.size ?? FINANCES_PAGE_SIZE;
  const [refs, totals, attention] = await Promise.all([
    // Each organization's next references through its index (from the index alone), merged: an agreement
    // of several of them counts once.
    Promise.all(
      orgs.map((org) =>
        db
          .selectFrom("agreement_money")
          .select(["agreement_id as id", "reference"])
          .where("organization_id", "=", org)
          .where("currency", "=", KEPT_ROW_CURRENCY)
          .$if(query.after !== undefined, (q) => q.where("reference", ">", query.after!))
          .orderBy("reference")
          .limit(size + 1)
          .execute(),
      ),
    ),
    organizationMoneyTotals(db, orgs, today),
    moneyAttention(db, actor, today, ATTENTION_SHOWN),
  ]);
  const merged = [...new Map(refs.flat().map((r) => [r.id, r])).values()]
    .sort((x, y) => (x.reference < y.reference ? -1 : x.reference > y.reference ? 1 : 0))
    .slice(0, size + 1);
  const shown = merged.slice(0, size).map((r) => r.id);
  const found = shown.length
    ? await db
        .selectFrom("agreement")
        .select(["id", "reference", "title", "status", "currency"])
        .where("id", "in", shown)
        .execute()
    : [];
  const page = inOrderOf(
    merged.map((r) => r.id),
    found,
  );
  const next = merged.length > size ? merged[size - 1]!.reference : null;
  const agreements = page.slice(0, size);
  // Aggregate queries over the page's agreements (finance-totals.server.ts), the same figures as agreementMoney.
  const figures = await agreementTotals(
    db,
    agreements.map((a) => a.id),
    today,
  );
  const rows = agreements.map((a) => {
    const money = figures.get(a.id)!;
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      status: a.status,
      currency: a.currency,
      budget: money.budget,
      pledged: money.pledged,
      received: money.received,
      spent: money.spent,
      cashOnHand: money.cashOnHand,
      due: money.due,
      late: money.late,
      questioned: money.questioned,
    };
  });
  return {
    agreements: rows,
    /** The cursor of the next page, when there is one. */
    next,
    first: query.after === undefined,
    totals,
    attention,
  };
}

export type OrganizationFinancesView = Awaited<ReturnType<typeof organizationFinancesView>>;

/**
 * The money of an agreement in its JSON export: the same figures as its finances page
 * (agreementMoney), every amount as an exact decimal string with its currency.
 */
export async function moneyExport(db: DB, agreementId: string, currency: string, today: string) {
  const money = await agreementMoney(db, agreementId, today);
  const dec = (minor: number) => toDecimalString(minor);
  return {
    currency,
    totals: {
      budget: dec(money.totals.budget),
      cash: dec(money.totals.cash),
      inKind: dec(money.totals.inKind),
      volunteerTime: dec(money.totals.volunteerTime),
      pledged: money.totals.pledged.map((p) => ({ currency: p.currency, amount: dec(p.minor) })),
      receivedMad: dec(money.totals.received),
      feesMad: dec(money.totals.fees),
      spentMad: dec(money.totals.spent),
      cashOnHandMad: dec(money.totals.cashOnHand),
    },
    lines: money.budget.lines.map((l) => {
      const total = money.budget.totals.lines.find((x) => x.id === l.id)!;
      const actual = money.bva.lines.find((x) => x.id === l.id)!;
      return {
        id: l.id,
        position: l.position,
        category: l.category,
        description: l.description,
        planActionId: l.planActionId,
        amount: dec(total.amount),
        spent: dec(actual.actual),
        shares: money.budget.shares
          .filter((s) => s.lineId === l.id)
          .map((s) => ({ partyId: s.partyId, kind: s.kind, amount: dec(s.amountMinor), hours: s.hours })),
      };
    }),
    tranches: money.tranches.map((t) => ({
      id: t.id,
      number: t.number,
      payerPartyId: t.payerPartyId,
      receiverPartyId: t.receiverPartyId,
      amount: dec(t.amountMinor),
      currency: t.currency,
      condition: t.condition,
      status: t.status,
      dueSince: t.dueSince,
      receivedMad: dec(t.receivedMadMinor),
      events: t.events.map((e) => ({
        id: e.id,
        kind: e.kind,
        onDate: e.onDate,
        amount: e.amountMinor === null ? null : dec(e.amountMinor),
        amountMad: e.amountMadMinor === null ? null : dec(e.amountMadMinor),
        fee: e.feeMinor === null ? null : dec(e.feeMinor),
        reversesEventId: e.reversesEventId,
      })),
    })),
    expenses: money.expenses.map((e) => ({
      id: e.id,
      lineId: e.lineId,
      spentOn: e.spentOn,
      supplier: e.supplier,
      description: e.description,
      amount: dec(e.amountMinor),
      currency: EXPENSE_CURRENCY,
      method: e.method,
      reversesExpenseId: e.reversesExpenseId,
      reason: e.reason,
      questions: e.queries.length,
    })),
  };
}
