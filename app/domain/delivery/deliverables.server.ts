/**
 * Deliverables and their deliveries: planned by the drafting organization, delivered in rounds
 * by the responsible party (with beneficiaries and evidence), confirmed or disputed by the others.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { DeliverableKind } from "../../../db/schema";
import {
  canConfirmDelivery,
  canPlanDeliverables,
  canRecordProgress,
  canReopenDeliverable,
  type Actor,
} from "../access/access";
import { NOT_FOUND, type Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";
import {
  agreementProgress,
  isClosedDeliverable,
  isClosedObligation,
  nextDeliverableStatus,
  progress,
  type DeliverableAction,
} from "./delivery";
import { listObligations } from "./obligations.server";
import { countBeneficiaries } from "../dashboard/beneficiaries.server";
import { markConditionsMet } from "../finance/tranches.server";
import { joinPartyOrganization, ORGANIZATION_NAMES, partyOfAgreement } from "../party/party.queries.server";

export async function listDeliverables(db: DB, agreementId: string) {
  return (await listDeliverablesOf(db, [agreementId])).get(agreementId) ?? [];
}

/** The deliverables of several agreements (the partner view's page), each agreement's as listDeliverables lists them. */
export async function listDeliverablesOf(db: DB, agreementIds: readonly string[]) {
  type Row = Awaited<ReturnType<typeof deliverableRows>>[number];
  const byAgreement = new Map<string, Array<Omit<Row, "agreementId">>>();
  if (agreementIds.length === 0) return byAgreement;
  for (const { agreementId, ...deliverable } of await deliverableRows(db, agreementIds)) {
    const list = byAgreement.get(agreementId) ?? [];
    list.push(deliverable);
    byAgreement.set(agreementId, list);
  }
  return byAgreement;
}

async function deliverableRows(db: DB, agreementIds: readonly string[]) {
  const rows = await db
    .selectFrom("deliverable")
    .$call(joinPartyOrganization("deliverable.responsible_party_id"))
    .select((eb) => [
      "deliverable.id",
      "deliverable.agreement_id as agreementId",
      "deliverable.kind",
      "deliverable.title",
      "deliverable.location",
      "deliverable.due_date as dueDate",
      "deliverable.target_quantity as target",
      "deliverable.unit",
      "deliverable.status",
      ...ORGANIZATION_NAMES,
      eb
        .selectFrom("delivery")
        .select(sql<number>`coalesce(sum(quantity), 0)`.as("q"))
        .whereRef("delivery.deliverable_id", "=", "deliverable.id")
        .as("delivered"),
      eb
        .selectFrom("delivery")
        .select(sql<number>`coalesce(sum(beneficiaries), 0)`.as("b"))
        .whereRef("delivery.deliverable_id", "=", "deliverable.id")
        .as("beneficiaries"),
    ])
    .where("deliverable.agreement_id", "in", [...agreementIds])
    .orderBy("deliverable.created_at")
    .execute();
  return rows.map((r) => ({
    ...r,
    beneficiaries: Number(r.beneficiaries ?? 0),
    progress: progress(Number(r.delivered ?? 0), r.target),
  }));
}

