/** The annual action plan in the browser: drafted, submitted, adopted, its timeline drawn. */
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
});
afterAll(async () => {
  await browser?.close();
});

describe("the annual action plan", () => {
  it("is drafted with an action and an indicator, submitted, adopted with a date, and its timeline renders", async () => {
    await visit(page, "/agreements?q=" + encodeURIComponent("éducation"));
    const href = await page
      .getByRole("link", { name: "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants" })
      .getAttribute("href");
    await visit(page, `${href}/plan?year=2030`);
    await page.getByRole("button", { name: "Commencer le plan 2030" }).click();
    await page.getByTestId("plan-status").waitFor();

    // An action whose end precedes its start is refused next to the field.
    await page.getByLabel("Objectif").fill("Équiper 325 enfants de cartables");
    await page.getByLabel("Partie responsable").selectOption({ label: "Association INSAF" });
    await page.getByLabel("Début").fill("2030-10-15");
    await page.getByLabel("Date de fin").fill("2030-09-01");
    await page.getByRole("button", { name: "Ajouter une action" }).click();
    await page.waitForSelector('input[name="endDate"][aria-invalid="true"]');
    expect(await page.getByLabel("Objectif").inputValue()).toBe("Équiper 325 enfants de cartables");
    await page.getByLabel("Début").fill("2030-09-01");
    await page.getByLabel("Date de fin").fill("2030-10-15");
    await page.getByRole("button", { name: "Ajouter une action" }).click();
    await page.getByTestId("plan-actions").getByText("Équiper 325 enfants de cartables").waitFor();

    await page.locator("summary", { hasText: "Ajouter un indicateur" }).click();
    await page.getByLabel("Indicateur").fill("enfants équipés de cartables");
    await page.getByLabel("Unité").fill("enfants");
    await page.getByLabel("Cible").fill("325");
    await page.getByRole("button", { name: "Ajouter un indicateur" }).click();
    await page
      .getByTestId("indicators")
      .getByText(/enfants équipés de cartables/)
      .waitFor();

    const bars = page.getByTestId("plan-timeline").getByTestId("timeline-bar");
    expect(await bars.count()).toBe(1);
    const rect = bars.first().locator("rect");
    expect(Number(await rect.getAttribute("x"))).toBeGreaterThan(600);
    expect(Number(await rect.getAttribute("width"))).toBeGreaterThan(100);

    await page.getByRole("button", { name: "Soumettre au comité" }).click();
    await page.locator('[data-testid="plan-status"][data-status="submitted"]').waitFor();
    await page.getByLabel("Date d’adoption").fill("2030-02-10");
    await page.getByLabel("Réunion").fill("Comité de suivi du 10 février");
    await page.getByRole("button", { name: "Enregistrer l’adoption" }).click();
    await page.locator('[data-testid="plan-status"][data-status="adopted"]').waitFor();
    expect(await page.getByTestId("plan-status").textContent()).toContain("Comité de suivi du 10 février");
    await page.screenshot({ path: "tests/.tmp/plan-fr.png", fullPage: true });
  });
});
