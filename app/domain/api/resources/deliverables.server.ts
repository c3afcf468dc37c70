/**
 * Deliverables and their deliveries through the API: what the deliverable pages show a member of the
 * token's organization (counts of beneficiaries, never named lists), and recording a delivery — the
 * same command as the page (`recordDelivery`: only the responsible party, or the drafting
 * organization's managers, once the agreement is in force), its fields checked by the page's schema.
 */
import * as z from "zod";
import type { DB } from "../../../../db/client";
import type { LoadedAgreement } from "../../agreement/agreement.queries.server";
import {
  getDeliverable,
  listDeliverables,
  recordDelivery,
  type DeliveryInput,
} from "../../delivery/deliverables.server";
import { DELIVERABLE_KINDS } from "../../delivery/delivery";
import { DeliveryFields } from "../../delivery/delivery.schema";
import { operation } from "../operation";
import { decodeCursor, PageQuery, pageOf } from "../pagination";
import { ApiProblem, problem } from "../problem";
import { refusalProblem } from "../handler.server";
import { AgreementParams, Id, Instant, IsoDate, pageSchema } from "./common";

const STATUSES = ["planned", "in_progress", "delivered", "confirmed", "disputed"] as const;

const Progress = z.object({
  delivered: z.number(),
  target: z.number(),
  percent: z.number().int().meta({ description: "Delivered / target, at most 100." }),
  over: z.boolean(),
});

const DeliverableSummary = z.object({
  id: Id,
  kind: z.enum(DELIVERABLE_KINDS),
  title: z.string(),
  location: z.string().nullable(),
  dueDate: IsoDate.nullable(),
  unit: z.string(),
  status: z.enum(STATUSES),
  progress: Progress,
  beneficiaries: z.number().int(),
});

const Delivery = z.object({
  id: Id,
  deliveredOn: IsoDate,
  quantity: z.number(),
  beneficiaries: z.number().int(),
  women: z.number().int().nullable(),
  men: z.number().int().nullable(),
  children: z.number().int().nullable(),
  place: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(z.object({ itemId: Id, quantity: z.number() })),
  evidence: z.array(
    z.object({ id: Id, purpose: z.string(), name: z.string(), mimeType: z.string(), sha256: z.string() }),
  ),
  createdAt: Instant,
});

export const DeliverableDetail = DeliverableSummary.extend({
  description: z.string(),
  startDate: IsoDate.nullable(),
  responsibleOrganizationId: Id,
  obligationId: Id.nullable(),
  planActionId: Id.nullable(),
  disputeNote: z.string().nullable(),
  overDeliveryNote: z.string().nullable(),
  confirmedAt: Instant.nullable(),
  version: z.number().int(),
  items: z.array(z.object({ id: Id, name: z.string(), progress: Progress })),
  metrics: z.array(z.object({ id: Id, name: z.string(), progress: Progress })),
  deliveries: z.array(Delivery),
});

/** One deliverable as the API (and a webhook's payload) shows it; null when it is not the agreement's. */
export async function deliverableRepresentation(
  db: DB,
  loaded: LoadedAgreement,
  deliverableId: string,
): Promise<z.input<typeof DeliverableDetail> | null> {
  const found = await getDeliverable(db, loaded.agreement.id, deliverableId);
  if (!found) return null;
  const d = found.deliverable;
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    description: d.description,
    location: d.location,
    startDate: d.start_date,
    dueDate: d.due_date,
    unit: d.unit,
    status: d.status,
    responsibleOrganizationId: d.responsibleOrganizationId,
    obligationId: d.obligation_id,
    planActionId: d.plan_action_id,
    disputeNote: d.dispute_note,
    overDeliveryNote: d.over_delivery_note,
    confirmedAt: d.confirmed_at,
    version: d.version,
    progress: found.progress,
    beneficiaries: found.beneficiaries,
    items: found.items.map((i) => ({ id: i.id, name: i.name, progress: i.progress })),
    metrics: found.metrics.map((m) => ({ id: m.id, name: m.name, progress: m.progress })),
    deliveries: found.deliveries.map((x) => ({
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
      evidence: x.evidence.map((e) => ({
        id: e.id,
        purpose: e.purpose,
        name: e.name,
        mimeType: e.mimeType,
        sha256: e.sha256,
      })),
      createdAt: x.created_at,
    })),
  };
}

