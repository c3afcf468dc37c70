/**
 * A spreadsheet goes out and comes back: the president exports the agreements as CSV (or as an
 * Excel workbook) and imports the file; every line is checked and shown first, then all are imported as drafts. A file with
 * errors shows them line by line and imports nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";

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

/** The references of the completed agreements (the demo has one, with deliverables). */
async function completedReferences(): Promise<string[]> {
  const handle = openServerDatabase();
  try {
    const rows = await handle.db
      .selectFrom("agreement")
      .select("reference")
      .where("status", "=", "completed")
      .execute();
    return rows.flatMap((r) => (r.reference ? [r.reference] : []));
  } finally {
    await handle.close();
  }
}

/** Chooses the file on the import page and asks for it to be checked. */
async function checkFile(file: string) {
  await visit(page, "/agreements/import");
  await page.locator('input[name="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
}

describe("importing agreements", () => {
  it("an exported CSV imports back: every line checked, then all imported as drafts", async () => {
    const csv = await (await page.request.get("/exports/agreements.csv")).body();
    const file = path.join(dir, "conventions.csv");
    fs.writeFileSync(file, csv);
    const lines = csv.toString("utf8").trim().split(/\r\n/).length - 1;

    await checkFile(file);
    await page.getByTestId("import-preview").waitFor();
    expect(await page.getByTestId("import-preview").locator('tr[data-valid="true"]').count()).toBe(lines);
    expect(await page.getByTestId("import-preview").textContent()).toContain(
      "Convention de partenariat et de coopération",
    );

    await Promise.all([
      page.waitForURL(/\/agreements\?status=draft&imported=\d+$/),
      page.getByRole("button", { name: /^Importer \d+ conventions?$/ }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get("imported")).toBe(String(lines));
    const drafts = await page.getByTestId("agreement-list").textContent();
    expect(drafts).toContain("Convention de partenariat et de coopération");
  });

  it("the list offers every export as CSV and as an Excel workbook, and a workbook is checked like a CSV", async () => {
    await visit(page, "/agreements");
    const link = page.getByTestId("export-agreements").getByRole("link", { name: "Conventions — Excel" });
    expect(await link.getAttribute("href")).toBe("/exports/agreements.xlsx");
    const response = await page.request.get("/exports/agreements.xlsx");
    expect(response.headers()["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const file = path.join(dir, "conventions.xlsx");
    fs.writeFileSync(file, await response.body());
    const lines = (await (await page.request.get("/exports/agreements.csv")).text()).trim().split(/\r\n/).length - 1;
    await checkFile(file);
    await page.getByTestId("import-preview").waitFor();
    expect(await page.getByTestId("import-preview").locator('tr[data-valid="true"]').count()).toBe(lines);
  });

  it("a file with errors shows them line by line, next to the column, and imports nothing", async () => {
    const file = path.join(dir, "erreurs.csv");
    fs.writeFileSync(
      file,
      "\uFEFFTitre;Parties;Entrée en vigueur\r\nConvention test import;Société Inconnue;2027-02-30\r\n",
    );
    await checkFile(file);
    const row = page.getByTestId("import-preview").locator('tr[data-valid="false"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("Aucune organisation nommée « Société Inconnue » sur Charaka.");
    expect(await row.textContent()).toContain("Saisissez une date valide.");
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
    await visit(page, "/agreements?q=" + encodeURIComponent("Convention test import"));
    expect(await page.getByTestId("agreement-list").count()).toBe(0);
  });

  it("a deliverables export imports back onto its agreement, every line checked first, and the count is announced where it lands", async () => {
    // A completed agreement takes no new deliverables (its lines would be refused): the others' go back.
    const closed = await completedReferences();
    const csv = (await (await page.request.get("/exports/deliverables.csv")).body())
      .toString("utf8")
      .split(/(?<=\r\n)/)
      .filter((line) => !closed.some((reference) => line.startsWith(`${reference};`)))
      .join("");
    const file = path.join(dir, "livrables.csv");
    fs.writeFileSync(file, csv);
    const lines = csv.trim().split(/\r\n/).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    const reference = lines[0]!.split(";")[0]!; // a French reader's Excel separates with ";"

    await checkFile(file);
    const preview = page.getByTestId("import-preview");
    await preview.waitFor();
    expect(await preview.locator("thead").textContent()).toContain("Convention");
    expect(await preview.locator('tr[data-valid="true"]').count()).toBe(lines.length);
    expect(await preview.textContent()).toContain(reference);

    await Promise.all([
      page.waitForURL(
        /\/agreements\/[a-z0-9]{16}\/deliverables\?imported=\d+$|\/agreements\?imported=\d+&kind=deliverables$/,
      ),
      page.getByRole("button", { name: /^Importer \d+ livrables?$/ }).click(),
    ]);
    await page.getByTestId("imported-notice").waitFor();
    expect(await page.getByTestId("imported-notice").getAttribute("data-count")).toBe(String(lines.length));
  });

  it("a deliverable line naming an agreement of another organization is refused like an unknown one", async () => {
    const file = path.join(dir, "livrables-erreurs.csv");
    const foreign = await (await page.request.get("/exports/agreements.csv")).text();
    expect(foreign).not.toContain("Convention de partenariat stratégique");
    fs.writeFileSync(file, "Référence;Titre;Objectif;Unité\r\nCH-2026-0002;Cartables;325;cartables\r\n");
    await checkFile(file);
    const row = page.getByTestId("import-preview").locator('tr[data-valid="false"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("Aucune convention « CH-2026-0002 » de cette organisation");
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
  });
});
