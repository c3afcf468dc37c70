/**
 * Action items: decided in a meeting, owned by a member or a whole party, linked to what they
 * follow up (an obligation, a deliverable, an action of the plan), closed as done or cancelled.
 * Open ones are carried to every next meeting's agenda until closed.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { ActionItemLink, Database } from "../../../db/schema";
import { canCloseActionItem, canRecordMeetings, organizationIds, type Actor } from "../access/access";
import type { Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import {
  canRecordOutcomes,
  checkActionItemClose,
  isActionItemOpen,
  isActionItemOverdue,
  type ActionItemView,
} from "./committee";
import { getCommittee, seatOf, type LoadedCommittee } from "./committee.server";
import { listActionItems } from "./meetings.server";
import { partyOfAgreement } from "../party/party.queries.server";
import { listPlanActions } from "../plan/plan.server";
import { dueState } from "../notify/reminders";

const NOT_FOUND = { ok: false, error: "not_found" } as const;

/** The things of this agreement an action item can follow up, for the form's choices. */
export async function linkTargets(db: DB, agreementId: string) {
  const [obligations, deliverables, actions] = await Promise.all([
    db
      .selectFrom("obligation")
      .select(["id", "description as label"])
      .where("agreement_id", "=", agreementId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("deliverable")
      .select(["id", "title as label"])
      .where("agreement_id", "=", agreementId)
      .orderBy("created_at")
      .execute(),
    listPlanActions(db, agreementId),
  ]);
  return [
    ...obligations.map((o) => ({ kind: "obligation" as const, id: o.id, label: o.label })),
    ...deliverables.map((d) => ({ kind: "deliverable" as const, id: d.id, label: d.label })),
    ...actions.map((a) => ({ kind: "plan_action" as const, id: a.id, label: `${a.year} · ${a.objective}` })),
  ];
}

export async function addActionItem(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { meetingId: string; agendaItemId?: string; title: string; owner: string; dueDate?: string; link?: string },
): Promise<{ ok: true } | Refusal> {
  const { meetingId } = input;
  const found = await getCommittee(db, loaded.agreement.id);
  if (!found || !canRecordMeetings(seatOf(found, actor))) return NOT_FOUND;
  const [ownerKind, ownerId] = input.owner.split(":") as ["member" | "party", string];
  let link: { kind: ActionItemLink; id: string } | null = null;
  if (input.link) {
    const [kind, id] = input.link.split(":") as [ActionItemLink, string];
    if (!(await linkTargets(db, loaded.agreement.id)).some((t) => t.kind === kind && t.id === id)) return NOT_FOUND;
    link = { kind, id };
  }
  return inTransaction(db, async (trx) => {
    const meeting = await trx
      .selectFrom("meeting")
      .select(["id", "status", "number"])
      .where("id", "=", meetingId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!meeting) return NOT_FOUND;
    if (!canRecordOutcomes(meeting.status))
      return { ok: false as const, error: "rule" as const, errors: [{ key: "meeting.error.notInProgress" }] };
    if (input.agendaItemId) {
      const item = await trx
        .selectFrom("agenda_item")
        .select("id")
        .where("id", "=", input.agendaItemId)
        .where("meeting_id", "=", meetingId)
        .executeTakeFirst();
      if (!item) return NOT_FOUND;
    }
    if (ownerKind === "member" && !found.members.some((m) => m.id === ownerId)) return NOT_FOUND;
    if (ownerKind === "party") {
      const party = await partyOfAgreement(trx, loaded.agreement.id, ownerId);
      if (!party) return NOT_FOUND;
    }
    const at = nowIso();
    const id = newId();
    await trx
      .insertInto("action_item")
      .values({
        id,
        agreement_id: loaded.agreement.id,
        committee_id: found.committee.id,
        meeting_id: meetingId,
        agenda_item_id: input.agendaItemId ?? null,
        title: input.title,
        owner_member_id: ownerKind === "member" ? ownerId : null,
        owner_party_id: ownerKind === "party" ? ownerId : null,
        due_date: input.dueDate ?? null,
        link_kind: link?.kind ?? null,
        link_id: link?.id ?? null,
        closed_note: null,
        closed_at: null,
        closed_by_user_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .updateTable("meeting")
      .set((eb) => ({ updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", meetingId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "action_item.added",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { meeting: meeting.number, title: input.title, ...(input.dueDate ? { dueDate: input.dueDate } : {}) },
    });
    return { ok: true as const };
  });
}

export async function closeActionItem(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { actionItemId: string; to: "done" | "cancelled"; note?: string; version: number },
): Promise<{ ok: true } | Refusal> {
  const found = await getCommittee(db, loaded.agreement.id);
  if (!found) return NOT_FOUND;
  const item = (await listActionItems(db, found.committee.id)).find((a) => a.id === input.actionItemId);
  if (!item) return NOT_FOUND;
  const ownerOrganizationId =
    item.ownerOrganizationId ?? found.members.find((m) => m.id === item.ownerMemberId)?.organizationId ?? null;
  if (!canCloseActionItem(actor, seatOf(found, actor), { ownerMemberId: item.ownerMemberId, ownerOrganizationId }))
    return NOT_FOUND;
  const check = checkActionItemClose(item.status, input.to, input.note);
  if (!check.ok) return { ok: false, error: "rule", errors: check.errors };
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const result = await trx
      .updateTable("action_item")
      .set((eb) => ({
        status: check.to,
        closed_note: input.note ?? null,
        closed_at: at,
        closed_by_user_id: actor.userId,
        updated_at: at,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", item.id)
      .where("version", "=", input.version)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: "conflict" as const };
    await appendAuditEvent(trx, meta, {
      type: "action_item.closed",
      agreementId: loaded.agreement.id,
      subjectId: item.id,
      data: { title: item.title, to: check.to, ...(input.note ? { note: input.note } : {}) },
    });
    return { ok: true as const };
  });
}

export type ActionItemFilter = "open" | "overdue" | "done" | "all";

/**
 * "My action items": those owned by the actor's seats, or by a party of one of their
 * organizations, across every agreement they can see.
 */
export async function myActionItems(
  db: DB,
  actor: Actor,
  filter: ActionItemFilter,
  today: string,
  options: { limit?: number } = {},
) {
  const orgs = organizationIds(actor);
  const onlyOpen = filter === "open" || filter === "overdue";
  // First the ids of the page, from the action items alone; then their rows with the names around
  // them (joining those for every open item of a federation before sorting cost ~10 ms).
  let picked = db
    .selectFrom("action_item")
    .select("action_item.id")
    // Mine: owned by me as a committee member, or by a party of my organizations — as a union of
    // two index searches (an OR over the left joins would read every action item). Open ones are
    // picked in the owner indexes (owner, status) themselves: most action items are closed.
    .where("action_item.id", "in", (eb) => {
      let asMember = eb
        .selectFrom("action_item as mine")
        .innerJoin("committee_member as me", "me.id", "mine.owner_member_id")
        .select("mine.id")
        .where("me.user_id", "=", actor.userId);
      if (onlyOpen) asMember = asMember.where("mine.status", "=", "open");
      if (!orgs.length) return asMember;
      let asParty = eb
        .selectFrom("action_item as ours")
        .innerJoin("agreement_party as us", "us.id", "ours.owner_party_id")
        .select("ours.id")
        .where("us.organization_id", "in", orgs);
      if (onlyOpen) asParty = asParty.where("ours.status", "=", "open");
      return asMember.unionAll(asParty);
    });
  if (onlyOpen) picked = picked.where("action_item.status", "=", "open");
  if (filter === "overdue") picked = picked.where("action_item.due_date", "<", today);
  if (filter === "done") picked = picked.where("action_item.status", "in", ["done", "cancelled"]);
  const ids = await byDueDate(picked)
    .limit(options.limit ?? 500)
    .execute();
  return actionItemRows(
    db,
    ids.map((r) => r.id),
    today,
  );
}

/** Action items by id, with the names around them, in their lists' order: overdue first, then by due date. */
export async function actionItemRows(db: DB, ids: readonly string[], today: string) {
  if (!ids.length) return [];
  const query = db
    .selectFrom("action_item")
    .innerJoin("agreement", "agreement.id", "action_item.agreement_id")
    .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
    .leftJoin("committee_member", "committee_member.id", "action_item.owner_member_id")
    .leftJoin("agreement_party", "agreement_party.id", "action_item.owner_party_id")
    .leftJoin("organization", "organization.id", "agreement_party.organization_id")
    .select([
      "action_item.id",
      "action_item.title",
      "action_item.due_date as dueDate",
      "action_item.status",
      "action_item.closed_note as closedNote",
      "action_item.version",
      "action_item.owner_member_id as ownerMemberId",
      "committee_member.name as ownerMemberName",
      "organization.id as ownerOrganizationId",
      "organization.name_fr as ownerNameFr",
      "organization.name_ar as ownerNameAr",
      "agreement.id as agreementId",
      "agreement.reference",
      "agreement.title as agreementTitle",
      "meeting.id as meetingId",
      "meeting.number as meetingNumber",
    ])
    .where("action_item.id", "in", [...ids]);
  const rows = await byDueDate(query).execute();
  return rows.map((r) => ({ ...r, overdue: isActionItemOverdue(r, today) }));
}

/** By due date, those without one last (the same on SQLite and PostgreSQL, whose NULLs sort apart). */
function byDueDate<Q extends SelectQueryBuilder<Database, "action_item", object>>(q: Q): Q {
  return q
    .orderBy(sql`action_item.due_date is null`)
    .orderBy("action_item.due_date")
    .orderBy("action_item.created_at")
    .orderBy("action_item.id") as Q;
}

/** The fields of an action item row (from its committee's list or from "mine") that a view needs. */
interface ActionItemRow {
  id: string;
  title: string;
  dueDate: string | null;
  status: ActionItemView["status"];
  version: number;
  meetingId: string;
  meetingNumber: number;
  ownerMemberId: string | null;
  ownerMemberName: string | null;
  ownerOrganizationId: string | null;
  ownerNameFr: string | null;
  ownerNameAr: string | null;
  closedNote: string | null;
}

/** An action item as the pages show it, with whether this actor may close it. */
export function actionItemView(
  actor: Actor,
  found: LoadedCommittee | null,
  a: ActionItemRow,
  today: string,
  extra: Pick<ActionItemView, "agreement" | "link"> = {},
): ActionItemView {
  const ownerOrganizationId =
    a.ownerOrganizationId ?? found?.members.find((m) => m.id === a.ownerMemberId)?.organizationId ?? null;
  return {
    id: a.id,
    title: a.title,
    dueDate: a.dueDate,
    status: a.status,
    version: a.version,
    meetingId: a.meetingId,
    meetingNumber: a.meetingNumber,
    ownerName: a.ownerMemberName,
    ownerNameFr: a.ownerNameFr,
    ownerNameAr: a.ownerNameAr,
    overdue: isActionItemOverdue(a, today),
    closedNote: a.closedNote,
    // Closed once: only an open item is closed, by whom canCloseActionItem allows.
    canClose:
      isActionItemOpen(a.status) &&
      canCloseActionItem(actor, seatOf(found, actor), { ownerMemberId: a.ownerMemberId, ownerOrganizationId }),
    ...extra,
  };
}

const SYSTEM: RequestMeta = { actorUserId: null, ip: null, userAgent: "charaka" };

/**
 * The daily job's announcement that open action items are due: once per item and due date (the
 * audit log says which were announced), when the due date enters the reminders' notice window
 * (`dueState`, the same rule as the "action item due" reminder) or has passed unannounced. Each
 * is an `action_item.due` audit entry, so webhooks queue it in the same transaction. Returns how
 * many were announced.
 */
const announcementKey = (itemId: string, dueDate: string | null) => `${itemId} ${dueDate}`;

/** The (item, due date) pairs already announced `action_item.due`: all of them, or one item's. */
async function dueAnnouncements(db: DB, itemId?: string): Promise<Set<string>> {
  // The type written out, not bound: only then may the planner use the partial index (both engines).
  let query = db
    .selectFrom("audit_event")
    .select(["subject_id", "data"])
    .where(sql<boolean>`type = 'action_item.due'`);
  if (itemId) query = query.where("subject_id", "=", itemId);
  const rows = await query.execute();
  return new Set(
    rows.map((r) => announcementKey(r.subject_id ?? "", (JSON.parse(r.data) as { dueDate?: string }).dueDate ?? null)),
  );
}

export async function announceDueActionItems(db: DB, today: string): Promise<number> {
  const candidates = await db
    .selectFrom("action_item")
    .innerJoin("agreement", "agreement.id", "action_item.agreement_id")
    .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
    .select([
      "action_item.id",
      "action_item.agreement_id as agreementId",
      "action_item.title",
      "action_item.due_date as dueDate",
      "meeting.number as meetingNumber",
    ])
    .where("action_item.status", "=", "open")
    .where("action_item.due_date", "is not", null)
    .where("agreement.status", "in", ["active", "suspended"])
    .orderBy("action_item.agreement_id")
    .orderBy("action_item.id")
    .execute();
  const due = candidates.filter((c) => dueState(c.dueDate, today) !== null);
  // What was announced already, read once (migration 0171's index holds only these events): on a
  // given day most due items were announced on an earlier one, and need no transaction at all.
  const announcedBefore = await dueAnnouncements(db);
  let announced = 0;
  for (const item of due) {
    if (announcedBefore.has(announcementKey(item.id, item.dueDate))) continue;
    const done = await inTransaction(db, async (trx) => {
      // Checked again in the transaction: another process's daily job may have announced it since.
      if ((await dueAnnouncements(trx, item.id)).has(announcementKey(item.id, item.dueDate))) return false;
      await appendAuditEvent(trx, SYSTEM, {
        type: "action_item.due",
        agreementId: item.agreementId,
        subjectId: item.id,
        data: { meeting: item.meetingNumber, title: item.title, dueDate: item.dueDate! },
      });
      return true;
    });
    if (done) announced += 1;
  }
  return announced;
}
