/**
 * Reading an agreement's budget and tranche schedule — the part of its text that is money — for the
 * finances page, the overview's summary, the frozen snapshot and the exports. Imports nothing from
 * the agreement's commands, so that the snapshot (agreement.queries.server.ts) can read it.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { budgetTotals } from "./budget";

type Db = Kysely<Database>;

export async function budgetOf(db: Db, agreementId: string) {
  const [lines, shares, reallocations] = await Promise.all([
    db
      .selectFrom("budget_line")
      .leftJoin("plan_action", "plan_action.id", "budget_line.plan_action_id")
      .select([
        "budget_line.id",
        "budget_line.position",
        "budget_line.category",
        "budget_line.description",
        "budget_line.plan_action_id as planActionId",
        "plan_action.objective as actionObjective",
        "budget_line.currency",
        "budget_line.version",
      ])
      .where("budget_line.agreement_id", "=", agreementId)
      .orderBy("budget_line.position")
      .execute(),
    db
      .selectFrom("budget_share")
      .innerJoin("budget_line", "budget_line.id", "budget_share.budget_line_id")
      .innerJoin("agreement_party", "agreement_party.id", "budget_share.party_id")
      .innerJoin("organization", "organization.id", "agreement_party.organization_id")
      .leftJoin("deliverable", "deliverable.id", "budget_share.deliverable_id")
      .select([
        "budget_share.id",
        "budget_share.budget_line_id as lineId",
        "budget_share.party_id as partyId",
        "agreement_party.organization_id as organizationId",
        "organization.name_fr as nameFr",
        "organization.name_ar as nameAr",
        "budget_share.kind",
        "budget_share.amount_minor as amountMinor",
        "budget_share.hours",
        "budget_share.hourly_rate_minor as hourlyRateMinor",
        "budget_share.deliverable_id as deliverableId",
        "deliverable.title as deliverableTitle",
        "budget_share.note",
      ])
      .where("budget_line.agreement_id", "=", agreementId)
      .orderBy("budget_line.position")
      .orderBy("agreement_party.signing_order")
      .orderBy("budget_share.created_at")
      .orderBy("budget_share.id")
      .execute(),
    db
      .selectFrom("budget_reallocation")
      .innerJoin("meeting_outcome", "meeting_outcome.id", "budget_reallocation.meeting_outcome_id")
      .innerJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
      .select([
        "budget_reallocation.id",
        "budget_reallocation.from_line_id as fromLineId",
        "budget_reallocation.to_line_id as toLineId",
        "budget_reallocation.amount_minor as amountMinor",
        "budget_reallocation.created_at as createdAt",
        "meeting.id as meetingId",
        "meeting.number as meetingNumber",
        "meeting_outcome.number as decisionNumber",
      ])
      .where("budget_reallocation.agreement_id", "=", agreementId)
      .orderBy("budget_reallocation.created_at")
      .execute(),
  ]);
  const typedShares = shares.map((s) => ({
    ...s,
    amountMinor: Number(s.amountMinor),
    hourlyRateMinor: s.hourlyRateMinor === null ? null : Number(s.hourlyRateMinor),
  }));
  const typedReallocations = reallocations.map((r) => ({ ...r, amountMinor: Number(r.amountMinor) }));
  return {
    lines,
    shares: typedShares,
    reallocations: typedReallocations,
    totals: budgetTotals(lines, typedShares, typedReallocations),
  };
}

export type Budget = Awaited<ReturnType<typeof budgetOf>>;

/** The tranche schedule, with what each condition names (a deliverable, a decision). */
export async function scheduleOf(db: Db, agreementId: string) {
  const rows = await db
    .selectFrom("tranche")
    .innerJoin("agreement_party as payer", "payer.id", "tranche.payer_party_id")
    .innerJoin("organization as payer_org", "payer_org.id", "payer.organization_id")
    .innerJoin("agreement_party as receiver", "receiver.id", "tranche.receiver_party_id")
    .innerJoin("organization as receiver_org", "receiver_org.id", "receiver.organization_id")
    .leftJoin("deliverable", "deliverable.id", "tranche.condition_deliverable_id")
    .leftJoin("meeting_outcome", "meeting_outcome.id", "tranche.condition_outcome_id")
    .leftJoin("meeting", "meeting.id", "meeting_outcome.meeting_id")
    .select([
      "tranche.id",
      "tranche.number",
      "tranche.payer_party_id as payerPartyId",
      "payer.organization_id as payerOrganizationId",
      "payer_org.name_fr as payerNameFr",
      "payer_org.name_ar as payerNameAr",
      "payer_org.country as payerCountry",
      "tranche.receiver_party_id as receiverPartyId",
      "receiver.organization_id as receiverOrganizationId",
      "receiver_org.name_fr as receiverNameFr",
      "receiver_org.name_ar as receiverNameAr",
      "tranche.amount_minor as amountMinor",
      "tranche.currency",
      "tranche.planned_on as plannedOn",
      "tranche.condition",
      "tranche.condition_deliverable_id as conditionDeliverableId",
      "deliverable.title as conditionDeliverableTitle",
      "tranche.condition_report_id as conditionReportId",
      "tranche.condition_outcome_id as conditionOutcomeId",
      "meeting.number as conditionMeetingNumber",
      "meeting_outcome.number as conditionDecisionNumber",
      "tranche.grace_days as graceDays",
      "tranche.status",
      "tranche.due_since as dueSince",
      "tranche.cancelled_reason as cancelledReason",
      "tranche.version",
    ])
    .where("tranche.agreement_id", "=", agreementId)
    .orderBy("tranche.number")
    .execute();
  return rows.map((r) => ({ ...r, amountMinor: Number(r.amountMinor) }));
}

