/**
 * Each demo person opens Charaka and sees, on `/`, what needs their attention — the demo data is
 * seeded so that each kind appears for someone: the next meeting and action items (Sofara's
 * committee), a late action item of the partner (Clear Vision), overdue obligations (INSAF),
 * signatures awaited from both sides of a new convention (INSAF and Kazyon), and a framework
 * agreement ending within weeks (AMS). Nobody sees another organization's items.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function dashboardOf(email: string, locale?: string): Promise<Page> {
  const page = await (await newContext(browser, baseURL, locale ? { locale } : {})).newPage();
  await login(page, email);
  await visit(page, "/");
  return page;
}

/** The Sofara × Clear Vision committee's seeded next meeting (other tests add committees of their own). */
const seededMeeting = (page: Page) =>
  page
    .getByTestId("next-meetings")
    .locator('li[data-meeting-number="2"]')
    .filter({ hasText: "Convention de partenariat et de coopération" });

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).count()) ? ((await page.getByTestId(testId).textContent()) ?? "") : "";

describe("each person's dashboard", () => {
  it("Sofara's president sees the committee's next meeting, the association's action item, progress per agreement and recent activity", async () => {
    const page = await dashboardOf("president@sofara.example");
    expect(await seededMeeting(page).count()).toBe(1);
    const item = page
      .getByTestId("my-action-items")
      .locator("li")
      .filter({ hasText: "Transmettre le rapport de la campagne aux autorités provinciales" });
    expect(await item.getAttribute("data-overdue")).toBe("false");
    expect(await text(page, "my-action-items")).not.toContain("Remettre le bilan chiffré");
    expect(await text(page, "progress-chart")).toContain("Convention de partenariat et de coopération");
    expect(await page.getByTestId("progress-chart").getByTestId("progress").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("activity").locator("li").count()).toBeGreaterThan(0);
    expect(await text(page, "dashboard-counts")).toMatch(/En vigueur · \d+/);
    await page.close();
  });

  it("the committee secretary sees the same meeting and her association's item, in Arabic; the partner's officer sees her foundation's late item", async () => {
    // She works in Arabic (her account's language).
    const secretary = await dashboardOf("membre@sofara.example");
    expect(await secretary.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await seededMeeting(secretary).count()).toBe(1);
    expect(await text(secretary, "my-action-items")).toContain("Transmettre le rapport de la campagne");
    expect(await secretary.getByTestId("attention").textContent()).toMatch(/[\u0600-\u06FF]/);
    await secretary.screenshot({ path: "tests/.tmp/dashboard-secretary-ar.png", fullPage: true });
    await secretary.close();

    const partner = await dashboardOf("rse@clearvision.example");
    expect(await seededMeeting(partner).count()).toBe(1);
    const late = partner.getByTestId("my-action-items").locator('li[data-overdue="true"]');
    expect(await late.textContent()).toContain("Remettre le bilan chiffré de la campagne");
    expect(await late.textContent()).toContain("En retard");
    expect(await text(partner, "my-action-items")).not.toContain("Transmettre le rapport");
    await partner.close();
  });

  it("INSAF's president sees her overdue obligations and the convention awaiting her signature, linked to its signing page", async () => {
    const page = await dashboardOf("president@insaf.example");
    expect(await page.getByTestId("overdue-obligations").locator("li").count()).toBeGreaterThan(0);
    expect(await text(page, "overdue-obligations")).not.toContain("Smara");
    const awaited = page
      .getByTestId("awaiting-my-signature")
      .getByRole("link", { name: /salle informatique du centre de Derb Ghallef/ });
    expect(await awaited.getAttribute("href")).toMatch(/^\/agreements\/[a-z0-9]{16}\/sign$/);
    expect(await text(page, "next-meetings")).toBe("");
    await page.close();
  });

  it("Kazyon's CSR officer sees the same convention awaiting her signature", async () => {
    const page = await dashboardOf("rse@kazyon.example");
    expect(await text(page, "awaiting-my-signature")).toContain(
      "Convention spécifique – salle informatique du centre de Derb Ghallef",
    );
    await page.close();
  });

  // The AMS president's language is switched by the languages test running alongside: only
  // what reads the same in every language is checked for her.
  it("AMS's president sees the framework agreement ending within weeks, and nothing of the other associations", async () => {
    const page = await dashboardOf("president@ams.example");
    const ending = page
      .getByTestId("ending-soon")
      .locator("li")
      .filter({ hasText: "Convention-cadre de partenariat solidaire AMS – QNET" });
    const days = Number(await ending.getAttribute("data-days"));
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(60);
    expect(await page.getByTestId("next-meetings").count()).toBe(0);
    expect(await page.getByTestId("overdue-obligations").count()).toBe(0);
    expect(await page.getByTestId("awaiting-my-signature").count()).toBe(0);
    expect(await page.getByTestId("my-action-items").count()).toBe(0);
    await page.close();
  });
});
