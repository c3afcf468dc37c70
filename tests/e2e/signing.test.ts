/**
 * Signing in the browser: both signatories sign in the app (the second activates the
 * agreement), a signatory declines, a paper signing with its scan activates another.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, newContext, signInApp, visit } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
let president: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  await login(president, "president@sofara.example");
});
afterAll(async () => {
  await browser?.close();
});

/** Drafts an agreement with Clear Vision, both signatories set, and sends it for signature. */
async function agreementAwaitingSignatures(title: string, titleAr: string): Promise<string> {
  await visit(president, "/agreements/new");
  await president.getByLabel("Partenaire").selectOption({ label: "Fondation Clear Vision (Fondation)" });
  await president.getByLabel("Titre", { exact: true }).fill(title);
  await president.getByLabel("Titre dans une seconde langue").fill(titleAr);
  await president.getByLabel("Date d’entrée en vigueur").fill("2026-12-01");
  await president.getByLabel("Ou durée (mois)").fill("12");
  await Promise.all([
    president.waitForURL(/\/clauses$/),
    president.getByRole("button", { name: "Créer le brouillon" }).click(),
  ]);
  const url = president.url().replace(/\/clauses$/, "");
  await president.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
  await president.locator("#template").selectOption({ label: "Objet de la convention" });
  await president.getByRole("button", { name: "Insérer à la fin" }).click();
  await president.getByTestId("clause").first().waitFor();
  await visit(president, url);
  // Clear Vision's members are offered as its signatory once it can see the agreement (negotiation).
  for (const [org, account] of [
    ["Association Sofara Al-Khair – Smara", "Mustapha El Harma, Président"],
    ["Fondation Clear Vision", "Hicham Masfar, Directeur"],
  ] as const) {
    if (org === "Fondation Clear Vision") {
      await president.getByRole("button", { name: "Ouvrir la négociation avec les parties" }).click();
      await president.locator('[data-status="negotiation"]').first().waitFor();
    }
    const party = president.getByTestId("parties").locator("li").filter({ hasText: org });
    await party.locator("summary").click();
    await party.getByLabel("Compte du signataire").selectOption({ label: account });
    await party.getByRole("button", { name: "Enregistrer la partie" }).click();
    // The signatory as saved (the name is also among the select's options, so wait for this line itself).
    await party
      .getByTestId("party-signatory")
      .filter({ hasText: account.split(",")[0]! })
      .waitFor();
  }
  await president.getByRole("button", { name: "Envoyer pour signature" }).click();
  await president.locator('[data-status="awaiting_signatures"]').first().waitFor();
  return url;
}

let signedUrl = "";

