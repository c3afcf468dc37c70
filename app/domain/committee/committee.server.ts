/**
 * The committee and its members: reading them, the actor's seat, setting the committee up (by
 * hand, or when an agreement with a follow-up clause comes into force), its rules and members.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { ApprovalRule, CommitteeRole, Database, QuorumRule, Rhythm } from "../../../db/schema";
import { canManageCommittee, type Actor, type CommitteeSeat } from "../access/access";
import type { Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import type { MessageKey } from "~/lib/i18n/translate";
import { newId } from "~/lib/crypto.server";
import { nowIso, todayInMorocco, utcToZoned } from "~/lib/time";
import { isClosed } from "../agreement/lifecycle";
import {
  hasFollowUpClause,
  isCommitteeLate,
  isHeadCountQuorum,
  isMeetingHeld,
  nextMeetingDue,
  takesSecondChair,
} from "./committee";
import { joinPartyOrganization, ORGANIZATION_NAMES, partyOfAgreement } from "../party/party.queries.server";

type Db = DB | Transaction<Database>;
const NOT_FOUND = { ok: false, error: "not_found" } as const;
const rule = (key: MessageKey) => ({ ok: false as const, error: "rule" as const, errors: [{ key }] });

export async function getCommittee(db: Db, agreementId: string) {
  const committee = await db
    .selectFrom("committee")
    .selectAll()
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!committee) return null;
  const members = await db
    .selectFrom("committee_member")
    .$call(joinPartyOrganization("committee_member.party_id"))
    .leftJoin("user", "user.id", "committee_member.user_id")
    .select([
      "committee_member.id",
      "committee_member.party_id as partyId",
      "committee_member.user_id as userId",
      "committee_member.name",
      "committee_member.email",
      "committee_member.organization_name as organizationName",
      "committee_member.role",
      "user.email as userEmail",
      "organization.id as organizationId",
      ...ORGANIZATION_NAMES,
      "agreement_party.signing_order as partyOrder",
    ])
    .where("committee_member.committee_id", "=", committee.id)
    .orderBy("agreement_party.signing_order")
    .orderBy("committee_member.created_at")
    .execute();
  const ROLE_ORDER: Record<CommitteeRole, number> = { chair: 0, secretary: 1, member: 2 };
  members.sort((a, b) => a.partyOrder - b.partyOrder || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  return { committee, members };
}

export type LoadedCommittee = NonNullable<Awaited<ReturnType<typeof getCommittee>>>;

/** The actor's seat on the committee: only members with an account have one. */
export function seatOf(found: LoadedCommittee | null, actor: Actor): CommitteeSeat | null {
  const member = found?.members.find((m) => m.userId === actor.userId);
  return member ? { memberId: member.id, role: member.role, partyId: member.partyId } : null;
}

/** The parties represented on the committee (every party of the agreement). */
export async function partyIds(db: Db, agreementId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("agreement_party")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .orderBy("signing_order")
    .execute();
  return rows.map((r) => r.id);
}

/** When the committee should next meet, and whether it is late. */
export async function committeeRhythm(db: Db, found: LoadedCommittee, today = todayInMorocco()) {
  const meetings = await db
    .selectFrom("meeting")
    .select(["starts_at", "time_zone", "status"])
    .where("committee_id", "=", found.committee.id)
    .orderBy("starts_at")
    .execute();
  // Held (in progress or closed), on the calendar date where it was held.
  const last = meetings.filter((m) => isMeetingHeld(m.status)).at(-1);
  const lastHeld = last ? utcToZoned(last.starts_at, last.time_zone).date : null;
  const since = found.committee.created_at.slice(0, 10);
  const hasPlannedMeeting = meetings.some((m) => !isMeetingHeld(m.status));
  return {
    lastHeld,
    nextDue: nextMeetingDue(found.committee.rhythm, lastHeld, since),
    late: isCommitteeLate({ rhythm: found.committee.rhythm, lastHeld, since, hasPlannedMeeting, today }),
  };
}

/**
 * Sets the committee up with each party's signatory who has an account: the association's as
 * chair, the others as members. Used by hand and when an agreement comes into force.
 */
