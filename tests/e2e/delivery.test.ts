/**
 * The INSAF × Kazyon agreement's follow-up: the computer room itemised and delivered in two
 * rounds with a photo, confirmed by the partner; the 325 school bags recorded; progress bars;
 * overdue obligations shown as such; a fake "photo" refused.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { pdfText, writeTemp } from "../support/pdf";

const baseURL = inject("baseURL");
let browser: Browser;
let insaf: Page;
let agreementUrl = "";
let roomUrl = "";

/** A real 1×1 PNG. */
function tinyPng(): Buffer {
  return Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000502027f3c6b8a0e0000000049454e44ae426082",
    "hex",
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  insaf = await (await newContext(browser, baseURL)).newPage();
  await login(insaf, "president@insaf.example");
  await visit(insaf, "/agreements?partner=&q=" + encodeURIComponent("éducation"));
  const href = await insaf
    .getByRole("link", { name: "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants" })
    .getAttribute("href");
  agreementUrl = new URL(href!, baseURL).toString();
});
afterAll(async () => {
  await browser?.close();
});

async function recordRound(
  page: Page,
  date: string,
  quantities: Record<string, string>,
  extra: { beneficiaries?: string; photo?: Buffer } = {},
) {
  const form = page.getByTestId("delivery-form");
  await form.getByLabel("Date").fill(date);
  // Item fields are optional: their label reads "ordinateurs (facultatif)".
  const startsWith = (label: string) => new RegExp(`^${label.replace(/[()]/g, "\\$&")}`);
  for (const [label, value] of Object.entries(quantities)) await form.getByLabel(startsWith(label)).fill(value);
  if (extra.beneficiaries) await form.getByLabel("Bénéficiaires touchés").fill(extra.beneficiaries);
  if (extra.photo)
    await form
      .locator('input[name="evidence"]')
      .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: extra.photo });
  await form.getByRole("button", { name: "Enregistrer une livraison" }).click();
}

