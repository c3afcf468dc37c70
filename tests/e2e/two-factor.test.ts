/**
 * Two-factor sign-in (#19) in Chromium, with an account of this file's own: set up on
 * /account/security with codes computed from the key shown (as an authenticator app does), then
 * asked for at login after the password; a recovery code works once.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { makeOrganization, makePerson, PERSON_PASSWORD, unique } from "../support/people";

const baseURL = inject("baseURL");
const tag = unique();
const email = `deux-${tag}@facteurs.ma`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const handle = openServerDatabase();
  try {
    const org = await makeOrganization(handle.db, `Association Deux Facteurs ${tag}`);
    await makePerson(handle.db, { email, name: "Rachid Deux", memberOf: [{ organizationId: org, role: "president" }] });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

async function passwordStep(page: Page) {
  await visit(page, "/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PERSON_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/login/two-factor"),
    page.getByRole("button", { name: "Se connecter" }).click(),
  ]);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
}

async function logout(page: Page) {
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/login"),
    page.getByRole("button", { name: "Se déconnecter" }).click(),
  ]);
}

describe("two-factor sign-in", () => {
  it("is set up from the shown key, then required at login; a recovery code works once", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, email, PERSON_PASSWORD);
    await visit(page, "/account/security");
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    const code = () => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
    // A code is taken once: the login uses the one the app shows next (accepted, clocks drift a step).
    const nextCode = () =>
      generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
    await page.getByLabel("Code", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Activer la connexion en deux étapes" }).click();
    await page.getByText("Ce code n’est pas le bon").waitFor();
    await page.getByLabel("Code", { exact: true }).fill(code());
    await page.getByRole("button", { name: "Activer la connexion en deux étapes" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await page.getByTestId("two-factor-on").waitFor();
    expect(await page.getByTestId("sessions").textContent()).toContain("Cet appareil");

    // Login now asks for the code after the password; no session before it.
    await logout(page);
    await passwordStep(page);
    expect((await context.cookies()).some((c) => c.name === "charaka_session")).toBe(false);
    expect((await page.goto("/agreements"))?.url()).toContain("/login");
    await passwordStep(page);
    await page.getByLabel("Code", { exact: true }).fill(nextCode());
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.getByRole("button", { name: "Se connecter" }).click(),
    ]);
    await page.locator("main#main").waitFor();

    // A recovery code, once.
    await logout(page);
    await passwordStep(page);
    await page.getByLabel("Code", { exact: true }).fill(codes[0]!);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.getByRole("button", { name: "Se connecter" }).click(),
    ]);
    await page.locator("main#main").waitFor();
    await logout(page);
    await passwordStep(page);
    await page.getByLabel("Code", { exact: true }).fill(codes[0]!);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Ce code n’est pas le bon").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await context.close();
  });
});
