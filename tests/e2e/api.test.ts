/**
 * The REST API over real HTTP, on the shared e2e server: tokens of two organizations ask for each
 * other's agreements (404, as the pages answer), a revoked or expired token gets 401, a read-only
 * token cannot write (403), bodies are checked by the page's schemas (400 with field paths), and a
 * write goes through the page's command and rights (the partner, who may read, may not record the
 * association's delivery) and is audited under the token's own account. Then the token page: a
 * president creates a token there, sees it once, uses it, and revokes it.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { createToken, revokeToken } from "~/domain/api/tokens.server";
import { addDeliverable } from "~/domain/delivery/deliverables.server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { factories, FACTORY_PASSWORD, type Person, type TestAgreement } from "../support/factories";
import { addDaysTo, todayInMorocco } from "~/lib/time";

const baseURL = inject("baseURL");
let handle: DatabaseHandle;
let first: TestAgreement;
let second: TestAgreement;
let deliverableId = "";
let browser: Browser;

const inAYear = () => addDaysTo(todayInMorocco(), 300);

async function tokenFor(person: Person, access: "read" | "read write" = "read write") {
  const created = await createToken(handle.db, person.actor, person.meta, {
    organizationId: person.organizationId,
    name: `Test ${access}`,
    access,
    expiresOn: inAYear(),
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created;
}

function api(
  path: string,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${baseURL}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

beforeAll(async () => {
  handle = openServerDatabase();
  const f = factories(handle.db);
  first = await f.agreement({ status: "active" });
  second = await f.agreement({ status: "active" });
  const ownerParty = (await first.parties()).find((p) => p.organizationId === first.owner.organizationId)!;
  const added = await addDeliverable(handle.db, first.owner.actor, first.owner.meta, await first.load(), {
    kind: "service",
    title: "Séances de soutien scolaire",
    responsiblePartyId: ownerParty.id,
    targetQuantity: 20,
    unit: "séances",
    items: [],
  });
  if (!added.ok) throw new Error(JSON.stringify(added));
  deliverableId = added.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await handle?.close();
});

describe("API tokens see what their organization's members see", () => {
  it("a token reads its own organization's agreement and gets 404 for another organization's", async () => {
    const token = await tokenFor(first.owner, "read");
    const own = await api(`/agreements/${first.id}`, token.secret);
    expect(own.status).toBe(200);
    const body = (await own.json()) as { id: string; parties: { organizationId: string }[]; articles: unknown[] };
    expect(body.id).toBe(first.id);
    expect(body.parties.map((p) => p.organizationId)).toContain(first.partner.organizationId);
    expect(body.articles).toHaveLength(1);

    const other = await api(`/agreements/${second.id}`, token.secret);
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    // Exactly what an agreement that does not exist answers: nothing tells the two apart.
    const missing = await api(`/agreements/zzzzzzzzzzzzzzzz`, token.secret);
    expect(await missing.json()).toEqual(await other.json());
    expect((await api(`/agreements/${second.id}/obligations`, token.secret)).status).toBe(404);
    expect((await api(`/agreements/${second.id}/deliverables`, token.secret)).status).toBe(404);

    const list = (await (await api(`/agreements?limit=200`, token.secret)).json()) as { data: { id: string }[] };
    expect(list.data.map((a) => a.id)).toContain(first.id);
    expect(list.data.map((a) => a.id)).not.toContain(second.id);
  });

  it("the partner's token reads the agreement too, but may not record the association's delivery", async () => {
    const token = await tokenFor(first.partner);
    expect((await api(`/agreements/${first.id}/deliverables/${deliverableId}`, token.secret)).status).toBe(200);
    const res = await api(`/agreements/${first.id}/deliverables/${deliverableId}/deliveries`, token.secret, {
      method: "POST",
      body: { deliveredOn: "2026-02-10", quantity: 2 },
    });
    expect(res.status).toBe(404);
  });

  it("lists are paged by cursor, every record once", async () => {
    const token = await tokenFor(first.owner, "read");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/agreements?limit=1${cursor ? `&cursor=${cursor}` : ""}`, token.secret);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(1);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toContain(first.id);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("a token that no longer works gets 401", () => {
  it("a revoked token gets 401; a missing or made-up one too", async () => {
    const token = await tokenFor(first.owner, "read");
    expect((await api(`/organization`, token.secret)).status).toBe(200);
    const revoked = await revokeToken(handle.db, first.owner.actor, first.owner.meta, {
      organizationId: first.owner.organizationId,
      tokenId: token.id,
    });
    expect(revoked.ok).toBe(true);
    const res = await api(`/organization`, token.secret);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("invalid_token");
    expect((await fetch(`${baseURL}/api/v1/organization`)).status).toBe(401);
    expect((await api(`/organization`, "chk_made-up-secret")).status).toBe(401);
  });

  it("an expired token gets 401", async () => {
    const token = await tokenFor(first.owner, "read");
    await handle.db
      .updateTable("api_token")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", token.id)
      .execute();
    expect((await api(`/organization`, token.secret)).status).toBe(401);
  });
});

describe("writes through the API", () => {
  it("a read-only token cannot write: 403, and nothing is recorded", async () => {
    const token = await tokenFor(first.owner, "read");
    const res = await api(`/agreements/${first.id}/deliverables/${deliverableId}/deliveries`, token.secret, {
      method: "POST",
      body: { deliveredOn: "2026-02-10", quantity: 2 },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain("insufficient_scope");
    const count = await handle.db
      .selectFrom("delivery")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("deliverable_id", "=", deliverableId)
      .where("delivered_on", "=", "2026-02-10")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("a body the page's form would refuse gets 400 with each field's path, in the client's language", async () => {
    const token = await tokenFor(first.owner);
    const res = await api(`/agreements/${first.id}/deliverables/${deliverableId}/deliveries`, token.secret, {
      method: "POST",
      body: { deliveredOn: "2026-02-30", quantity: -1 },
      headers: { "Accept-Language": "fr" },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; detail: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["deliveredOn"]));
    expect(problem.errors.find((e) => e.path === "deliveredOn")!.detail).toMatch(/date/i);
    const notJson = await fetch(`${baseURL}/api/v1/agreements/${first.id}/deliverables/${deliverableId}/deliveries`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token.secret}`, "Content-Type": "text/plain" },
      body: "deliveredOn=2026-02-10",
    });
    expect(notJson.status).toBe(415);
  });

  it("a write token records a delivery with the page's command, audited under the token's account", async () => {
    const token = await tokenFor(first.owner);
    const res = await api(`/agreements/${first.id}/deliverables/${deliverableId}/deliveries`, token.secret, {
      method: "POST",
      body: { deliveredOn: "2026-02-11", quantity: 3, beneficiaries: 12 },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { progress: { delivered: number }; deliveries: { deliveredOn: string }[] };
    expect(body.progress.delivered).toBeGreaterThanOrEqual(3);
    expect(body.deliveries.map((d) => d.deliveredOn)).toContain("2026-02-11");
    const row = await handle.db
      .selectFrom("api_token")
      .select(["user_id", "last_used_at"])
      .where("id", "=", token.id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    const audited = await handle.db
      .selectFrom("audit_event")
      .select("type")
      .where("actor_user_id", "=", row.user_id)
      .execute();
    expect(audited.map((a) => a.type)).toContain("delivery.recorded");
  });
});

describe("the token page", () => {
  it("a president creates a token, sees it once, uses it, then revokes it and it gets 401", async () => {
    const f = factories(handle.db);
    const president = await f.person({ organizationId: first.owner.organizationId, role: "president" });
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, president.email, FACTORY_PASSWORD);
    await visit(page, `/organizations/${president.organizationId}`);
    await page.getByRole("link", { name: "Jetons d’API et intégrations" }).click();
    await page.getByRole("heading", { name: "Intégrations" }).waitFor();
    await page.getByLabel("Nom").fill("ERP paiements");
    await page.getByLabel("Accès").selectOption("read");
    await page.getByRole("button", { name: "Créer le jeton" }).click();
    const secretField = page.getByTestId("api-token-secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^chk_/);
    const stored = await handle.db
      .selectFrom("api_token")
      .select(["id", "token_hash", "prefix"])
      .where("organization_id", "=", president.organizationId)
      .where("name", "=", "ERP paiements")
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret.slice(4));
    expect(secret.startsWith(stored.prefix)).toBe(true);

    const org = await api(`/organization`, secret);
    expect(org.status).toBe(200);
    expect(((await org.json()) as { id: string }).id).toBe(president.organizationId);

    // Shown once: the list names it by its first characters only.
    await visit(page, `/organizations/${president.organizationId}/integrations`);
    expect(await page.content()).not.toContain(secret);
    const row = page.getByTestId("api-tokens").locator("li").filter({ hasText: "ERP paiements" });
    await Promise.all([page.waitForURL(/revoked=/), row.getByRole("button", { name: "Révoquer" }).click()]);
    await page.getByText(/révoqué : il ne fonctionne plus/).waitFor();
    expect((await api(`/organization`, secret)).status).toBe(401);
    await context.close();
  });

  it("a plain member of the organization gets 404 on the token page", async () => {
    const f = factories(handle.db);
    const member = await f.person({ organizationId: first.owner.organizationId, role: "member" });
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, member.email, FACTORY_PASSWORD);
    const res = await page.goto(`/organizations/${member.organizationId}/integrations`);
    expect(res?.status()).toBe(404);
    await context.close();
  });
});
