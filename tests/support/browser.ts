/**
 * Debian's Chromium driven by playwright-core: no browser is ever downloaded. The e2e project's global
 * setup (tests/support/server.ts) starts one Chromium that every file connects to (`launchBrowser`):
 * each test opens contexts of its own in it, isolated from the others' (cookies, storage), and a file
 * does not pay for starting a browser.
 *
 * All e2e files share one server, its database and its demo accounts, and run in parallel.
 * A test that changes an account's own state uses an account no other test logs in with:
 * president@ams.example (interface language), tresorier@ams.example (login lockout),
 * partenariats@insaf.example (profile and password). Others only read or add records.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

import { DEMO_PASSWORD } from "../../db/seed/demo-password";
import { chromiumOptions } from "./chromium";

export { DEMO_PASSWORD };

/**
 * The shared Chromium (its `close()` closes this file's contexts and disconnects), or, outside the e2e
 * project's global setup, a Chromium of the caller's own.
 */
export function launchBrowser(): Promise<Browser> {
  const endpoint = inject("browserEndpoint");
  return endpoint ? chromium.connect(endpoint) : chromium.launch(chromiumOptions());
}

/**
 * A fresh browser context; each gets its own client IP through X-Forwarded-For (the test
 * server trusts the loopback proxy) so login throttling in one test never locks out another.
 */
let ipCounter = 0;
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { locale?: string } = {},
): Promise<BrowserContext> {
  ipCounter += 1;
  const ip = `10.${process.pid % 250}.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
  return browser.newContext({
    baseURL,
    locale: options.locale ?? "fr-FR",
    extraHTTPHeaders: { "X-Forwarded-For": ip, ...(options.locale ? { "Accept-Language": options.locale } : {}) },
  });
}

/** Opens a page and waits until React has hydrated it, so clicks go through the app's handlers. */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
  return response;
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await visit(page, "/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  const form = page.locator("form").filter({ has: page.locator('input[name="password"]') });
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    form.locator('button[type="submit"]').click(),
  ]);
  // The URL changes as the new page's data arrives; wait until the app shell is on screen.
  await page.locator("main#main").waitFor();
}

export async function expectNoServerError(page: Page): Promise<void> {
  const html = await page.content();
  expect(html).not.toMatch(/at .*\.(js|ts):\d+:\d+/);
}

/**
 * Signs an agreement awaiting signatures in the app, as its signatory signed in on `page` (French or
 * English interface): consent, full name, password and a stroke on the optional pad; waits for the
 * server's answer (the signing page's "done" redirect).
 */
export async function signInApp(page: Page, agreementUrl: string, name: string, password = DEMO_PASSWORD) {
  await visit(page, `${agreementUrl}/sign`);
  const form = page.getByTestId("sign-form");
  await form.getByRole("checkbox").check();
  await form.getByLabel(/nom complet|Your full name/).fill(name);
  await form.getByLabel(/Votre mot de passe|Your password/).fill(password);
  const pad = page.getByTestId("signature-pad");
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
  await page.mouse.move(box.x + 200, box.y + 30, { steps: 5 });
  await page.mouse.up();
  await form.getByRole("button", { name: /^(Signer|Sign)$/ }).click();
  await page.waitForURL(/done=/);
}
