/**
 * The deliverables pages' view models: the list with each one's progress (and, for those who plan
 * them, what a new one may be linked to), and one deliverable with its deliveries, evidence, named
 * beneficiaries and the moves the reader may make now (access.ts and nextDeliverableStatus).
 */
import type { DB } from "../../../db/client";
import {
  canConfirmDelivery,
  canPlanDeliverables,
  canRecordProgress,
  canReopenDeliverable,
  type Actor,
} from "../access/access";
import { listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { listPlanActions } from "../plan/plan.server";
import { beneficiaryListView } from "./beneficiaries.server";
import { getDeliverable, listDeliverables } from "./deliverables.server";
import { nextDeliverableStatus } from "./delivery";
import { listObligations } from "./obligations.server";

export async function deliverablesView(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const agreementId = loaded.agreement.id;
  const canPlan = canPlanDeliverables(actor, loaded.access);
  const [deliverables, parties, obligations, actions] = await Promise.all([
    listDeliverables(db, agreementId),
    canPlan ? listParties(db, agreementId) : Promise.resolve([]),
    canPlan ? listObligations(db, agreementId, today) : Promise.resolve([]),
    canPlan ? listPlanActions(db, agreementId) : Promise.resolve([]),
  ]);
  return {
    agreementId,
    canPlan,
    deliverables,
    parties: parties.map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr })),
    obligations: obligations.map((o) => ({ id: o.id, description: o.description })),
    actions,
  };
}

/** One deliverable's page, or null when the agreement has no such deliverable. */
export async function deliverableView(db: DB, actor: Actor, loaded: LoadedAgreement, deliverableId: string) {
  const found = await getDeliverable(db, loaded.agreement.id, deliverableId);
  if (!found) return null;
  const d = found.deliverable;
  const responsible = d.responsibleOrganizationId;
  const records = canRecordProgress(actor, loaded.access, responsible);
  const confirms = canConfirmDelivery(actor, loaded.access, responsible);
  const can = (action: Parameters<typeof nextDeliverableStatus>[1]) => nextDeliverableStatus(d.status, action) !== null;
  return {
    agreementId: loaded.agreement.id,
    deliverable: {
      id: d.id,
      title: d.title,
      kind: d.kind,
      description: d.description,
      location: d.location,
      dueDate: d.due_date,
      unit: d.unit,
      status: d.status,
      disputeNote: d.dispute_note,
      overDeliveryNote: d.over_delivery_note,
      confirmedAt: d.confirmed_at,
      specialties: d.specialties,
      nameFr: d.nameFr,
      nameAr: d.nameAr,
    },
    obligation: found.obligation,
    planAction: found.planAction,
    items: found.items,
    metrics: found.metrics,
    deliveries: found.deliveries.map((x) => {
      const evidence = x.evidence.map((e) => ({
        id: e.id,
        name: e.name,
        purpose: e.purpose,
        isImage: e.mimeType.startsWith("image/"),
      }));
      const hasReceipt = x.evidence.some((e) => e.purpose === "receipt");
      return {
        id: x.id,
        deliveredOn: x.delivered_on,
        quantity: x.quantity,
        beneficiaries: x.beneficiaries,
        women: x.beneficiaries_women,
        men: x.beneficiaries_men,
        children: x.beneficiaries_children,
        place: x.place,
        note: x.note,
        items: x.items,
        evidence,
        hasReceipt,
        /** The scan of its reception receipt, signed on paper, is attached once by the responsible party. */
        canAttachReceipt: records && !hasReceipt,
      };
    }),
    progress: found.progress,
    beneficiaries: found.beneficiaries,
    beneficiaryList: await beneficiaryListView(db, actor, loaded.agreement.id, d.id),
    canRecord: records && can("record"),
    canMarkDelivered: records && can("markDelivered"),
    canConfirm: confirms && can("confirm"),
    canDispute: confirms && can("dispute"),
    canReopen: canReopenDeliverable(actor, loaded.access, responsible) && can("reopen"),
  };
}

export type DeliverableView = NonNullable<Awaited<ReturnType<typeof deliverableView>>>;
