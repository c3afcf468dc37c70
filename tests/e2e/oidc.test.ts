/**
 * Sign-in with an organization's identity provider, in a real browser against a real OpenID
 * provider started by the test on loopback (the `oidc-provider` package, its development login
 * form), on a server of this file's own (OIDC_ALLOW_HTTP=1: the provider speaks plain HTTP here).
 * A member whose verified address is in the provider's domains lands on the dashboard, signed in;
 * a person from another domain is refused and stays signed out.
 */
import type http from "node:http";
import Provider from "oidc-provider";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { factories, FACTORY_PASSWORD } from "../support/factories";
import { freePort } from "../support/net";

let server: AppServer;
let handle: DatabaseHandle;
let browser: Browser;
let issuerServer: http.Server;
const memberEmail = `amina.${process.pid}@kazyon.example`;

beforeAll(async () => {
  server = await startAppServer({ OIDC_ALLOW_HTTP: "1" });
  handle = server.openDatabase();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "charaka",
        client_secret: "charaka-test-secret",
        redirect_uris: [`${server.baseURL}/auth/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The development login form takes any login: it is the person's email here.
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: sub, email_verified: true, name: sub }),
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  issuerServer = provider.listen(port, "127.0.0.1");

  const f = factories(handle.db);
  const organizationId = await f.organization({ kind: "company", name: "Kazyon" });
  const member = await f.person({ organizationId, role: "member" });
  await handle.db.updateTable("user").set({ email: memberEmail }).where("id", "=", member.userId).execute();
  browser = await launchBrowser();

  // The platform administrator sets the provider up on the organization's integrations page.
  const context = await newContext(browser, server.baseURL);
  const page = await context.newPage();
  await login(page, "admin@charaka.example");
  await visit(page, `/organizations/${organizationId}/integrations`);
  await page.getByLabel("Nom sur le bouton").fill("Kazyon SSO");
  await page.getByLabel("URL de l’émetteur (issuer)").fill(issuer);
  await page.getByLabel("Identifiant client").fill("charaka");
  await page.getByLabel("Secret client").fill("charaka-test-secret");
  await page.getByLabel("Domaines des adresses e-mail").fill("kazyon.example");
  await page.getByLabel("Les membres de ces domaines peuvent aussi se connecter par mot de passe").uncheck();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Ajouter le fournisseur" }).click(),
  ]);
  await page.getByTestId("oidc-providers").getByText("Kazyon SSO").waitFor();
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => issuerServer?.close(resolve));
  await handle?.close();
  await server?.stop();
});

async function signInThroughProvider(login: string) {
  const context = await newContext(browser, server.baseURL);
  const page = await context.newPage();
  await visit(page, "/login");
  await page.getByRole("link", { name: /Se connecter avec.*Kazyon SSO/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // The consent step of the development interactions.
  await page.locator('button[type="submit"]').filter({ hasText: "Continue" }).click();
  await page.waitForURL((url) => url.origin === server.baseURL);
  return { context, page };
}

describe("sign-in with an OpenID Connect provider", () => {
  it("the client secret typed on the page is stored encrypted: the raw row holds no plain secret", async () => {
    const rows = await handle.db.selectFrom("oidc_provider").selectAll().where("label", "=", "Kazyon SSO").execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("charaka-test-secret");
    expect(rows[0]!.client_secret).toMatch(/^sealed:v1:/);
  });

  it("a member whose verified address is in the provider's domain lands on the dashboard, signed in", async () => {
    const { context, page } = await signInThroughProvider(memberEmail);
    await page.locator("main#main").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const identity = await handle.db
      .selectFrom("user_identity")
      .innerJoin("user", "user.id", "user_identity.user_id")
      .select("user.email")
      .where("user_identity.subject", "=", memberEmail)
      .executeTakeFirstOrThrow();
    expect(identity.email).toBe(memberEmail);
    // The next sign-in follows the link.
    await context.clearCookies();
    const again = await signInThroughProvider(memberEmail);
    await again.page.locator("main#main").waitFor();
    expect(new URL(again.page.url()).pathname).toBe("/");
    await again.context.close();
    await context.close();
  });

  it("password sign-in is off for the provider's domains: the member is sent to the provider's button", async () => {
    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await visit(page, "/login");
    await page.locator('input[name="email"]').fill(memberEmail);
    await page.locator('input[name="password"]').fill(FACTORY_PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page
        .locator("form")
        .filter({ has: page.locator('input[name="password"]') })
        .locator('button[type="submit"]')
        .click(),
    ]);
    await page.getByText(/Votre organisation vous connecte par/).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("a person from another domain is refused and stays signed out", async () => {
    const { context, page } = await signInThroughProvider(`intrus.${process.pid}@elsewhere.example`);
    await page.getByTestId("oidc-error").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByTestId("oidc-error").innerText()).toContain("une autre organisation");
    expect((await context.request.get(`${server.baseURL}/`, { maxRedirects: 0 })).status()).toBe(302);
    await context.close();
  });

  it("an address of the domain without an account of the organization is refused: no account is created", async () => {
    const email = `nouveau.${process.pid}@kazyon.example`;
    const { context, page } = await signInThroughProvider(email);
    await page.getByTestId("oidc-error").waitFor();
    expect(await page.getByTestId("oidc-error").innerText()).toContain("Aucun compte");
    const user = await handle.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
    expect(user).toBeUndefined();
    await context.close();
  });
});
