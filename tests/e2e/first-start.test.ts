/**
 * Starting a real instance (#19), each on a server and database of its own: the first platform
 * administrator from `npm run admin:create`; the demo safeguard (demo accounts sign in only from
 * the server's own machine unless CHARAKA_DEMO=public); removing the demo data from Settings.
 */
import http from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { runCli } from "../support/cli";
import { makeAgreement, makeOrganization, makePerson, PERSON_PASSWORD } from "../support/people";

const DEMO_PASSWORD = "charaka-demo-2026";
let browser: Browser;
const servers: AppServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

async function server(env: Record<string, string>) {
  const s = await startAppServer(env);
  servers.push(s);
  return s;
}

function postLogin(s: AppServer, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${s.baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

describe("a fresh instance with CHARAKA_DEMO=0", () => {
  it("gets its platform administrator from npm run admin:create, who logs in; no demo password anywhere", async () => {
    const s = await server({ CHARAKA_DEMO: "0" });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_PATH: s.databasePath,
      BACKUP_PATH: `${s.dir}/backups`,
      CHARAKA_ADMIN_PASSWORD: "a long enough secret 2026",
    };
    if (s.databaseUrl) env.DATABASE_URL = s.databaseUrl;
    else delete env.DATABASE_URL;
    const run = await runCli(
      "db/cli/admin-create.ts",
      ["--email", "admin@association.ma", "--name", "Amina Berrada"],
      env,
    );
    expect(run.output).toContain("Platform administrator created");
    expect(run.code).toBe(0);

    const context = await newContext(browser, s.baseURL);
    const page = await context.newPage();
    await visit(page, "/login");
    const html = await page.content();
    expect(html).not.toContain(DEMO_PASSWORD);
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
    await login(page, "admin@association.ma", "a long enough secret 2026");
    // A platform administrator must set two-factor sign-in up before using the admin pages.
    expect(new URL(page.url()).pathname).toBe("/account/security");
    await visit(page, "/organizations/new");
    expect(new URL(page.url()).pathname).toBe("/account/security");
    await page.getByTestId("totp-secret").waitFor();
    await context.close();
  });
});

describe("the demo safeguard", () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await server({ CHARAKA_DEMO: "1" });
  });

  it("warns loudly at start-up while demo accounts exist", () => {
    expect(s.output()).toContain("WARNING: this database holds demo accounts");
  });

  it("refuses a demo account from another address, with the right password, and shows it no password", async () => {
    const remote = { "X-Forwarded-For": "203.0.113.40" };
    const refused = await postLogin(s, "admin@charaka.example", DEMO_PASSWORD, remote);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("set-cookie")).toBeNull();
    const page = await (await fetch(`${s.baseURL}/login`, { headers: remote })).text();
    expect(page).not.toContain(DEMO_PASSWORD);
    expect(page).toContain('data-testid="demo-banner"');
  });

  it("lets a demo account sign in from the server's own machine, where the password is shown", async () => {
    const page = await (await fetch(`${s.baseURL}/login`)).text();
    expect(page).toContain(DEMO_PASSWORD);
    const local = await postLogin(s, "president@sofara.example", DEMO_PASSWORD);
    expect(local.status).toBe(302);
    expect(local.headers.get("set-cookie")).toContain("charaka_session=");
  });

  it("a request forwarded by a proxy on the same machine is not local, even without TRUST_PROXY", async () => {
    const proxied = await postLogin(s, "president@sofara.example", DEMO_PASSWORD, { "X-Forwarded-For": "127.0.0.1" });
    expect(proxied.status).toBe(403);
    // fetch() always sends the URL's host: node:http sends the one a proxy passing Host on would.
    const body = new URLSearchParams({ email: "president@sofara.example", password: DEMO_PASSWORD }).toString();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request(
        `${s.baseURL}/login`,
        {
          method: "POST",
          headers: { Host: "charaka.example.org", "Content-Type": "application/x-www-form-urlencoded" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(status).toBe(403);
  });

  it("real accounts sign in from anywhere", async () => {
    const handle = s.openDatabase();
    try {
      await makePerson(handle.db, { email: "reel@association.ma" });
    } finally {
      await handle.close();
    }
    const res = await postLogin(s, "reel@association.ma", PERSON_PASSWORD, { "X-Forwarded-For": "203.0.113.41" });
    expect(res.status).toBe(302);
  });
});

describe("removing the demo data from Settings", () => {
  it("deletes the demo and keeps the real organization, its people and its agreement", async () => {
    const s = await server({ CHARAKA_DEMO: "public" });
    const handle = s.openDatabase();
    try {
      const real = await makeOrganization(handle.db, "Association Al Amal");
      const partner = await makeOrganization(handle.db, "Fondation Nour", "foundation");
      const president = await makePerson(handle.db, {
        email: "presidente@alamal.ma",
        memberOf: [{ organizationId: real, role: "president" }],
      });
      await makeAgreement(handle.db, {
        managerId: president,
        ownerOrganizationId: real,
        partnerOrganizationId: partner,
        title: "Convention Al Amal – Nour",
      });
    } finally {
      await handle.close();
    }

    const context = await newContext(browser, s.baseURL);
    const page = await context.newPage();
    await login(page, "admin@charaka.example");
    await visit(page, "/settings");
    const card = page.getByTestId("demo-removal");
    await card.getByRole("checkbox").check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/login"),
      card.getByRole("button", { name: "Supprimer les données de démonstration" }).click(),
    ]);
    // The demo administrator went with the demo: the login page, without any demo password.
    await visit(page, "/login");
    expect(await page.content()).not.toContain(DEMO_PASSWORD);
    expect(await page.getByTestId("demo-banner").count()).toBe(0);

    await login(page, "presidente@alamal.ma", PERSON_PASSWORD);
    await visit(page, "/agreements");
    await page.getByText("Convention Al Amal – Nour").waitFor();
    await visit(page, "/organizations");
    const names = await page.locator("main").innerText();
    expect(names).toContain("Association Al Amal");
    expect(names).not.toContain("Sofara");
    await context.close();
  });
});