const DeliverableParams = AgreementParams.extend({ deliverableId: Id });
const Quantities = z
  .record(Id, z.number().int().min(0).max(10_000_000))
  .meta({ description: "Quantity per item (or value per measure), by its id." });

/** The page's delivery form (its fields), as JSON: item quantities and measures as objects. */
export const DeliveryBody = DeliveryFields.omit({ intent: true }).extend({
  items: Quantities.optional(),
  metrics: Quantities.optional(),
});

export const deliverableOperations = [
  operation({
    id: "listDeliverables",
    method: "GET",
    path: "/agreements/{agreementId}/deliverables",
    tag: "deliverables",
    scope: "read",
    summary: "api.op.listDeliverables",
    params: AgreementParams,
    query: PageQuery.extend({ status: z.enum(STATUSES).optional() }),
    response: pageSchema(DeliverableSummary),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const rows = (await listDeliverables(ctx.db, loaded.agreement.id)).filter(
        (d) => !ctx.query.status || d.status === ctx.query.status,
      );
      const page = pageOf(
        rows,
        (d) => [d.id],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((d) => ({
          id: d.id,
          kind: d.kind,
          title: d.title,
          location: d.location,
          dueDate: d.dueDate,
          unit: d.unit,
          status: d.status,
          progress: d.progress,
          beneficiaries: d.beneficiaries,
        })),
      };
    },
  }),
  operation({
    id: "getDeliverable",
    method: "GET",
    path: "/agreements/{agreementId}/deliverables/{deliverableId}",
    tag: "deliverables",
    scope: "read",
    summary: "api.op.getDeliverable",
    params: DeliverableParams,
    response: DeliverableDetail,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const found = await deliverableRepresentation(ctx.db, loaded, ctx.params.deliverableId);
      if (!found) throw new ApiProblem(problem("not_found"));
      return found;
    },
  }),
  operation({
    id: "recordDelivery",
    method: "POST",
    path: "/agreements/{agreementId}/deliverables/{deliverableId}/deliveries",
    tag: "deliverables",
    scope: "write",
    summary: "api.op.recordDelivery",
    params: DeliverableParams,
    body: DeliveryBody,
    response: DeliverableDetail,
    status: 201,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const found = await getDeliverable(ctx.db, loaded.agreement.id, ctx.params.deliverableId);
      if (!found) throw new ApiProblem(problem("not_found"));
      // deliverySchema's item fields are per deliverable: its output type is loose; these are its fields.
      const {
        items = {},
        metrics = {},
        ...fields
      } = ctx.body as Omit<DeliveryInput, "itemQuantities"> & {
        items?: Record<string, number>;
        metrics?: Record<string, number>;
      };
      const unknown = [
        ...Object.keys(items)
          .filter((id) => !found.items.some((i) => i.id === id))
          .map((id) => `items.${id}`),
        ...Object.keys(metrics)
          .filter((id) => !found.metrics.some((m) => m.id === id))
          .map((id) => `metrics.${id}`),
      ];
      if (unknown.length)
        throw new ApiProblem(
          problem("invalid", { errors: unknown.map((path) => ({ path, code: "form.error.choice", detail: path })) }),
        );
      const result = await recordDelivery(ctx.db, ctx.actor, ctx.meta, loaded, {
        ...fields,
        itemQuantities: items,
        metricValues: metrics,
        deliverableId: found.deliverable.id,
      });
      if (!result.ok) refusalProblem(result, ctx.locale);
      return (await deliverableRepresentation(ctx.db, loaded, found.deliverable.id))!;
    },
  }),
];
