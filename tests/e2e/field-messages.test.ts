/**
 * Field messages say what is wrong, in the page's language, next to the field: a text past its limit
 * is told the limit, a due date before the start date is told so on the due date, Arabic digits are
 * read as numbers, and the browser's own bubbles (in the browser's language) never come first.
 * Every text field carries its schema's limit as maxlength.
 *
 * The agreement is this file's own (built with the seed's code), so what it adds touches no one else.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DB } from "../../db/client";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { ownAgreement } from "../support/e2e-agreement";
import { openServerDatabase } from "../support/e2e-db";

const baseURL = inject("baseURL");
let browser: Browser;
let president: Page;
let secretary: Page; // membre@sofara.example, in Arabic
let agreementUrl = "";

beforeAll(async () => {
  const id = await ownAgreement({ key: "e2e-field-messages", title: "Convention – messages des champs" });
  agreementUrl = `/agreements/${id}`;
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  secretary = await (await newContext(browser, baseURL, { locale: "ar" })).newPage();
  await Promise.all([login(president, "president@sofara.example"), login(secretary, "membre@sofara.example")]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The seeded Sofara × Clear Vision meeting to come: its chair is the president, its secretary Salma Bouzid. */
const seededMeeting = (db: DB) =>
  db
    .selectFrom("meeting")
    .select(["id", "agreement_id"])
    .where("status", "=", "planned")
    .where("number", "=", 2)
    .orderBy("created_at")
    .executeTakeFirstOrThrow();

const addForm = (page: Page) => page.locator("form").filter({ has: page.locator('input[value="addDeliverable"]') });

async function submit(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/deliverables")),
    addForm(page).locator('button[type="submit"]').click(),
  ]);
}

const errorOf = (page: Page, name: string) =>
  addForm(page)
    .locator(`[name="${name}"]`)
    .evaluate((e) => {
      const id = e
        .getAttribute("aria-describedby")
        ?.split(" ")
        .find((i) => i.endsWith("-error"));
      return id ? (document.getElementById(id)?.textContent ?? "") : "";
    });

describe("field messages", () => {
  it("a title past its limit is told the limit, a due date before the start is told so on the due date, and ٣٢٥ is a number", async () => {
    await visit(president, `${agreementUrl}/deliverables`);
    const form = addForm(president);
    // The field's maxlength stops typing at 300; past it (a script, an old browser) the server answers.
    expect(await form.locator('[name="title"]').getAttribute("maxlength")).toBe("300");
    await form.locator('[name="title"]').evaluate((e) => e.removeAttribute("maxlength"));
    await form.locator('[name="title"]').fill("x".repeat(10_000));
    await form.locator('[name="unit"]').fill("cartables");
    await form.locator('[name="targetQuantity"]').fill("٣٢٥");
    await form.locator('[name="startDate"]').fill("2026-05-10");
    await form.locator('[name="dueDate"]').fill("2026-05-01");
    await submit(president);
    await form.locator('[name="title"][aria-invalid="true"]').waitFor();
    expect(await errorOf(president, "title")).toBe("Saisissez au plus 300 caractères.");
    expect(await errorOf(president, "dueDate")).toBe("L’échéance précède la date de début.");
    expect(await errorOf(president, "targetQuantity")).toBe("");
    expect(await form.locator('[name="targetQuantity"]').inputValue()).toBe("٣٢٥");

    await form.locator('[name="title"]').fill("Cartables équipés");
    await form.locator('[name="dueDate"]').fill("2026-06-30");
    await submit(president);
    await president.waitForURL(/\/deliverables\/[a-z0-9]{16}$/);
    await president.getByRole("heading", { name: "Cartables équipés" }).waitFor();
    expect(await president.locator("main").textContent()).toMatch(/325/);
  });

  it("an empty required field reaches the server, whose message is in the page's language, not a browser bubble", async () => {
    await visit(president, `${agreementUrl}/deliverables`);
    const form = addForm(president);
    await submit(president);
    await form.locator('[name="title"][aria-invalid="true"]').waitFor();
    expect(await errorOf(president, "title")).toBe("Ce champ est obligatoire.");

    // The committee's secretary works in Arabic: an empty agenda item is refused by the server, in Arabic.
    const handle = openServerDatabase();
    const meeting = await seededMeeting(handle.db);
    await handle.close();
    await visit(secretary, `/agreements/${meeting.agreement_id}/meetings/${meeting.id}`);
    const agenda = secretary.locator("main form").filter({ has: secretary.locator('input[value="addAgendaItem"]') });
    expect(await agenda.evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
    await agenda.locator("xpath=ancestor::details[1]/summary").click();
    await Promise.all([
      secretary.waitForResponse((r) => r.request().method() === "POST"),
      agenda.locator('button[type="submit"]').click(),
    ]);
    await agenda.locator('[name="title"][aria-invalid="true"]').waitFor();
    expect(await agenda.textContent()).toContain("هذا الحقل إلزامي.");
  });

  it("every text field carries its schema's limit as maxlength", async () => {
    const handle = openServerDatabase();
    const meeting = await seededMeeting(handle.db);
    await handle.close();
    const pages = [
      agreementUrl,
      `${agreementUrl}/clauses`,
      `${agreementUrl}/obligations`,
      `${agreementUrl}/plan`,
      `${agreementUrl}/deliverables`,
      `${agreementUrl}/committee`,
      "/account",
      `/agreements/${meeting.agreement_id}/meetings/${meeting.id}`,
    ];
    const missing: string[] = [];
    for (const url of pages) {
      await visit(president, url);
      const names = await president
        .locator(
          "main form[method='post'] textarea, main form[method='post'] input:is([type='text'], [type='email'], [type='url'], [type='search'], [type='tel'], [type='password'], :not([type]))",
        )
        .evaluateAll((els) =>
          els
            .filter((e) => !(e as HTMLInputElement).readOnly && !(e as HTMLInputElement).inputMode)
            .filter((e) => (e as HTMLInputElement).maxLength <= 0)
            .map((e) => e.getAttribute("name") ?? "?"),
        );
      for (const name of names) missing.push(`${url}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
