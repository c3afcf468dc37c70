/**
 * Reset requests, two-factor codes and recovery codes, throttled by THE rule of every secret check
 * (attempts.server.ts: the attempt reserved before the check, per subject and per address), under
 * kinds of their own ("reset", "totp"), so that each counts apart from sign-in for its subject.
 * Kept as the one function these callers use, with the outcome shape they read.
 */
import type { DB } from "../../../db/client";
import { throttledCheck } from "./attempts.server";

export type GuardOutcome = { throttled: true; retryAfterMinutes: number } | { throttled: false; ok: boolean };

/**
 * Runs `check` unless `key` or `ip` had too many failures lately; a check that returns false counts
 * as a failure (a reset request always does: each one counts).
 */
export async function guardedCheck(
  db: DB,
  attempt: { kind: "reset" | "totp"; key: string; ip: string },
  check: () => Promise<boolean>,
  now: Date = new Date(),
): Promise<GuardOutcome> {
  const outcome = await throttledCheck(db, attempt, check, now);
  if (outcome.ok) return { throttled: false, ok: true };
  if (outcome.reason === "throttled") return { throttled: true, retryAfterMinutes: outcome.retryAfterMinutes };
  return { throttled: false, ok: false };
}
