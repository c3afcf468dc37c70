/**
 * The annual action plan of an agreement: prepared by the drafting organization's managers
 * for the follow-up committee, adopted with a date (and the meeting), progress recorded by the
 * responsible parties. Each adoption freezes a version that can be compared with another.
 */
import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { ActionStatus, Database, PlanStatus, Priority } from "../../../db/schema";
import { canPlanActions, canRecordActionProgress, type Actor } from "../access/access";
import type { Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso, utcToZoned } from "~/lib/time";
import { isMeetingHeld } from "../committee/committee";
import {
  actionsForRecurringDeliverables,
  checkPlanMove,
  isPlanAdopted,
  isPlanEditable,
  prefillNextYear,
  type PlanMove,
  type PlanSnapshotAction,
} from "./plan";
import { joinPartyOrganization, ORGANIZATION_NAMES, partyOfAgreement } from "../party/party.queries.server";

const NOT_FOUND = { ok: false, error: "not_found" } as const;

export async function getPlan(db: DB | Transaction<Database>, agreementId: string, year: number) {
  const plan = await db
    .selectFrom("action_plan")
    .selectAll()
    .where("agreement_id", "=", agreementId)
    .where("year", "=", year)
    .executeTakeFirst();
  if (!plan) return null;
  const actions = await db
    .selectFrom("plan_action")
    .$call(joinPartyOrganization("plan_action.responsible_party_id"))
    .selectAll("plan_action")
    .select(["organization.id as organizationId", ...ORGANIZATION_NAMES])
    .where("plan_action.plan_id", "=", plan.id)
    .orderBy("plan_action.position")
    .execute();
  const indicators = actions.length
    ? await db
        .selectFrom("indicator")
        .selectAll()
        .where(
          "action_id",
          "in",
          actions.map((a) => a.id),
        )
        .orderBy("created_at")
        .execute()
    : [];
  return {
    plan,
    actions: actions.map((a) => ({
      ...a,
      budget_cents: a.budget_cents === null ? null : Number(a.budget_cents),
      indicators: indicators.filter((i) => i.action_id === a.id),
    })),
  };
}

export async function planYears(db: DB, agreementId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("action_plan")
    .select("year")
    .where("agreement_id", "=", agreementId)
    .orderBy("year")
    .execute();
  return rows.map((r) => r.year);
}

/** Every action of the agreement's plans, latest year first (what a deliverable or action item links to). */
export async function listPlanActions(db: DB, agreementId: string) {
  return db
    .selectFrom("plan_action")
    .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
    .select(["plan_action.id", "plan_action.objective", "action_plan.year"])
    .where("action_plan.agreement_id", "=", agreementId)
    .orderBy("action_plan.year", "desc")
    .orderBy("plan_action.position")
    .execute();
}

/** Creates the year's plan, empty or prefilled from last year's unfinished actions and recurring deliverables. */
export async function createPlan(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { year: number; prefill: boolean },
): Promise<{ ok: true; prefilled: number } | Refusal> {
  const { year, prefill } = input;
  if (!canPlanActions(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("action_plan")
      .select("id")
      .where("agreement_id", "=", loaded.agreement.id)
      .where("year", "=", year)
      .executeTakeFirst();
    if (existing)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "plan.error.exists" as const }] };
    const prefilled = await insertPlan(trx, meta, loaded.agreement.id, year, prefill);
    return { ok: true as const, prefilled };
  });
}

/** When an agreement renews: next year's plan, prefilled, if this year had one and next year has none. */
export async function prefillPlanOnRenewal(
  trx: Transaction<Database>,
  meta: RequestMeta,
  agreementId: string,
  year: number,
): Promise<void> {
  const plans = await trx
    .selectFrom("action_plan")
    .select("year")
    .where("agreement_id", "=", agreementId)
    .where("year", "in", [year - 1, year])
    .execute();
  if (plans.some((p) => p.year === year - 1) && !plans.some((p) => p.year === year))
    await insertPlan(trx, meta, agreementId, year, true);
}