export async function getDeliverable(db: DB, agreementId: string, deliverableId: string) {
  const deliverable = await db
    .selectFrom("deliverable")
    .$call(joinPartyOrganization("deliverable.responsible_party_id"))
    .selectAll("deliverable")
    .select(["organization.id as responsibleOrganizationId", ...ORGANIZATION_NAMES])
    .where("deliverable.id", "=", deliverableId)
    .where("deliverable.agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!deliverable) return null;
  const obligation = deliverable.obligation_id
    ? await db
        .selectFrom("obligation")
        .select(["id", "description"])
        .where("id", "=", deliverable.obligation_id)
        .executeTakeFirst()
    : undefined;
  const planAction = deliverable.plan_action_id
    ? await db
        .selectFrom("plan_action")
        .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
        .select(["plan_action.id", "plan_action.objective", "action_plan.year"])
        .where("plan_action.id", "=", deliverable.plan_action_id)
        .executeTakeFirst()
    : undefined;
  const items = await db
    .selectFrom("deliverable_item")
    .selectAll()
    .where("deliverable_id", "=", deliverableId)
    .orderBy("position")
    .execute();
  const deliveries = await db
    .selectFrom("delivery")
    .selectAll()
    .where("deliverable_id", "=", deliverableId)
    .orderBy("delivered_on")
    .orderBy("created_at")
    .execute();
  const itemQuantities = deliveries.length
    ? await db
        .selectFrom("delivery_item")
        .selectAll()
        .where(
          "delivery_id",
          "in",
          deliveries.map((d) => d.id),
        )
        .execute()
    : [];
  const evidence = deliveries.length
    ? await db
        .selectFrom("attachment")
        .select([
          "id",
          "owner_id as deliveryId",
          "purpose",
          "original_name as name",
          "mime_type as mimeType",
          "size",
          "sha256",
        ])
        .where("owner_type", "=", "delivery")
        .where(
          "owner_id",
          "in",
          deliveries.map((d) => d.id),
        )
        .execute()
    : [];
  const delivered = deliveries.reduce((sum, d) => sum + d.quantity, 0);
  const metrics = await db
    .selectFrom("deliverable_metric")
    .selectAll()
    .where("deliverable_id", "=", deliverableId)
    .orderBy("position")
    .execute();
  const metricValues =
    deliveries.length && metrics.length
      ? await db
          .selectFrom("delivery_metric")
          .selectAll()
          .where(
            "delivery_id",
            "in",
            deliveries.map((d) => d.id),
          )
          .execute()
      : [];
  return {
    deliverable,
    obligation: obligation ?? null,
    planAction: planAction ?? null,
    metrics: metrics.map((m) => {
      const done = metricValues.filter((v) => v.metric_id === m.id).reduce((sum, v) => sum + v.value, 0);
      return { id: m.id, name: m.name, target: m.target, progress: progress(done, m.target) };
    }),
    items: items.map((item) => {
      const done = itemQuantities.filter((q) => q.item_id === item.id).reduce((sum, q) => sum + q.quantity, 0);
      return {
        id: item.id,
        name: item.name,
        target: item.target_quantity,
        progress: progress(done, item.target_quantity),
      };
    }),
    deliveries: deliveries.map((d) => ({
      ...d,
      items: itemQuantities
        .filter((q) => q.delivery_id === d.id)
        .map((q) => ({ itemId: q.item_id, quantity: q.quantity })),
      evidence: evidence.filter((e) => e.deliveryId === d.id),
    })),
    progress: progress(delivered, deliverable.target_quantity),
    beneficiaries: deliveries.reduce((sum, d) => sum + d.beneficiaries, 0),
  };
}

export async function addDeliverable(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    kind: DeliverableKind;
    title: string;
    description?: string;
    location?: string;
    startDate?: string;
    dueDate?: string;
    responsiblePartyId: string;
    obligationId?: string;
    planActionId?: string;
    targetQuantity: number;
    unit: string;
    items: Array<{ name: string; quantity: number }>;
    metrics?: Array<{ name: string; quantity: number }>;
    specialties?: string;
  },
): Promise<{ ok: true; id: string } | Refusal> {
  if (!canPlanDeliverables(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const party = await partyOfAgreement(trx, loaded.agreement.id, input.responsiblePartyId);
    const obligation = input.obligationId
      ? await trx
          .selectFrom("obligation")
          .select("id")
          .where("id", "=", input.obligationId)
          .where("agreement_id", "=", loaded.agreement.id)
          .executeTakeFirst()
      : null;
    const action = input.planActionId
      ? await trx
          .selectFrom("plan_action")
          .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
          .select("plan_action.id")
          .where("plan_action.id", "=", input.planActionId)
          .where("action_plan.agreement_id", "=", loaded.agreement.id)
          .executeTakeFirst()
      : null;
    if (!party || obligation === undefined || action === undefined) return NOT_FOUND;
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto("deliverable")
      .values({
        id,
        agreement_id: loaded.agreement.id,
        obligation_id: obligation?.id ?? null,
        plan_action_id: action?.id ?? null,
        kind: input.kind,
        title: input.title,
        description: input.description ?? "",
        location: input.location ?? null,
        start_date: input.startDate ?? null,
        due_date: input.dueDate ?? null,
        responsible_party_id: party.id,
        target_quantity: input.targetQuantity,
        unit: input.unit,
        over_delivery_note: null,
        dispute_note: null,
        confirmed_at: null,
        confirmed_by_user_id: null,
        specialties: input.specialties ?? null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const [position, metric] of (input.metrics ?? []).entries()) {
      await trx
        .insertInto("deliverable_metric")
        .values({
          id: newId(),
          deliverable_id: id,
          position,
          name: metric.name,
          target: metric.quantity,
          created_at: at,
        })
        .execute();
    }
    for (const [position, item] of input.items.entries()) {
      await trx
        .insertInto("deliverable_item")
        .values({
          id: newId(),
          deliverable_id: id,
          position,
          name: item.name,
          target_quantity: item.quantity,
          created_at: at,
        })
        .execute();
    }
    await appendAuditEvent(trx, meta, {
      type: "deliverable.added",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { title: input.title, target: input.targetQuantity, unit: input.unit },
    });
    return { ok: true as const, id };
  });
}

export interface DeliveryInput {
  deliveredOn: string;
  quantity?: number;
  beneficiaries?: number;
  women?: number;
  men?: number;
  children?: number;
  place?: string;
  note?: string;
  itemQuantities: Record<string, number>;
  metricValues?: Record<string, number>;
}

/** One round of delivery; the quantity is the sum of item quantities when items are listed. */
export async function recordDelivery(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: DeliveryInput & { deliverableId: string; evidence?: StoredFile | null },
): Promise<{ ok: true } | Refusal> {
  const { deliverableId, evidence = null } = input;
  return inTransaction(db, async (trx) => {
    const found = await getDeliverable(trx, loaded.agreement.id, deliverableId);
    if (!found) return NOT_FOUND;
    if (!canRecordProgress(actor, loaded.access, found.deliverable.responsibleOrganizationId)) return NOT_FOUND;
    const next = nextDeliverableStatus(found.deliverable.status, "record");
    if (!next)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "delivery.error.closed" as const }] };
    const itemTotal = found.items.reduce((sum, item) => sum + (input.itemQuantities[item.id] ?? 0), 0);
    const quantity = found.items.length > 0 ? itemTotal : (input.quantity ?? 0);
    if (quantity <= 0)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "delivery.error.quantity" as const }] };
    const deliveryId = newId();
    const at = nowIso();
    await trx
      .insertInto("delivery")
      .values({
        id: deliveryId,
        deliverable_id: deliverableId,
        delivered_on: input.deliveredOn,
        quantity,
        beneficiaries: input.beneficiaries ?? 0,
        beneficiaries_women: input.women ?? null,
        beneficiaries_men: input.men ?? null,
        beneficiaries_children: input.children ?? null,
        place: input.place ?? null,
        note: input.note ?? null,
        recorded_by_user_id: meta.actorUserId,
        created_at: at,
      })
      .execute();
    await countBeneficiaries(trx, loaded.agreement.id, input.deliveredOn, input.beneficiaries ?? 0);
    for (const item of found.items) {
      const q = input.itemQuantities[item.id] ?? 0;
      if (q > 0)
        await trx
          .insertInto("delivery_item")
          .values({ delivery_id: deliveryId, item_id: item.id, quantity: q })
          .execute();
    }
    for (const metric of found.metrics) {
      const value = input.metricValues?.[metric.id];
      if (value !== undefined && value > 0)
        await trx
          .insertInto("delivery_metric")
          .values({ delivery_id: deliveryId, metric_id: metric.id, value })
          .execute();
    }
    if (evidence)
      await recordAttachment(trx, meta, {
        ownerType: "delivery",
        ownerId: deliveryId,
        purpose: "evidence",
        stored: evidence,
      });
    await trx
      .updateTable("deliverable")
      .set((eb) => ({ status: next, dispute_note: null, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", deliverableId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "delivery.recorded",
      agreementId: loaded.agreement.id,
      subjectId: deliverableId,
      data: {
        title: found.deliverable.title,
        quantity,
        beneficiaries: input.beneficiaries ?? 0,
        ...(evidence ? { evidence: evidence.sha256 } : {}),
      },
    });
    return { ok: true as const };
  });
}

