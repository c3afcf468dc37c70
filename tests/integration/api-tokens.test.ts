/**
 * API tokens through the app's own code: who may create and revoke them, their expiry bounds, what
 * is stored (a hash, never the secret), and the rate limit per token and minute (429 with
 * Retry-After, counted in the database so every instance shares it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerApi } from "~/domain/api/handler.server";
import { apiOperation } from "~/domain/api/operations.server";
import { authenticateToken, createToken, listTokens, revokeToken } from "~/domain/api/tokens.server";
import { TOKEN_MAX_DAYS } from "~/domain/api/tokens";
import { sha256Hex } from "~/lib/crypto.server";
import { addDaysTo } from "~/lib/time";
import { addAction, addIndicator, createPlan, getPlan, movePlan } from "~/domain/plan/plan.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const today = "2026-06-01";

describe("creating and revoking tokens", () => {
  it("only the organization's presidents and administrators create tokens; a member and another organization get not_found", async () => {
    const f = factories(t.db);
    const president = await f.person({ role: "president" });
    const admin = await f.person({ organizationId: president.organizationId, role: "admin" });
    const member = await f.person({ organizationId: president.organizationId, role: "member" });
    const outsider = await f.person({ role: "president" });
    const input = { organizationId: president.organizationId, name: "ERP", access: "read" as const, today };
    const expiresOn = addDaysTo(today, 30);
    expect((await createToken(t.db, president.actor, president.meta, { ...input, expiresOn })).ok).toBe(true);
    expect((await createToken(t.db, admin.actor, admin.meta, { ...input, expiresOn })).ok).toBe(true);
    expect(await createToken(t.db, member.actor, member.meta, { ...input, expiresOn })).toMatchObject({
      error: "not_found",
    });
    expect(await createToken(t.db, outsider.actor, outsider.meta, { ...input, expiresOn })).toMatchObject({
      error: "not_found",
    });
    expect(await listTokens(t.db, member.actor, president.organizationId)).toBeNull();
    expect(await listTokens(t.db, president.actor, president.organizationId)).toHaveLength(2);
  });

  it("a token expires after today and within a year", async () => {
    const f = factories(t.db);
    const president = await f.person({ role: "president" });
    const input = { organizationId: president.organizationId, name: "ERP", access: "read" as const, today };
    for (const expiresOn of [today, addDaysTo(today, TOKEN_MAX_DAYS + 1)])
      expect(await createToken(t.db, president.actor, president.meta, { ...input, expiresOn })).toMatchObject({
        error: "rule",
        errors: [{ key: "apiToken.error.expiry" }],
      });
    expect(
      (
        await createToken(t.db, president.actor, president.meta, {
          ...input,
          expiresOn: addDaysTo(today, TOKEN_MAX_DAYS),
        })
      ).ok,
    ).toBe(true);
  });

  it("only the secret's SHA-256 is stored, and a revoked token no longer authenticates", async () => {
    const f = factories(t.db);
    const president = await f.person({ role: "president" });
    const created = await createToken(t.db, president.actor, president.meta, {
      organizationId: president.organizationId,
      name: "Dashboard",
      access: "read write",
      expiresOn: addDaysTo(today, 30),
      today,
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const row = await t.db.selectFrom("api_token").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    const now = new Date(`${today}T10:00:00Z`);
    expect((await authenticateToken(t.db, created.secret, now))?.token.id).toBe(created.id);
    const outsider = await f.person({ role: "president" });
    expect(
      await revokeToken(t.db, outsider.actor, outsider.meta, {
        organizationId: president.organizationId,
        tokenId: created.id,
      }),
    ).toMatchObject({ error: "not_found" });
    expect(
      (
        await revokeToken(t.db, president.actor, president.meta, {
          organizationId: president.organizationId,
          tokenId: created.id,
        })
      ).ok,
    ).toBe(true);
    expect(await authenticateToken(t.db, created.secret, now)).toBeNull();
    const audit = await t.db.selectFrom("audit_event").select("type").where("subject_id", "=", created.id).execute();
    expect(audit.map((a) => a.type)).toEqual(["api_token.created", "api_token.revoked"]);
  });
});

describe("rate limit per token", () => {
  it("past the limit in one minute the API answers 429 with Retry-After until the next minute", async () => {
    const f = factories(t.db);
    const president = await f.person({ role: "president" });
    const created = await createToken(t.db, president.actor, president.meta, {
      organizationId: president.organizationId,
      name: "Busy",
      access: "read",
      expiresOn: addDaysTo(today, 30),
      today,
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const call = (now: Date) =>
      answerApi(
        t.db,
        apiOperation("getOrganization"),
        {
          request: new Request("http://charaka.test/api/v1/organization", {
            headers: { Authorization: `Bearer ${created.secret}` },
          }),
          params: {},
        },
        { rateLimit: 2, now },
      );
    const at = (s: string) => new Date(`${today}T10:00:${s}.000Z`);
    expect((await call(at("01"))).status).toBe(200);
    const second = await call(at("02"));
    expect(second.status).toBe(200);
    expect(second.headers.get("ratelimit-remaining")).toBe("0");
    const refused = await call(at("15"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("45");
    expect(await refused.json()).toMatchObject({ status: 429, retryAfter: 45 });
    expect((await call(new Date(`${today}T10:01:00.000Z`))).status).toBe(200);
  });
});

describe("writes keep the pages' version rule", () => {
  it("an indicator updated with the version read is saved; with an older version it is 409 with the current version, unchanged", async () => {
    const f = factories(t.db);
    const agreement = await f.agreement({ status: "active" });
    const { owner } = agreement;
    const party = (await agreement.parties()).find((p) => p.organizationId === owner.organizationId)!;
    expect(
      (await createPlan(t.db, owner.actor, owner.meta, await agreement.load(), { year: 2026, prefill: false })).ok,
    ).toBe(true);
    await addAction(t.db, owner.actor, owner.meta, await agreement.load(), {
      year: 2026,
      objective: "Cours de soutien",
      priority: "high",
      responsiblePartyId: party.id,
      startDate: "2026-02-01",
      endDate: "2026-06-30",
    });
    const actionId = (await getPlan(t.db, agreement.id, 2026))!.actions[0]!.id;
    await addIndicator(t.db, owner.actor, owner.meta, await agreement.load(), {
      actionId,
      name: "élèves suivis",
      unit: "élèves",
      baseline: 0,
      target: 40,
    });
    // Progress is recorded on an adopted plan.
    for (const move of [
      { year: 2026, move: "submit" as const },
      { year: 2026, move: "adopt" as const, adoptedOn: "2026-02-10", meeting: "Comité du 10 février" },
    ])
      expect((await movePlan(t.db, owner.actor, owner.meta, await agreement.load(), move)).ok).toBe(true);
    const indicator = (await getPlan(t.db, agreement.id, 2026))!.actions[0]!.indicators[0]!;
    const created = await createToken(t.db, owner.actor, owner.meta, {
      organizationId: owner.organizationId,
      name: "Tableau",
      access: "read write",
      expiresOn: addDaysTo(today, 30),
      today,
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const patch = (body: unknown) =>
      answerApi(
        t.db,
        apiOperation("updateIndicator"),
        {
          request: new Request(`http://charaka.test/api/v1/agreements/${agreement.id}/indicators/${indicator.id}`, {
            method: "PATCH",
            headers: { Authorization: `Bearer ${created.secret}`, "Content-Type": "application/json" },
            body: JSON.stringify(body),
          }),
          params: { agreementId: agreement.id, indicatorId: indicator.id },
        },
        { now: new Date(`${today}T10:00:00Z`) },
      );
    const saved = await patch({ achieved: 12, version: indicator.version });
    expect(saved.status).toBe(200);
    const after = (await saved.json()) as { achieved: number; version: number; progressPercent: number };
    expect(after).toMatchObject({ achieved: 12, progressPercent: 30 });
    const stale = await patch({ achieved: 30, version: indicator.version });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: 409, currentVersion: after.version });
    expect((await getPlan(t.db, agreement.id, 2026))!.actions[0]!.indicators[0]!.achieved).toBe(12);
    const invalid = await patch({ version: after.version });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("achieved");
  });
});
