import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, expectNoServerError, launchBrowser, login, newContext } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DEMO = [
  { email: "admin@charaka.example", name: "Administration Charaka", org: null },
  { email: "president@sofara.example", name: "Mustapha El Harma", org: "Association Sofara Al-Khair – Smara" },
  { email: "membre@sofara.example", name: "Salma Bouzid", org: "جمعية سفراء الخير – السمارة" },
  { email: "rse@clearvision.example", name: "Nadia Amrani", org: "Fondation Clear Vision" },
  { email: "president@insaf.example", name: "Meriem Alaoui", org: "Association INSAF" },
];

describe("logging in", () => {
  for (const account of DEMO) {
    it(`${account.email} logs in and sees the dashboard with their organization`, async () => {
      const context = await newContext(browser, baseURL);
      const page = await context.newPage();
      await login(page, account.email);
      expect(new URL(page.url()).pathname).toBe("/");
      await expect(page.locator("h1").textContent()).resolves.toBeTruthy();
      expect(await page.locator("main").textContent()).toContain(account.name);
      if (account.org) expect(await page.getByTestId("header-organization").textContent()).toBe(account.org);
      expect(await page.getByTestId("demo-banner").isVisible()).toBe(true);
      await context.close();
    });
  }

  it("a wrong password shows a clear error in French and keeps the email typed", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator('input[name="email"]').fill("president@sofara.example");
    await page.locator('input[name="password"]').fill("not-the-password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("alert").filter({ hasText: "incorrect" }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "incorrect" }).textContent()).toContain(
      "L’adresse e-mail ou le mot de passe est incorrect.",
    );
    expect(await page.locator('input[name="email"]').inputValue()).toBe("president@sofara.example");
    expect(await page.locator('input[name="password"]').inputValue()).toBe("");
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectNoServerError(page);
    await context.close();
  });

  it("an invalid email is flagged next to the field, tied by aria-describedby, with focus on it", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto("/login");
    await page
      .locator("form")
      .filter({ has: page.locator('input[name="password"]') })
      .evaluate((f) => f.setAttribute("novalidate", ""));
    await page.locator('input[name="email"]').fill("president-at-sofara");
    await page.locator('input[name="password"]').fill("whatever");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const email = page.locator('input[name="email"]');
    await page.waitForSelector('input[name="email"][aria-invalid="true"]');
    const describedBy = await email.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy!.split(" ").pop()!.replace(/:/g, "\\:")}`).textContent()).toContain(
      "adresse e-mail valide",
    );
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await email.inputValue()).toBe("president-at-sofara");
    await context.close();
  });

  it("a page asked for before login is shown after it", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await page.goto("/account");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.locator('input[name="email"]').fill("membre@sofara.example");
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL("**/account"), page.getByRole("button", { name: "Se connecter" }).click()]);
    expect(new URL(page.url()).pathname).toBe("/account");
    // This member chose Arabic: the page after login is in her language.
    await page.getByRole("heading", { name: "حسابي" }).waitFor();
    await context.close();
  });

  it("logging out ends the session: the dashboard then asks to log in again", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "president@sofara.example");
    await Promise.all([page.waitForURL("**/login"), page.getByRole("button", { name: "Se déconnecter" }).click()]);
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
});

describe("languages", () => {
  // The language is saved on the account: this test uses an account no other e2e test logs in
  // with, so that tests running in parallel never see their pages switch language.
  it("switching to Arabic renders the page right-to-left with Arabic labels, and the choice is kept", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "president@ams.example");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    await page.getByRole("button", { name: "العربية" }).click();
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    expect(await page.getByRole("navigation").first().textContent()).toContain("لوحة القيادة");
    expect(await page.locator("h1").textContent()).toBe("لوحة القيادة");
    await page.screenshot({ path: "tests/.tmp/dashboard-ar.png", fullPage: true });
    // The language is saved on the account: a new session elsewhere opens in Arabic.
    const other = await newContext(browser, baseURL);
    const otherPage = await other.newPage();
    await login(otherPage, "president@ams.example");
    expect(await otherPage.locator("html").getAttribute("dir")).toBe("rtl");
    await otherPage.getByRole("button", { name: "Français" }).click();
    await otherPage.waitForFunction(() => document.documentElement.dir === "ltr");
    await other.close();
    await context.close();
  });

  it("the login page follows the browser's language, then the cookie set by the switcher", async () => {
    const context = await newContext(browser, baseURL, { locale: "ar-MA" });
    const page = await context.newPage();
    await page.goto("/login");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe("تسجيل الدخول");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Log in");
    await context.close();
  });
});
