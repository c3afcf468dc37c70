/**
 * Request bodies have limits enforced while they stream, before anything parses them (app/lib/body-limits
 * .server.ts): past a limit the answer is 413 in the reader's language, the upload is cut short and the
 * server goes on answering. Bodies are generated as they are sent, never held in memory.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { blankPng } from "../support/images";
import { manyParts, oneLargeFile, repeatedBytes, streamPost } from "../support/stream-post";
import { formClient } from "../support/form-client";

const baseURL = inject("baseURL");
const { freshIp, sessionCookie } = formClient(baseURL, "172.30");
const MB = 1024 * 1024;
async function healthy() {
  const res = await fetch(`${baseURL}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
}

describe("request body limits", () => {
  it("300 MB posted to /login, without a length: 413 in the reader's language, cut short, the server goes on", async () => {
    const result = await streamPost(`${baseURL}/login`, {
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": "ar",
        "X-Forwarded-For": freshIp(),
      },
      chunks: repeatedBytes(300 * MB),
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain("الإرسال كبير جدًا");
    expect(result.body).toContain('dir="rtl"');
    expect(result.sentBytes).toBeLessThan(100 * MB);
    await healthy();
  });

  it("300 MB declared in Content-Length to /login is refused before any byte of it is read", async () => {
    const result = await streamPost(`${baseURL}/login`, {
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(300 * MB),
        "X-Forwarded-For": freshIp(),
      },
      chunks: repeatedBytes(300 * MB),
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain("Envoi trop volumineux");
    expect(result.sentBytes).toBeLessThan(100 * MB);
    await healthy();
  });

  it("a 300 MB file posted to an upload route (signed in): 413, and the server goes on", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    const result = await streamPost(`${baseURL}/agreements/import`, {
      headers: {
        "Content-Type": "multipart/form-data; boundary=limit-test",
        "Accept-Language": "en",
        Cookie: cookie,
        "X-Forwarded-For": freshIp(),
      },
      chunks: oneLargeFile("limit-test", 300 * MB),
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain("Too much sent at once");
    expect(result.sentBytes).toBeLessThan(100 * MB);
    await healthy();
  });

  it("10,000 multipart parts: 413 on a public route and on a signed-in upload route", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    for (const [path, headers] of [
      ["/login", {}],
      ["/verify", {}],
      ["/agreements/import", { Cookie: cookie }],
    ] as const) {
      const result = await streamPost(`${baseURL}${path}`, {
        headers: { "Content-Type": "multipart/form-data; boundary=parts", "X-Forwarded-For": freshIp(), ...headers },
        chunks: manyParts("parts", 10_000),
      });
      expect(result.status, path).toBe(413);
      await healthy();
    }
  });

  it("a form sent by Remix's client (.data) gets a 413 its error boundary can show", async () => {
    const result = await streamPost(`${baseURL}/login.data`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": freshIp() },
      chunks: repeatedBytes(MB),
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual([
      { _1: 2 },
      "error",
      ["ErrorResponse", 3, 4, 5],
      expect.stringContaining("rien n’a été enregistré"),
      413,
      "Envoi trop volumineux",
    ]);
  });

  it("forms within their limits still go through", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    expect(cookie).toMatch(/charaka_session=/);
    const result = await streamPost(`${baseURL}/verify`, {
      headers: { "Content-Type": "multipart/form-data; boundary=ok", "X-Forwarded-For": freshIp() },
      chunks: manyParts("ok", 3),
    });
    expect(result.status).toBe(400);
  });
});

describe("a file over the whole limit, sent from the page", () => {
  it("shows the 413 message in the page's error boundary (Remix's client), and the page still works", async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, baseURL);
      const page = await context.newPage();
      await login(page, "president@sofara.example");
      await visit(page, "/agreements/import");
      const form = page.locator("form").filter({ has: page.locator('input[name="file"]') });
      await form
        .locator('input[name="file"]')
        .setInputFiles({ name: "enorme.csv", mimeType: "text/csv", buffer: Buffer.alloc(26 * MB, "a") });
      await form.locator('button[type="submit"]').click();
      await page.getByRole("heading", { name: "Envoi trop volumineux" }).waitFor();
      expect(await page.locator("[data-status]").getAttribute("data-status")).toBe("413");
      await page.setViewportSize({ width: 390, height: 800 });
      await page.screenshot({ path: "/tmp/shots-h17/413-boundary-fr-390.png" });
      await healthy();
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe("uploaded images are checked for their pixel size", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a 20,000 × 20,000 PNG stamp is refused next to its field, with its size and the limits", async () => {
    const handle = openServerDatabase();
    const sofara = await handle.db
      .selectFrom("organization")
      .select("id")
      .where("name_fr", "like", "%Sofara%")
      .executeTakeFirstOrThrow();
    await handle.close();
    const png = await blankPng(20_000, 20_000);
    for (const [locale, message] of [
      ["fr-FR", /Cette image est trop grande \(20.000 × 20.000 pixels\) : au plus 25 mégapixels/],
    ] as const) {
      const context = await newContext(browser, baseURL, { locale });
      const page = await context.newPage();
      await login(page, "president@sofara.example");
      await visit(page, `/organizations/${sofara.id}`);
      await page
        .locator('input[name="stamp"]')
        .setInputFiles({ name: "cachet.png", mimeType: "image/png", buffer: png });
      await page
        .locator("form")
        .filter({ has: page.locator('input[name="stamp"]') })
        .locator('button[type="submit"]')
        .click();
      const error = page.locator("#stamp-error");
      await error.waitFor();
      expect(await error.textContent()).toMatch(message);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await error.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shots-h17/stamp-pixels-${locale}-${width}.png` });
      }
      await context.close();
    }
  });
});
