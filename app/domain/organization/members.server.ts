/**
 * People who join, change role and leave: an organization's members and their roles, removal,
 * invitations sent again, and the platform administrator's list of every account (disable,
 * enable). Each change is one transaction with its audit event. Removing or disabling someone
 * ends their sessions and their calendar feed in that same transaction; what they signed,
 * approved or did stays in their name (rows keep the account, which is never deleted).
 */
import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/client";
import type { Database, MembershipRole } from "../../../db/schema";
import { inTransaction } from "../../../db/transaction";
import {
  canChangeRole,
  canDisableAccount,
  canListPeople,
  canManageInvitation,
  canRemoveMember,
  type Actor,
} from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { INVITATION_VALID_DAYS } from "../invitation/invitation";
import { newToken, sha256Hex } from "~/lib/crypto.server";
import { addDays, nowIso } from "~/lib/time";
import { MEMBERSHIP_ROLES } from "./organization.schema";
import { ORGANIZATION_NAMES } from "../party/party.queries.server";

type Db = DB | Transaction<Database>;
type Refused = { ok: false; error: "notFound" | "notAllowed" };

/** Members with what the members list shows: role, title, last sign-in, status. */
export async function listMembers(db: Db, organizationId: string) {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select([
      "user.id as userId",
      "user.name",
      "user.email",
      "membership.role",
      "membership.title",
      "user.last_login_at as lastLoginAt",
      "user.disabled_at as disabledAt",
    ])
    .where("membership.organization_id", "=", organizationId)
    .orderBy("user.name")
    .execute();
  return rows.sort((a, b) => MEMBERSHIP_ROLES.indexOf(a.role) - MEMBERSHIP_ROLES.indexOf(b.role));
}

/** How many presidents the organization has (the last one can be neither removed nor demoted). */
export async function presidentCount(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("membership")
    .select(sql<number>`count(*)`.as("n"))
    .where("organization_id", "=", organizationId)
    .where("role", "=", "president")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The facts the rights on members need: each member's role and how many presidents there are. */
export async function memberFacts(db: Db, organizationId: string, userId: string) {
  const member = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["membership.id", "membership.role", "user.name", "user.email"])
    .where("membership.organization_id", "=", organizationId)
    .where("membership.user_id", "=", userId)
    .executeTakeFirst();
  return member ? { ...member, userId, presidents: await presidentCount(db, organizationId) } : null;
}

/** Ends every session and the calendar feed of a person (removed, disabled, password reset). */
export async function endAccess(trx: Transaction<Database>, userId: string): Promise<number> {
  const ended = await trx.deleteFrom("session").where("user_id", "=", userId).executeTakeFirst();
  await trx.deleteFrom("calendar_feed").where("user_id", "=", userId).execute();
  return Number(ended.numDeletedRows);
}