export type Schedule = Awaited<ReturnType<typeof scheduleOf>>;

const nameOf = (o: { nameFr: string | null; nameAr: string | null }) => o.nameFr ?? o.nameAr ?? "";

/**
 * The budget and the schedule as frozen in a version of the text (canonical JSON, see snapshot.ts).
 * Each is omitted when empty, so a text without them serializes as it did before they existed.
 */
export async function moneySnapshot(db: Db, agreementId: string, reallocationLimitBp: number) {
  const [budget, schedule] = await Promise.all([budgetOf(db, agreementId), scheduleOf(db, agreementId)]);
  const lines = budget.lines.map((line, i) => ({
    number: i + 1,
    category: line.category,
    description: line.description,
    action: line.actionObjective,
    shares: budget.shares
      .filter((s) => s.lineId === line.id)
      .map((s) => ({
        party: nameOf(s),
        kind: s.kind,
        amountMinor: s.amountMinor,
        hours: s.hours,
        hourlyRateMinor: s.hourlyRateMinor,
        deliverable: s.deliverableTitle,
        note: s.note,
      })),
  }));
  const tranches = schedule.map((t) => ({
    number: t.number,
    payer: nameOf({ nameFr: t.payerNameFr, nameAr: t.payerNameAr }),
    receiver: nameOf({ nameFr: t.receiverNameFr, nameAr: t.receiverNameAr }),
    amountMinor: t.amountMinor,
    currency: t.currency,
    plannedOn: t.plannedOn,
    condition: t.condition,
    conditionOn:
      t.conditionDeliverableTitle ??
      (t.conditionMeetingNumber !== null ? `${t.conditionMeetingNumber}/${t.conditionDecisionNumber ?? ""}` : null),
    graceDays: t.graceDays,
  }));
  return {
    partyTotals: new Map(budget.totals.parties.map((p) => [p.partyId, p.total])),
    ...(lines.length ? { budget: { reallocationLimitBp, lines } } : {}),
    ...(tranches.length ? { tranches } : {}),
  };
}
