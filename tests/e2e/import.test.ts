/**
 * A spreadsheet goes out and comes back: the president exports the agreements as CSV and imports
 * the file; every line is checked and shown first, then all are imported as drafts. A file with
 * errors shows them line by line and imports nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
let page: Page;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-import-"));

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await newContext(browser, baseURL)).newPage();
  await login(page, "president@sofara.example");
}, 60_000);
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("importing agreements", () => {
  it("an exported CSV imports back: every line checked, then all imported as drafts", async () => {
    const csv = await (await page.request.get("/exports/agreements.csv")).body();
    const file = path.join(dir, "conventions.csv");
    fs.writeFileSync(file, csv);
    const lines = csv.toString("utf8").trim().split(/\r\n/).length - 1;

    await visit(page, "/agreements/import");
    await page.locator('input[name="file"]').setInputFiles(file);
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    await page.getByTestId("import-preview").waitFor();
    expect(await page.getByTestId("import-preview").locator('tr[data-valid="true"]').count()).toBe(lines);
    expect(await page.getByTestId("import-preview").textContent()).toContain("Convention de partenariat et de coopération");

    await Promise.all([page.waitForURL(/\/agreements\?status=draft&imported=\d+$/), page.getByRole("button", { name: /^Importer \d+ conventions?$/ }).click()]);
    expect(new URL(page.url()).searchParams.get("imported")).toBe(String(lines));
    const drafts = await page.getByTestId("agreement-list").textContent();
    expect(drafts).toContain("Convention de partenariat et de coopération");
  });

  it("a file with errors shows them line by line, next to the column, and imports nothing", async () => {
    const file = path.join(dir, "erreurs.csv");
    fs.writeFileSync(file, "\uFEFFTitre;Parties;Entrée en vigueur\r\nConvention test import;Société Inconnue;2027-02-30\r\n");
    await visit(page, "/agreements/import");
    await page.locator('input[name="file"]').setInputFiles(file);
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    const row = page.getByTestId("import-preview").locator('tr[data-valid="false"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("Aucune organisation nommée « Société Inconnue » sur Charaka.");
    expect(await row.textContent()).toContain("Saisissez une date valide.");
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
    await visit(page, "/agreements?q=" + encodeURIComponent("Convention test import"));
    expect(await page.getByTestId("agreement-list").count()).toBe(0);
  });
});
