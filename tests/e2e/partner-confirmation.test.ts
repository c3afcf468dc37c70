/**
 * The partner is asked to confirm: a deliverable the association declares delivered appears on the
 * partner's dashboard ("deliveries to confirm") and in her notifications (in-app, one email queued,
 * a WhatsApp link), once; once she confirms it, the dispute form is gone and only reopening with a
 * reason is offered.
 *
 * The agreement is this file's own (built with the seed's code): Sofara's deliverable with one
 * delivery recorded, waiting to be declared delivered.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { ownAgreement } from "../support/e2e-agreement";
import { openServerDatabase } from "../support/e2e-db";

const baseURL = inject("baseURL");
const TITLE = "Lunettes de vue pour les élèves de Smara (confirmation)";
let browser: Browser;
let president: Page;
let partner: Page; // Nadia Amrani, rse@clearvision.example
let deliverableUrl = "";

beforeAll(async () => {
  const id = await ownAgreement({
    key: "e2e-partner-confirmation",
    title: "Convention – lunettes des élèves de Smara",
    deliverables: [
      {
        party: 0,
        kind: "distribution",
        title: TITLE,
        target: 120,
        unit: "paires",
        location: "Smara",
        deliveries: [{ on: "2026-11-20", quantity: 120, beneficiaries: 120 }],
      },
    ],
  });
  const handle = openServerDatabase();
  const deliverable = await handle.db
    .selectFrom("deliverable")
    .select("id")
    .where("agreement_id", "=", id)
    .executeTakeFirstOrThrow();
  await handle.close();
  deliverableUrl = `/agreements/${id}/deliverables/${deliverable.id}`;
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  partner = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([login(president, "president@sofara.example"), login(partner, "rse@clearvision.example")]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function post(page: Page, intent: string) {
  const form = page.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/deliverables/")),
    form.locator('button[type="submit"]').click(),
  ]);
}

async function notificationsAbout(subjectUrl: string): Promise<number> {
  const handle = openServerDatabase();
  const rows = await handle.db
    .selectFrom("notification")
    .innerJoin("user", "user.id", "notification.user_id")
    .leftJoin("outbox", "outbox.notification_id", "notification.id")
    .select(["notification.id", "outbox.id as emailId"])
    .where("user.email", "=", "rse@clearvision.example")
    .where("notification.kind", "=", "delivery_to_confirm")
    .where("notification.link", "=", subjectUrl)
    .execute();
  await handle.close();
  expect(rows.every((r) => r.emailId !== null)).toBe(true);
  return rows.length;
}

describe("the partner is asked to confirm", () => {
  it("a deliverable declared delivered is on the partner's dashboard and in her notifications, once, with a WhatsApp link", async () => {
    await visit(partner, "/");
    expect(await partner.getByTestId("deliveries-to-confirm").getByText(TITLE).count()).toBe(0);

    await visit(president, deliverableUrl);
    await post(president, "markDelivered");
    await president.locator('[data-status="delivered"]').first().waitFor();

    await visit(partner, "/");
    const item = partner.getByTestId("deliveries-to-confirm").getByRole("link", { name: TITLE });
    expect(await item.getAttribute("href")).toBe(deliverableUrl);
    expect(await notificationsAbout(deliverableUrl)).toBe(1);

    await visit(partner, "/notifications");
    const notice = partner
      .getByTestId("notifications")
      .locator('li[data-kind="delivery_to_confirm"]')
      .filter({ hasText: TITLE });
    expect(await notice.count()).toBe(1);
    const whatsapp = await notice.getByRole("link", { name: "Partager sur WhatsApp" }).getAttribute("href");
    expect(decodeURIComponent(whatsapp!.split("text=")[1]!)).toContain(TITLE);
  });

  it("once confirmed, it leaves her dashboard, the dispute form is gone and only reopening with a reason is offered", async () => {
    await visit(partner, deliverableUrl);
    expect(await partner.locator('input[name="intent"][value="dispute"]').count()).toBe(1);
    await post(partner, "confirm");
    await partner.locator('[data-status="confirmed"]').first().waitFor();
    expect(await partner.locator('input[name="intent"][value="dispute"]').count()).toBe(0);
    expect(await partner.getByTestId("reopen-form").count()).toBe(1);
    // The responsible party may not reopen what the partner confirmed.
    await visit(president, deliverableUrl);
    expect(await president.getByTestId("reopen-form").count()).toBe(0);

    await visit(partner, "/");
    expect(await partner.getByTestId("deliveries-to-confirm").getByText(TITLE).count()).toBe(0);
    expect(await notificationsAbout(deliverableUrl)).toBe(1);

    // Reopening needs a reason, then puts it back to disputed with that reason.
    await visit(partner, deliverableUrl);
    await post(partner, "reopen");
    await partner.getByTestId("reopen-form").locator('[aria-invalid="true"], [data-form-error]').first().waitFor();
    await partner.getByTestId("reopen-form").locator('textarea[name="note"]').fill("Vingt paires sont cassées");
    await post(partner, "reopen");
    await partner.getByTestId("dispute-note").waitFor();
    expect(await partner.getByTestId("dispute-note").textContent()).toContain("Vingt paires sont cassées");
  });
});
