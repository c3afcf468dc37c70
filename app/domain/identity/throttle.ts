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
  // A failure stamped after `now` counts too: a check that began later may have taken the write lock
  // first (another instance), and its attempt is as real as this one's.
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs)
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

/**
 * The address an IP throttle counts by: an IPv4 address as it is (also when written as an IPv6-mapped
 * ::ffff:a.b.c.d), an IPv6 address by its /64 (the first four groups), since one household, phone or
 * server is usually given a whole /64 and can change the rest at will.
 */
export function ipThrottleKey(ip: string): string {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
