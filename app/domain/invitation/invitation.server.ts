/** Invitations: an organization's manager invites a person by email; the link is single-use. */
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Locale, MembershipRole } from "../../../db/schema";
import { canInvite, canManageOrganization, type Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { insertUser } from "../identity/account.server";
import { newId, newToken, sha256Hex } from "~/lib/crypto.server";
import { addDays, nowIso } from "~/lib/time";
import { INVITATION_VALID_DAYS, invitationState } from "./invitation";
import { ORGANIZATION_NAMES } from "../party/party.queries.server";

export type InviteOutcome =
  | { ok: true; token: string; invitationId: string; expiresAt: string }
  | { ok: false; error: "forbidden" | "alreadyMember" | "pending" };

export async function createInvitation(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  input: { email: string; role: MembershipRole; title?: string; now?: Date },
): Promise<InviteOutcome> {
  const now = input.now ?? new Date();
  if (!canInvite(actor, organizationId, input.role)) return { ok: false, error: "forbidden" };
  const email = input.email.trim().toLowerCase();
  return inTransaction(db, async (trx) => {
    const member = await trx
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.user_id")
      .select("membership.id")
      .where("membership.organization_id", "=", organizationId)
      .where("user.email", "=", email)
      .executeTakeFirst();
    if (member) return { ok: false as const, error: "alreadyMember" as const };
    const pending = await trx
      .selectFrom("invitation")
      .select("id")
      .where("organization_id", "=", organizationId)
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", nowIso(now))
      .executeTakeFirst();
    if (pending) return { ok: false as const, error: "pending" as const };

    const token = newToken();
    const id = newId();
    const at = nowIso(now);
    const expiresAt = nowIso(addDays(now, INVITATION_VALID_DAYS));
    await trx
      .insertInto("invitation")
      .values({
        id,
        organization_id: organizationId,
        email,
        role: input.role,
        title: input.title ?? null,
        token_hash: sha256Hex(token),
        invited_by_user_id: actor.userId,
        expires_at: expiresAt,
        accepted_at: null,
        accepted_by_user_id: null,
        revoked_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "invitation.created",
      organizationId,
      subjectId: id,
      data: { email, role: input.role },
    });
    return { ok: true as const, token, invitationId: id, expiresAt };
  });
}

export async function listPendingInvitations(db: DB, actor: Actor, organizationId: string, now: Date = new Date()) {
  if (!canManageOrganization(actor, organizationId)) return [];
  return db
    .selectFrom("invitation")
    .select(["id", "email", "role", "title", "expires_at as expiresAt"])
    .where("organization_id", "=", organizationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso(now))
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeInvitation(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  { invitationId }: { invitationId: string },
): Promise<{ ok: boolean }> {
  if (!canManageOrganization(actor, organizationId)) return { ok: false };
  return inTransaction(db, async (trx) => {
    const invitation = await trx
      .selectFrom("invitation")
      .select(["email"])
      .where("id", "=", invitationId)
      .where("organization_id", "=", organizationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!invitation) return { ok: false };
    await trx
      .updateTable("invitation")
      .set((eb) => ({ revoked_at: nowIso(), updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", invitationId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "invitation.revoked",
      organizationId,
      subjectId: invitationId,
      data: { email: invitation.email },
    });
    return { ok: true };
  });
}

/** What the invitation page shows: only for a pending invitation, otherwise null. */
export async function findPendingInvitation(db: DB, token: string, now: Date = new Date()) {
  const row = await db
    .selectFrom("invitation")
    .innerJoin("organization", "organization.id", "invitation.organization_id")
    .leftJoin("user as inviter", "inviter.id", "invitation.invited_by_user_id")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.role",
      "invitation.title",
      "invitation.expires_at",
      "invitation.accepted_at",
      "invitation.revoked_at",
      "organization.id as organizationId",
      ...ORGANIZATION_NAMES,
      "inviter.name as inviterName",
    ])
    .where("invitation.token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || invitationState(row, now) !== "pending") return null;
  const existing = await db.selectFrom("user").select("id").where("email", "=", row.email).executeTakeFirst();
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    organization: { id: row.organizationId, nameFr: row.nameFr, nameAr: row.nameAr },
    inviterName: row.inviterName,
    accountExists: existing !== undefined,
  };
}

export type AcceptOutcome =
  | { ok: true; userId: string; organizationId: string }
  | { ok: false; error: "invalid" | "accountExists" | "wrongAccount" };

/**
 * Accepts a pending invitation: creates the account (new person) or adds the membership
 * to the signed-in account whose email it was sent to. Single use, in one transaction.
 */
export async function acceptInvitation(
  db: DB,
  meta: RequestMeta,
  token: string,
  who: { newAccount: { name: string; password: string; locale: Locale } } | { userId: string },
  now: Date = new Date(),
): Promise<AcceptOutcome> {
  return inTransaction(db, async (trx) => {
    const invitation = await trx
      .selectFrom("invitation")
      .selectAll()
      .where("token_hash", "=", sha256Hex(token))
      .executeTakeFirst();
    if (!invitation || invitationState(invitation, now) !== "pending")
      return { ok: false as const, error: "invalid" as const };
    const existing = await trx
      .selectFrom("user")
      .select(["id"])
      .where("email", "=", invitation.email)
      .executeTakeFirst();

    let userId: string;
    let newAccount = false;
    if ("newAccount" in who) {
      if (existing) return { ok: false as const, error: "accountExists" as const };
      userId = await insertUser(trx, { email: invitation.email, ...who.newAccount }, now);
      newAccount = true;
    } else {
      if (!existing || existing.id !== who.userId) return { ok: false as const, error: "wrongAccount" as const };
      userId = existing.id;
    }

    const at = nowIso(now);
    await trx
      .insertInto("membership")
      .values({
        id: newId(),
        user_id: userId,
        organization_id: invitation.organization_id,
        role: invitation.role,
        title: invitation.title,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["user_id", "organization_id"]).doNothing())
      .execute();
    await trx
      .updateTable("invitation")
      .set((eb) => ({ accepted_at: at, accepted_by_user_id: userId, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", invitation.id)
      .execute();
    await appendAuditEvent(
      trx,
      { ...meta, actorUserId: userId },
      {
        type: "invitation.accepted",
        organizationId: invitation.organization_id,
        subjectId: invitation.id,
        data: { email: invitation.email, role: invitation.role, newAccount },
      },
      now,
    );
    return { ok: true as const, userId, organizationId: invitation.organization_id };
  });
}
