/**
 * A progress report, in the browser: the association's secretary (Salma Bouzid, in Arabic) starts
 * the report its calendar asks for — the plan's indicator and the period's delivery with its
 * beneficiaries already filled in — and writes it in Arabic; its president (in French) submits it;
 * the partner's CSR officer (Clear Vision, rse@clearvision.example) comments on the financial
 * section and sends it back; the revised version is submitted, compared with the first, and
 * accepted with her password, which makes the tranche conditioned on it due on the finances page.
 * Someone of another organization gets 404 on the report, its PDF and its actions.
 *
 * The agreement is this file's own (built with the seed's code): its follow-up article asks for a
 * report every six months, so the calendar is set up when it comes into force; it has this year's
 * plan with an indicator, a deliverable delivered in the first half-year, and a second tranche on
 * the report's acceptance.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, newContext, visit } from "../support/browser";
import { ownAgreement } from "../support/e2e-agreement";
import { pdfText, writeTemp } from "../support/pdf";

const baseURL = inject("baseURL");
const SHOTS = process.env.REPORT_SHOTS_DIR;
let browser: Browser;
let secretary: Page;
let president: Page;
let partner: Page;
let agreementUrl = "";
let reportUrl = "";

const SUMMARY_AR = "نظمت الجمعية ثلاث حملات طبية لفائدة تلاميذ السمارة.";
const SUMMARY_AR_REVISED = "نظمت الجمعية ثلاث حملات طبية لفائدة تلاميذ السمارة وطانطان.";

const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  const id = await ownAgreement({
    key: "e2e-reports",
    title: "Convention – rapports de la campagne de Smara",
    effectiveDate: `${YEAR}-01-01`,
    plan: [
      {
        party: 0,
        objective: "Dépistage visuel dans les écoles de Smara",
        priority: "high",
        start: "02-01",
        end: "05-31",
        indicator: { name: "élèves examinés", unit: "élèves", target: 300, achieved: 140 },
      },
    ],
    deliverables: [
      {
        party: 1,
        kind: "medical_campaign",
        title: "Dépistage visuel des écoles de Smara",
        target: 300,
        unit: "élèves examinés",
        location: "Smara",
        deliveries: [{ on: `${YEAR}-03-12`, quantity: 140, beneficiaries: 140, women: 30, men: 20, children: 90 }],
      },
    ],
    money: {
      budget: [
        {
          category: "personnel",
          description: "Équipes de dépistage",
          shares: [{ party: 1, kind: "cash", amount: 8_000_000 }],
        },
      ],
      tranches: [
        { payer: 1, receiver: 0, amount: 5_000_000, condition: "signature" },
        { payer: 1, receiver: 0, amount: 3_000_000, condition: "report_accepted" },
      ],
    },
    clauses: [
      { heading: "Objet", body: "Campagne de dépistage visuel à Smara." },
      {
        heading: "Suivi et rapports",
        body: "L'association remet un rapport semestriel au partenaire. Le rapport final est remis dans les 60 jours suivant la fin.",
      },
    ],
  });
  agreementUrl = `/agreements/${id}`;
  browser = await launchBrowser();
  secretary = await (await newContext(browser, baseURL)).newPage();
  president = await (await newContext(browser, baseURL)).newPage();
  partner = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([
    login(secretary, "membre@sofara.example"), // Salma Bouzid, secretary general, works in Arabic
    login(president, "president@sofara.example"),
    login(partner, "rse@clearvision.example"),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Submits the form carrying `intent` and waits for the server's answer (and the page it leads to). */
async function post(page: Page, intent: string, scope = page.locator("body")) {
  const form = scope.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/reports")),
    form.locator('button[type="submit"], button:not([type])').last().click(),
  ]);
}

/** Saves the draft and waits until the page holds the saved revision (what a submission then freezes). */
async function save(page: Page) {
  const draft = page.getByTestId("report-draft");
  const before = await draft.getAttribute("data-version");
  await post(page, "saveReport");
  await page.locator(`[data-testid="report-draft"]:not([data-version="${before}"])`).waitFor();
}

