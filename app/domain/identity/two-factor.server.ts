/**
 * Two-factor sign-in: a TOTP key (RFC 6238, through @oslojs/otp: any authenticator app), ten
 * single-use recovery codes stored as SHA-256, the login's second step (a challenge row and a
 * short-lived cookie: no session exists before the code is right), all code checks throttled
 * through guardedCheck. Each change is audited.
 */
import { randomBytes } from "node:crypto";
import { decodeHex, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import type { Database } from "../../../db/schema";
import { inTransaction } from "../../../db/transaction";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { endOtherSessions } from "~/lib/auth.server";
import { newId, newToken, sha256Hex } from "~/lib/crypto.server";
import { verifyPassword } from "~/lib/password.server";
import { nowIso } from "~/lib/time";
import { guardedCheck } from "./guard.server";
import { normalizeCode, RECOVERY_CODE_COUNT, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "./two-factor";

export const CHALLENGE_MINUTES = 10;
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** "abcde-12345": 10 characters without look-alikes (no l, o, 0, 1). */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const recoveryHash = (code: string) => sha256Hex(code.replace(/[\s-]/g, "").toLowerCase());

async function account(db: DB, userId: string) {
  return db
    .selectFrom("user")
    .select(["email", "password_hash", "totp_key", "totp_enabled_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
}

/** The setup to show: the key as text (base32) and as the otpauth:// URI of the QR code; kept until confirmed. */
export async function totpSetup(
  db: DB,
  userId: string,
): Promise<{ enabled: true } | { enabled: false; secret: string; uri: string }> {
  const user = await account(db, userId);
  if (user.totp_enabled_at) return { enabled: true };
  let keyHex = user.totp_key;
  if (!keyHex) {
    keyHex = encodeHexLowerCase(randomBytes(20));
    await db.updateTable("user").set({ totp_key: keyHex, updated_at: nowIso() }).where("id", "=", userId).execute();
  }
  const key = decodeHex(keyHex);
  return {
    enabled: false,
    secret: encodeBase32UpperCaseNoPadding(key),
    uri: createTOTPKeyURI("Charaka", user.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
  };
}

/** The time step a code belongs to: this one, or the one before or after (clocks drift), else null. */
function totpStep(keyHex: string, code: string, now: Date): number | null {
  const current = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
  for (const step of [current, current - 1, current + 1])
    if (verifyHOTP(decodeHex(keyHex), BigInt(step), TOTP_DIGITS, code)) return step;
  return null;
}

/**
 * A right code is taken once (RFC 6238 §5.2): it must belong to a later step than the last one
 * accepted, and the conditional update decides, even for two requests at once.
 */
async function useTotp(db: DB, userId: string, keyHex: string | null, code: string, now: Date): Promise<boolean> {
  const step = keyHex === null ? null : totpStep(keyHex, code, now);
  if (step === null) return false;
  const taken = await db
    .updateTable("user")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

async function replaceRecoveryCodes(trx: Transaction<Database>, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  const at = nowIso();
  await trx
    .insertInto("recovery_code")
    .values(
      codes.map((c) => ({ id: newId(), user_id: userId, code_hash: recoveryHash(c), used_at: null, created_at: at })),
    )
    .execute();
  return codes;
}

export type CodeOutcome<T> =
  { ok: true; value: T } | { ok: false; error: "wrong" } | { ok: false; error: "throttled"; retryAfterMinutes: number };

/** Turns two-factor sign-in on with a first right code; returns the ten recovery codes, to show once. */
export async function confirmTotp(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  code: string,
): Promise<CodeOutcome<string[]>> {
  const userId = meta.actorUserId;
  const user = await account(db, userId);
  const normalized = normalizeCode(code);
  const outcome = await guardedCheck(db, { kind: "totp", key: userId, ip: meta.ip ?? "unknown" }, async () =>
    normalized?.kind === "totp" ? useTotp(db, userId, user.totp_key, normalized.value, new Date()) : false,
  );
  if (outcome.throttled) return { ok: false, error: "throttled", retryAfterMinutes: outcome.retryAfterMinutes };
  if (!outcome.ok) return { ok: false, error: "wrong" };
  const codes = await inTransaction(db, async (trx) => {
    await trx
      .updateTable("user")
      .set({ totp_enabled_at: nowIso(), updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    const codes = await replaceRecoveryCodes(trx, userId);
    await appendAuditEvent(trx, meta, { type: "user.two_factor_enabled", subjectId: userId, data: {} });
    return codes;
  });
  return { ok: true, value: codes };
}

/** New recovery codes (the old ones stop working), after the password. */
export async function regenerateRecoveryCodes(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  password: string,
): Promise<{ ok: true; codes: string[] } | { ok: false }> {
  const user = await account(db, meta.actorUserId);
  if (!user.totp_enabled_at || !(await verifyPassword(user.password_hash, password))) return { ok: false };
  const codes = await inTransaction(db, async (trx) => {
    const codes = await replaceRecoveryCodes(trx, meta.actorUserId);
    await appendAuditEvent(trx, meta, { type: "user.recovery_codes_renewed", subjectId: meta.actorUserId, data: {} });
    return codes;
  });
  return { ok: true, codes };
}

/** Turns two-factor sign-in off, after the password (the page offers it only when it is not required). */
export async function disableTwoFactor(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  password: string,
): Promise<{ ok: boolean }> {
  const user = await account(db, meta.actorUserId);
  if (!(await verifyPassword(user.password_hash, password))) return { ok: false };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("user")
      .set({ totp_key: null, totp_enabled_at: null, totp_last_step: null, updated_at: nowIso() })
      .where("id", "=", meta.actorUserId)
      .execute();
    await trx.deleteFrom("recovery_code").where("user_id", "=", meta.actorUserId).execute();
    await appendAuditEvent(trx, meta, { type: "user.two_factor_disabled", subjectId: meta.actorUserId, data: {} });
  });
  return { ok: true };
}

export async function remainingRecoveryCodes(db: DB, userId: string): Promise<number> {
  const rows = await db
    .selectFrom("recovery_code")
    .select("id")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  return rows.length;
}

// ── The login's second step ────────────────────────────────────────────────────────────

export async function hasTwoFactor(db: DB, userId: string): Promise<boolean> {
  return (await account(db, userId)).totp_enabled_at !== null;
}

/** The password was right: a challenge awaits the code. Returns the token for the cookie. */
export async function createChallenge(db: DB, userId: string, redirectTo: string, now: Date = new Date()) {
  const token = newToken();
  await db.deleteFrom("login_challenge").where("expires_at", "<", nowIso(now)).execute();
  await db
    .insertInto("login_challenge")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      redirect_to: redirectTo,
      expires_at: nowIso(new Date(now.getTime() + CHALLENGE_MINUTES * 60_000)),
      created_at: nowIso(now),
    })
    .execute();
  return token;
}

export async function findChallenge(db: DB, token: string, now: Date = new Date()) {
  return (
    (await db
      .selectFrom("login_challenge")
      .innerJoin("user", "user.id", "login_challenge.user_id")
      .select(["login_challenge.user_id as userId", "login_challenge.redirect_to as redirectTo", "user.email"])
      .where("login_challenge.id", "=", sha256Hex(token))
      .where("login_challenge.expires_at", ">", nowIso(now))
      .where("user.disabled_at", "is", null)
      .executeTakeFirst()) ?? null
  );
}

/**
 * The second step: a TOTP code or an unused recovery code (which is then used up), throttled per
 * account and per IP. On success the challenge is gone and the caller starts the session.
 */
export async function completeChallenge(
  db: DB,
  input: { token: string; code: string; ip: string },
  now: Date = new Date(),
): Promise<CodeOutcome<{ userId: string; redirectTo: string; recovery: boolean }>> {
  const challenge = await findChallenge(db, input.token, now);
  if (!challenge) return { ok: false, error: "wrong" };
  const normalized = normalizeCode(input.code);
  let recovery = false;
  const outcome = await guardedCheck(
    db,
    { kind: "totp", key: challenge.userId, ip: input.ip },
    async () => {
      if (!normalized) return false;
      if (normalized.kind === "totp")
        return useTotp(db, challenge.userId, (await account(db, challenge.userId)).totp_key, normalized.value, now);
      // A recovery code works once: the conditional update decides, even for two requests at once.
      const used = await db
        .updateTable("recovery_code")
        .set({ used_at: nowIso(now) })
        .where("user_id", "=", challenge.userId)
        .where("code_hash", "=", recoveryHash(normalized.value))
        .where("used_at", "is", null)
        .executeTakeFirst();
      recovery = Number(used.numUpdatedRows) === 1;
      return recovery;
    },
    now,
  );
  if (outcome.throttled) return { ok: false, error: "throttled", retryAfterMinutes: outcome.retryAfterMinutes };
  if (!outcome.ok) return { ok: false, error: "wrong" };
  await db.deleteFrom("login_challenge").where("id", "=", sha256Hex(input.token)).execute();
  if (recovery)
    await inTransaction(db, (trx) =>
      appendAuditEvent(
        trx,
        { actorUserId: challenge.userId, ip: input.ip, userAgent: null },
        {
          type: "user.recovery_code_used",
          subjectId: challenge.userId,
          data: {},
        },
      ),
    );
  return { ok: true, value: { userId: challenge.userId, redirectTo: challenge.redirectTo, recovery } };
}

// ── Sessions ───────────────────────────────────────────────────────────────────────────

/** The person's active sessions, the current one marked (ids are the stored hashes, never cookies). */
export async function listSessions(db: DB, userId: string, currentSessionId: string, now: Date = new Date()) {
  const rows = await db
    .selectFrom("session")
    .select(["id", "ip", "user_agent as userAgent", "created_at as createdAt", "last_seen_at as lastSeenAt"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", nowIso(now))
    .where("absolute_expires_at", ">", nowIso(now))
    .orderBy("created_at", "desc")
    .execute();
  const current = sha256Hex(currentSessionId);
  return rows.map((r) => ({ ...r, current: r.id === current }));
}

/** Signs out one of the person's own sessions (never another person's). */
export async function endOneSession(db: DB, meta: RequestMeta & { actorUserId: string }, storedId: string) {
  await inTransaction(db, async (trx) => {
    const ended = await trx
      .deleteFrom("session")
      .where("id", "=", storedId)
      .where("user_id", "=", meta.actorUserId)
      .executeTakeFirst();
    if (Number(ended.numDeletedRows) > 0)
      await appendAuditEvent(trx, meta, {
        type: "user.sessions_ended",
        subjectId: meta.actorUserId,
        data: { count: 1 },
      });
  });
}

/** Signs out every other session of the person ("sign out all others"). */
export async function endOtherSessionsOf(db: DB, meta: RequestMeta & { actorUserId: string }, keepSessionId: string) {
  await inTransaction(db, async (trx) => {
    const count = await endOtherSessions(trx, meta.actorUserId, keepSessionId);
    if (count > 0)
      await appendAuditEvent(trx, meta, { type: "user.sessions_ended", subjectId: meta.actorUserId, data: { count } });
  });
}
