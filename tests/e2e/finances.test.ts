/**
 * The finances page of an agreement (issue #20): the partner's CSR officer records the payment of a
 * due tranche with its proof (a file that is not a photo nor a PDF is refused beside its field, what
 * was typed kept), the association's treasurer confirms what reached the bank in MAD and the fee is
 * shown; another organization gets a 404.
 *
 * The treasurer first calls for funds (its PDF served).
 *
 * The agreement is this file's own (built with the seed's code): Sofara × Clear Vision, in force,
 * one tranche of 50 000 MAD due on signature.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectNoServerError, launchBrowser, login, newContext, visit } from "../support/browser";
import { ownAgreement } from "../support/e2e-agreement";
import { blankPng } from "../support/images";

const baseURL = inject("baseURL");
let browser: Browser;
let partner: Page; // Nadia Amrani, rse@clearvision.example
let treasurer: Page; // tresoriere@sofara.example
let outsider: Page; // president@insaf.example
let url = "";
let draftUrl = "";
let president: Page; // president@sofara.example

beforeAll(async () => {
  const id = await ownAgreement({
    key: "e2e-finances",
    title: "Convention – campagne ophtalmologique de Smara (finances)",
    money: {
      budget: [
        {
          category: "equipment",
          description: "Montures et verres",
          shares: [{ party: 1, kind: "cash", amount: 5_000_000 }],
        },
      ],
      tranches: [{ payer: 1, receiver: 0, amount: 5_000_000, condition: "signature" }],
    },
  });
  url = `/agreements/${id}/finances`;
  const draft = await ownAgreement({
    key: "e2e-finances-draft",
    title: "Convention – campagne de dépistage de Smara (budget)",
    steps: [],
  });
  draftUrl = `/agreements/${draft}/finances`;
  browser = await launchBrowser();
  partner = await (await newContext(browser, baseURL)).newPage();
  treasurer = await (await newContext(browser, baseURL)).newPage();
  outsider = await (await newContext(browser, baseURL)).newPage();
  president = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([
    login(president, "president@sofara.example"),
    login(partner, "rse@clearvision.example"),
    login(treasurer, "tresoriere@sofara.example"),
    login(outsider, "president@insaf.example"),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function submit(page: Page, intent: string) {
  const form = page.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/finances")),
    form.locator('button[type="submit"]').click(),
  ]);
  return response;
}

const tranche = (page: Page) => page.getByTestId("tranche-1");

describe("the president drafts the budget and the schedule", () => {
  it("a line funded by the partner, then the partner's tranche; a bad amount is refused beside its field", async () => {
    await visit(president, draftUrl);
    await president.getByTestId("add-line-form").locator("summary").click();
    const line = president.getByTestId("add-line-form");
    await line.locator('select[name="category"]').selectOption("transport");
    await line.locator('input[name="description"]').fill("Transport vers les douars");
    await line.locator('select[name="partyId"]').selectOption({ index: 1 });
    await line.locator('input[name="amount"]').fill("12,345");
    expect((await submit(president, "addLine")).status()).toBe(400);
    await line.locator('[id$="-error"]').first().waitFor();
    expect(await line.locator('input[name="description"]').inputValue()).toBe("Transport vers les douars");
    await line.locator('input[name="amount"]').fill("15 000,00");
    await submit(president, "addLine");
    await president.getByTestId("budget-lines").getByText("Transport vers les douars").waitFor();
    expect((await president.getByTestId("total-budget").textContent())?.replace(/\s/g, " ")).toMatch(/15\D000,00/);

    await president.getByTestId("add-tranche-form").locator("summary").click();
    await president.getByTestId("add-tranche-form").locator('input[name="amount"]').fill("15000");
    await submit(president, "addTranche");
    await expect
      .poll(() => president.getByTestId("tranche-1").getByTestId("tranche-status").textContent())
      .toBe("Prévue");
  });
});

describe("a tranche paid by the partner and received by the association", () => {
  it("the treasurer calls for funds; the call's PDF is served", async () => {
    await visit(treasurer, url);
    await expect.poll(() => tranche(treasurer).getByTestId("tranche-status").textContent()).toBe("Exigible");
    // The receiver calls and confirms; it does not pay.
    await expect.poll(() => tranche(treasurer).getByTestId("payment-form").count()).toBe(0);
    await tranche(treasurer).getByTestId("call-form").locator("summary").click();
    await submit(treasurer, "callForFunds");
    await expect.poll(() => tranche(treasurer).getByTestId("tranche-status").textContent()).toBe("Appelée");
    const href = await tranche(treasurer).locator('a[href$="/call.pdf"]').getAttribute("href");
    const pdf = await treasurer.request.get(href!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("the partner records the payment with its proof; a wrong file is refused beside its field", async () => {
    await visit(partner, url);
    await expect.poll(() => tranche(partner).getByTestId("tranche-status").textContent()).toBe("Appelée");
    // The payer is offered the payment only, and sees whether the association's dossier is complete.
    await expect.poll(() => tranche(partner).getByTestId("receipt-form").count()).toBe(0);
    await expect.poll(() => tranche(partner).getByTestId("receiver-dossier").count()).toBe(1);
    await tranche(partner).getByTestId("payment-form").locator("summary").click();
    const form = tranche(partner).getByTestId("payment-form");
    await form.locator('input[name="reference"]').fill("VIR-CV-2026-118");
    await form.locator('input[name="proof"]').setInputFiles({
      name: "virement.txt",
      mimeType: "image/png",
      buffer: Buffer.from("pas une image"),
    });
    const refused = await submit(partner, "recordPayment");
    expect(refused.status()).toBe(400);
    const error = partner.locator('[id$="-error"]').filter({ hasText: "Ce fichier n’est ni une photo" });
    await error.waitFor();
    expect(await tranche(partner).getByTestId("payment-form").locator('input[name="reference"]').inputValue()).toBe(
      "VIR-CV-2026-118",
    );

    await tranche(partner)
      .getByTestId("payment-form")
      .locator('input[name="proof"]')
      .setInputFiles({ name: "virement.png", mimeType: "image/png", buffer: await blankPng(40, 30) });
    await submit(partner, "recordPayment");
    await expect.poll(() => tranche(partner).getByTestId("tranche-status").textContent()).toBe("Payée");
    expect(await tranche(partner).textContent()).toContain("VIR-CV-2026-118");
    await expectNoServerError(partner);
  });

  it("a wrong payment is reversed by the payer, never edited, then recorded again", async () => {
    await tranche(partner).getByTestId("reverse-event-form").locator("summary").click();
    await tranche(partner).locator('textarea[name="reason"]').fill("Mauvaise référence de virement");
    await submit(partner, "reverseEvent");
    await expect.poll(() => tranche(partner).getByTestId("tranche-status").textContent()).toBe("Appelée");
    // The wrong entry stays in the history, struck through, with its reversal after it.
    const history = (await tranche(partner).locator("ol").textContent()) ?? "";
    expect(history).toContain("VIR-CV-2026-118");
    expect(history).toContain("Contre-passation");
    await tranche(partner).getByTestId("payment-form").locator("summary").click();
    await tranche(partner).getByTestId("payment-form").locator('input[name="reference"]').fill("VIR-CV-2026-119");
    await submit(partner, "recordPayment");
    await expect.poll(() => tranche(partner).getByTestId("tranche-status").textContent()).toBe("Payée");
  });

  it("the treasurer confirms the receipt in MAD; the 15 MAD of fees are kept and shown", async () => {
    // The dashboard counts the receipt to confirm, and one fewer once confirmed.
    const toConfirm = async () => {
      await visit(treasurer, "/");
      const item = treasurer.locator('[data-testid="money-attention"] [data-count="toConfirm"]');
      return (await item.count()) ? Number.parseInt((await item.textContent()) ?? "0", 10) : 0;
    };
    const before = await toConfirm();
    expect(before).toBeGreaterThanOrEqual(1);
    await visit(treasurer, url);
    await expect.poll(() => tranche(treasurer).getByTestId("tranche-status").textContent()).toBe("Payée");
    await expect.poll(() => tranche(treasurer).getByTestId("payment-form").count()).toBe(0);
    await tranche(treasurer).getByTestId("receipt-form").locator("summary").click();
    const form = tranche(treasurer).getByTestId("receipt-form");
    await form.locator('input[name="amountMad"]').fill("49 985,00");
    await submit(treasurer, "confirmReceipt");
    await expect.poll(() => tranche(treasurer).getByTestId("tranche-status").textContent()).toBe("Reçue");
    const received = (await tranche(treasurer).getByTestId("tranche-received").textContent()) ?? "";
    expect(received.replace(/\s/g, " ")).toMatch(/49\D985,00 MAD.*Frais bancaires.*15,00 MAD/);
    const cash = (await treasurer.getByTestId("cash-on-hand").textContent()) ?? "";
    expect(cash).toMatch(/49\D985,00/);
    // The acknowledgement of receipt is a PDF.
    const ack = await treasurer.request.get(
      (await tranche(treasurer).locator('a[href$="/acknowledgement.pdf"]').getAttribute("href"))!,
    );
    expect(ack.headers()["content-type"]).toBe("application/pdf");
    expect(await toConfirm()).toBe(before - 1);
  });

  it("the treasurer records an expense with a phone photo; the partner questions it, it is answered and settled", async () => {
    await visit(treasurer, url);
    await treasurer.getByTestId("expense-form").locator("summary").click();
    const form = treasurer.getByTestId("expense-form");
    await form.locator('input[name="supplier"]').fill("Optique Sahara");
    await form.locator('textarea[name="description"]').fill("120 montures pour les élèves");
    await form.locator('input[name="amount"]').fill("12 000,50");
    await form.locator('input[name="receipt"]').setInputFiles({
      name: "facture.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("ceci n'est pas un PDF"),
    });
    expect((await submit(treasurer, "recordExpense")).status()).toBe(400);
    await treasurer.locator('[id$="-error"]').filter({ hasText: "Ce fichier n’est ni une photo" }).waitFor();
    expect(await form.locator('input[name="supplier"]').inputValue()).toBe("Optique Sahara");
    await form
      .locator('input[name="receipt"]')
      .setInputFiles({ name: "IMG_2041.png", mimeType: "image/png", buffer: await blankPng(60, 80) });
    await submit(treasurer, "recordExpense");
    const expense = treasurer.getByTestId("expense").filter({ hasText: "Optique Sahara" });
    await expense.waitFor();
    expect(await expense.locator('a[href*="/evidence/"]').count()).toBe(1);
    await expect
      .poll(async () => (await treasurer.getByTestId("total-spent").textContent()) ?? "")
      .toMatch(/12\D000,50/);

    await visit(partner, url);
    const seen = partner.getByTestId("expense").filter({ hasText: "Optique Sahara" });
    await seen.getByTestId("query-form").locator("summary").click();
    await seen.locator('textarea[name="body"]').fill("Le devis prévoyait 100 montures : pourquoi 120 ?");
    await submit(partner, "queryExpense");
    await expect.poll(() => seen.getByTestId("query-state").textContent()).toBe("En attente de réponse");
    expect(await partner.getByTestId("questioned").textContent()).toContain("1");

    await visit(treasurer, url);
    await expense.locator('textarea[name="answer"]').fill("Vingt élèves de plus ont été examinés à Smara.");
    await submit(treasurer, "answerQuery");
    await expect.poll(() => expense.getByTestId("query-state").textContent()).toBe("Répondue");

    await visit(partner, url);
    await submit(partner, "settleQuery");
    await expect.poll(() => seen.getByTestId("query-state").textContent()).toBe("Réglée");
    expect(await partner.getByTestId("questioned").count()).toBe(0);
  });

  it("a mistaken expense is reversed by an opposite entry, the original kept", async () => {
    await visit(treasurer, url);
    const expense = treasurer.getByTestId("expense").filter({ hasText: "Optique Sahara" });
    await expense.getByTestId("reverse-form").locator("summary").click();
    await expense.locator('textarea[name="reason"]').fill("Facture enregistrée sur la mauvaise convention");
    await submit(treasurer, "reverseExpense");
    const reversal = treasurer.getByTestId("expense").filter({ hasText: "Facture enregistrée sur la mauvaise" });
    await reversal.waitFor();
    expect((await reversal.textContent())?.replace(/\s/g, " ")).toMatch(/-12\D000,50/);
    await expect.poll(async () => (await treasurer.getByTestId("total-spent").textContent()) ?? "").toMatch(/^0,00/);
    expect(await expense.first().getByTestId("reverse-form").count()).toBe(0);
  });

  it("another organization gets a 404", async () => {
    const response = await visit(outsider, url);
    expect(response?.status()).toBe(404);
    // Its documents and actions too.
    const trancheHref = await tranche(treasurer).locator('a[href$="/call.pdf"]').getAttribute("href");
    expect((await outsider.request.get(trancheHref!)).status()).toBe(404);
    const post = await outsider.request.post(url, {
      form: {
        intent: "confirmReceipt",
        trancheId: trancheHref!.split("/")[4]!,
        receivedOn: "2026-12-01",
        amountMad: "1",
      },
      headers: { Origin: baseURL },
    });
    expect(post.status()).toBe(404);
  });
});
