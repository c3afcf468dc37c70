import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptLogin } from "~/domain/identity/login.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, FACTORY_PASSWORD, type Person } from "../support/factories";

let t: TestDatabase;
/** Four people, one per test, so that no test's failures lock another's account. */
let partner: Person;
let member: Person;
let president: Person;
let other: Person;
beforeAll(async () => {
  t = await createTestDatabase();
  const f = factories(t.db);
  [partner, member, president, other] = [await f.person(), await f.person(), await f.person(), await f.person()];
});
afterAll(() => t.close());

const PASSWORD = FACTORY_PASSWORD;

describe("login", () => {
  it("accepts the right password whatever the case of the email", async () => {
    const outcome = await attemptLogin(t.db, {
      // person-…@factory.example, typed with capitals
      email: partner.email.replace(/^person/, "Person").replace("@factory", "@Factory"),
      password: PASSWORD,
      ip: "198.51.100.1",
    });
    expect(outcome.ok).toBe(true);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const unknown = await attemptLogin(t.db, {
      email: "nobody@nowhere.example",
      password: PASSWORD,
      ip: "198.51.100.2",
    });
    const wrong = await attemptLogin(t.db, {
      email: member.email,
      password: "not the password",
      ip: "198.51.100.2",
    });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after 10 failures in 15 minutes, even from many IPs and with the right password", async () => {
    const now = new Date("2026-11-23T09:00:00Z");
    for (let i = 0; i < 10; i++) {
      const r = await attemptLogin(t.db, { email: president.email, password: "wrong", ip: `203.0.113.${i}` }, now);
      expect(r.ok).toBe(false);
    }
    const locked = await attemptLogin(t.db, { email: president.email, password: PASSWORD, ip: "203.0.113.99" }, now);
    expect(locked).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 15 });
    const later = new Date(now.getTime() + 15 * 60_000 + 1000);
    expect(
      (await attemptLogin(t.db, { email: president.email, password: PASSWORD, ip: "203.0.113.99" }, later)).ok,
    ).toBe(true);
  });

  it("locks an IP after 10 failures in 15 minutes, across accounts", async () => {
    const now = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i < 10; i++) {
      await attemptLogin(t.db, { email: `guess${i}@example.org`, password: "wrong", ip: "192.0.2.200" }, now);
    }
    const fromSameIp = await attemptLogin(t.db, { email: other.email, password: PASSWORD, ip: "192.0.2.200" }, now);
    expect(fromSameIp.ok).toBe(false);
    expect(!fromSameIp.ok && fromSameIp.reason).toBe("throttled");
    const fromElsewhere = await attemptLogin(t.db, { email: other.email, password: PASSWORD, ip: "192.0.2.201" }, now);
    expect(fromElsewhere.ok).toBe(true);
  });
});