/** The responsible party declares it delivered; the other parties confirm or dispute it. */
export async function moveDeliverable(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  {
    deliverableId,
    action,
    note,
  }: { deliverableId: string; action: Exclude<DeliverableAction, "record">; note?: string },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const found = await getDeliverable(trx, loaded.agreement.id, deliverableId);
    if (!found) return NOT_FOUND;
    const responsible = found.deliverable.responsibleOrganizationId;
    const allowed =
      action === "markDelivered"
        ? canRecordProgress(actor, loaded.access, responsible)
        : action === "reopen"
          ? canReopenDeliverable(actor, loaded.access, responsible)
          : canConfirmDelivery(actor, loaded.access, responsible);
    if (!allowed) return NOT_FOUND;
    const next = nextDeliverableStatus(found.deliverable.status, action);
    if (!next)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "delivery.error.notNow" as const }] };
    const disputes = action === "dispute" || action === "reopen";
    if (disputes && !note)
      return { ok: false as const, error: "rule" as const, errors: [{ key: "delivery.error.disputeReason" as const }] };
    if (action === "markDelivered" && found.progress.over && !note)
      return {
        ok: false as const,
        error: "rule" as const,
        errors: [{ key: "delivery.error.overDeliveryNote" as const }],
      };
    const at = nowIso();
    await trx
      .updateTable("deliverable")
      .set((eb) => ({
        status: next,
        dispute_note: disputes ? (note ?? null) : found.deliverable.dispute_note,
        over_delivery_note:
          action === "markDelivered" && found.progress.over ? (note ?? null) : found.deliverable.over_delivery_note,
        confirmed_at: action === "confirm" ? at : disputes ? null : found.deliverable.confirmed_at,
        confirmed_by_user_id:
          action === "confirm" ? meta.actorUserId : disputes ? null : found.deliverable.confirmed_by_user_id,
        updated_at: at,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", deliverableId)
      .execute();
    const type =
      action === "markDelivered"
        ? "deliverable.delivered"
        : action === "confirm"
          ? "deliverable.confirmed"
          : "deliverable.disputed";
    await appendAuditEvent(trx, meta, {
      type,
      agreementId: loaded.agreement.id,
      subjectId: deliverableId,
      data: { title: found.deliverable.title, ...(note ? { note } : {}) },
    });
    // A tranche released by this deliverable's confirmation is due from now.
    if (action === "confirm") await markConditionsMet(trx, { kind: "deliverable_confirmed", deliverableId }, meta);
    return { ok: true as const };
  });
}

