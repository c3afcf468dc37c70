/**
 * One throttling rule for every check of a secret (app/domain/identity/attempts.server.ts): the attempt
 * is reserved before the secret is checked, so parallel attempts cannot slip past the count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveMinutes } from "~/domain/committee/meetings.server";
import { changePassword } from "~/domain/identity/account.server";
import { reserveAttempt, throttledCheck } from "~/domain/identity/attempts.server";
import { attemptLogin } from "~/domain/identity/login.server";
import { signAgreement } from "~/domain/signing/signing.server";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const parallel = <T>(n: number, run: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => run(i)));
const count = <T>(items: T[], pick: (item: T) => boolean) => items.filter(pick).length;

describe("the throttle counts and records in one step", () => {
  it("30 parallel wrong passwords for one account make exactly 10 password checks", async () => {
    const { email } = await factories(t.db).person();
    const outcomes = await parallel(30, (i) =>
      attemptLogin(t.db, { email, password: `wrong-${i}`, ip: `192.0.2.${i}` }),
    );
    expect(count(outcomes, (o) => !o.ok && o.reason === "invalid")).toBe(10);
    expect(count(outcomes, (o) => !o.ok && o.reason === "throttled")).toBe(20);
    const rows = await t.db.selectFrom("auth_attempt").selectAll().where("subject", "=", email).execute();
    expect(rows).toHaveLength(10);
  });

  // Two instances share one database on PostgreSQL; two SQLite connections in one process would block
  // each other's event loop (busy_timeout waits synchronously), where two processes simply take turns.
  it.runIf(onPostgres)("the same from two instances on one database", async () => {
    const { email } = await factories(t.db).person();
    const other = t.openAnother();
    try {
      const outcomes = await parallel(30, (i) =>
        attemptLogin(i % 2 ? t.db : other.db, {
          email,
          password: "wrong",
          ip: `192.0.3.${i}`,
        }),
      );
      expect(count(outcomes, (o) => !o.ok && o.reason === "invalid")).toBe(10);
    } finally {
      await other.close();
    }
  });

  it("30 parallel wrong current passwords on the password change: exactly 10 checks", async () => {
    const { userId: id } = await factories(t.db).person();
    const outcomes = await parallel(30, () =>
      changePassword(
        t.db,
        { actorUserId: id, ip: "192.0.4.1", userAgent: null },
        { currentPassword: "wrong", newPassword: "a new long password 2026", keepSessionId: "none" },
      ),
    );
    expect(count(outcomes, (o) => !o.ok && o.retryAfterMinutes === undefined)).toBe(10);
    expect(count(outcomes, (o) => !o.ok && o.retryAfterMinutes !== undefined)).toBe(20);
  });

  it("30 parallel wrong passwords when signing in the app: exactly 10 checks", async () => {
    const agreement = await factories(t.db).agreement({ status: "awaiting_signatures" });
    const { actor } = agreement.owner;
    const loaded = await agreement.load();
    const outcomes = await parallel(30, () =>
      signAgreement(t.db, actor, { actorUserId: actor.userId, ip: "192.0.5.1", userAgent: null }, loaded, {
        partyId: "none",
        typedName: "x",
        password: "wrong",
        sessionId: "none",
      }),
    );
    expect(count(outcomes, (o) => !o.ok && o.error === "password" && o.retryAfterMinutes === undefined)).toBe(10);
    expect(count(outcomes, (o) => !o.ok && o.error === "password" && o.retryAfterMinutes !== undefined)).toBe(20);
  });

  it("30 parallel wrong passwords when approving minutes: exactly 10 checks", async () => {
    const agreement = await factories(t.db).agreement({ status: "active" });
    const { actor } = agreement.owner;
    const loaded = await agreement.load();
    const outcomes = await parallel(30, () =>
      approveMinutes(t.db, actor, { actorUserId: actor.userId, ip: "192.0.6.1", userAgent: null }, loaded, {
        meetingId: "none",
        password: "wrong",
      }),
    );
    const password = outcomes.filter((o) => !o.ok && o.error === "password") as Array<{ retryAfterMinutes?: number }>;
    expect(count(password, (o) => o.retryAfterMinutes === undefined)).toBe(10);
    expect(count(password, (o) => o.retryAfterMinutes !== undefined)).toBe(20);
  });

  it("a new kind of check (a reset link, a two-factor code) is throttled the same in one line", async () => {
    let checks = 0;
    const outcomes = await parallel(15, () =>
      throttledCheck(t.db, { kind: "totp", key: "user-x", ip: "192.0.7.1" }, async () => {
        checks += 1;
        return false;
      }),
    );
    expect(checks).toBe(10);
    expect(count(outcomes, (o) => !o.ok && o.reason === "throttled")).toBe(5);
  });
});

describe("IPv6 addresses are throttled by /64", () => {
  it("10 failures from addresses of one /64 lock that /64 for every account, not the next /64", async () => {
    const now = new Date("2026-11-25T09:00:00Z");
    for (let i = 0; i < 10; i++) {
      const r = await attemptLogin(
        t.db,
        { email: `nobody${i}@example.org`, password: "wrong", ip: `2001:db8:aa:1::${(i + 1).toString(16)}` },
        now,
      );
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await reserveAttempt(t.db, { kind: "login", key: "someone@example.org", ip: "2001:db8:aa:1:ffff:1:2:3" }, now),
    ).toEqual({ ok: false, retryAfterMinutes: 15 });
    expect(
      (await reserveAttempt(t.db, { kind: "login", key: "someone@example.org", ip: "2001:db8:aa:2::1" }, now)).ok,
    ).toBe(true);
  });
});
