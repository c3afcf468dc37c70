/**
 * The notification centre: the reminders the server's daily job created at start-up are counted
 * in the header, listed with a link to their subject and a WhatsApp message, marked read, and
 * each person chooses what also comes by email.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser, baseURL)).newPage();
  await login(page, "president@insaf.example");
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("notifications", () => {
  it("INSAF's overdue obligations are counted in the header and listed with a link and a WhatsApp message", async () => {
    await visit(page, "/");
    const link = page.getByTestId("notifications-link");
    expect(Number(await link.getAttribute("data-unread"))).toBeGreaterThan(0);
    await visit(page, "/notifications");
    const overdue = page
      .getByTestId("notifications")
      .locator('li[data-kind="obligation_overdue"]')
      .filter({ hasText: "325 cartables" });
    expect(await overdue.getByRole("link").first().getAttribute("href")).toMatch(
      /^\/agreements\/[a-z0-9]{16}\/obligations$/,
    );
    const whatsapp = await overdue.getByRole("link", { name: "Partager sur WhatsApp" }).getAttribute("href");
    expect(whatsapp).toMatch(/^https:\/\/wa\.me\/\?text=/);
    expect(decodeURIComponent(whatsapp!.split("text=")[1]!)).toContain("325 cartables");
  });

  it("choices of what comes by email are kept; marking all read clears the count", async () => {
    const form = page.getByTestId("email-preferences");
    await form.getByLabel("Obligations en retard").uncheck();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/notifications") && r.request().method() === "POST"),
      form.getByRole("button", { name: "Enregistrer mes choix" }).click(),
    ]);
    await visit(page, "/notifications");
    expect(await page.getByTestId("email-preferences").getByLabel("Obligations en retard").isChecked()).toBe(false);
    expect(await page.getByTestId("email-preferences").getByLabel("Réunions dans 3 jours").isChecked()).toBe(true);

    await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
    await page.locator('[data-testid="notifications-link"][data-unread="0"]').waitFor();
    expect(await page.getByTestId("notifications").locator('li[data-unread="true"]').count()).toBe(0);
  });

  it("without SMTP the reminder emails wait in an outbox the platform administrator reads; nobody else sees it", async () => {
    const admin = await (await newContext(browser, baseURL)).newPage();
    await login(admin, "admin@charaka.example");
    await visit(admin, "/settings");
    const waiting = admin.getByTestId("outbox").locator('li[data-status="pending"]');
    expect(await waiting.count()).toBeGreaterThan(0);
    expect(await admin.getByTestId("outbox").textContent()).toContain("president@insaf.example");
    await visit(page, "/settings");
    expect(await page.getByTestId("outbox").count()).toBe(0);
  });
});