async function insertCommittee(trx: Transaction<Database>, meta: RequestMeta, agreementId: string): Promise<string> {
  const id = newId();
  const at = nowIso();
  await trx
    .insertInto("committee")
    .values({ id, agreement_id: agreementId, quorum_count: null, created_at: at, updated_at: at })
    .execute();
  const parties = await trx
    .selectFrom("agreement_party")
    .innerJoin("user", "user.id", "agreement_party.signatory_user_id")
    .select(["agreement_party.id", "agreement_party.role", "user.id as userId", "user.name", "user.email"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .orderBy("agreement_party.signing_order")
    .execute();
  let chairTaken = false;
  for (const p of parties) {
    const role: CommitteeRole = !chairTaken && p.role === "association" ? "chair" : "member";
    chairTaken ||= role === "chair";
    await trx
      .insertInto("committee_member")
      .values({
        id: newId(),
        committee_id: id,
        party_id: p.id,
        user_id: p.userId,
        name: p.name,
        email: p.email,
        organization_name: null,
        role,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await appendAuditEvent(trx, meta, {
    type: "committee.created",
    agreementId,
    subjectId: id,
    data: { members: parties.length },
  });
  return id;
}

export async function createCommittee(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
): Promise<{ ok: true } | Refusal> {
  if (!canManageCommittee(actor, loaded.access, null)) return NOT_FOUND;
  if (isClosed(loaded.agreement.status)) return rule("committee.error.closedAgreement");
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("committee")
      .select("id")
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!existing) await insertCommittee(trx, meta, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** Called in the transaction that activates an agreement: a follow-up clause creates its committee. */
export async function setUpCommitteeOnActivation(
  trx: Transaction<Database>,
  meta: RequestMeta,
  agreementId: string,
): Promise<void> {
  const existing = await trx
    .selectFrom("committee")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (existing) return;
  const clauses = await trx.selectFrom("clause").select("heading").where("agreement_id", "=", agreementId).execute();
  if (hasFollowUpClause(clauses.map((c) => c.heading))) await insertCommittee(trx, meta, agreementId);
}

async function requireManageable(db: Db, actor: Actor, loaded: LoadedAgreement) {
  const found = await getCommittee(db, loaded.agreement.id);
  if (!found || !canManageCommittee(actor, loaded.access, seatOf(found, actor))) return null;
  return found;
}

export async function updateSettings(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { rhythm: Rhythm; quorumRule: QuorumRule; quorumCount?: number; approvalRule: ApprovalRule; version: number },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const found = await requireManageable(trx, actor, loaded);
    if (!found) return NOT_FOUND;
    const result = await trx
      .updateTable("committee")
      .set((eb) => ({
        rhythm: input.rhythm,
        quorum_rule: input.quorumRule,
        quorum_count: isHeadCountQuorum(input.quorumRule) ? (input.quorumCount ?? 1) : null,
        approval_rule: input.approvalRule,
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", found.committee.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: "conflict" as const };
    await appendAuditEvent(trx, meta, {
      type: "committee.updated",
      agreementId: loaded.agreement.id,
      subjectId: found.committee.id,
      data: { rhythm: input.rhythm, quorumRule: input.quorumRule, approvalRule: input.approvalRule },
    });
    return { ok: true as const };
  });
}

/** The people who may be seated for a party: the members of its organization. */
export async function seatablePeople(db: Db, agreementId: string) {
  return db
    .selectFrom("agreement_party")
    .innerJoin("membership", "membership.organization_id", "agreement_party.organization_id")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["agreement_party.id as partyId", "user.id as userId", "user.name", "membership.title"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .where("user.disabled_at", "is", null)
    .orderBy("user.name")
    .execute();
}

export async function addMember(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    partyId: string;
    userId?: string;
    name?: string;
    email?: string;
    organizationName?: string;
    role: CommitteeRole;
  },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const found = await requireManageable(trx, actor, loaded);
    if (!found) return NOT_FOUND;
    const party = await partyOfAgreement(trx, loaded.agreement.id, input.partyId);
    if (!party) return NOT_FOUND;
    let name = input.name ?? "";
    let email = input.email ?? null;
    if (input.userId) {
      // Someone with an account sits for the party whose organization they belong to.
      const person = (await seatablePeople(trx, loaded.agreement.id)).find(
        (p) => p.userId === input.userId && p.partyId === party.id,
      );
      if (!person) return rule("committee.error.notInParty");
      if (found.members.some((m) => m.userId === input.userId)) return rule("committee.error.alreadyMember");
      const user = await trx
        .selectFrom("user")
        .select(["name", "email"])
        .where("id", "=", input.userId)
        .executeTakeFirstOrThrow();
      name = user.name;
      email = user.email;
    }
    if (takesSecondChair(found.members, input.role)) return rule("committee.error.oneChair");
    const at = nowIso();
    const id = newId();
    await trx
      .insertInto("committee_member")
      .values({
        id,
        committee_id: found.committee.id,
        party_id: party.id,
        user_id: input.userId ?? null,
        name,
        email,
        organization_name: input.userId ? null : (input.organizationName ?? null),
        role: input.role,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "committee.member_added",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { name, role: input.role, external: !input.userId },
    });
    return { ok: true as const };
  });
}

export async function changeMemberRole(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { memberId: string; role: CommitteeRole },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const found = await requireManageable(trx, actor, loaded);
    if (!found) return NOT_FOUND;
    const member = found.members.find((m) => m.id === input.memberId);
    if (!member) return NOT_FOUND;
    if (takesSecondChair(found.members, input.role, member.id)) return rule("committee.error.oneChair");
    await trx
      .updateTable("committee_member")
      .set((eb) => ({ role: input.role, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", member.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "committee.member_updated",
      agreementId: loaded.agreement.id,
      subjectId: member.id,
      data: { name: member.name, from: member.role, to: input.role },
    });
    return { ok: true as const };
  });
}

/** A member who has attended, approved or owns an action item stays on record; others can be removed. */
export async function removeMember(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { memberId: string },
): Promise<{ ok: true } | Refusal> {
  const { memberId } = input;
  return inTransaction(db, async (trx) => {
    const found = await requireManageable(trx, actor, loaded);
    if (!found) return NOT_FOUND;
    const member = found.members.find((m) => m.id === memberId);
    if (!member) return NOT_FOUND;
    const [attended, approved, owns] = await Promise.all([
      trx.selectFrom("meeting_attendance").select("member_id").where("member_id", "=", memberId).executeTakeFirst(),
      trx.selectFrom("minutes_approval").select("id").where("member_id", "=", memberId).executeTakeFirst(),
      trx.selectFrom("action_item").select("id").where("owner_member_id", "=", memberId).executeTakeFirst(),
    ]);
    if (attended || approved || owns) return rule("committee.error.memberOnRecord");
    await trx.deleteFrom("committee_member").where("id", "=", memberId).execute();
    await appendAuditEvent(trx, meta, {
      type: "committee.member_removed",
      agreementId: loaded.agreement.id,
      subjectId: memberId,
      data: { name: member.name },
    });
    return { ok: true as const };
  });
}

/**
 * Hands the seat of someone who left the organization to another of its members: a new seat with
 * the same party and role takes over the open action items; the old seat keeps what was done in
 * that name (attendance, approvals, closed items) as a plain member, or goes if it holds nothing.
 */
export async function handOverSeat(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { memberId: string; userId: string },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const found = await requireManageable(trx, actor, loaded);
    if (!found) return NOT_FOUND;
    const member = found.members.find((m) => m.id === input.memberId);
    if (!member || !member.userId) return NOT_FOUND;
    if (found.members.some((m) => m.userId === input.userId)) return rule("committee.error.alreadyMember");
    const person = (await seatablePeople(trx, loaded.agreement.id)).find(
      (p) => p.userId === input.userId && p.partyId === member.partyId,
    );
    if (!person) return rule("committee.error.notInParty");
    const user = await trx
      .selectFrom("user")
      .select(["name", "email"])
      .where("id", "=", input.userId)
      .executeTakeFirstOrThrow();
    const at = nowIso();
    const id = newId();
    await trx
      .updateTable("committee_member")
      .set((eb) => ({ role: "member", updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", member.id)
      .execute();
    await trx
      .insertInto("committee_member")
      .values({
        id,
        committee_id: found.committee.id,
        party_id: member.partyId,
        user_id: input.userId,
        name: user.name,
        email: user.email,
        organization_name: null,
        role: member.role,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const moved = await trx
      .updateTable("action_item")
      .set((eb) => ({ owner_member_id: id, updated_at: at, version: eb("version", "+", 1) }))
      .where("owner_member_id", "=", member.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    const [attended, approved, owns] = await Promise.all([
      trx.selectFrom("meeting_attendance").select("member_id").where("member_id", "=", member.id).executeTakeFirst(),
      trx.selectFrom("minutes_approval").select("id").where("member_id", "=", member.id).executeTakeFirst(),
      trx.selectFrom("action_item").select("id").where("owner_member_id", "=", member.id).executeTakeFirst(),
    ]);
    if (!attended && !approved && !owns) await trx.deleteFrom("committee_member").where("id", "=", member.id).execute();
    await appendAuditEvent(trx, meta, {
      type: "committee.seat_handed_over",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { name: member.name, to: user.name, actionItems: Number(moved.numUpdatedRows) },
    });
    return { ok: true as const };
  });
}
