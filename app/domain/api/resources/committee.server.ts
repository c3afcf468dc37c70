/**
 * The follow-up committee through the API: meetings (agenda, decisions, minutes and their approvals,
 * as the meeting page shows them to a party's member), action items with whether the token may close
 * them (`actionItemView`, the pages' own), and closing one — the page's command (`closeActionItem`:
 * its owner's organization, or the chair and the secretary) with its version.
 */
import * as z from "zod";
import type { DB } from "../../../../db/client";
import type { Actor } from "../../access/access";
import type { LoadedAgreement } from "../../agreement/agreement.queries.server";
import { actionItemView, closeActionItem } from "../../committee/action-items.server";
import { CloseActionItemFields } from "../../committee/committee.schema";
import { getCommittee } from "../../committee/committee.server";
import { getMeeting, listActionItems, listMeetings } from "../../committee/meetings.server";
import { refusalProblem } from "../handler.server";
import { operation } from "../operation";
import { decodeCursor, PageQuery, pageOf } from "../pagination";
import { ApiProblem, problem } from "../problem";
import { AgreementParams, Id, Instant, IsoDate, pageSchema } from "./common";

const MeetingSummary = z.object({
  id: Id,
  number: z.number().int(),
  startsAt: Instant,
  timeZone: z.string(),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  status: z.enum(["planned", "in_progress", "closed"]),
  minutesStatus: z.enum(["draft", "circulated", "approved"]),
});

const ActionItem = z.object({
  id: Id,
  title: z.string(),
  meetingId: Id,
  meetingNumber: z.number().int(),
  dueDate: IsoDate.nullable(),
  status: z.enum(["open", "done", "cancelled"]),
  overdue: z.boolean(),
  ownerName: z.string().nullable().meta({ description: "The member who owns it, when a member does." }),
  ownerOrganizationId: Id.nullable().meta({ description: "The party's organization, when a whole party owns it." }),
  closedNote: z.string().nullable(),
  canClose: z.boolean().meta({ description: "Whether this token may close it." }),
  version: z.number().int(),
});

export const MeetingDetail = MeetingSummary.extend({
  durationMinutes: z.number().int(),
  minutes: z.string().meta({ description: "Markdown." }),
  minutesHash: z
    .string()
    .nullable()
    .meta({ description: "SHA-256 of the minutes once circulated: what approvals sign." }),
  agenda: z.array(z.object({ id: Id, position: z.number().int(), title: z.string(), body: z.string() })),
  decisions: z.array(z.object({ number: z.number().int(), body: z.string() })),
  approvals: z.array(z.object({ partyId: Id, name: z.string(), approvedAt: Instant, minutesHash: z.string() })),
  actionItems: z.array(ActionItem),
});

async function actionItemsOf(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const found = await getCommittee(db, loaded.agreement.id);
  if (!found) return [];
  return (await listActionItems(db, found.committee.id)).map((a) => {
    const view = actionItemView(actor, found, a, today);
    return {
      id: view.id,
      title: view.title,
      meetingId: view.meetingId,
      meetingNumber: view.meetingNumber,
      dueDate: view.dueDate,
      status: view.status,
      overdue: view.overdue,
      ownerName: view.ownerName,
      ownerOrganizationId: a.ownerOrganizationId,
      closedNote: view.closedNote,
      canClose: view.canClose,
      version: view.version,
    };
  });
}