describe("signing in the app", () => {
  it("the president and the partner's signatory each sign; the second signature activates the agreement", async () => {
    signedUrl = await agreementAwaitingSignatures(
      "Convention pour l’équipement d’une salle de lecture",
      "اتفاقية تجهيز قاعة للمطالعة",
    );
    await visit(president, `${signedUrl}/sign`);
    const hash = (await president.getByTestId("content-hash").textContent())!.replace("SHA-256", "").trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // A wrong password is refused next to the field, and the name typed is kept.
    const form = president.getByTestId("sign-form");
    await form.getByRole("checkbox").check();
    await form.getByLabel(/nom complet/).fill("Mustapha El Harma");
    await form.getByLabel(/Votre mot de passe/).fill("not-my-password");
    await form.getByRole("button", { name: "Signer" }).click();
    await president.waitForSelector('input[name="password"][aria-invalid="true"]');
    expect(
      await president
        .getByTestId("sign-form")
        .getByLabel(/nom complet/)
        .inputValue(),
    ).toBe("Mustapha El Harma");
    await president.screenshot({ path: "tests/.tmp/sign-fr.png", fullPage: true });

    // The dashboard tells the president a signature is awaited from him.
    await visit(president, "/");
    await president
      .getByTestId("awaiting-my-signature")
      .filter({ hasText: "Convention pour l’équipement d’une salle de lecture" })
      .waitFor();
    await signInApp(president, signedUrl, "Mustapha El Harma");
    await president.getByRole("status").filter({ hasText: "Votre signature est enregistrée." }).waitFor();
    expect(await president.getByTestId("signatures").textContent()).toContain("Signée par Mustapha El Harma");

    const partnerContext = await newContext(browser, baseURL);
    const partner = await partnerContext.newPage();
    await login(partner, "directeur@clearvision.example");
    await signInApp(partner, signedUrl, "Hicham Masfar");
    await partner.getByRole("status").filter({ hasText: "Toutes les parties ont signé" }).waitFor();
    await partnerContext.close();

    await visit(president, signedUrl);
    await president.locator('[data-status="active"]').first().waitFor();
    expect(await president.getByTestId("signed-notice").textContent()).toMatch(
      /Signée, en vigueur à compter du|Signée le/,
    );
    await visit(president, `${signedUrl}/history`);
    const history = await president.getByTestId("history").textContent();
    expect(history).toContain("Signature (version 2)"); // version 1: frozen when negotiation opened
    expect(history).toContain("Le signataire a ouvert le texte à signer");
    expect(history).toContain("Statut : En attente de signatures → En vigueur");
  });

  it("someone who is not the designated signatory cannot sign, and another organization gets 404", async () => {
    const url = await agreementAwaitingSignatures("Convention test de signature", "اتفاقية اختبار التوقيع");
    const memberContext = await newContext(browser, baseURL);
    const member = await memberContext.newPage();
    await login(member, "membre@sofara.example");
    await visit(member, `${url}/sign`);
    expect(await member.getByTestId("sign-form").count()).toBe(0);
    const party = await member.request.post(`${url}/sign`, {
      form: { intent: "sign", partyId: "aaaaaaaaaaaaaaaa", consent: "on", typedName: "X", password: DEMO_PASSWORD },
      headers: { Origin: baseURL },
    });
    expect(party.status()).toBe(404);
    await memberContext.close();

    const outsiderContext = await newContext(browser, baseURL);
    const outsider = await outsiderContext.newPage();
    await login(outsider, "president@insaf.example");
    expect((await visit(outsider, `${url}/sign`))?.status()).toBe(404);
    await outsiderContext.close();
  });

  it("a signatory who declines sends the agreement back to negotiation and voids the signatures", async () => {
    const url = await agreementAwaitingSignatures("Convention refusée à la signature", "اتفاقية مرفوضة");
    await signInApp(president, url, "Mustapha El Harma");
    const partnerContext = await newContext(browser, baseURL);
    const partner = await partnerContext.newPage();
    await login(partner, "directeur@clearvision.example");
    await visit(partner, `${url}/sign`);
    await partner.getByText("Refuser de signer").first().click();
    await partner
      .getByLabel("Pourquoi ? La convention revient en négociation.")
      .fill("Le montant de notre contribution doit être revu.");
    await Promise.all([
      partner.waitForURL(url),
      partner.getByRole("button", { name: "Refuser et revenir à la négociation" }).click(),
    ]);
    await partner.locator('[data-status="negotiation"]').first().waitFor();
    await partnerContext.close();

    await visit(president, `${url}/history`);
    const history = await president.getByTestId("history").textContent();
    expect(history).toContain("Signature refusée");
    expect(history).toContain("Le montant de notre contribution doit être revu.");
    await visit(president, `${url}/sign`);
    expect(await president.getByTestId("signatures").textContent()).not.toContain("Signée par");
  });
});

async function scanPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText("Convention signée – scan", {
    x: 56,
    y: 760,
    size: 14,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

describe("signing on paper", () => {
  it("a fake scan that is really HTML is refused with a clear message; a real PDF scan activates the agreement", async () => {
    const url = await agreementAwaitingSignatures("Convention signée lors d’une cérémonie", "اتفاقية موقعة في حفل");
    await visit(president, `${url}/sign`);
    await president.getByText("Enregistrer une cérémonie de signature sur papier").click();
    const form = president.getByTestId("paper-form");
    await form.getByLabel("Date de signature").fill("2026-11-20");
    await form.getByLabel("Lieu de signature").fill("Smara");
    await form.locator('input[name="scan"]').setInputFiles({
      name: "scan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    await form.getByRole("button", { name: "Enregistrer la signature sur papier" }).click();
    await president.waitForSelector('input[name="scan"][aria-invalid="true"]');
    expect(await president.locator("#scan-error").textContent()).toBe(
      "Ce fichier n’est pas un PDF. Déposez le scan au format PDF.",
    );
    expect(await president.getByLabel("Lieu de signature").inputValue()).toBe("Smara");

    const scan = await scanPdf();
    await president
      .getByTestId("paper-form")
      .locator('input[name="scan"]')
      .setInputFiles({ name: "convention.pdf", mimeType: "application/pdf", buffer: scan });
    await president
      .getByTestId("paper-form")
      .getByRole("button", { name: "Enregistrer la signature sur papier" })
      .click();
    await president.waitForURL(/done=activated/);
    await president.getByTestId("signatures").filter({ hasText: "Signée sur papier par Mustapha El Harma" }).waitFor();

    await visit(president, url);
    await president.locator('[data-status="active"]').first().waitFor();
    const download = await president.request.get(`${url}/scan`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(scan)).toBe(true);

    const outsiderContext = await newContext(browser, baseURL);
    const outsider = await outsiderContext.newPage();
    await login(outsider, "president@insaf.example");
    expect((await outsider.request.get(`${url}/scan`)).status()).toBe(404);
    await outsiderContext.close();
  });
});