describe("following up the INSAF × Kazyon agreement", () => {
  it("overdue obligations show as overdue on the obligations page and in the overview", async () => {
    await visit(insaf, `${agreementUrl}/obligations`);
    const overdue = insaf.locator('[data-testid="obligation"][data-overdue="true"]');
    expect(await overdue.count()).toBeGreaterThanOrEqual(2);
    expect(await overdue.first().textContent()).toContain("En retard");
    // Evidence of an obligation's follow-up is attached to it.
    const bags = insaf.getByTestId("obligation").filter({ hasText: "325 cartables" });
    // The file picker speaks the page's language (not the browser's) and names the chosen file.
    expect(await bags.getByTestId("file-chosen").textContent()).toBe("Aucun fichier choisi");
    expect(await bags.getByText("Choisir un fichier").isVisible()).toBe(true);
    await bags
      .locator('input[name="evidence"]')
      .setInputFiles({ name: "distribution.png", mimeType: "image/png", buffer: tinyPng() });
    expect(await bags.getByTestId("file-chosen").textContent()).toBe("distribution.png");
    await bags.getByRole("button", { name: "Joindre" }).click();
    await insaf
      .getByTestId("obligation")
      .filter({ hasText: "325 cartables" })
      .getByTestId("obligation-evidence")
      .getByText("distribution.png")
      .waitFor();

    await visit(insaf, agreementUrl);
    expect(Number(await insaf.getByTestId("overdue-count").textContent())).toBeGreaterThanOrEqual(2);
  });

  it("the computer room is itemised, delivered in two rounds with a photo, and progress follows", async () => {
    await visit(insaf, `${agreementUrl}/deliverables`);
    await insaf.getByLabel("Type").selectOption("equipment");
    await insaf.getByLabel("Intitulé").fill("Salle informatique du centre de Hay Hassani");
    await insaf.getByLabel("Partie responsable").selectOption({ label: "Association INSAF" });
    await insaf
      .getByLabel("Équipements")
      .fill("4 ordinateurs\n4 tablettes\n1 routeur\n1 switch\n4 imprimantes multifonctions");
    await insaf.getByLabel("Unité").fill("équipements");
    await Promise.all([
      insaf.waitForURL(/\/deliverables\/[a-z0-9]{16}$/),
      insaf.getByRole("button", { name: "Prévoir un livrable" }).click(),
    ]);
    roomUrl = insaf.url();
    await insaf.getByTestId("deliverable-title").filter({ hasText: "Salle informatique" }).waitFor();
    expect(await insaf.getByTestId("deliverable-total").textContent()).toContain("0 / 14");

    // A "photo" that is really HTML is refused, and what was typed is kept.
    await recordRound(
      insaf,
      "2025-09-20",
      { ordinateurs: "2" },
      { photo: Buffer.from("<html><script>alert(1)</script></html>") },
    );
    await insaf.waitForSelector('input[name="evidence"][aria-invalid="true"]');
    expect(await insaf.locator("#evidence-error").textContent()).toBe(
      "Ce fichier n’est ni une photo (PNG ou JPEG) ni un PDF.",
    );
    expect(
      await insaf
        .getByTestId("delivery-form")
        .getByLabel(/^ordinateurs/)
        .inputValue(),
    ).toBe("2");

    await recordRound(
      insaf,
      "2025-09-20",
      { ordinateurs: "2", tablettes: "4", routeur: "1" },
      { beneficiaries: "60", photo: tinyPng() },
    );
    await insaf.getByTestId("deliverable-total").filter({ hasText: "7 / 14" }).waitFor();
    expect(await insaf.getByTestId("progress").first().getAttribute("data-percent")).toBe("50");
    const photo = insaf.getByTestId("evidence-link").first();
    expect(
      (await insaf.request.get(new URL((await photo.getAttribute("href"))!, baseURL).toString())).headers()[
        "content-type"
      ],
    ).toBe("image/png");

    // The first round's reception receipt, to sign on paper, then its scan attached.
    const receipt = await insaf.request.get(
      new URL((await insaf.getByTestId("receipt-link").first().getAttribute("href"))!, baseURL).toString(),
    );
    const receiptText = pdfText(writeTemp(Buffer.from(await receipt.body()), "receipt.pdf"));
    expect(receiptText).toContain("Procès-verbal de réception");
    expect(receiptText).toMatch(/tablettes\s+4/);
    const firstRound = insaf.getByTestId("deliveries").locator(":scope > li").first();
    await firstRound
      .locator('input[name="receipt"]')
      .setInputFiles({ name: "pv-signe.pdf", mimeType: "application/pdf", buffer: Buffer.from(await receipt.body()) });
    await firstRound.getByRole("button", { name: "Joindre" }).click();
    await insaf.getByText("procès-verbal signé joint").first().waitFor();

    await recordRound(insaf, "2025-09-26", { ordinateurs: "2", switch: "1", "imprimantes multifonctions": "4" });
    await insaf.getByTestId("deliverable-total").filter({ hasText: "14 / 14" }).waitFor();
    expect(await insaf.getByTestId("progress").first().getAttribute("data-percent")).toBe("100");
    expect(await insaf.getByTestId("deliveries").locator(":scope > li").count()).toBe(2);
    // The second round had no beneficiaries: it says nothing of them (it said "0 bénéficiaire").
    expect(await insaf.getByTestId("delivery-details").nth(1).textContent()).not.toMatch(/bénéficiaire/);
    expect(await insaf.getByTestId("delivery-details").nth(0).textContent()).toContain("60 bénéficiaires");
    await insaf.getByRole("button", { name: "Déclarer livré" }).click();
    await insaf.locator('[data-status="delivered"]').first().waitFor();
  });

  it("the partner confirms the delivered computer room and downloads its photo; someone of another organization gets 404 on both", async () => {
    const context = await newContext(browser, baseURL);
    const partner = await context.newPage();
    await login(partner, "rse@kazyon.example");
    await visit(partner, roomUrl);
    await partner.getByRole("button", { name: "Confirmer la livraison" }).click();
    await partner.locator('[data-status="confirmed"]').first().waitFor();
    // The partner cannot record deliveries for the association, but sees and downloads the photo.
    expect(await partner.getByTestId("delivery-form").count()).toBe(0);
    const photoUrl = new URL(
      (await partner.getByTestId("evidence-link").first().getAttribute("href"))!,
      baseURL,
    ).toString();
    expect((await partner.request.get(photoUrl)).status()).toBe(200);
    await context.close();

    const outsiderContext = await newContext(browser, baseURL);
    const outsider = await outsiderContext.newPage();
    await login(outsider, "president@sofara.example");
    expect((await visit(outsider, roomUrl))?.status()).toBe(404);
    expect((await outsider.request.get(photoUrl)).status()).toBe(404);
    await outsiderContext.close();
  });

  it("the 325 school bags are recorded and the overview's progress follows", async () => {
    await visit(insaf, `${agreementUrl}/deliverables`);
    await insaf.getByLabel("Type").selectOption("distribution");
    await insaf.getByLabel("Intitulé").fill("Distribution de 325 cartables équipés");
    await insaf.getByLabel("Partie responsable").selectOption({ label: "Association INSAF" });
    await insaf.getByLabel("Quantité visée").fill("325");
    await insaf.getByLabel("Unité").fill("cartables");
    await Promise.all([
      insaf.waitForURL(/\/deliverables\/[a-z0-9]{16}$/),
      insaf.getByRole("button", { name: "Prévoir un livrable" }).click(),
    ]);
    await insaf.getByTestId("deliverable-title").filter({ hasText: "325 cartables" }).waitFor();
    await recordRound(insaf, "2025-09-15", { "Quantité (cartables)": "200" }, { beneficiaries: "200" });
    await insaf.getByTestId("deliverable-total").filter({ hasText: "200 / 325" }).waitFor();
    expect(await insaf.getByTestId("progress").first().getAttribute("data-percent")).toBe("61");
    await recordRound(insaf, "2025-09-22", { "Quantité (cartables)": "125" }, { beneficiaries: "125" });
    await insaf.getByTestId("deliverable-total").filter({ hasText: "325 / 325" }).waitFor();

    await visit(insaf, agreementUrl);
    const followUp = insaf.getByTestId("follow-up");
    expect(await followUp.getByTestId("progress").getAttribute("data-percent")).toBe("100");
    expect(Number(await insaf.getByTestId("beneficiaries-total").textContent())).toBe(385);
    await visit(insaf, `${agreementUrl}/deliverables`);
    await insaf.screenshot({ path: "tests/.tmp/deliverables-fr.png", fullPage: true });
  });
});
