/**
 * The Sofara Al-Khair × Clear Vision committee holds its first meeting, in Arabic: members from
 * both parties, agenda, attendance with quorum, minutes with a decision to organise the medical
 * campaign and two action items, a concurrent edit refused without loss, approvals by both
 * parties and locking; the next meeting carries the open item over; the PDF and .ics are right;
 * another organization gets 404.
 *
 * The agreement is this file's own (a fresh one between the two demo organizations, built with
 * the seed's code), so its committee really starts from nothing.
 */
import ICAL from "ical.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoIds } from "../../db/seed/demo";
import { createDemoAgreement } from "../../db/seed/demo-agreements";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { openServerDatabase } from "../support/e2e-db";
import { pdfText, writeTemp } from "../support/pdf";

const baseURL = inject("baseURL");

let browser: Browser;
let secretary: Page; // Salma Bouzid, membre@sofara.example, works in Arabic
let chair: Page; // Mustapha El Harma, president@sofara.example
let partner: Page; // Nadia Amrani, rse@clearvision.example
let agreementUrl = "";
let meetingUrl = "";

beforeAll(async () => {
  const handle = openServerDatabase();
  const { orgIds, userIds } = await demoIds(handle.db);
  const id = await createDemoAgreement(
    handle.db,
    {
      key: "e2e-committee",
      owner: { org: "sofara", signatory: "president@sofara.example" },
      partners: [{ org: "clearvision", signatory: "directeur@clearvision.example" }],
      details: {
        title: "Convention – caravane médicale de Smara (comité)",
        titleSecondary: "اتفاقية – القافلة الطبية بالسمارة",
        kind: "partnership",
        purpose: "Organiser une caravane médicale au profit des personnes démunies d’Es-Semara.",
        territory: "Province d'Es-Semara",
        signingPlace: "Smara",
        effectiveDate: "2026-01-01",
        endDate: "2027-12-31",
        durationMonths: undefined,
        renewalNoticeDays: undefined,
        totalBudget: undefined,
      },
      clauses: [
        { heading: "Objet", body: "Organisation d’une caravane médicale à Smara." },
        { heading: "Comité conjoint de suivi", body: "Un comité conjoint de suivi se réunit chaque trimestre." },
      ],
      steps: ["open_negotiation", "send_for_signature", "sign_in_app"],
    },
    orgIds,
    userIds,
  );
  await handle.close();
  agreementUrl = `/agreements/${id}`;

  browser = await launchBrowser();
  secretary = await (await newContext(browser, baseURL, { locale: "ar" })).newPage();
  chair = await (await newContext(browser, baseURL)).newPage();
  partner = await (await newContext(browser, baseURL)).newPage();
  await Promise.all([
    login(secretary, "membre@sofara.example"),
    login(chair, "president@sofara.example"),
    login(partner, "rse@clearvision.example"),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe("the joint follow-up committee", () => {
  it("was set up when the agreement came into force; the president seats the secretary and the partner's officer", async () => {
    await visit(chair, `${agreementUrl}/committee`);
    const members = chair.getByTestId("committee-members");
    expect(await members.textContent()).toContain("Mustapha El Harma");
    expect(await members.textContent()).toContain("Hicham Masfar");
    for (const [name, party, role] of [
      ["Salma Bouzid", "Association Sofara Al-Khair – Smara", "secretary"],
      ["Nadia Amrani", "Fondation Clear Vision", "member"],
    ] as const) {
      await chair.getByLabel("Représente").selectOption({ label: party });
      await chair.getByLabel("Personne ayant un compte").selectOption({ label: `${name} — ${party}` });
      await chair.getByLabel("Rôle", { exact: true }).last().selectOption(role);
      await chair.getByRole("button", { name: "Ajouter un membre" }).click();
      await members.getByText(name).waitFor();
    }
    // Choosing a person of the other party is refused next to the form, with the choices kept.
    await chair.getByLabel("Représente").selectOption({ label: "Association Sofara Al-Khair – Smara" });
    await chair
      .getByLabel("Personne ayant un compte")
      .selectOption({ label: "Hicham Masfar — Fondation Clear Vision" });
    await chair.getByRole("button", { name: "Ajouter un membre" }).click();
    await chair.getByText("Cette personne n’est pas membre de l’organisation de la partie choisie.").waitFor();
  });

  it("the secretary schedules the first meeting in Arabic; a bad time is flagged next to the field with the place kept", async () => {
    await visit(secretary, `${agreementUrl}/committee`);
    expect(await secretary.locator("html").getAttribute("dir")).toBe("rtl");
    const form = secretary.locator("form").filter({ has: secretary.locator('input[name="intent"][value="schedule"]') });
    await form.locator('input[name="date"]').fill("2026-12-03");
    await form.locator('input[name="location"]').fill("مقر الجمعية، السمارة");
    // A time typed by hand that is not a time: the browser's own control is bypassed.
    await form.locator('input[name="time"]').evaluate((el: HTMLInputElement) => {
      el.type = "text";
      el.value = "25:99";
    });
    await form.getByRole("button", { name: "برمجة الاجتماع" }).click();
    await secretary.getByText("أدخل ساعة، مثل 10:30.").waitFor();
    expect(await form.locator('input[name="location"]').inputValue()).toBe("مقر الجمعية، السمارة");
    await form.locator('input[name="time"]').fill("10:30");
    await form.getByRole("button", { name: "برمجة الاجتماع" }).click();
    await secretary.waitForURL(/\/meetings\/[a-z0-9]{16}$/);
    meetingUrl = new URL(secretary.url()).pathname;
    await secretary.getByTestId("meeting-title").getByText("الاجتماع رقم 1").waitFor();
    expect(await secretary.getByTestId("meeting-status").getAttribute("data-status")).toBe("planned");
  });

  it("holds it: agenda, attendance until the quorum is reached, a decision to organise the campaign and two action items", async () => {
    await secretary.locator("summary", { hasText: "إضافة نقطة" }).click();
    await secretary.getByLabel("النقطة").fill("تنظيم الحملة الطبية بالسمارة");
    await secretary.getByRole("button", { name: "إضافة نقطة" }).click();
    await secretary.getByTestId("agenda").getByText("تنظيم الحملة الطبية بالسمارة").waitFor();

    await secretary.getByRole("button", { name: "افتتاح الجلسة" }).click();
    await secretary.locator('[data-testid="meeting-status"][data-status="in_progress"]').waitFor();

    // Only the association present: no quorum (each party must be there).
    const rows = secretary.getByTestId("attendance-row");
    for (const name of ["Mustapha El Harma", "Salma Bouzid"])
      await rows.filter({ hasText: name }).getByLabel("حاضر").check();
    for (const name of ["Hicham Masfar", "Nadia Amrani"])
      await rows.filter({ hasText: name }).getByLabel("معتذر").check();
    await secretary.getByRole("button", { name: "تسجيل الحضور" }).click();
    // The quorum was already unmet, naming both parties, before saving: wait for the answer itself
    // (two present, one party missing), or the next save could race this one.
    const quorum = secretary.locator('[data-testid="quorum"][data-met="false"]').filter({ hasText: "عضوان حاضران" });
    await quorum.waitFor();
    expect(await quorum.textContent()).toContain("مؤسسة كليير فيزيون");
    expect(await quorum.textContent()).not.toContain("جمعية سفراء الخير");
    await rows.filter({ hasText: "Nadia Amrani" }).getByLabel("حاضر").check();
    await secretary.getByRole("button", { name: "تسجيل الحضور" }).click();
    await secretary.locator('[data-testid="quorum"][data-met="true"]').filter({ hasText: "3 أعضاء حاضرون" }).waitFor();

    const item = secretary
      .getByTestId("agenda")
      .locator("li")
      .filter({ hasText: "تنظيم الحملة الطبية بالسمارة" })
      .first();
    await item.getByText("تسجيل مخرج").click();
    await item.getByLabel("النص").fill("تقرر تنظيم حملة طبية لفائدة المعوزين بالسمارة يومي 15 و16 أبريل.");
    await item.getByRole("button", { name: "تسجيل", exact: true }).click();
    await secretary.getByTestId("decisions").getByText("تقرر تنظيم حملة طبية").waitFor();

    for (const [title, owner] of [
      ["إعداد لائحة المستفيدين مع السلطات المحلية", "Salma Bouzid"],
      ["تعبئة الفريق الطبي والتجهيزات", "الطرف بأكمله: مؤسسة كليير فيزيون"],
    ] as const) {
      const box = secretary
        .getByTestId("agenda")
        .locator("li")
        .filter({ hasText: "تنظيم الحملة الطبية بالسمارة" })
        .first();
      await box.locator("summary", { hasText: "إضافة إجراء" }).click();
      await box.locator('input[name="title"]').fill(title);
      await box.locator('select[name="owner"]').selectOption({ label: owner });
      await box.locator('input[name="dueDate"]').fill("2027-03-31");
      await box.getByRole("button", { name: "إضافة إجراء" }).click();
      await secretary.getByTestId("action-items").getByText(title).waitFor();
    }
  });

  it("minutes typed with a live preview; a second person's save from the same version is refused and both texts stay", async () => {
    const editor = secretary.locator('textarea[name="minutes"]');
    await editor.fill("**انعقد** اجتماع اللجنة المشتركة للتتبع بمقر الجمعية بالسمارة.\n\nتقرر تنظيم الحملة الطبية.");
    await secretary.getByTestId("markdown-preview").locator("strong", { hasText: "انعقد" }).waitFor();

    await visit(chair, meetingUrl);
    await chair.locator('textarea[name="minutes"]').fill("Texte du président, saisi en même temps.");
    await secretary.getByRole("button", { name: "حفظ المحضر" }).click();
    // Saved (revision 1) before the chair saves his text from revision 0.
    await secretary.locator('[data-testid="minutes-form"][data-revision="1"]').waitFor();
    // Another form on his page reloads its data (now at revision 1): his unsaved text stays, on revision 0.
    // (The page was opened without a hash; the answer lands on #attendance once its data is loaded.)
    await Promise.all([
      chair.waitForURL(/#attendance$/),
      chair.getByRole("button", { name: "Enregistrer les présences" }).click(),
    ]);
    expect(await chair.locator('textarea[name="minutes"]').inputValue()).toBe(
      "Texte du président, saisi en même temps.",
    );
    expect(await chair.getByTestId("minutes-form").getAttribute("data-revision")).toBe("0");
    await chair.getByRole("button", { name: "Enregistrer le procès-verbal" }).click();
    await chair.getByTestId("minutes-conflict").waitFor();
    expect(await chair.getByTestId("minutes-theirs").textContent()).toContain("تقرر تنظيم الحملة الطبية");
    expect(await chair.locator('textarea[name="minutes"]').inputValue()).toBe(
      "Texte du président, saisi en même temps.",
    );
    // He merges deliberately: his save now goes through, over the version he has seen.
    await chair
      .locator('textarea[name="minutes"]')
      .fill(
        "**انعقد** اجتماع اللجنة المشتركة للتتبع بمقر الجمعية بالسمارة.\n\nتقرر تنظيم الحملة الطبية لفائدة المعوزين.",
      );
    await chair.getByRole("button", { name: "Enregistrer le procès-verbal" }).click();
    await chair.waitForFunction(() => !document.querySelector('[data-testid="minutes-conflict"]'));
    await visit(secretary, meetingUrl);
    expect(await secretary.locator('textarea[name="minutes"]').inputValue()).toContain("لفائدة المعوزين");
  });

  it("closed and circulated, the minutes are approved by one member of each party and then locked", async () => {
    await secretary.getByRole("button", { name: "اختتام الجلسة" }).click();
    await secretary.locator('[data-testid="meeting-status"][data-status="closed"]').waitFor();
    await secretary.getByRole("button", { name: "تعميم المحضر على الأعضاء للمصادقة" }).click();
    await secretary.locator('[data-testid="meeting-status"][data-minutes="circulated"]').waitFor();

    await visit(chair, meetingUrl);
    // Without ticking consent: refused next to the box, nothing recorded.
    await chair.getByLabel("Votre mot de passe").fill(DEMO_PASSWORD);
    await chair.getByRole("button", { name: "Approuver le procès-verbal" }).click();
    await chair.getByText("Cochez la case pour approuver.").waitFor();
    await chair.getByLabel(/J’approuve ce procès-verbal/).check();
    await chair.getByLabel("Votre mot de passe").fill(DEMO_PASSWORD);
    await chair.getByRole("button", { name: "Approuver le procès-verbal" }).click();
    await chair.getByTestId("approvals").getByText("Mustapha El Harma").waitFor();
    expect(await chair.getByTestId("meeting-status").getAttribute("data-minutes")).toBe("circulated");

    await visit(partner, meetingUrl);
    await partner.getByLabel(/J’approuve ce procès-verbal/).check();
    await partner.getByLabel("Votre mot de passe").fill(DEMO_PASSWORD);
    await partner.getByRole("button", { name: "Approuver le procès-verbal" }).click();
    await partner.locator('[data-testid="meeting-status"][data-minutes="approved"]').waitFor();

    await visit(secretary, meetingUrl);
    expect(await secretary.locator('textarea[name="minutes"]').count()).toBe(0);
    // Locked minutes reach readers as HTML only: the Markdown source is sent to those who edit it.
    const page = await (await secretary.request.get(meetingUrl)).text();
    expect(page).toContain("<strong>انعقد</strong>");
    expect(page).not.toContain("**انعقد**");
    expect(await secretary.getByTestId("approvals").textContent()).toMatch(/SHA-256 [0-9a-f]{64}/);
  });

  it("the partner marks its action item done from its own list", async () => {
    await visit(partner, "/action-items");
    const item = partner.getByTestId("action-items").locator("li").filter({ hasText: "تعبئة الفريق الطبي والتجهيزات" });
    await item.locator("summary").click();
    await item.getByLabel("Note").fill("Six médecins et deux opticiens confirmés.");
    await item.getByRole("button", { name: "Enregistrer" }).click();
    // Wait for the answer (the item leaves the open list) before navigating away.
    await item.waitFor({ state: "detached" });
    await visit(partner, "/action-items?filter=done");
    await partner
      .getByTestId("action-items")
      .locator('li[data-status="done"]')
      .filter({ hasText: "تعبئة الفريق الطبي والتجهيزات" })
      .waitFor();
  });

  it("the next meeting's agenda carries the open action item over and shows the done one for the record", async () => {
    await visit(secretary, `${agreementUrl}/committee`);
    const form = secretary.locator("form").filter({ has: secretary.locator('input[name="intent"][value="schedule"]') });
    await form.locator('input[name="date"]').fill("2027-03-04");
    await form.locator('input[name="time"]').fill("10:00");
    await form.locator('input[name="videoUrl"]').fill("https://meet.example.org/comite-smara");
    await form.getByRole("button", { name: "برمجة الاجتماع" }).click();
    await secretary.getByTestId("meeting-title").getByText("الاجتماع رقم 2").waitFor();
    const agenda = secretary.getByTestId("agenda");
    expect(await agenda.locator('li[data-source="action_item"]').allTextContents()).toEqual([
      expect.stringContaining("تتبع: إعداد لائحة المستفيدين مع السلطات المحلية"),
    ]);
    expect(await agenda.locator('li[data-source="done_items"]').textContent()).toContain(
      "تعبئة الفريق الطبي والتجهيزات",
    );

    // Her dashboard now shows the meeting ahead and the item still asked of her.
    await visit(secretary, "/");
    expect(await secretary.getByTestId("next-meetings").textContent()).toContain("الاجتماع رقم 2");
    expect(await secretary.getByTestId("my-action-items").textContent()).toContain(
      "إعداد لائحة المستفيدين مع السلطات المحلية",
    );
  });

  it("the minutes PDF shows the Arabic text, the attendance and the approvals; the .ics parses back to the meeting", async () => {
    const pdf = await secretary.request.get(`${meetingUrl}/minutes.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = pdfText(writeTemp(await pdf.body(), "e2e-minutes.pdf"));
    expect(text).toContain("تقرر تنظيم حملة طبية لفائدة المعوزين بالسمارة");
    expect(text).toContain("انعقد اجتماع اللجنة المشتركة للتتبع");
    expect(text).toContain("الحضور");
    expect(text).toContain("Nadia Amrani");
    expect(text).toContain("محضر مصادق عليه");

    const ics = await secretary.request.get(`${meetingUrl}/calendar.ics`);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(1);
    // 10:30 in Morocco (UTC+1) on 3 December 2026.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2026-12-03T09:30:00.000Z");
    expect(events[0]!.location).toBe("مقر الجمعية، السمارة");
  });

  it("the partner's view shows what Clear Vision's agreements delivered, with the approved minutes; INSAF sees none of it", async () => {
    await visit(partner, "/impact");
    const campaign = partner
      .getByTestId("impact-agreement")
      .filter({ hasText: "Convention de partenariat et de coopération" });
    // The confirmed one: import.test.ts may have imported a planned copy of it meanwhile (same title).
    const deliverable = campaign
      .getByTestId("impact-deliverable")
      .filter({ hasText: "Campagne médicale de Smara" })
      .filter({ hasText: "Confirmé" });
    expect(await deliverable.getByTestId("progress").getAttribute("data-percent")).toBe("100");
    // 420 in the 2022 campaign, 480 in this year's (the demo's progress report accounts for it).
    expect(await campaign.getByTestId("impact-beneficiaries").textContent()).toContain("900");
    const minutes = campaign.getByTestId("impact-meetings").getByRole("link", { name: "Procès-verbal (PDF)" }).first();
    const pdf = await partner.request.get((await minutes.getAttribute("href"))!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    // Drafts with Clear Vision stay with the association.
    expect(await partner.getByTestId("impact").textContent()).not.toContain("Convention spécifique");

    const outsider = await (await newContext(browser, baseURL)).newPage();
    await login(outsider, "president@insaf.example");
    await visit(outsider, "/impact");
    expect(await outsider.locator("main").textContent()).not.toContain("Campagne médicale de Smara");
  });

  it("the action items export opens in Excel with the Arabic text; unknown exports and another organization's agreement are 404", async () => {
    const csv = await secretary.request.get("/exports/action-items.csv");
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const body = Buffer.from(await csv.body());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain("إعداد لائحة المستفيدين مع السلطات المحلية");
    expect((await secretary.request.get("/exports/passwords.csv")).status()).toBe(404);
    const json = await secretary.request.get(`${agreementUrl}/export.json`);
    expect(JSON.parse(await json.text()).committee.meetings.length).toBe(2);
    const outsider = await (await newContext(browser, baseURL)).newPage();
    await login(outsider, "president@insaf.example");
    expect((await outsider.request.get(`${agreementUrl}/export.json`)).status()).toBe(404);
    expect(await (await outsider.request.get("/exports/action-items.csv")).text()).not.toContain(
      "إعداد لائحة المستفيدين",
    );
  });

  it("someone of another organization gets 404 on the committee, the meeting, its PDF and its calendar file", async () => {
    const outsider = await (await newContext(browser, baseURL)).newPage();
    await login(outsider, "president@insaf.example");
    for (const url of [
      `${agreementUrl}/committee`,
      meetingUrl,
      `${meetingUrl}/minutes.pdf`,
      `${meetingUrl}/calendar.ics`,
    ]) {
      const response = await outsider.request.get(url);
      expect(response.status(), url).toBe(404);
    }
    const post = await outsider.request.post(meetingUrl, {
      form: { intent: "saveMinutes", minutes: "x", revision: "0" },
      headers: { Origin: baseURL },
    });
    expect(post.status()).toBe(404);
  });

  it("every committee and meeting form answers malformed input with a 4xx and field errors, never a 500, and writes nothing", async () => {
    const bodies = (intent: string): Record<string, string>[] => [
      { intent },
      { intent, title: "x".repeat(100_000), body: "y".repeat(300_000) },
      { intent, itemId: "../../etc/passwd", direction: "sideways", memberId: "'; drop table meeting; --" },
      { intent, "status.not-an-id": "present", guests: "z".repeat(6000) },
      { intent, kind: "verdict", body: "", owner: "member:zzz", dueDate: "2026-02-30", link: "clause:abc" },
      {
        intent,
        minutes: "texte",
        revision: "-1",
        password: "",
        consent: "maybe",
        actionItemId: "x",
        to: "later",
        version: "NaN",
      },
      {
        intent,
        date: "2026-13-45",
        time: "25:99",
        timeZone: "Mars/Olympus",
        durationMinutes: "-5",
        videoUrl: "javascript:alert(1)",
        rhythm: "daily",
        quorumRule: "all",
        approvalRule: "nobody",
        partyId: "nope",
        role: "king",
      },
    ];
    const meetingIntents = [
      "addAgendaItem",
      "moveAgendaItem",
      "removeAgendaItem",
      "attendance",
      "addOutcome",
      "addActionItem",
      "closeActionItem",
      "saveMinutes",
      "approve",
      "addendum",
      "reopen",
    ];
    const committeeIntents = ["settings", "addMember", "memberRole", "removeMember", "schedule", "closeActionItem"];
    const auditBefore = await chair.request.get(`${agreementUrl}/history`).then((r) => r.text());
    for (const [url, intents] of [
      [meetingUrl, meetingIntents],
      [`${agreementUrl}/committee`, committeeIntents],
    ] as const) {
      for (const intent of [...intents, "nope"]) {
        for (const body of bodies(intent)) {
          const response = await chair.request.post(url, { form: body, headers: { Origin: baseURL }, maxRedirects: 0 });
          const label = `${url} ${JSON.stringify(body).slice(0, 60)}`;
          expect(response.status(), label).toBeGreaterThanOrEqual(400);
          expect(response.status(), label).toBeLessThan(500);
          expect(await response.text(), label).not.toMatch(/at .*\.(js|ts):\d+:\d+/);
        }
      }
    }
    // Nothing was recorded: the history is as it was.
    const auditAfter = await chair.request.get(`${agreementUrl}/history`).then((r) => r.text());
    expect((auditAfter.match(/<li/g) ?? []).length).toBe((auditBefore.match(/<li/g) ?? []).length);
  });
});
