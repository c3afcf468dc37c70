/**
 * Login throttling rule: after LIMIT failed attempts for one account or from one IP
 * within WINDOW minutes, further attempts are refused until the window has passed.
 * Refused attempts are not counted, so the lock lifts on time however often one retries.
 */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MINUTES = 15;

export type ThrottleState = { throttled: false } | { throttled: true; retryAt: Date; retryAfterMinutes: number };

/** `failures`: times of failed attempts for one key (account or IP) within the window, any order. */
export function throttleState(
  failures: ReadonlyArray<Date>,
  now: Date,
  limit = LOGIN_FAILURE_LIMIT,
  windowMinutes = LOGIN_WINDOW_MINUTES,
): ThrottleState {
  const windowMs = windowMinutes * 60_000;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < limit) return { throttled: false };
  // Attempts are allowed again once fewer than `limit` failures remain in the window.
  const retryAt = new Date(recent[recent.length - limit]! + windowMs);
  const retryAfterMinutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return { throttled: true, retryAt, retryAfterMinutes };
}

/** The stricter of two states (account and IP). */
export function combineThrottle(a: ThrottleState, b: ThrottleState): ThrottleState {
  if (!a.throttled) return b;
  if (!b.throttled) return a;
  return a.retryAt >= b.retryAt ? a : b;
}