/** The agreement's follow-up at a glance, for its overview. */
export async function followUpSummary(db: DB, agreementId: string, today: string) {
  const deliverables = await listDeliverables(db, agreementId);
  const obligations = await listObligations(db, agreementId, today);
  return {
    progressPercent: agreementProgress(
      deliverables.map((d) => ({ delivered: d.progress.delivered, target: d.target })),
    ),
    deliverables: deliverables.length,
    deliverablesConfirmed: deliverables.filter((d) => isClosedDeliverable(d.status)).length,
    obligations: obligations.length,
    obligationsDone: obligations.filter((o) => isClosedObligation(o.status)).length,
    overdue: obligations.filter((o) => o.overdue).length,
    beneficiaries: deliverables.reduce((sum, d) => sum + d.beneficiaries, 0),
  };
}

/** Attaches the scan of a reception receipt signed on paper to its delivery. */
export async function attachReceipt(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { deliveryId, stored }: { deliveryId: string; stored: StoredFile },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("delivery")
      .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
      .innerJoin("agreement_party", "agreement_party.id", "deliverable.responsible_party_id")
      .select(["delivery.id", "deliverable.title", "agreement_party.organization_id as organizationId"])
      .where("delivery.id", "=", deliveryId)
      .where("deliverable.agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!row || !canRecordProgress(actor, loaded.access, row.organizationId)) return NOT_FOUND;
    await recordAttachment(trx, meta, {
      ownerType: "delivery",
      ownerId: deliveryId,
      purpose: "receipt",
      stored,
      agreementId: loaded.agreement.id,
    });
    return { ok: true as const };
  });
}
