/** Logging in with an email and a password, and confirming it once signed in, throttled per account and per IP. */
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import type { FieldError } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n/translate";
import { verifyAgainstDummy, verifyPassword } from "~/lib/password.server";
import { throttledCheck } from "./attempts.server";

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/**
 * Checks the password unless the account or the IP is throttled (attempts.server.ts: the attempt is
 * reserved before the check). Never says whether the email exists: unknown emails take the same time
 * and give the same answer.
 */
export async function attemptLogin(
  db: DB,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  let userId: string | null = null;
  const outcome = await throttledCheck(
    db,
    { kind: "login", key: email, ip: input.ip },
    async () => {
      const user = await db
        .selectFrom("user")
        .select(["id", "password_hash", "disabled_at"])
        .where("email", "=", email)
        .executeTakeFirst();
      const valid = user
        ? await verifyPassword(user.password_hash, input.password)
        : await verifyAgainstDummy(input.password);
      if (!valid || !user || user.disabled_at !== null) return false;
      userId = user.id;
      return true;
    },
    now,
  );
  if (outcome.ok) return { ok: true, userId: userId! };
  return outcome.reason === "throttled"
    ? { ok: false, reason: "throttled", retryAfterMinutes: outcome.retryAfterMinutes }
    : { ok: false, reason: "invalid" };
}

/** A signed-in person's password confirmation refused: wrong, or too many wrong ones lately. */
export type PasswordRefusal = { ok: false; error: "password"; retryAfterMinutes?: number };

/**
 * Confirms a signed-in person's password (changing it, signing, approving minutes), under the same
 * throttle as sign-in: null when it is right, the refusal otherwise.
 */
export async function confirmPassword(
  db: DB,
  input: { userId: string; password: string; ip: string | null },
  now: Date = new Date(),
): Promise<PasswordRefusal | null> {
  const outcome = await throttledCheck(
    db,
    { kind: "reauth", key: input.userId, ip: input.ip },
    async () => {
      const user = await db
        .selectFrom("user")
        .select("password_hash")
        .where("id", "=", input.userId)
        .executeTakeFirst();
      return !!user && (await verifyPassword(user.password_hash, input.password));
    },
    now,
  );
  if (outcome.ok) return null;
  return outcome.reason === "throttled"
    ? { ok: false, error: "password", retryAfterMinutes: outcome.retryAfterMinutes }
    : { ok: false, error: "password" };
}

/** The message for a refused password confirmation, next to the password field. */
export function passwordRefusalError(refusal: PasswordRefusal, wrong: MessageKey): FieldError {
  return refusal.retryAfterMinutes !== undefined
    ? { key: "login.error.throttled", vars: { count: refusal.retryAfterMinutes } }
    : { key: wrong };
}

/** Records a login or logout in the audit log. */
export async function recordSessionEvent(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  type: "user.logged_in" | "user.logged_out",
) {
  await inTransaction(db, (trx) => appendAuditEvent(trx, meta, { type, data: {}, subjectId: meta.actorUserId }));
}
