/**
 * The one way this branch's checks are throttled (reset requests, two-factor codes, recovery
 * codes): the login rule of throttle.ts, counted in `login_attempt` under keys of their own
 * ("reset:<email>", "totp:<user id>", and the IP under the same prefix), so one kind of attempt
 * never uses up another's budget. Point this function at a new rule and every caller follows.
 */
import type { DB } from "../../../db/client";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { recentFailures } from "./login.server";
import { combineThrottle, LOGIN_WINDOW_MINUTES, throttleState } from "./throttle";

export type GuardOutcome = { throttled: true; retryAfterMinutes: number } | { throttled: false; ok: boolean };

/**
 * Runs `check` unless `key` or `ip` had too many failures of this `kind` lately; a check that
 * returns false counts as a failure (a reset request always does: each one counts).
 */
export async function guardedCheck(
  db: DB,
  attempt: { kind: "reset" | "totp"; key: string; ip: string },
  check: () => Promise<boolean>,
  now: Date = new Date(),
): Promise<GuardOutcome> {
  const key = `${attempt.kind}:${attempt.key}`;
  const ip = `${attempt.kind}:${attempt.ip}`;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const state = combineThrottle(
    throttleState(await recentFailures(db, "email", key, since), now),
    throttleState(await recentFailures(db, "ip", ip, since), now),
  );
  if (state.throttled) return { throttled: true, retryAfterMinutes: state.retryAfterMinutes };
  const ok = await check();
  await db
    .insertInto("login_attempt")
    .values({ id: newId(), email: key, ip, succeeded: ok ? 1 : 0, created_at: nowIso(now) })
    .execute();
  return { throttled: false, ok };
}
