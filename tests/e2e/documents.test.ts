/**
 * The PDF of a signed bilingual agreement: Arabic title joined and right-to-left (checked on
 * the text and on a rasterised page), its hash verifies on /verify, and any modification of
 * the PDF or of the audit log is reported.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { pdfText, rasterize, wordBoxes, writeTemp } from "../support/pdf";

const baseURL = inject("baseURL");
let browser: Browser;
let president: Page;
let agreementUrl = "";
let pdf: Buffer;
let pdfFile = "";

beforeAll(async () => {
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  await login(president, "president@sofara.example");
  // The signed one: the import suite, in the same server, adds drafts bearing the same title.
  await visit(president, "/agreements?status=active&q=cooperation");
  agreementUrl = new URL(
    (await president.getByRole("link", { name: "Convention de partenariat et de coopération" }).getAttribute("href"))!,
    baseURL,
  ).toString();
  const response = await president.request.get(`${agreementUrl}/pdf`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  pdf = Buffer.from(await response.body());
  pdfFile = writeTemp(pdf, "sofara.pdf");
});
afterAll(async () => {
  await browser?.close();
});

describe("the PDF of the signed bilingual agreement", () => {
  it("contains the French and Arabic titles, the articles, page numbers and the hash", () => {
    const text = pdfText(pdfFile);
    expect(text).toContain("Convention de partenariat et de coopération");
    expect(text).toContain("اتفاقية شراكة وتعاون");
    expect(text).toContain("Article 1 — Objet");
    expect(text).toMatch(/1 ?\/ ?\d/);
    expect(text).toMatch(/SHA-256 [0-9a-f]{16}/);
    expect(text).toContain("Signée sur papier à Agadir le 1 janvier 2022.");
  });

  it("draws the Arabic title right-to-left with visible, joined glyphs (rasterised page)", () => {
    const words = wordBoxes(pdfFile, 1);
    const find = (w: string) => words.find((b) => b.text === w);
    const [first, second, third] = ["اتفاقية", "شراكة", "وتعاون"].map(find);
    expect(first && second && third).toBeTruthy();
    // Read right to left: the first word is rightmost.
    expect(first!.xMin).toBeGreaterThan(second!.xMin);
    expect(second!.xMin).toBeGreaterThan(third!.xMin);
    // Right-aligned on the page.
    expect(first!.xMax).toBeGreaterThan(500);
    const page = rasterize(pdfFile, 1);
    const titleBox = { xMin: third!.xMin, yMin: first!.yMin, xMax: first!.xMax, yMax: first!.yMax };
    expect(page.inkIn(titleBox)).toBeGreaterThan(0.05);
    // Drawn joined (presentation forms), the title extracts as the letters typed, with no normalisation.
    const raw = pdfText(pdfFile, 1);
    expect(raw).toContain("اتفاقية شراكة وتعاون");
    expect(raw).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
  });

  it("the overview says the ceremony's date, not the day it was recorded", async () => {
    await visit(president, agreementUrl);
    expect(await president.getByTestId("signed-notice").textContent()).toBe("Signée sur papier le 1 janvier 2022");
    expect(await president.getByTestId("paper-recorded").textContent()).toMatch(
      /^Signature sur papier enregistrée dans Charaka par .+ le \d{1,2} \S+ \d{4}$/,
    );
  });

  it("verifies on /verify, by uploading the file and by reference and hash", async () => {
    const page = await (await newContext(browser, baseURL)).newPage();
    await visit(page, "/verify");
    await page
      .locator('input[name="document"]')
      .setInputFiles({ name: "convention.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: "Vérifier" }).first().click();
    const verdict = page.getByTestId("verdict");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-match")).toBe("true");
    expect(await verdict.textContent()).toContain("signée par toutes les parties");
    expect(await verdict.textContent()).toContain("Mustapha El Harma");
    // Signed on paper in Agadir on 1 January 2022: that day, no time; its recording told apart.
    expect(await verdict.textContent()).toContain("signée sur papier le 1 janvier 2022");
    expect(await verdict.textContent()).toContain("enregistrée dans Charaka le");
    expect(await page.locator("body").textContent()).not.toContain("Contribution");

    await visit(president, `${agreementUrl}/sign`);
    const hash = (await president.getByTestId("content-hash").textContent())!.replace("SHA-256", "").trim();
    // The PDF carries that same hash.
    expect(pdfText(pdfFile).replace(/\s+/g, "")).toContain(hash);
    await visit(page, "/verify");
    await page.getByLabel("Référence (par ex. CH-2026-0001)").fill(pdfText(pdfFile).match(/CH-\d{4}-\d{4}/)![0]);
    await page.getByLabel("Empreinte (SHA-256, 64 caractères)").fill(hash);
    await page.getByRole("button", { name: "Vérifier" }).last().click();
    await page.getByTestId("verdict").waitFor();
    expect(await page.getByTestId("verdict").getAttribute("data-match")).toBe("true");

    // The QR code's short link answers the same.
    await visit(page, `/v/${hash.slice(0, 16)}`);
    expect(await page.getByTestId("verdict").getAttribute("data-match")).toBe("true");
  });

  it("a modified PDF is reported as not matching", async () => {
    const modified = Buffer.from(pdf);
    const at = modified.indexOf("Agadir");
    if (at >= 0) modified.write("Rabat!", at, "latin1");
    else modified[modified.length - 20] = modified[modified.length - 20]! ^ 0x01;
    const page = await (await newContext(browser, baseURL)).newPage();
    await visit(page, "/verify");
    await page
      .locator('input[name="document"]')
      .setInputFiles({ name: "convention.pdf", mimeType: "application/pdf", buffer: modified });
    await page.getByRole("button", { name: "Vérifier" }).first().click();
    await page.getByTestId("verdict").waitFor();
    expect(await page.getByTestId("verdict").getAttribute("data-match")).toBe("false");
    // And something that is not a PDF is refused as such.
    await page
      .locator('input[name="document"]')
      .setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html></html>") });
    await page.getByRole("button", { name: "Vérifier" }).first().click();
    await page.locator("#document-error").waitFor();
  });

  it("a tampered audit row is reported by the integrity check, with the first altered entry", async () => {
    await visit(president, `${agreementUrl}/history?check=1`);
    expect(await president.getByTestId("integrity").getAttribute("data-ok")).toBe("true");

    const handle = openServerDatabase();
    const row = await handle.db
      .selectFrom("audit_event")
      .select(["seq", "data"])
      .where("type", "=", "agreement.signed_on_paper")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable("audit_event")
      .set({ data: row.data.replace("Agadir", "Rabat") })
      .where("seq", "=", row.seq)
      .execute();
    try {
      await visit(president, `${agreementUrl}/history?check=1`);
      const report = president.getByTestId("integrity");
      expect(await report.getAttribute("data-ok")).toBe("false");
      expect(await report.textContent()).toContain(`n° ${row.seq}`);
    } finally {
      await handle.db.updateTable("audit_event").set({ data: row.data }).where("seq", "=", row.seq).execute();
      await handle.close();
    }
  });
});

describe("the PDF in Arabic", () => {
  it("an Arabic-speaking member gets the labels in Arabic, right-aligned", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "membre@sofara.example");
    const response = await page.request.get(`${agreementUrl}/pdf`);
    const file = writeTemp(Buffer.from(await response.body()), "ar.pdf");
    const text = pdfText(file);
    expect(text).toContain("الأطراف");
    expect(text).toContain("شهادة التوقيع");
    const label = wordBoxes(file, 1).find((w) => w.text === "الأطراف")!;
    expect(label.xMax).toBeGreaterThan(500);
    await context.close();
  });
});