export async function changeMemberRole(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  input: { userId: string; role: MembershipRole },
): Promise<{ ok: true; name: string } | Refused> {
  return inTransaction(db, async (trx) => {
    const member = await memberFacts(trx, organizationId, input.userId);
    if (!member) return { ok: false as const, error: "notFound" as const };
    if (!canChangeRole(actor, organizationId, member, input.role, member.presidents))
      return { ok: false as const, error: "notAllowed" as const };
    await trx
      .updateTable("membership")
      .set((eb) => ({ role: input.role, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", member.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "membership.role_changed",
      organizationId,
      subjectId: input.userId,
      data: { userId: input.userId, name: member.name, from: member.role, to: input.role },
    });
    return { ok: true as const, name: member.name };
  });
}

/** Removes a member: the membership goes, their sessions and calendar feed end now. */
export async function removeMember(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  { userId }: { userId: string },
): Promise<{ ok: true; name: string; sessionsEnded: number } | Refused> {
  return inTransaction(db, async (trx) => {
    const member = await memberFacts(trx, organizationId, userId);
    if (!member) return { ok: false as const, error: "notFound" as const };
    if (!canRemoveMember(actor, organizationId, member, member.presidents))
      return { ok: false as const, error: "notAllowed" as const };
    await trx.deleteFrom("membership").where("id", "=", member.id).execute();
    const sessionsEnded = await endAccess(trx, userId);
    await appendAuditEvent(trx, meta, {
      type: "membership.removed",
      organizationId,
      subjectId: userId,
      data: { userId, name: member.name, role: member.role, sessionsEnded },
    });
    return { ok: true as const, name: member.name, sessionsEnded };
  });
}

/** A new link for a pending invitation (the old one stops working), valid INVITATION_VALID_DAYS again. */
export async function resendInvitation(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  { invitationId, now = new Date() }: { invitationId: string; now?: Date },
): Promise<{ ok: true; token: string; email: string; role: MembershipRole } | Refused> {
  return inTransaction(db, async (trx) => {
    const invitation = await trx
      .selectFrom("invitation")
      .select(["id", "email", "role"])
      .where("id", "=", invitationId)
      .where("organization_id", "=", organizationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!invitation) return { ok: false as const, error: "notFound" as const };
    if (!canManageInvitation(actor, organizationId, invitation.role))
      return { ok: false as const, error: "notAllowed" as const };
    const token = newToken();
    const expiresAt = nowIso(addDays(now, INVITATION_VALID_DAYS));
    await trx
      .updateTable("invitation")
      .set((eb) => ({
        token_hash: sha256Hex(token),
        expires_at: expiresAt,
        updated_at: nowIso(now),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", invitation.id)
      .execute();
    await appendAuditEvent(
      trx,
      meta,
      { type: "invitation.resent", organizationId, subjectId: invitation.id, data: { email: invitation.email } },
      now,
    );
    return { ok: true as const, token, email: invitation.email, role: invitation.role };
  });
}

// ── Every account (platform administrator) ────────────────────────────────────────────

/** Every person whose name or email contains the text (all when empty), with their organizations. */
export async function listPeople(db: DB, actor: Actor, search: string, limit = 200) {
  if (!canListPeople(actor)) return [];
  const pattern = `%${search
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, "")}%`;
  const people = await db
    .selectFrom("user")
    .select([
      "id",
      "name",
      "email",
      "is_platform_admin as isPlatformAdmin",
      "is_demo as isDemo",
      "disabled_at as disabledAt",
      "last_login_at as lastLoginAt",
    ])
    .where((eb) => eb.or([eb(sql`lower(name)`, "like", pattern), eb("email", "like", pattern)]))
    .orderBy(sql`lower(name)`)
    .limit(limit)
    .execute();
  const memberships = people.length
    ? await db
        .selectFrom("membership")
        .innerJoin("organization", "organization.id", "membership.organization_id")
        .select([
          "membership.user_id as userId",
          "membership.role",
          "organization.id as organizationId",
          ...ORGANIZATION_NAMES,
        ])
        .where(
          "membership.user_id",
          "in",
          people.map((p) => p.id),
        )
        .execute()
    : [];
  return people.map((p) => ({ ...p, memberships: memberships.filter((m) => m.userId === p.id) }));
}

/** Disables (sessions and calendar feed end at once) or enables an account again. */
export async function setAccountDisabled(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
  disabled: boolean,
): Promise<{ ok: true; name: string } | Refused> {
  if (!canDisableAccount(actor, { userId })) return { ok: false, error: "notAllowed" };
  return inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom("user")
      .select(["name", "email", "disabled_at"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) return { ok: false as const, error: "notFound" as const };
    if ((user.disabled_at !== null) === disabled) return { ok: true as const, name: user.name };
    await trx
      .updateTable("user")
      .set((eb) => ({
        disabled_at: disabled ? nowIso() : null,
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", userId)
      .execute();
    const sessionsEnded = disabled ? await endAccess(trx, userId) : 0;
    await appendAuditEvent(trx, meta, {
      type: disabled ? "user.disabled" : "user.enabled",
      subjectId: userId,
      data: { email: user.email, sessionsEnded },
    });
    return { ok: true as const, name: user.name };
  });
}

/**
 * Which of these people no longer belong to the organization they stood for (removed, or their
 * account disabled): "left the organization" on committee and agreement pages.
 */
export async function departed(db: Db, pairs: ReadonlyArray<{ userId: string; organizationId: string }>) {
  const left = new Set<string>();
  if (pairs.length === 0) return left;
  const current = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["membership.user_id as userId", "membership.organization_id as organizationId"])
    .where(
      "membership.user_id",
      "in",
      pairs.map((p) => p.userId),
    )
    .where("user.disabled_at", "is", null)
    .execute();
  const stays = new Set(current.map((c) => `${c.userId}:${c.organizationId}`));
  for (const p of pairs) if (!stays.has(`${p.userId}:${p.organizationId}`)) left.add(`${p.userId}:${p.organizationId}`);
  return left;
}
