/**
 * THE throttling rule for every check of a secret: sign-in, the password confirmations (password change,
 * in-app signing, minutes approval), and later reset links and two-factor codes. At most
 * LOGIN_FAILURE_LIMIT failed checks per subject (an account) and per address within LOGIN_WINDOW_MINUTES
 * (throttle.ts); past that, checks are refused until the window has moved on.
 *
 * The attempt is reserved before the secret is checked, in one write transaction (transactions take the
 * write lock first: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL, so across instances too):
 * counting the recent failures and recording the new attempt as failed are one step, and 30 parallel
 * wrong passwords make exactly 10 checks. A check that succeeds marks its attempt as succeeded.
 *
 * A new check calls it in one line:
 *
 *   const outcome = await throttledCheck(db, { kind: "totp", key: userId, ip }, () => verifyCode(secret, code));
 *   if (!outcome.ok) return outcome.reason === "throttled" ? …outcome.retryAfterMinutes… : …wrong…;
 *
 * or, when the check is not one function, `reserveAttempt(db, { kind, key, ip })` then
 * `attemptSucceeded(db, reservation.attemptId)`.
 */
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { newId } from "~/lib/crypto.server";
import { securityEvent } from "~/lib/log.server";
import { nowIso } from "~/lib/time";
import { combineThrottle, ipThrottleKey, LOGIN_WINDOW_MINUTES, throttleState } from "./throttle";

/** What is checked: sign-in ("login", keyed by the email typed), a signed-in person's password ("reauth"), … */
export type AttemptKind = "login" | "reauth" | "reset" | "totp";

export interface AttemptInput {
  kind: AttemptKind;
  /** Whose secret: the email typed at sign-in, the user id elsewhere. */
  key: string;
  /** The client's address (null or "unknown" when the server could not tell). */
  ip: string | null;
}

export type Reservation = { ok: true; attemptId: string } | { ok: false; retryAfterMinutes: number };

async function recentFailures(db: DB, where: { kind?: string; subject?: string; ip?: string }, since: string) {
  let query = db
    .selectFrom("auth_attempt")
    .select("created_at")
    .where("succeeded", "=", 0)
    .where("created_at", ">", since);
  if (where.kind !== undefined) query = query.where("kind", "=", where.kind);
  if (where.subject !== undefined) query = query.where("subject", "=", where.subject);
  if (where.ip !== undefined) query = query.where("ip", "=", where.ip);
  const rows = await query.orderBy("created_at", "desc").limit(50).execute();
  return rows.map((r) => new Date(r.created_at));
}

/** Reserves one check, or refuses it when the subject or the address is throttled (a refusal is not counted). */
export async function reserveAttempt(db: DB, input: AttemptInput, now: Date = new Date()): Promise<Reservation> {
  const subject = input.kind === "login" ? input.key.trim().toLowerCase() : input.key;
  const ip = ipThrottleKey(input.ip ?? "unknown");
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const reservation = await inTransaction(db, async (trx): Promise<Reservation> => {
    const state = combineThrottle(
      throttleState(await recentFailures(trx, { kind: input.kind, subject }, since), now),
      throttleState(await recentFailures(trx, { ip }, since), now),
    );
    if (state.throttled) return { ok: false, retryAfterMinutes: state.retryAfterMinutes };
    const attemptId = newId();
    await trx
      .insertInto("auth_attempt")
      .values({ id: attemptId, kind: input.kind, subject, ip, succeeded: 0, created_at: nowIso(now) })
      .execute();
    return { ok: true, attemptId };
  });
  if (!reservation.ok)
    securityEvent(input.kind === "login" ? "login.throttled" : "password.throttled", {
      kind: input.kind,
      ip,
      retryAfterMinutes: reservation.retryAfterMinutes,
      ...(input.kind === "login" ? {} : { subject }),
    });
  return reservation;
}

/** The reserved check succeeded: it no longer counts as a failure. */
export async function attemptSucceeded(db: DB, attemptId: string): Promise<void> {
  await db.updateTable("auth_attempt").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
}

export type CheckOutcome =
  { ok: true } | { ok: false; reason: "wrong" } | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** Reserves an attempt, runs `check` only if allowed, and records its result. */
export async function throttledCheck(
  db: DB,
  input: AttemptInput,
  check: () => Promise<boolean>,
  now: Date = new Date(),
): Promise<CheckOutcome> {
  const reservation = await reserveAttempt(db, input, now);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  if (!(await check())) {
    securityEvent(input.kind === "login" ? "login.failed" : "password.failed", {
      kind: input.kind,
      ip: ipThrottleKey(input.ip ?? "unknown"),
      ...(input.kind === "login" ? {} : { subject: input.key }),
    });
    return { ok: false, reason: "wrong" };
  }
  await attemptSucceeded(db, reservation.attemptId);
  return { ok: true };
}

/** Removes attempts older than a day (run by the daily job). */
export async function pruneAttempts(db: DB, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000).toISOString();
  const result = await db.deleteFrom("auth_attempt").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
