/**
 * Two instances behind one address (#10): two `node build/index.js` processes on their own ports,
 * started at the same moment against one new, empty PostgreSQL database, as two `npm start` behind
 * a proxy would be. A browser logs in on one and goes on on the other (a cookie is per host, not per
 * port, so one browser context carries the session to both, as behind a proxy): the session holds,
 * what one saves the other shows, a stale save through the other is a conflict, and failed logins
 * count across both.
 *
 * PostgreSQL only: one SQLite file serves one server (a second is refused by its lock file).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { DEMO_ORGANIZATIONS } from "../../db/seed/demo";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { createPostgresDatabase, onPostgres } from "../support/db";

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let a: AppServer;
let b: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createPostgresDatabase();
  [a, b] = await Promise.all([
    startAppServer({}, { databaseUrl: database.url }),
    startAppServer({}, { databaseUrl: database.url }),
  ]);
  browser = await launchBrowser();
  context = await newContext(browser, a.baseURL);
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  if (!onPostgres) return;
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  it("started at the same moment on an empty database, they migrate and seed it once, and both serve it", async () => {
    const handle = a.openDatabase();
    try {
      const organizations = await handle.db.selectFrom("organization").select("id").execute();
      expect(organizations).toHaveLength(DEMO_ORGANIZATIONS.length);
      const applied = await handle.db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(migrations).length);
    } finally {
      await handle.close();
    }
    for (const server of [a, b]) {
      expect((await fetch(`${server.baseURL}/healthz?ready`)).status).toBe(200);
      expect(server.output()).not.toMatch(/error|failed/i);
    }
  });

  it("a session opened on one instance is valid on the other, and what one saves the other shows", async () => {
    await login(page, "president@sofara.example");
    expect(new URL(page.url()).port).toBe(new URL(a.baseURL).port);
    // The same browser on the other instance: still logged in (the session lives in the database).
    await visit(page, `${b.baseURL}/agreements/new`);
    expect(new URL(page.url()).pathname).toBe("/agreements/new");
    await page.getByLabel("Titre", { exact: true }).fill("Convention – deux instances, une base");
    await Promise.all([
      page.waitForURL(/\/agreements\/[a-z0-9]{16}\/clauses$/),
      page.getByRole("button", { name: "Créer le brouillon" }).click(),
    ]);
    const agreementPath = new URL(page.url()).pathname.replace(/\/clauses$/, "");
    // Created through B, read through A.
    await visit(page, `${a.baseURL}${agreementPath}`);
    expect(await page.locator("h1").textContent()).toContain("Convention – deux instances, une base");
    await visit(page, `${a.baseURL}/agreements?q=${encodeURIComponent("deux instances")}`);
    expect(await page.getByRole("link", { name: /deux instances, une base/ }).count()).toBeGreaterThan(0);
  });

  it("an article saved through one instance turns the other's stale save into a conflict showing the saved text", async () => {
    await visit(page, `${a.baseURL}/agreements?q=${encodeURIComponent("deux instances")}`);
    await Promise.all([
      page.waitForURL(/\/agreements\/[a-z0-9]{16}$/),
      page
        .getByRole("link", { name: /deux instances, une base/ })
        .first()
        .click(),
    ]);
    const agreementPath = new URL(page.url()).pathname;
    await visit(page, `${a.baseURL}${agreementPath}/clauses`);
    const add = page.locator("form").filter({ has: page.locator('input[name="intent"][value="addClause"]') });
    await add.getByLabel("Intitulé").fill("Objet");
    await add.getByLabel("Texte").fill("Texte initial.");
    await add.getByRole("button").click();
    await page.getByTestId("clause").first().waitFor();

    // Two tabs hold the same version of the article: one on A, one on B.
    const onA = page;
    const onB = await context.newPage();
    await visit(onB, `${b.baseURL}${agreementPath}/clauses`);
    const edit = async (tab: Page, body: string) => {
      const clause = tab.getByTestId("clause").first();
      await clause.locator("summary", { hasText: "Modifier cet article" }).click();
      await clause.getByLabel("Texte").fill(body);
      await clause.getByRole("button", { name: "Enregistrer l’article" }).click();
    };
    await edit(onA, "Texte enregistré sur l’instance A.");
    await onA
      .getByTestId("clause")
      .first()
      .locator(".markdown")
      .getByText("Texte enregistré sur l’instance A.")
      .waitFor();
    await edit(onB, "Texte enregistré sur l’instance B.");
    const conflict = onB.getByTestId("clause-conflict");
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("Texte enregistré sur l’instance A.");
    // B's text is kept in the form, to be merged and saved again.
    expect(await onB.getByTestId("clause").first().getByLabel("Votre texte").inputValue()).toBe(
      "Texte enregistré sur l’instance B.",
    );
    await onB.close();
  });

  it("failed logins count across instances: after the limit spread over both, the right password is refused on each", async () => {
    const attempt = (server: AppServer, password: string) =>
      fetch(`${server.baseURL}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          origin: server.baseURL,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": "198.51.100.77",
        },
        body: new URLSearchParams({ email: "tresorier@ams.example", password }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 === 0 ? a : b, "not the password")).status).toBe(400);
    for (const server of [a, b]) {
      const refused = await attempt(server, "charaka-demo-2026");
      expect(refused.status).toBe(429);
      expect(refused.headers.getSetCookie()).toHaveLength(0);
    }
  });
});
