/** Two-factor sign-in: codes from the shown key, no session before the code, recovery codes once, throttled. */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "~/domain/access/access.server";
import {
  completeChallenge,
  confirmTotp,
  createChallenge,
  findChallenge,
  remainingRecoveryCodes,
  totpSetup,
} from "~/domain/identity/two-factor.server";
import { setTwoFactorPolicy } from "~/domain/organization/organization.server";
import { startSession, validateSessionId } from "~/lib/auth.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { makeOrganization, makePerson } from "../support/people";

let t: TestDatabase;
let userId: string;
let org: string;
const meta = (id: string, ip = "192.0.2.10") => ({ actorUserId: id, ip, userAgent: "vitest" });
const keyOf = (secret: string) => decodeBase32IgnorePadding(secret.replace(/\s/g, ""));
const codeFor = (secret: string) => generateTOTP(keyOf(secret), 30, 6);
/** The code an authenticator shows in the next 30 seconds (accepted: clocks drift by a step). */
const nextCodeFor = (secret: string) => generateHOTP(keyOf(secret), BigInt(Math.floor(Date.now() / 30_000) + 1), 6);

beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrganization(t.db, "Association Sahel");
  userId = await makePerson(t.db, { email: "admin@sahel.ma", memberOf: [{ organizationId: org, role: "admin" }] });
});
afterAll(() => t.close());

describe("setting two-factor sign-in up", () => {
  it("refuses a wrong code, then turns on with the code an authenticator app computes from the key", async () => {
    const setup = await totpSetup(t.db, userId);
    if (setup.enabled) throw new Error("already on");
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Charaka:admin%40sahel\.ma\?/);
    // The same key until it is confirmed (a reload shows the same QR code).
    expect(await totpSetup(t.db, userId)).toEqual(setup);
    expect(await confirmTotp(t.db, meta(userId), "000000")).toEqual({ ok: false, error: "wrong" });
    const confirmed = await confirmTotp(t.db, meta(userId), codeFor(setup.secret));
    if (!confirmed.ok) throw new Error("not confirmed");
    expect(confirmed.value).toHaveLength(10);
    expect(await remainingRecoveryCodes(t.db, userId)).toBe(10);
    // Stored hashed.
    const stored = await t.db.selectFrom("recovery_code").select("code_hash").execute();
    for (const code of confirmed.value) expect(stored.map((s) => s.code_hash)).not.toContain(code.replace("-", ""));
    recovery = confirmed.value;
    secret = setup.secret;
  });
});

let recovery: string[] = [];
let secret = "";

describe("the login's second step", () => {
  it("creates no session before the code is right", async () => {
    const token = await createChallenge(t.db, userId, "/agreements");
    expect(await t.db.selectFrom("session").select("id").where("user_id", "=", userId).execute()).toEqual([]);
    expect(await completeChallenge(t.db, { token, code: "123456", ip: "198.51.100.3" })).toEqual({
      ok: false,
      error: "wrong",
    });
    const done = await completeChallenge(t.db, { token, code: nextCodeFor(secret), ip: "198.51.100.3" });
    expect(done).toEqual({ ok: true, value: { userId, redirectTo: "/agreements", recovery: false } });
    expect(await findChallenge(t.db, token)).toBeNull();
  });

  it("takes a code once: the same code, or one of an earlier step, is refused afterwards", async () => {
    // The previous test signed in with the next step's code; the code of this step is now too old.
    const used = nextCodeFor(secret);
    const again = await createChallenge(t.db, userId, "/");
    expect(await completeChallenge(t.db, { token: again, code: codeFor(secret), ip: "198.51.100.5" })).toEqual({
      ok: false,
      error: "wrong",
    });
    expect(await completeChallenge(t.db, { token: again, code: used, ip: "198.51.100.5" })).toEqual({
      ok: false,
      error: "wrong",
    });
    expect(await findChallenge(t.db, again)).not.toBeNull();
  });

  it("takes a recovery code once", async () => {
    const first = await createChallenge(t.db, userId, "/");
    expect(
      (await completeChallenge(t.db, { token: first, code: recovery[0]!.toUpperCase(), ip: "198.51.100.4" })).ok,
    ).toBe(true);
    const second = await createChallenge(t.db, userId, "/");
    expect(await completeChallenge(t.db, { token: second, code: recovery[0]!, ip: "198.51.100.4" })).toEqual({
      ok: false,
      error: "wrong",
    });
    expect(await remainingRecoveryCodes(t.db, userId)).toBe(9);
  });

  it("is throttled: after 10 wrong codes in 15 minutes even the right one is refused", async () => {
    const token = await createChallenge(t.db, userId, "/");
    for (let i = 0; i < 10; i++)
      expect((await completeChallenge(t.db, { token, code: "999999", ip: `203.0.113.${i}` })).ok).toBe(false);
    const refused = await completeChallenge(t.db, { token, code: codeFor(secret), ip: "203.0.113.50" });
    expect(refused).toEqual({ ok: false, error: "throttled", retryAfterMinutes: 15 });
    const later = new Date(Date.now() + 16 * 60_000);
    const fresh = await createChallenge(t.db, userId, "/", later);
    expect((await completeChallenge(t.db, { token: fresh, code: recovery[1]!, ip: "203.0.113.50" }, later)).ok).toBe(
      true,
    );
  });
});

describe("who must use it", () => {
  it("a platform administrator, and an organization's admins once it requires it; demo accounts never", async () => {
    const session = async (id: string) =>
      validateSessionId(
        t.db,
        (await startSession(t.db, new Request("http://localhost/"), id, { ip: null, userAgent: null })).sessionId,
      );
    const platform = await makePerson(t.db, { email: "root@sahel.ma", platformAdmin: true });
    expect((await session(platform))!.twoFactorRequired).toBe(true);
    const member = await makePerson(t.db, {
      email: "membre@sahel.ma",
      memberOf: [{ organizationId: org, role: "member" }],
    });
    const other = await makePerson(t.db, {
      email: "autre@sahel.ma",
      memberOf: [{ organizationId: org, role: "president" }],
    });
    expect((await session(other))!.twoFactorRequired).toBe(false);
    const actor = await loadActor(t.db, { id: other, isPlatformAdmin: false });
    await setTwoFactorPolicy(t.db, actor, meta(other), org, { required: true });
    expect((await session(other))!.twoFactorRequired).toBe(true);
    expect((await session(member))!.twoFactorRequired).toBe(false);
    await t.db.updateTable("user").set({ is_demo: 1 }).where("id", "=", platform).execute();
    expect((await session(platform))!.twoFactorRequired).toBe(false);
  });
});