async function statusIs(page: Page, status: string) {
  await page.locator(`[data-testid="report-page"][data-status="${status}"]`).waitFor();
}

/** The status a tranche shows on the finances page just loaded. */
async function trancheStatus(page: Page, number: number) {
  return (await page.getByTestId(`tranche-${number}`).getByTestId("tranche-status").textContent())?.trim();
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe("a progress report, submitted, sent back, revised and accepted", () => {
  it("the secretary starts the report its calendar asks for, indicators and deliveries filled in, and writes it in Arabic", async () => {
    await visit(secretary, `${agreementUrl}/reports`);
    const due = secretary.getByTestId("report-due");
    expect(await due.count()).toBeGreaterThan(1);
    await Promise.all([
      secretary.waitForURL((url) => /\/reports\/[a-z0-9]{16}$/.test(url.pathname)),
      post(secretary, "startReport", due.first()),
    ]);
    reportUrl = new URL(secretary.url()).pathname;
    await statusIs(secretary, "draft");

    // The plan's indicator, with the value achieved so far, and the period's delivery with its beneficiaries.
    const indicators = secretary.getByTestId("report-indicator");
    expect(await indicators.count()).toBe(1);
    expect(await indicators.first().textContent()).toContain("élèves examinés");
    expect(await indicators.first().locator('input[name$=".value"]').inputValue()).toBe("140");
    const deliveries = secretary.getByTestId("report-deliveries").locator("tbody tr");
    expect(await deliveries.count()).toBe(1);
    expect(await deliveries.first().textContent()).toContain("Dépistage visuel des écoles de Smara");
    const beneficiaries = (await secretary.getByTestId("report-beneficiaries").textContent())!;
    expect(beneficiaries.match(/\d+/g)).toEqual(["140", "30", "20", "90"]);

    await secretary.locator('textarea[name="summary"]').fill(SUMMARY_AR);
    await secretary.locator('textarea[name="financialComment"]').fill("المصاريف مطابقة للميزانية.");
    await save(secretary);
    expect(await secretary.locator('textarea[name="summary"]').inputValue()).toBe(SUMMARY_AR);
    // A member writes; submitting is for the president or an administrator.
    expect(await secretary.getByTestId("submit-report").count()).toBe(0);
    await shoot(secretary, "report-draft-ar");
  });

  it("the president submits the secretary's draft", async () => {
    await visit(president, reportUrl);
    await statusIs(president, "draft");
    expect(await president.locator('textarea[name="summary"]').inputValue()).toBe(SUMMARY_AR);
    await shoot(president, "report-draft-fr");
    await post(president, "submitReport");
    await statusIs(president, "submitted");
    expect(await president.getByTestId("report-hash").textContent()).toMatch(/[0-9a-f]{64}/);
  });

  it("the CSR officer comments on the financial section and sends the report back", async () => {
    await visit(partner, reportUrl);
    await statusIs(partner, "submitted");
    expect(await partner.getByTestId("report-section-summary").textContent()).toContain(SUMMARY_AR);
    await shoot(partner, "report-review-fr");

    const financial = partner.getByTestId("report-section-financial");
    await financial.locator("summary").click();
    await financial.locator('textarea[name="body"]').fill("Merci de joindre les factures du transport.");
    await post(partner, "commentReport", financial);
    await partner.getByTestId("comments-financial").getByText("factures du transport").waitFor();

    // Sending back needs its message: an empty one is refused next to the field, nothing sent.
    const sendBack = partner.getByTestId("send-back");
    await sendBack.locator('textarea[name="message"]').evaluate((el) => el.removeAttribute("required"));
    await post(partner, "sendBack");
    await sendBack.locator('[id$="-error"], [role="alert"]').first().waitFor();
    await statusIs(partner, "submitted");

    await partner
      .getByTestId("send-back")
      .locator('textarea[name="message"]')
      .fill("La partie financière est à compléter.");
    await post(partner, "sendBack");
    await statusIs(partner, "sent_back");
  });

  it("the association revises it and submits version 2, which compares word by word with the first", async () => {
    await visit(president, reportUrl);
    await statusIs(president, "sent_back");
    expect(await president.getByTestId("report-notice").textContent()).toContain("Nadia Amrani");
    await president.locator('textarea[name="summary"]').fill(SUMMARY_AR_REVISED);
    await save(president);
    await post(president, "submitReport");
    await statusIs(president, "submitted");
    expect(await president.locator('[data-testid="report-version"]').count()).toBe(2);

    await visit(president, `${reportUrl}?from=1&to=2`);
    const summary = president.locator('[data-testid="report-diff"][data-section="summary"]');
    expect((await summary.locator("ins").allTextContents()).join("")).toContain("وطانطان");
  });

  it("the CSR officer accepts version 2 with her password; a wrong password is refused next to the field", async () => {
    await visit(partner, reportUrl);
    await statusIs(partner, "submitted");
    const accept = partner.getByTestId("accept-report");
    await accept.locator('input[name="password"]').fill("not-her-password");
    await post(partner, "acceptReport");
    await accept.locator('[id$="-error"], [role="alert"]').first().waitFor();
    await statusIs(partner, "submitted");

    // Until it is accepted, the tranche conditioned on it is only planned.
    await visit(partner, `${agreementUrl}/finances`);
    expect(await trancheStatus(partner, 2)).toBe("Prévue");
    await visit(partner, reportUrl);
    await partner.getByTestId("accept-report").locator('input[name="password"]').fill(DEMO_PASSWORD);
    await post(partner, "acceptReport");
    await statusIs(partner, "accepted");
    expect(await partner.getByTestId("report-review").count()).toBe(2);
    await shoot(partner, "report-accepted-fr");

    // Its acceptance made the tranche it conditions due: the finances page, loaded anew, says so.
    await visit(partner, `${agreementUrl}/finances`);
    expect(await trancheStatus(partner, 2)).toBe("Exigible");
    await visit(partner, reportUrl);

    // Its PDF, in her language, carries the Arabic narrative as typed and the accepted version's hash.
    const pdf = await partner.request.get(`${reportUrl}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = pdfText(writeTemp(await pdf.body(), "report.pdf"));
    expect(text).toContain(SUMMARY_AR_REVISED.replace(/\.$/, ""));
    expect(text).toContain("Accepté · Nadia Amrani");
    const hash = (await partner.getByTestId("report-hash").textContent())!.match(/[0-9a-f]{64}/)![0];
    expect(text.replace(/\s+/g, "")).toContain(hash);

    // The partner's view lists it among the accepted reports.
    await visit(partner, "/impact");
    await partner.locator(`[data-testid="accepted-report"] a[href="${reportUrl}"]`).waitFor();
    await shoot(partner, "impact-fr");

    await visit(partner, `${agreementUrl}/reports`);
    expect(await partner.getByTestId("report-row").count()).toBe(1);
    await shoot(partner, "reports-list-fr");
  });

  it("the association's secretary reads it in Arabic, right to left, with the Arabic summary as typed", async () => {
    const page = secretary;
    await visit(page, reportUrl);
    await statusIs(page, "accepted");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.getByTestId("report-section-summary").textContent()).toContain(SUMMARY_AR_REVISED);
    await shoot(page, "report-accepted-ar");
    await visit(page, `${agreementUrl}/reports`);
    await shoot(page, "reports-list-ar");
  });
});

describe("access", () => {
  it("someone of another organization gets 404 on the reports, the report, its PDF and its actions", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "president@insaf.example");
    for (const path of [`${agreementUrl}/reports`, reportUrl, `${reportUrl}/pdf`]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(404);
    }
    const forms: Array<Record<string, string>> = [
      { intent: "commentReport", section: "summary", body: "Intrusion" },
      { intent: "sendBack", message: "Intrusion" },
      { intent: "acceptReport", decision: "accepted", password: DEMO_PASSWORD },
    ];
    for (const form of forms) {
      const res = await page.request.post(reportUrl, { form, headers: { Origin: baseURL } });
      expect(res.status(), form.intent).toBe(404);
    }
    await context.close();
  });
});