async function insertPlan(
  trx: Transaction<Database>,
  meta: RequestMeta,
  agreementId: string,
  year: number,
  prefill: boolean,
): Promise<number> {
  const planId = newId();
  const at = nowIso();
  await trx
    .insertInto("action_plan")
    .values({
      id: planId,
      agreement_id: agreementId,
      year,
      adopted_on: null,
      adopted_at_meeting: null,
      adopted_meeting_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  let prefilled = 0;
  if (prefill) {
    const previous = await getPlan(trx, agreementId, year - 1);
    const carried = prefillNextYear(
      (previous?.actions ?? []).map((a) => ({
        ...a,
        startDate: a.start_date,
        endDate: a.end_date,
        indicators: a.indicators.map((i) => ({
          name: i.name,
          unit: i.unit,
          baseline: i.baseline,
          target: i.target,
          achieved: i.achieved,
        })),
      })),
    );
    const covered = new Set(carried.flatMap((a) => (a.obligation_id ? [a.obligation_id] : [])));
    const deliverables = await trx
      .selectFrom("deliverable")
      .leftJoin("obligation", "obligation.id", "deliverable.obligation_id")
      .select([
        "deliverable.title",
        "deliverable.unit",
        "deliverable.target_quantity as targetQuantity",
        "deliverable.responsible_party_id as responsiblePartyId",
        "deliverable.obligation_id as obligationId",
        "obligation.recurrence",
        "deliverable.start_date as startDate",
        "deliverable.due_date as dueDate",
      ])
      .where("deliverable.agreement_id", "=", agreementId)
      .orderBy(sql`deliverable.due_date is null`) // undated last, on both engines
      .orderBy("deliverable.due_date")
      .execute();
    const recurring = actionsForRecurringDeliverables(
      deliverables.map((d) => ({ ...d, obligationRecurs: d.recurrence !== null && d.recurrence !== "none" })),
      year - 1,
      covered,
    );
    const rows = [
      ...carried.map((a) => ({
        objective: a.objective,
        priority: a.priority,
        responsiblePartyId: a.responsible_party_id,
        startDate: a.startDate,
        endDate: a.endDate,
        budgetCents: a.budget_cents,
        obligationId: a.obligation_id,
        status: a.status,
        indicators: a.indicators,
      })),
      ...recurring.map((a) => ({
        ...a,
        priority: "medium" as Priority,
        budgetCents: null,
        status: "planned" as ActionStatus,
        indicators: [a.indicator],
      })),
    ];
    for (const [position, a] of rows.entries()) {
      const actionId = newId();
      await trx
        .insertInto("plan_action")
        .values({
          id: actionId,
          plan_id: planId,
          position,
          objective: a.objective,
          priority: a.priority,
          responsible_party_id: a.responsiblePartyId,
          start_date: a.startDate,
          end_date: a.endDate,
          budget_cents: a.budgetCents,
          obligation_id: a.obligationId,
          status: a.status,
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const i of a.indicators) {
        await trx
          .insertInto("indicator")
          .values({
            id: newId(),
            action_id: actionId,
            name: i.name,
            unit: i.unit,
            baseline: i.baseline,
            target: i.target,
            achieved: i.achieved,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    }
    prefilled = rows.length;
  }
  await appendAuditEvent(trx, meta, {
    type: "plan.created",
    agreementId,
    subjectId: planId,
    data: { year, prefilled },
  });
  return prefilled;
}

async function editablePlan(trx: Transaction<Database>, loaded: LoadedAgreement, year: number) {
  const plan = await trx
    .selectFrom("action_plan")
    .selectAll()
    .where("agreement_id", "=", loaded.agreement.id)
    .where("year", "=", year)
    .executeTakeFirst();
  return plan ?? null;
}

export async function addAction(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    year: number;
    objective: string;
    priority: string;
    responsiblePartyId: string;
    startDate: string;
    endDate: string;
    budget?: number;
  },
): Promise<{ ok: true } | Refusal> {
  if (!canPlanActions(actor, loaded.access)) return NOT_FOUND;
  const { year } = input;
  return inTransaction(db, async (trx) => {
    const plan = await editablePlan(trx, loaded, year);
    if (!plan) return NOT_FOUND;
    if (!isPlanEditable(plan.status))
      return { ok: false as const, error: "rule" as const, errors: [{ key: "plan.error.notDraft" as const }] };
    const party = await partyOfAgreement(trx, loaded.agreement.id, input.responsiblePartyId);
    if (!party) return NOT_FOUND;
    const last = await trx
      .selectFrom("plan_action")
      .select("position")
      .where("plan_id", "=", plan.id)
      .orderBy("position", "desc")
      .executeTakeFirst();
    const at = nowIso();
    await trx
      .insertInto("plan_action")
      .values({
        id: newId(),
        plan_id: plan.id,
        position: (last?.position ?? -1) + 1,
        objective: input.objective,
        priority: input.priority as Priority,
        responsible_party_id: party.id,
        start_date: input.startDate,
        end_date: input.endDate,
        budget_cents: input.budget ?? null,
        obligation_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "plan.action_added",
      agreementId: loaded.agreement.id,
      subjectId: plan.id,
      data: { year, objective: input.objective },
    });
    return { ok: true as const };
  });
}

async function actionOf(trx: Transaction<Database>, loaded: LoadedAgreement, actionId: string) {
  return (
    (await trx
      .selectFrom("plan_action")
      .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
      .innerJoin("agreement_party", "agreement_party.id", "plan_action.responsible_party_id")
      .select([
        "plan_action.id",
        "plan_action.objective",
        "action_plan.status as planStatus",
        "agreement_party.organization_id as organizationId",
      ])
      .where("plan_action.id", "=", actionId)
      .where("action_plan.agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst()) ?? null
  );
}

export async function addIndicator(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { actionId: string; name: string; unit: string; baseline: number; target: number },
): Promise<{ ok: true } | Refusal> {
  if (!canPlanActions(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const action = await actionOf(trx, loaded, input.actionId);
    if (!action) return NOT_FOUND;
    if (!isPlanEditable(action.planStatus))
      return { ok: false as const, error: "rule" as const, errors: [{ key: "plan.error.notDraft" as const }] };
    const at = nowIso();
    await trx
      .insertInto("indicator")
      .values({
        id: newId(),
        action_id: action.id,
        name: input.name,
        unit: input.unit,
        baseline: input.baseline,
        target: input.target,
        achieved: input.baseline,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "plan.indicator_added",
      agreementId: loaded.agreement.id,
      subjectId: action.id,
      data: { objective: action.objective, name: input.name },
    });
    return { ok: true as const };
  });
}

/**
 * Progress of an action (its status, an indicator's achieved value), against the adopted plan: by the
 * responsible party or the drafting organization.
 */
export async function recordActionProgress(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { actionId: string; status: string; indicatorId?: string; achieved?: number },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const action = await actionOf(trx, loaded, input.actionId);
    if (!action) return NOT_FOUND;
    if (!canRecordActionProgress(actor, loaded.access, action.organizationId)) return NOT_FOUND;
    if (!isPlanAdopted(action.planStatus))
      return { ok: false as const, error: "rule" as const, errors: [{ key: "plan.error.notAdopted" as const }] };
    const at = nowIso();
    await trx
      .updateTable("plan_action")
      .set((eb) => ({ status: input.status as ActionStatus, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", action.id)
      .execute();
    let indicatorName: string | undefined;
    if (input.indicatorId && input.achieved !== undefined) {
      const indicator = await trx
        .selectFrom("indicator")
        .select(["id", "name"])
        .where("id", "=", input.indicatorId)
        .where("action_id", "=", action.id)
        .executeTakeFirst();
      if (!indicator) return NOT_FOUND;
      indicatorName = indicator.name;
      await trx
        .updateTable("indicator")
        .set((eb) => ({ achieved: input.achieved!, updated_at: at, version: eb("version", "+", 1) }))
        .where("id", "=", indicator.id)
        .execute();
    }
    await appendAuditEvent(trx, meta, {
      type: "plan.progress_updated",
      agreementId: loaded.agreement.id,
      subjectId: action.id,
      data: {
        objective: action.objective,
        status: input.status,
        ...(indicatorName ? { indicator: indicatorName, achieved: input.achieved } : {}),
      },
    });
    return { ok: true as const };
  });
}

function snapshotOf(actions: NonNullable<Awaited<ReturnType<typeof getPlan>>>["actions"]): PlanSnapshotAction[] {
  return actions.map((a) => ({
    objective: a.objective,
    priority: a.priority,
    responsible: a.nameFr ?? a.nameAr ?? "",
    startDate: a.start_date,
    endDate: a.end_date,
    budgetCents: a.budget_cents,
    indicators: a.indicators.map((i) => ({ name: i.name, unit: i.unit, baseline: i.baseline, target: i.target })),
  }));
}

/** Submits, returns, adopts (freezing a new version) or reopens the plan for revision. */
export async function movePlan(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { year: number; move: PlanMove; adoptedOn?: string; meeting?: string; meetingId?: string },
): Promise<{ ok: true } | Refusal> {
  if (!canPlanActions(actor, loaded.access)) return NOT_FOUND;
  const { year, move } = input;
  return inTransaction(db, async (trx) => {
    const found = await getPlan(trx, loaded.agreement.id, year);
    if (!found) return NOT_FOUND;
    // Adopted at one of the committee's meetings: the plan links to it, and its date is the default.
    let meetingId: string | null = null;
    let adoptedOn = input.adoptedOn;
    if (move === "adopt" && input.meetingId) {
      const meeting = await trx
        .selectFrom("meeting")
        .select(["id", "starts_at", "time_zone", "status"])
        .where("id", "=", input.meetingId)
        .where("agreement_id", "=", loaded.agreement.id)
        .executeTakeFirst();
      if (!meeting) return NOT_FOUND;
      if (!isMeetingHeld(meeting.status))
        return { ok: false as const, error: "rule" as const, errors: [{ key: "plan.error.meetingNotHeld" as const }] };
      meetingId = meeting.id;
      adoptedOn ??= utcToZoned(meeting.starts_at, meeting.time_zone).date;
    }
    const check = checkPlanMove(found.plan.status, move, { actions: found.actions.length, adoptedOn });
    if (!check.ok) return { ok: false as const, error: "rule" as const, errors: [{ key: check.key }] };
    const at = nowIso();
    const revision = move === "adopt" ? found.plan.revision + 1 : found.plan.revision;
    await trx
      .updateTable("action_plan")
      .set((eb) => ({
        status: check.to as PlanStatus,
        revision,
        adopted_on: move === "adopt" ? adoptedOn! : found.plan.adopted_on,
        adopted_at_meeting: move === "adopt" ? (input.meeting ?? null) : found.plan.adopted_at_meeting,
        adopted_meeting_id: move === "adopt" ? meetingId : found.plan.adopted_meeting_id,
        updated_at: at,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", found.plan.id)
      .execute();
    if (move === "adopt") {
      await trx
        .insertInto("action_plan_version")
        .values({
          id: newId(),
          plan_id: found.plan.id,
          revision,
          snapshot: JSON.stringify(snapshotOf(found.actions)),
          adopted_on: adoptedOn!,
          adopted_at_meeting: input.meeting ?? null,
          adopted_meeting_id: meetingId,
          created_at: at,
        })
        .execute();
    }
    await appendAuditEvent(trx, meta, {
      type: "plan.moved",
      agreementId: loaded.agreement.id,
      subjectId: found.plan.id,
      data: {
        year,
        from: found.plan.status,
        to: check.to,
        ...(move === "adopt" ? { number: revision, date: adoptedOn } : {}),
      },
    });
    return { ok: true as const };
  });
}

export async function planVersions(db: DB, planId: string) {
  const rows = await db
    .selectFrom("action_plan_version")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("revision")
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    adoptedOn: r.adopted_on,
    meeting: r.adopted_at_meeting,
    meetingId: r.adopted_meeting_id,
    actions: JSON.parse(r.snapshot) as PlanSnapshotAction[],
  }));
}
