import { describe, expect, it } from "vitest";
import { combineThrottle, LOGIN_FAILURE_LIMIT, throttleState } from "~/domain/identity/throttle";

const now = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("login throttling", () => {
  it("allows attempts while fewer than 10 failures fall in the last 15 minutes", () => {
    const failures = Array.from({ length: LOGIN_FAILURE_LIMIT - 1 }, (_, i) => minutesAgo(i));
    expect(throttleState(failures, now).throttled).toBe(false);
  });

  it("refuses after 10 failures in 15 minutes, until the oldest counted one leaves the window", () => {
    const failures = Array.from({ length: 10 }, (_, i) => minutesAgo(10 - i)); // 10..1 minutes ago
    const state = throttleState(failures, now);
    expect(state.throttled).toBe(true);
    if (state.throttled) {
      expect(state.retryAt.toISOString()).toBe(new Date(minutesAgo(10).getTime() + 15 * 60_000).toISOString());
      expect(state.retryAfterMinutes).toBe(5);
    }
  });

  it("counts failures stamped just after now: a check that began later may have reserved first", () => {
    const later = new Date(now.getTime() + 200);
    expect(
      throttleState(
        Array.from({ length: 10 }, () => later),
        now,
      ).throttled,
    ).toBe(true);
  });

  it("ignores failures older than the window", () => {
    const failures = [
      ...Array.from({ length: 5 }, () => minutesAgo(20)),
      ...Array.from({ length: 9 }, () => minutesAgo(1)),
    ];
    expect(throttleState(failures, now).throttled).toBe(false);
  });

  it("takes the stricter of the account and IP states", () => {
    const locked = throttleState(
      Array.from({ length: 10 }, () => minutesAgo(2)),
      now,
    );
    const free = throttleState([], now);
    expect(combineThrottle(free, locked)).toBe(locked);
    expect(combineThrottle(locked, free)).toBe(locked);
    expect(combineThrottle(free, free).throttled).toBe(false);
  });
});