/** One meeting as the API (and a webhook's payload) shows it; null when it is not the agreement's. */
export async function meetingRepresentation(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  meetingId: string,
  today: string,
): Promise<z.input<typeof MeetingDetail> | null> {
  const m = await getMeeting(db, loaded.agreement.id, meetingId);
  if (!m) return null;
  const items = (await actionItemsOf(db, actor, loaded, today)).filter((a) => a.meetingId === meetingId);
  return {
    id: m.meeting.id,
    number: m.meeting.number,
    startsAt: m.meeting.starts_at,
    timeZone: m.meeting.time_zone,
    durationMinutes: m.meeting.duration_minutes,
    location: m.meeting.location,
    videoUrl: m.meeting.video_url,
    status: m.meeting.status,
    minutesStatus: m.meeting.minutes_status,
    minutes: m.meeting.minutes,
    minutesHash: m.meeting.minutes_hash,
    agenda: m.agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, body: a.body })),
    decisions: m.outcomes.filter((o) => o.kind === "decision").map((o) => ({ number: o.number!, body: o.body })),
    approvals: m.approvals.map((a) => ({
      partyId: a.partyId,
      name: a.name,
      approvedAt: a.approvedAt,
      minutesHash: a.minutesHash,
    })),
    actionItems: items,
  };
}

const MeetingParams = AgreementParams.extend({ meetingId: Id });
const ActionItemParams = AgreementParams.extend({ actionItemId: Id });

/** The page's form (CloseActionItemSchema) without the fields the URL carries. */
export const CloseBody = CloseActionItemFields;

export const committeeOperations = [
  operation({
    id: "listMeetings",
    method: "GET",
    path: "/agreements/{agreementId}/meetings",
    tag: "committee",
    scope: "read",
    summary: "api.op.listMeetings",
    params: AgreementParams,
    query: PageQuery,
    response: pageSchema(MeetingSummary),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const found = await getCommittee(ctx.db, loaded.agreement.id);
      const rows = found ? await listMeetings(ctx.db, found.committee.id) : [];
      const page = pageOf(
        rows,
        (m) => [m.number],
        ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null,
        ctx.query.limit,
      );
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((m) => ({
          id: m.id,
          number: m.number,
          startsAt: m.startsAt,
          timeZone: m.timeZone,
          location: m.location,
          videoUrl: m.videoUrl,
          status: m.status,
          minutesStatus: m.minutesStatus,
        })),
      };
    },
  }),
  operation({
    id: "getMeeting",
    method: "GET",
    path: "/agreements/{agreementId}/meetings/{meetingId}",
    tag: "committee",
    scope: "read",
    summary: "api.op.getMeeting",
    params: MeetingParams,
    response: MeetingDetail,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const found = await meetingRepresentation(ctx.db, ctx.actor, loaded, ctx.params.meetingId, ctx.today);
      if (!found) throw new ApiProblem(problem("not_found"));
      return found;
    },
  }),
  operation({
    id: "listActionItems",
    method: "GET",
    path: "/agreements/{agreementId}/action-items",
    tag: "committee",
    scope: "read",
    summary: "api.op.listActionItems",
    params: AgreementParams,
    query: PageQuery.extend({
      status: z.enum(["open", "done", "cancelled"]).optional(),
      overdue: z.enum(["true", "false"]).optional(),
    }),
    response: pageSchema(ActionItem),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const rows = (await actionItemsOf(ctx.db, ctx.actor, loaded, ctx.today)).filter(
        (a) =>
          (!ctx.query.status || a.status === ctx.query.status) &&
          (!ctx.query.overdue || String(a.overdue) === ctx.query.overdue),
      );
      return pageOf(rows, (a) => [a.id], ctx.query.cursor ? decodeCursor(ctx.query.cursor) : null, ctx.query.limit);
    },
  }),
  operation({
    id: "closeActionItem",
    method: "POST",
    path: "/agreements/{agreementId}/action-items/{actionItemId}/close",
    tag: "committee",
    scope: "write",
    summary: "api.op.closeActionItem",
    params: ActionItemParams,
    body: CloseBody,
    response: ActionItem,
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const result = await closeActionItem(ctx.db, ctx.actor, ctx.meta, loaded, {
        actionItemId: ctx.params.actionItemId,
        to: ctx.body.to,
        note: ctx.body.note,
        version: ctx.body.version,
      });
      const item = (await actionItemsOf(ctx.db, ctx.actor, loaded, ctx.today)).find(
        (a) => a.id === ctx.params.actionItemId,
      );
      if (!result.ok) refusalProblem(result, ctx.locale, item?.version);
      return item!;
    },
  }),
];
