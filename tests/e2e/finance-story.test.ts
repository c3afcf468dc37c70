/**
 * The whole story of an agreement's money in the browser (issue #20), in French and in Arabic, on an
 * agreement of this file's own: Sofara Al-Khair × Clear Vision × a foundation based in France
 * (created here, with its own officer).
 *
 * The president drafts the budget (two lines) and the partners' tranches in French, sends the text for
 * signature, and the three signatories sign in the app. Tranche 1 is due on signature: Sofara's
 * treasurer (an account of this file's own, in Arabic, on a phone 390 px wide) calls for funds (PDF),
 * Clear Vision's CSR officer pays it, the treasurer confirms 15 MAD less (the bank's fees, shown) and
 * records three expenses with their receipts; the CSR officer questions one, it is answered and
 * settled; the budget shows its actual per line; the committee's reallocation (beyond the limit
 * refused beside the amount) and a tranche's cancellation are recorded. The foundation pays its tranche in EUR; its receipt
 * creates the declaration of foreign funds on the obligations page. The foundation's dossier is
 * uploaded on its page (a wrong file refused beside its field) and opened by its partner, not by others.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoIds } from "../../db/seed/demo";
import { ar } from "../../app/lib/i18n/messages/ar";
import { fr } from "../../app/lib/i18n/messages/fr";
import { expectNoServerError, launchBrowser, login, newContext, signInApp, visit } from "../support/browser";
import { ownAgreement } from "../support/e2e-agreement";
import { openServerDatabase } from "../support/e2e-db";
import { FACTORY_PASSWORD, factories, type Person } from "../support/factories";
import { blankPng } from "../support/images";

const baseURL = inject("baseURL");
let browser: Browser;
let president: Page; // president@sofara.example, in French
let treasurer: Page; // Sofara's treasurer of this file, in Arabic, on a phone
let csr: Page; // rse@clearvision.example, in French
let director: Page; // directeur@clearvision.example, Clear Vision's signatory
let foreign: Page; // the foundation's officer of this file, in French
let outsider: Page; // president@insaf.example
let agreementId = "";
let url = "";
let foundation: Person;
let sofaraTreasurer: Person;

const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  const handle = openServerDatabase();
  try {
    const f = factories(handle.db);
    const sofaraId = (await demoIds(handle.db)).orgIds.get("sofara")!;
    const foundationId = await f.organization({ kind: "foundation", name: "Fondation Lumière du Sahel" });
    await handle.db.updateTable("organization").set({ country: "FR" }).where("id", "=", foundationId).execute();
    foundation = await f.person({ organizationId: foundationId, role: "president", name: "Claire Dumas" });
    sofaraTreasurer = await f.person({
      organizationId: sofaraId,
      role: "treasurer",
      name: "Khadija Ouali",
      locale: "ar",
    });
    agreementId = await ownAgreement({
      key: "e2e-finance-story",
      title: "Convention – caravane ophtalmologique de Smara (histoire de l'argent)",
      steps: [],
      extraPartners: [{ organizationId: foundationId, signatoryUserId: foundation.userId }],
    });
  } finally {
    await handle.close();
  }
  url = `/agreements/${agreementId}/finances`;
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  treasurer = await (await newContext(browser, baseURL, { locale: "ar-MA" })).newPage();
  await treasurer.setViewportSize(PHONE);
  csr = await (await newContext(browser, baseURL)).newPage();
  director = await (await newContext(browser, baseURL)).newPage();
  foreign = await (await newContext(browser, baseURL)).newPage();
  outsider = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([
    login(president, "president@sofara.example"),
    login(treasurer, sofaraTreasurer.email, FACTORY_PASSWORD),
    login(csr, "rse@clearvision.example"),
    login(director, "directeur@clearvision.example"),
    login(foreign, foundation.email, FACTORY_PASSWORD),
    login(outsider, "president@insaf.example"),
  ]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
});

async function submit(page: Page, intent: string, scope = page.locator("body")) {
  const form = scope.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    form.first().locator('button[type="submit"]').click(),
  ]);
  return response;
}

const tranche = (page: Page, n: number) => page.getByTestId(`tranche-${n}`);
const status = (page: Page, n: number) => tranche(page, n).getByTestId("tranche-status").textContent();
const flat = (s: string | null) => (s ?? "").replace(/\s/g, " ");

/** The president sends the text for signature, then the three signatories sign in the app. */
async function everyoneSigns() {
  await visit(president, `/agreements/${agreementId}`);
  await president.getByRole("button", { name: "Envoyer pour signature" }).click();
  await president.locator('[data-status="awaiting_signatures"]').first().waitFor();
  await signInApp(president, `/agreements/${agreementId}`, "Mustapha El Harma");
  await signInApp(director, `/agreements/${agreementId}`, "Hicham Masfar");
  await signInApp(foreign, `/agreements/${agreementId}`, foundation.name, FACTORY_PASSWORD);
}

