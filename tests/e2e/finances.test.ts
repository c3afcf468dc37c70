/**
 * The finances page of an agreement (issue #20): the partner's CSR officer records the payment of a
 * due tranche with its proof (a file that is not a photo nor a PDF is refused beside its field, what
 * was typed kept), the association's treasurer confirms what reached the bank in MAD and the fee is
 * shown; another organization gets a 404.
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
  browser = await launchBrowser();
  partner = await (await newContext(browser, baseURL)).newPage();
  treasurer = await (await newContext(browser, baseURL)).newPage();
  outsider = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([
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

describe("a tranche paid by the partner and received by the association", () => {
  it("the partner records the payment with its proof; a wrong file is refused beside its field", async () => {
    await visit(partner, url);
    await expect.poll(() => tranche(partner).getByTestId("tranche-status").textContent()).toBe("Exigible");
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

  it("the treasurer confirms the receipt in MAD; the 15 MAD of fees are kept and shown", async () => {
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
  });

  it("another organization gets a 404", async () => {
    const response = await visit(outsider, url);
    expect(response?.status()).toBe(404);
  });
});
