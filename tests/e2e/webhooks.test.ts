/**
 * Webhooks end to end, on a server of this file's own (WEBHOOK_ALLOW_PRIVATE=1 so that it may send
 * to the test's receiver on loopback, and a 1-second sending interval): a president adds an endpoint
 * on the integrations page and sends a test event; a delivery recorded through the API reaches the
 * receiver once, signed with the secret the page shows, after one retry when the receiver first
 * answers 500; the page's delivery log shows it sent.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { createToken } from "~/domain/api/tokens.server";
import { addDeliverable } from "~/domain/delivery/deliverables.server";
import { addDaysTo, todayInMorocco } from "~/lib/time";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { factories, FACTORY_PASSWORD, type TestAgreement } from "../support/factories";
import { startReceiver, verifySignature } from "../support/webhook-receiver";

let server: AppServer;
let handle: DatabaseHandle;
let browser: Browser;
let agreement: TestAgreement;
let deliverableId = "";

beforeAll(async () => {
  server = await startAppServer({ WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_INTERVAL_SECONDS: "1" });
  handle = server.openDatabase();
  agreement = await factories(handle.db).agreement({ status: "active" });
  const ownerParty = (await agreement.parties()).find((p) => p.organizationId === agreement.owner.organizationId)!;
  const added = await addDeliverable(handle.db, agreement.owner.actor, agreement.owner.meta, await agreement.load(), {
    kind: "service",
    title: "Caravane médicale",
    responsiblePartyId: ownerParty.id,
    targetQuantity: 4,
    unit: "caravanes",
    items: [],
  });
  if (!added.ok) throw new Error(JSON.stringify(added));
  deliverableId = added.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await handle?.close();
  await server?.stop();
});

describe("webhooks from the running server", () => {
  it("an endpoint added on the page gets the test event and an API write's event, signed, retried after a 500", async () => {
    const rx = await startReceiver([500]);
    const { owner } = agreement;
    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await login(page, owner.email, FACTORY_PASSWORD);
    await visit(page, `/organizations/${owner.organizationId}/integrations`);
    await page.getByLabel("Adresse (HTTPS)").fill(rx.url);
    await page.getByLabel("Une livraison a été enregistrée").check();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Ajouter le point de réception" }).click(),
    ]);
    const endpoint = page.getByTestId("webhook-endpoints").locator("li").filter({ hasText: rx.url }).first();
    await endpoint.waitFor();
    await endpoint.locator("summary").click();
    const secret = await endpoint.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    // The test event: answered 500 the first time, sent again 30 s later by the schedule — too long
    // to wait here; the write below is the one checked through its retry (its delay is shortened).
    await endpoint.getByRole("button", { name: "Envoyer un événement de test" }).click();
    await page.getByText("Un événement de test est en route.").waitFor();
    const [test] = await rx.waitFor(1);
    expect(test!.headers["charaka-event"]).toBe("webhook.test");
    expect(verifySignature(secret, String(test!.headers["charaka-signature"]), test!.body).ok).toBe(true);

    const token = await createToken(handle.db, owner.actor, owner.meta, {
      organizationId: owner.organizationId,
      name: "ERP",
      access: "read write",
      expiresOn: addDaysTo(todayInMorocco(), 30),
    });
    if (!token.ok) throw new Error(JSON.stringify(token));
    const res = await fetch(
      `${server.baseURL}/api/v1/agreements/${agreement.id}/deliverables/${deliverableId}/deliveries`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token.secret}`, "Content-Type": "application/json" },
        body: JSON.stringify({ deliveredOn: "2026-04-01", quantity: 1 }),
      },
    );
    expect(res.status).toBe(201);
    const [, event] = await rx.waitFor(2);
    expect(event!.headers["charaka-event"]).toBe("delivery.recorded");
    expect(verifySignature(secret, String(event!.headers["charaka-signature"]), event!.body).ok).toBe(true);
    expect(JSON.parse(event!.body)).toMatchObject({
      type: "delivery.recorded",
      organizationId: owner.organizationId,
      agreement: { id: agreement.id },
    });

    // The test event failed once: bring its retry forward, and the sender sends it again, same id.
    await handle.db
      .updateTable("webhook_delivery")
      .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
      .where("status", "=", "pending")
      .where("event_type", "=", "webhook.test")
      .execute();
    const [, , retried] = await rx.waitFor(3);
    expect(retried!.headers["charaka-delivery"]).toBe(test!.headers["charaka-delivery"]);
    expect(retried!.body).toBe(test!.body);

    await visit(page, `/organizations/${owner.organizationId}/integrations`);
    const log = page.getByTestId("webhook-log");
    await log.getByText("Envoyé").first().waitFor();
    expect(await log.locator("li").count()).toBe(2);
    await expect(log.innerText()).resolves.toContain("2 tentatives");
    await context.close();
    await rx.close();
  });

  it("a webhook without events, or not on HTTPS, is refused beside its field, what was typed kept", async () => {
    const { owner } = agreement;
    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await login(page, owner.email, FACTORY_PASSWORD);
    await visit(page, `/organizations/${owner.organizationId}/integrations`);
    await page.getByLabel("Adresse (HTTPS)").fill("ftp://erp.example.org/hook");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Ajouter le point de réception" }).click(),
    ]);
    await page.getByText("Choisissez au moins un événement.").waitFor();
    expect(await page.getByLabel("Adresse (HTTPS)").inputValue()).toBe("ftp://erp.example.org/hook");
    await page.getByLabel("Un procès-verbal a été approuvé").check();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Ajouter le point de réception" }).click(),
    ]);
    await page.getByText("L’adresse doit commencer par https://.").waitFor();
    expect(await page.getByLabel("Un procès-verbal a été approuvé").isChecked()).toBe(true);
    await context.close();
  });
});