describe("the money of an agreement, from the draft to the declaration of foreign funds", () => {
  it("the president drafts two budget lines and the partners' tranches, in French", async () => {
    await visit(president, url);
    const addLine = async (category: string, description: string, party: number, amount: string) => {
      const form = president.getByTestId("add-line-form");
      if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator("summary").click();
      await form.locator('select[name="category"]').selectOption(category);
      await form.locator('input[name="description"]').fill(description);
      await form.locator('select[name="partyId"]').selectOption({ index: party });
      await form.locator('input[name="amount"]').fill(amount);
      await submit(president, "addLine");
      await president.getByTestId("budget-lines").getByText(description).waitFor();
    };
    await addLine("equipment", "Montures et verres", 1, "30 000,00");
    await addLine("transport", "Transport vers les douars", 2, "10 000,00");
    expect(flat(await president.getByTestId("total-budget").textContent())).toMatch(/40\D000,00/);

    const addTranche = async (payer: number, amount: string, currency: string, count: number, plannedOn?: string) => {
      const form = president.getByTestId("add-tranche-form");
      if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator("summary").click();
      await form.locator('select[name="payerPartyId"]').selectOption({ index: payer });
      await form.locator('input[name="amount"]').fill(amount);
      await form.locator('select[name="currency"]').selectOption(currency);
      await form.locator('select[name="condition"]').selectOption(plannedOn ? "date" : "signature");
      await form.locator('input[name="plannedOn"]').fill(plannedOn ?? "");
      await submit(president, "addTranche");
      await expect.poll(() => president.getByTestId("tranches").locator("> li").count()).toBe(count);
    };
    await addTranche(1, "30 000", "MAD", 1);
    await addTranche(2, "900", "EUR", 2);
    await addTranche(1, "5 000", "MAD", 3, "2027-06-01");
    expect(await status(president, 1)).toBe(fr["tranche.status.planned"]);
    await expectNoServerError(president);
  });

  it("once everyone has signed, tranche 1 is due; the treasurer calls for funds in Arabic, on a phone", async () => {
    await everyoneSigns();
    await visit(treasurer, url);
    expect(await treasurer.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await status(treasurer, 1)).toBe(ar["tranche.status.due"]);
    await tranche(treasurer, 1).getByTestId("call-form").locator("summary").click();
    await submit(treasurer, "callForFunds", tranche(treasurer, 1));
    await expect.poll(() => status(treasurer, 1)).toBe(ar["tranche.status.called"]);
    const href = await tranche(treasurer, 1).locator('a[href$="/call.pdf"]').getAttribute("href");
    const pdf = await treasurer.request.get(href!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // Nothing wider than the phone's screen.
    expect(await treasurer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("the CSR officer sees the dossier's state and pays tranche 1 with its proof", async () => {
    await visit(csr, url);
    await expect.poll(() => status(csr, 1)).toBe(fr["tranche.status.called"]);
    expect(await tranche(csr, 1).getByTestId("receiver-dossier").count()).toBe(1);
    await tranche(csr, 1).getByTestId("payment-form").locator("summary").click();
    const form = tranche(csr, 1).getByTestId("payment-form");
    await form.locator('input[name="reference"]').fill("VIR-CV-STORY-1");
    await form
      .locator('input[name="proof"]')
      .setInputFiles({ name: "virement.png", mimeType: "image/png", buffer: await blankPng(40, 30) });
    await submit(csr, "recordPayment", tranche(csr, 1));
    await expect.poll(() => status(csr, 1)).toBe(fr["tranche.status.paid"]);
  });

  it("the treasurer confirms 15 MAD less than paid: the bank's fees are kept and shown", async () => {
    await visit(treasurer, url);
    await expect.poll(() => status(treasurer, 1)).toBe(ar["tranche.status.paid"]);
    await tranche(treasurer, 1).getByTestId("receipt-form").locator("summary").click();
    await tranche(treasurer, 1).getByTestId("receipt-form").locator('input[name="amountMad"]').fill("29985");
    await submit(treasurer, "confirmReceipt", tranche(treasurer, 1));
    await expect.poll(() => status(treasurer, 1)).toBe(ar["tranche.status.received"]);
    const received = flat(await tranche(treasurer, 1).getByTestId("tranche-received").textContent());
    expect(received).toContain(ar["finance.fees"]);
    expect(received).toMatch(/15[,.٫]00/);
    // Arabic takes no space before its colon.
    expect(received).not.toContain(" :");
  });

  it("the treasurer records three expenses with their receipts on the phone", async () => {
    const expenses = [
      { line: 0, supplier: "Optique Sahara", description: "Montures pour les élèves", amount: "12 000,00" },
      { line: 0, supplier: "Verres du Sud", description: "Verres correcteurs", amount: "8 000,50" },
      { line: 1, supplier: "Transports Atlas", description: "Minibus vers Haouza", amount: "4 500" },
    ];
    for (const [i, e] of expenses.entries()) {
      await visit(treasurer, url);
      const form = treasurer.getByTestId("expense-form");
      await form.locator("summary").click();
      await form.locator('select[name="budgetLineId"]').selectOption({ index: e.line });
      await form.locator('input[name="supplier"]').fill(e.supplier);
      await form.locator('textarea[name="description"]').fill(e.description);
      await form.locator('input[name="amount"]').fill(e.amount);
      await form
        .locator('input[name="receipt"]')
        .setInputFiles({ name: `IMG_20${i}.png`, mimeType: "image/png", buffer: await blankPng(60, 80) });
      await submit(treasurer, "recordExpense");
      await treasurer.getByTestId("expense").filter({ hasText: e.supplier }).waitFor();
    }
    expect(await treasurer.getByTestId("expense").locator('a[href*="/evidence/"]').count()).toBe(3);
    expect(flat(await treasurer.getByTestId("total-spent").textContent())).toMatch(/24\D500[,.٫]50/);
    expect(await treasurer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("the CSR officer questions one expense; the treasurer answers in Arabic; the officer settles it", async () => {
    await visit(csr, url);
    const seen = csr.getByTestId("expense").filter({ hasText: "Verres du Sud" });
    await seen.getByTestId("query-form").locator("summary").click();
    await seen.locator('textarea[name="body"]').fill("Le devis prévoyait 6 000 MAD : pourquoi 8 000,50 ?");
    await submit(csr, "queryExpense", seen);
    await expect.poll(() => seen.getByTestId("query-state").textContent()).toBe(fr["finance.query.state.open"]);
    await visit(csr, "/impact");
    expect(Number(await csr.getByTestId("money-questioned").textContent())).toBeGreaterThanOrEqual(1);

    await visit(treasurer, url);
    const mine = treasurer.getByTestId("expense").filter({ hasText: "Verres du Sud" });
    await mine.locator('textarea[name="answer"]').fill("أضيفت عدسات لعشرين تلميذًا إضافيًا.");
    await submit(treasurer, "answerQuery", mine);
    await expect.poll(() => mine.getByTestId("query-state").textContent()).toBe(ar["finance.query.state.answered"]);

    await visit(csr, url);
    await submit(csr, "settleQuery", seen);
    await expect.poll(() => seen.getByTestId("query-state").textContent()).toBe(fr["finance.query.state.settled"]);
  });

  it("the agreement shows budget against actual per line, and the balance", async () => {
    await visit(president, url);
    const lines = president.getByTestId("budget-lines").locator("> li");
    expect(flat(await lines.nth(0).textContent())).toMatch(/Dépensé : 20\D000,50 MAD/);
    expect(flat(await lines.nth(1).textContent())).toMatch(/Dépensé : 4\D500,00 MAD/);
    expect(flat(await president.getByTestId("cash-on-hand").textContent())).toMatch(/5\D484,50/);
  });

  it("after signing, the committee's reallocation within the limit is recorded; beyond it an amendment is needed", async () => {
    const handle = openServerDatabase();
    try {
      await factories(handle.db).decision(agreementId, {
        approved: true,
        body: "Déplacer 2 000 MAD vers le transport",
      });
    } finally {
      await handle.close();
    }
    await visit(president, url);
    const form = president.getByTestId("reallocation-form");
    await form.locator("summary").click();
    await form.locator('select[name="fromLineId"]').selectOption({ index: 0 });
    await form.locator('select[name="toLineId"]').selectOption({ index: 1 });
    await form.locator('select[name="outcomeId"]').selectOption({ index: 1 });
    await form.locator('input[name="amount"]').fill("5 000");
    expect((await submit(president, "reallocate")).status()).toBe(400);
    // Beside the amount (10 % of the line's 30 000 MAD may move): an amendment is needed.
    const amount = form.locator('input[name="amount"]');
    await expect.poll(() => amount.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await amount.getAttribute("aria-describedby")) ?? "";
    const error = president.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`);
    expect(await error.textContent()).toBe(fr["finance.error.beyondLimit"]);
    expect(await amount.inputValue()).toBe("5 000");
    await amount.fill("2 000");
    await submit(president, "reallocate");
    await expect
      .poll(async () => flat(await president.getByTestId("budget-lines").locator("> li").nth(0).textContent()))
      .toMatch(/cédé 2\D000,00 MAD/);
    expect(flat(await president.getByTestId("total-budget").textContent())).toMatch(/40\D000,00/);
  });

  it("a planned tranche is cancelled with its reason and the committee's decision", async () => {
    await visit(president, url);
    const form = tranche(president, 3).getByTestId("cancel-form");
    await form.locator("summary").click();
    await form.locator('textarea[name="reason"]').fill("La campagne de 2027 est reportée");
    expect((await submit(president, "cancelTranche", tranche(president, 3))).status()).toBe(400);
    await expect.poll(() => form.locator('select[name="outcomeId"]').getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator('textarea[name="reason"]').inputValue()).toBe("La campagne de 2027 est reportée");
    await form.locator('select[name="outcomeId"]').selectOption({ index: 1 });
    await submit(president, "cancelTranche", tranche(president, 3));
    await expect.poll(() => status(president, 3)).toBe(fr["tranche.status.cancelled"]);
    expect(await tranche(president, 3).getByTestId("tranche-cancelled").textContent()).toContain(
      "La campagne de 2027 est reportée",
    );
  });

  it("the foundation pays in EUR; its receipt creates the declaration of foreign funds", async () => {
    await visit(foreign, url);
    await expect.poll(() => status(foreign, 2)).toBe(fr["tranche.status.due"]);
    await tranche(foreign, 2).getByTestId("payment-form").locator("summary").click();
    await tranche(foreign, 2).locator('input[name="reference"]').fill("SEPA-FLS-2026-07");
    await submit(foreign, "recordPayment", tranche(foreign, 2));
    await expect.poll(() => status(foreign, 2)).toBe(fr["tranche.status.paid"]);

    await visit(treasurer, url);
    await tranche(treasurer, 2).getByTestId("receipt-form").locator("summary").click();
    await tranche(treasurer, 2).getByTestId("receipt-form").locator('input[name="amountMad"]').fill("9 612,40");
    await submit(treasurer, "confirmReceipt", tranche(treasurer, 2));
    await expect.poll(() => status(treasurer, 2)).toBe(ar["tranche.status.received"]);

    await visit(treasurer, `/agreements/${agreementId}/obligations`);
    const body = flat(await treasurer.locator("main").textContent());
    expect(body).toContain("32 مكرر");
    expect(body).toContain("Fondation Lumière du Sahel");
    expect(body).toContain("FR");
    await expectNoServerError(treasurer);
  });

  it("the CSR officer's /impact shows the money delivered", async () => {
    await visit(csr, "/impact");
    const delivered = (await csr.getByTestId("money-delivered").textContent()) ?? "";
    expect(Number(delivered.replace(/\D/g, ""))).toBeGreaterThanOrEqual(2_998_500);
  });
});

describe("the foundation's dossier", () => {
  it("its officer uploads a document on a phone; a file that is not a PDF nor a photo is refused beside its field", async () => {
    await foreign.setViewportSize(PHONE);
    await visit(foreign, `/organizations/${foundation.organizationId}`);
    const upload = foreign.getByTestId("dossier-upload");
    await upload.locator('select[name="kind"]').selectOption("statutes");
    await upload.locator('input[name="issuedOn"]').fill("2024-03-01");
    await upload
      .locator('input[name="file"]')
      .setInputFiles({ name: "statuts.pdf", mimeType: "application/pdf", buffer: Buffer.from("pas un PDF") });
    expect((await submit(foreign, "addDocument")).status()).toBe(400);
    await foreign
      .locator('[id$="-error"]')
      .filter({ hasText: String(fr["upload.error.wrongTypeEvidence"]) })
      .waitFor();
    expect(await upload.locator('input[name="issuedOn"]').inputValue()).toBe("2024-03-01");
    await upload
      .locator('input[name="file"]')
      .setInputFiles({ name: "statuts.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 statuts") });
    expect((await submit(foreign, "addDocument")).status()).toBeLessThan(400);
    // The page's data is read again after the answer: another round trip, seconds on a loaded machine.
    await expect
      .poll(() => foreign.getByTestId("dossier-statutes").getByTestId("dossier-state").textContent(), {
        timeout: 15_000,
      })
      .toBe(fr["dossier.state.valid"]);
    expect(await foreign.getByTestId("dossier-board_list").getByTestId("dossier-state").textContent()).toBe(
      fr["dossier.state.missing"],
    );
    expect(await foreign.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("a partner of its agreements opens it read-only; another organization gets 404", async () => {
    const page = `/organizations/${foundation.organizationId}/dossier`;
    expect((await visit(treasurer, page))?.status()).toBe(200);
    expect(await treasurer.getByTestId("dossier-upload").count()).toBe(0);
    const file = await treasurer.getByTestId("dossier-statutes").locator("a").getAttribute("href");
    expect((await treasurer.request.get(file!)).status()).toBe(200);
    expect((await visit(outsider, page))?.status()).toBe(404);
    expect((await outsider.request.get(file!)).status()).toBe(404);
    // The organization's own page stays its members'.
    expect((await visit(treasurer, `/organizations/${foundation.organizationId}`))?.status()).toBe(404);
  });
});
