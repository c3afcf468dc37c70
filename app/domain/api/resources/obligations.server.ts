/** An agreement's obligations, as its obligations page lists them (status, next due date, overdue derived). */
import * as z from "zod";
import { OBLIGATION_STATUSES, RECURRENCES } from "../../delivery/delivery";
import { listObligations } from "../../delivery/obligations.server";
import { operation } from "../operation";
import { decodeCursor, PageQuery, pageOf } from "../pagination";
import { AgreementParams, Id, IsoDate, pageSchema } from "./common";

const Obligation = z.object({
  id: Id,
  description: z.string(),
  responsibleOrganizationId: Id,
  articleNumber: z.number().int().nullable(),
  dueDate: IsoDate.nullable(),
  recurrence: z.enum(RECURRENCES as [string, ...string[]]),
  status: z.enum(OBLIGATION_STATUSES as [string, ...string[]]).meta({
    description: "The current status (a recurring obligation done for its last occurrence is pending again).",
  }),
  nextDueDate: IsoDate.nullable(),
  overdue: z.boolean(),
  completedOn: IsoDate.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

const Query = PageQuery.extend({
  status: z.enum(OBLIGATION_STATUSES as [string, ...string[]]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});

export const obligationOperations = [
  operation({
    id: "listObligations",
    method: "GET",
    path: "/agreements/{agreementId}/obligations",
    tag: "obligations",
    scope: "read",
    summary: "api.op.listObligations",
    params: AgreementParams,
    query: Query,
    response: pageSchema(Obligation),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const rows = (await listObligations(ctx.db, loaded.agreement.id, ctx.today)).filter(
        (o) =>
          (!ctx.query.status || o.currentStatus === ctx.query.status) &&
          (!ctx.query.overdue || String(o.overdue) === ctx.query.overdue),
      );
      const page = pageOf(
        rows,
        (o) => [o.id],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((o) => ({
          id: o.id,
          description: o.description,
          responsibleOrganizationId: o.organizationId,
          articleNumber: o.clausePosition,
          dueDate: o.dueDate,
          recurrence: o.recurrence,
          status: o.currentStatus,
          nextDueDate: o.nextDue,
          overdue: o.overdue,
          completedOn: o.completedOn,
          note: o.statusNote,
          version: o.version,
        })),
      };
    },
  }),
];
