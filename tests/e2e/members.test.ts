/**
 * People who join and leave (#19), on the shared server with records of this file's own: an
 * invited member removed loses access on their next click (and their organization's agreements
 * answer 404 once they sign in again); a disabled account cannot sign in.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { makeAgreement, makeOrganization, makePerson, PERSON_PASSWORD, unique } from "../support/people";

const baseURL = inject("baseURL");
let browser: Browser;
const tag = unique();
const ids = {} as Record<"org" | "president" | "agreement", string>;

beforeAll(async () => {
  browser = await launchBrowser();
  const handle = openServerDatabase();
  try {
    ids.org = await makeOrganization(handle.db, `Association Oasis ${tag}`);
    ids.president = await makePerson(handle.db, {
      email: `presidente-${tag}@oasis.ma`,
      name: "Khadija Oasis",
      memberOf: [{ organizationId: ids.org, role: "president" }],
    });
    ids.agreement = await makeAgreement(handle.db, {
      managerId: ids.president,
      ownerOrganizationId: ids.org,
      title: `Convention Oasis ${tag}`,
    });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

describe("a member who leaves", () => {
  it("is removed by the president and loses access on their next click; the agreement then answers 404", async () => {
    const president = await newContext(browser, baseURL);
    const page = await president.newPage();
    await login(page, `presidente-${tag}@oasis.ma`, PERSON_PASSWORD);
    await visit(page, `/organizations/${ids.org}`);
    await page.getByLabel("Son adresse e-mail").fill(`benevole-${tag}@oasis.ma`);
    await page.getByLabel("Rôle", { exact: true }).selectOption("treasurer");
    await page.getByRole("button", { name: "Créer l’invitation" }).click();
    const link = await page.getByTestId("invitation-link").inputValue();

    const member = await newContext(browser, baseURL);
    const memberPage = await member.newPage();
    await visit(memberPage, link);
    await memberPage.getByLabel("Votre nom complet").fill("Omar Benevole");
    await memberPage.getByLabel("Choisissez un mot de passe").fill("une phrase de passe solide");
    await memberPage.getByLabel("Saisissez à nouveau le mot de passe").fill("une phrase de passe solide");
    await Promise.all([
      memberPage.waitForURL(`${baseURL}/`),
      memberPage.getByRole("button", { name: "Rejoindre et se connecter" }).click(),
    ]);
    await visit(memberPage, `/agreements/${ids.agreement}`);
    await memberPage.getByText(`Convention Oasis ${tag}`).first().waitFor();

    // The president sees the new treasurer, with their last sign-in, and removes them.
    await page.reload();
    const row = page.locator(`[data-member="benevole-${tag}@oasis.ma"]`);
    expect(await row.textContent()).toContain("Trésorier");
    expect(await row.textContent()).toContain("Dernière connexion");
    await row.getByText("Retirer de l’organisation").click();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/organizations/${ids.org}`)),
      row.getByRole("button", { name: "Oui, retirer" }).click(),
    ]);
    await page.getByText(/Omar Benevole.* a été retiré de l’organisation/).waitFor();
    await row.waitFor({ state: "detached" });

    // The member's next click: signed out, sent to the login page.
    await Promise.all([
      memberPage.waitForURL((url) => url.pathname === "/login"),
      memberPage.locator(`nav a[href="/agreements"]`).first().click(),
    ]);
    // Signed in again, the organization's agreement is not found.
    await login(memberPage, `benevole-${tag}@oasis.ma`, "une phrase de passe solide");
    const response = await memberPage.goto(`/agreements/${ids.agreement}`);
    expect(response?.status()).toBe(404);
    await member.close();
    await president.close();
  });
});

describe("a disabled account", () => {
  it("cannot sign in once the platform administrator disabled it, and can again once enabled", async () => {
    const handle = openServerDatabase();
    try {
      await makePerson(handle.db, { email: `parti-${tag}@oasis.ma`, name: `Parti ${tag}` });
    } finally {
      await handle.close();
    }
    const admin = await newContext(browser, baseURL);
    const page = await admin.newPage();
    await login(page, "admin@charaka.example");
    await visit(page, `/people?q=${tag}`);
    const row = page.locator(`[data-person="parti-${tag}@oasis.ma"]`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/people")),
      row.getByRole("button", { name: "Désactiver" }).click(),
    ]);
    await row.getByText("Désactivé", { exact: true }).waitFor();

    const person = await newContext(browser, baseURL);
    const personPage = await person.newPage();
    await visit(personPage, "/login");
    await personPage.locator('input[name="email"]').fill(`parti-${tag}@oasis.ma`);
    await personPage.locator('input[name="password"]').fill(PERSON_PASSWORD);
    await personPage.getByRole("button", { name: "Se connecter" }).click();
    await personPage.getByText("L’adresse e-mail ou le mot de passe est incorrect.").waitFor();
    expect(new URL(personPage.url()).pathname).toBe("/login");

    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/people")),
      row.getByRole("button", { name: "Réactiver" }).click(),
    ]);
    await row.getByText("Actif", { exact: true }).waitFor();
    await login(personPage, `parti-${tag}@oasis.ma`, PERSON_PASSWORD);
    await person.close();
    await admin.close();
  });
});
