/** Logging in with an email and a password, throttled per account and per IP. */
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { verifyAgainstDummy, verifyPassword } from "~/lib/password.server";
import { nowIso } from "~/lib/time";
import { combineThrottle, LOGIN_WINDOW_MINUTES, throttleState } from "./throttle";

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function recentFailures(db: DB, column: "email" | "ip", value: string, since: string): Promise<Date[]> {
  const rows = await db
    .selectFrom("login_attempt")
    .select("created_at")
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("created_at", ">", since)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => new Date(r.created_at));
}

/**
 * Checks the password unless the account or the IP is throttled. Never says whether
 * the email exists: unknown emails take the same time and give the same answer.
 */
export async function attemptLogin(
  db: DB,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const state = combineThrottle(
    throttleState(await recentFailures(db, "email", email, since), now),
    throttleState(await recentFailures(db, "ip", input.ip, since), now),
  );
  if (state.throttled) return { ok: false, reason: "throttled", retryAfterMinutes: state.retryAfterMinutes };

  const user = await db
    .selectFrom("user")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  const succeeded = valid && !!user && user.disabled_at === null;

  await db
    .insertInto("login_attempt")
    .values({ id: newId(), email, ip: input.ip, succeeded: succeeded ? 1 : 0, created_at: nowIso(now) })
    .execute();

  return succeeded ? { ok: true, userId: user!.id } : { ok: false, reason: "invalid" };
}

/** Removes attempts older than a day (run by the daily job). */
export async function pruneLoginAttempts(db: DB, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000).toISOString();
  const result = await db.deleteFrom("login_attempt").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records a login or logout in the audit log. */
export async function recordSessionEvent(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  type: "user.logged_in" | "user.logged_out",
) {
  await inTransaction(db, (trx) => appendAuditEvent(trx, meta, { type, data: {}, subjectId: meta.actorUserId }));
}
