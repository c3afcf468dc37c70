/**
 * Partner reports through the API: an agreement's reports as its reports page lists them to a member
 * of the token's organization (`reportsListView`, the page's own: another party's report only once it
 * has a submitted version, never its draft).
 */
import * as z from "zod";
import { reportsListView } from "../../report/report-view.server";
import { REPORT_KINDS, REPORT_STATUSES } from "../../report/report";
import { operation } from "../operation";
import { decodeCursor, PageQuery, pageOf } from "../pagination";
import { AgreementParams, Id, Instant, IsoDate, pageSchema } from "./common";

const kinds = REPORT_KINDS as readonly ["progress", "final"];
const statuses = REPORT_STATUSES as readonly ["draft", "submitted", "sent_back", "accepted"];

const Report = z.object({
  id: Id,
  kind: z.enum(kinds),
  status: z.enum(statuses),
  periodFrom: IsoDate.nullable(),
  periodTo: IsoDate.nullable(),
  currentVersion: z.number().int().meta({ description: "The last submitted version's number (0: never submitted)." }),
  acceptedAt: Instant.nullable(),
  reportingOrganization: z.object({ nameFr: z.string().nullable(), nameAr: z.string().nullable() }),
});

export const reportOperations = [
  operation({
    id: "listReports",
    method: "GET",
    path: "/agreements/{agreementId}/reports",
    tag: "reports",
    scope: "read",
    summary: "api.op.listReports",
    params: AgreementParams,
    query: PageQuery.extend({ status: z.enum(statuses).optional(), kind: z.enum(kinds).optional() }),
    response: pageSchema(Report),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const view = await reportsListView(ctx.db, ctx.actor, loaded, ctx.today);
      const rows = view.reports.filter(
        (r) => (!ctx.query.status || r.status === ctx.query.status) && (!ctx.query.kind || r.kind === ctx.query.kind),
      );
      const page = pageOf(
        rows,
        (r) => [r.id],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          periodFrom: r.periodFrom,
          periodTo: r.periodTo,
          currentVersion: r.currentVersion,
          acceptedAt: r.acceptedAt,
          reportingOrganization: { nameFr: r.nameFr, nameAr: r.nameAr },
        })),
      };
    },
  }),
];
