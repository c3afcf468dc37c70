/** Forgotten passwords: one answer for all, a single-use hashed link valid 1 hour, throttled, sessions ended. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canMakeResetLink } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { attemptLogin } from "~/domain/identity/login.server";
import { findReset, makeResetLink, requestPasswordReset, resetPassword } from "~/domain/identity/password-reset.server";
import { startSession, validateSessionId } from "~/lib/auth.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { makeOrganization, makePerson } from "../support/people";
import { mailText, startSmtpServer, type TestSmtpServer } from "../support/smtp";

let t: TestDatabase;
let smtp: TestSmtpServer;
let mail: { transport: ReturnType<TestSmtpServer["transport"]>; from: string };
const people = {} as Record<"amal" | "president" | "elsewhere", string>;
const meta = { actorUserId: null, ip: "192.0.2.1", userAgent: "vitest" };
const origin = "https://charaka.example.org";

async function waitForMail(count: number) {
  for (let i = 0; i < 100 && smtp.received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return smtp.received;
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  mail = { transport: smtp.transport(), from: "Charaka <no-reply@charaka.test>" };
  const org = await makeOrganization(t.db, "Association Amal");
  const other = await makeOrganization(t.db, "Association Nour");
  people.amal = await makePerson(t.db, {
    email: "amal@amal.ma",
    name: "Amal Idrissi",
    locale: "ar",
    memberOf: [{ organizationId: org, role: "member" }],
  });
  people.president = await makePerson(t.db, {
    email: "president@amal.ma",
    memberOf: [{ organizationId: org, role: "president" }],
  });
  people.elsewhere = await makePerson(t.db, {
    email: "double@amal.ma",
    memberOf: [
      { organizationId: org, role: "member" },
      { organizationId: other, role: "president" },
    ],
  });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

describe("asking for a reset link", () => {
  it("answers the same for an unknown email; a known one gets the link in their language, absolute", async () => {
    expect(await requestPasswordReset(t.db, { email: "nobody@amal.ma", ip: "198.51.100.1", origin }, mail)).toEqual({
      ok: true,
    });
    expect(await requestPasswordReset(t.db, { email: "Amal@Amal.ma", ip: "198.51.100.1", origin }, mail)).toEqual({
      ok: true,
    });
    const [message] = await waitForMail(1);
    expect(smtp.received).toHaveLength(1);
    expect(message!.to).toBe("amal@amal.ma");
    const text = mailText(message!);
    expect(text).toContain("مرحبًا Amal Idrissi");
    const link = /https:\/\/charaka\.example\.org\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();
    // Only the token's hash is stored.
    const stored = await t.db.selectFrom("password_reset").select("token_hash").execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(link![1]);
    expect(await findReset(t.db, link![1]!)).toMatchObject({ email: "amal@amal.ma" });
  });

  it("is throttled like login: after 10 requests in 15 minutes for one email, from any address", async () => {
    const now = new Date("2026-12-01T08:00:00Z");
    for (let i = 0; i < 10; i++)
      expect(
        (await requestPasswordReset(t.db, { email: "president@amal.ma", ip: `203.0.113.${i}`, origin }, null, now)).ok,
      ).toBe(true);
    expect(
      await requestPasswordReset(t.db, { email: "president@amal.ma", ip: "203.0.113.99", origin }, null, now),
    ).toEqual({ ok: false, retryAfterMinutes: 15 });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(
      (await requestPasswordReset(t.db, { email: "president@amal.ma", ip: "203.0.113.99", origin }, null, later)).ok,
    ).toBe(true);
  });
});

describe("choosing the new password", () => {
  it("works once, ends every session of the person, and the old password stops working", async () => {
    const president = await loadActor(t.db, { id: people.president, isPlatformAdmin: false });
    const made = await makeResetLink(t.db, president, { ...meta, actorUserId: people.president }, people.amal);
    if (!made.ok) throw new Error("link not made");
    const session = (
      await startSession(t.db, new Request("http://localhost/"), people.amal, { ip: null, userAgent: null })
    ).sessionId;
    expect(await resetPassword(t.db, meta, made.token, "a brand new password")).toEqual({ ok: true, sessionsEnded: 1 });
    expect(await validateSessionId(t.db, session)).toBeNull();
    expect(await resetPassword(t.db, meta, made.token, "another new password")).toEqual({ ok: false });
    expect(
      (await attemptLogin(t.db, { email: "amal@amal.ma", password: "a brand new password", ip: "192.0.2.5" })).ok,
    ).toBe(true);
    // Using one link also voids the other links of that person (the one asked by email earlier).
    expect(await t.db.selectFrom("password_reset").select("id").where("used_at", "is", null).execute()).toEqual([]);
  });

  it("expires after one hour", async () => {
    const admin = await makePerson(t.db, { email: "admin@amal.ma", platformAdmin: true });
    const actor = await loadActor(t.db, { id: admin, isPlatformAdmin: true });
    const now = new Date();
    const made = await makeResetLink(t.db, actor, meta, people.president, now);
    if (!made.ok) throw new Error("link not made");
    expect(await findReset(t.db, made.token, new Date(now.getTime() + 59 * 60_000))).not.toBeNull();
    expect(await findReset(t.db, made.token, new Date(now.getTime() + 61 * 60_000))).toBeNull();
    expect(
      await resetPassword(t.db, meta, made.token, "too late password", new Date(now.getTime() + 61 * 60_000)),
    ).toEqual({ ok: false });
  });
});

describe("who may make a reset link by hand", () => {
  it("a president for their own members only, never for someone who presides elsewhere or a platform administrator", async () => {
    const president = await loadActor(t.db, { id: people.president, isPlatformAdmin: false });
    expect((await makeResetLink(t.db, president, meta, people.elsewhere)).ok).toBe(false);
    const target = (memberships: string[], isPlatformAdmin = false) => ({
      userId: "target",
      isPlatformAdmin,
      memberships: memberships.map((organizationId) => ({ organizationId })),
    });
    const org = president.memberships[0]!.organizationId;
    expect(canMakeResetLink(president, target([org]))).toBe(true);
    expect(canMakeResetLink(president, target([org, "someother0000000"]))).toBe(false);
    expect(canMakeResetLink(president, target([org], true))).toBe(false);
    expect(canMakeResetLink(president, { ...target([org]), userId: people.president })).toBe(false);
    const member = await loadActor(t.db, { id: people.amal, isPlatformAdmin: false });
    expect(canMakeResetLink(member, target([org]))).toBe(false);
    expect(canMakeResetLink({ userId: "a", isPlatformAdmin: true, memberships: [] }, target([], true))).toBe(true);
  });
});
