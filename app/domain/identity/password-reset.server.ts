/**
 * Forgotten passwords: a single-use link valid one hour (only its token's SHA-256 is stored),
 * asked for by email (`/forgot-password`, the same answer whether the account exists or not,
 * throttled like login) or made by hand by the platform administrator or a president and handed
 * over. Choosing the new password ends every session of the person.
 */
import type { Transporter } from "nodemailer";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { canMakeResetLink, type Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId, newToken, sha256Hex } from "~/lib/crypto.server";
import { translate } from "~/lib/i18n/translate";
import { sendMail } from "~/lib/mail.server";
import { hashPassword } from "~/lib/password.server";
import { nowIso } from "~/lib/time";
import { guardedCheck } from "./guard.server";

export const RESET_VALID_MINUTES = 60;
export const resetPath = (token: string) => `/reset-password/${token}`;

async function insertReset(
  db: DB,
  meta: RequestMeta,
  userId: string,
  createdBy: string | null,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = nowIso(new Date(now.getTime() + RESET_VALID_MINUTES * 60_000));
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("password_reset")
      .values({
        id: newId(),
        user_id: userId,
        token_hash: sha256Hex(token),
        created_by_user_id: createdBy,
        expires_at: expiresAt,
        used_at: null,
        created_at: nowIso(now),
      })
      .execute();
    await appendAuditEvent(
      trx,
      meta,
      { type: "user.password_reset_link", subjectId: userId, data: { byHand: createdBy !== null } },
      now,
    );
  });
  return { token, expiresAt };
}

export type ResetRequestOutcome = { ok: true } | { ok: false; retryAfterMinutes: number };

/**
 * Someone asks for a reset link. Whether the email has an (enabled) account or not, the answer is
 * the same; when it has, the email goes out after the commit, in the person's language, without
 * being awaited (the answer takes the same time either way) and without a copy in the database.
 */
export async function requestPasswordReset(
  db: DB,
  input: { email: string; ip: string; origin: string },
  mail: { transport: Transporter; from: string } | null,
  now: Date = new Date(),
): Promise<ResetRequestOutcome> {
  const email = input.email.trim().toLowerCase();
  let send: (() => Promise<void>) | null = null;
  const outcome = await guardedCheck(
    db,
    { kind: "reset", key: email, ip: input.ip },
    async () => {
      const user = await db
        .selectFrom("user")
        .select(["id", "email", "name", "locale"])
        .where("email", "=", email)
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      if (user && mail) {
        const { token } = await insertReset(
          db,
          { actorUserId: null, ip: input.ip, userAgent: null },
          user.id,
          null,
          now,
        );
        const link = `${input.origin}${resetPath(token)}`;
        send = async () => {
          await sendMail(mail.transport, {
            from: mail.from,
            to: user.email,
            subject: translate(user.locale, "reset.mail.subject"),
            text: translate(user.locale, "reset.mail.body", { name: user.name, link, minutes: RESET_VALID_MINUTES }),
          });
        };
      }
      return false; // every request counts against the limit
    },
    now,
  );
  if (outcome.throttled) return { ok: false, retryAfterMinutes: outcome.retryAfterMinutes };
  const pending = send as (() => Promise<void>) | null;
  if (pending) pending().catch((error) => console.error("Sending a password reset email failed:", error));
  return { ok: true };
}

/** Who a person is, as canMakeResetLink needs it, for several people at once. */
export async function resetLinkTargets(db: DB, userIds: string[]) {
  const targets = new Map<
    string,
    { userId: string; isPlatformAdmin: boolean; memberships: { organizationId: string; role: string }[] }
  >();
  if (userIds.length === 0) return targets;
  const users = await db.selectFrom("user").select(["id", "is_platform_admin"]).where("id", "in", userIds).execute();
  const memberships = await db
    .selectFrom("membership")
    .select(["user_id", "organization_id", "role"])
    .where("user_id", "in", userIds)
    .execute();
  for (const u of users)
    targets.set(u.id, {
      userId: u.id,
      isPlatformAdmin: u.is_platform_admin === 1,
      memberships: memberships
        .filter((m) => m.user_id === u.id)
        .map((m) => ({ organizationId: m.organization_id, role: m.role })),
    });
  return targets;
}

/** A reset link made by hand (no email needed), shown once to the one who made it. */
export async function makeResetLink(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  userId: string,
  now: Date = new Date(),
): Promise<{ ok: true; token: string; name: string } | { ok: false }> {
  const target = (await resetLinkTargets(db, [userId])).get(userId);
  if (!target || !canMakeResetLink(actor, target)) return { ok: false };
  const user = await db.selectFrom("user").select("name").where("id", "=", userId).executeTakeFirstOrThrow();
  const { token } = await insertReset(db, meta, userId, actor.userId, now);
  return { ok: true, token, name: user.name };
}

async function validReset(db: DB, token: string, now: Date) {
  return db
    .selectFrom("password_reset")
    .innerJoin("user", "user.id", "password_reset.user_id")
    .select(["password_reset.id", "password_reset.user_id as userId", "user.email", "user.name"])
    .where("password_reset.token_hash", "=", sha256Hex(token))
    .where("password_reset.used_at", "is", null)
    .where("password_reset.expires_at", ">", nowIso(now))
    .where("user.disabled_at", "is", null)
    .executeTakeFirst();
}

/** The person a reset link is for, or null when it is unknown, used or expired. */
export async function findReset(db: DB, token: string, now: Date = new Date()) {
  return (await validReset(db, token, now)) ?? null;
}

/** Sets the new password (single use), ends every session of the person and their other links. */
export async function resetPassword(
  db: DB,
  meta: RequestMeta,
  token: string,
  newPassword: string,
  now: Date = new Date(),
): Promise<{ ok: true; sessionsEnded: number } | { ok: false }> {
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (trx) => {
    const reset = await validReset(trx as unknown as DB, token, now);
    if (!reset) return { ok: false as const };
    const at = nowIso(now);
    const used = await trx
      .updateTable("password_reset")
      .set({ used_at: at })
      .where("user_id", "=", reset.userId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return { ok: false as const };
    await trx
      .updateTable("user")
      .set((eb) => ({ password_hash: passwordHash, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", reset.userId)
      .execute();
    const ended = await trx.deleteFrom("session").where("user_id", "=", reset.userId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await appendAuditEvent(
      trx,
      { ...meta, actorUserId: reset.userId },
      { type: "user.password_reset", subjectId: reset.userId, data: { sessionsEnded } },
      now,
    );
    return { ok: true as const, sessionsEnded };
  });
}
