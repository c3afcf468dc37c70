/**
 * Emails that carry a single-use link (#19), end to end on a server of its own that sends mail to a
 * real local SMTP server: a forgotten password ("Mot de passe oublié ?", the email, the link, the new
 * password; the old session is signed out) and an invitation (emailed in the inviter's language,
 * accepted from the email's link; a new link replaces it).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, login, newContext, visit } from "../support/browser";
import { makeOrganization, makePerson, PERSON_PASSWORD } from "../support/people";
import { decodeHeader, mailText, startSmtpServer, type TestSmtpServer } from "../support/smtp";

let browser: Browser;
let smtp: TestSmtpServer;
let server: AppServer;
let organizationId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startAppServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Charaka <noreply@test>" });
  browser = await launchBrowser();
  const handle = server.openDatabase();
  try {
    await makePerson(handle.db, { email: "oubli@association.ma", name: "Sanae Oubli" });
    organizationId = await makeOrganization(handle.db, "Association Tifawin");
    await makePerson(handle.db, {
      email: "presidente@tifawin.ma",
      name: "Khadija Tifawin",
      memberOf: [{ organizationId, role: "president" }],
    });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe("a forgotten password", () => {
  it("is reset through the link received by email; the person's other sessions end", async () => {
    const elsewhere = await newContext(browser, server.baseURL);
    const oldPage = await elsewhere.newPage();
    await login(oldPage, "oubli@association.ma", PERSON_PASSWORD);

    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await visit(page, "/login");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/forgot-password"),
      page.getByRole("link", { name: "Mot de passe oublié ?" }).click(),
    ]);
    await page.getByLabel("Adresse e-mail").fill("oubli@association.ma");
    await page.getByRole("button", { name: "Envoyer le lien" }).click();
    await page.getByTestId("reset-sent").waitFor();

    // An unknown address gets the very same page.
    const other = await context.newPage();
    await visit(other, "/forgot-password");
    await other.getByLabel("Adresse e-mail").fill("personne@association.ma");
    await other.getByRole("button", { name: "Envoyer le lien" }).click();
    await other.getByTestId("reset-sent").waitFor();
    expect((await other.getByTestId("reset-sent").textContent())!.replace("personne", "oubli")).toBe(
      await page.getByTestId("reset-sent").textContent(),
    );

    // (The demo's daily reminders go to the same SMTP server: only this file's addresses matter.)
    const ours = () => smtp.received.filter((m) => m.to.endsWith("@association.ma"));
    for (let i = 0; i < 100 && ours().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ours().map((m) => m.to)).toEqual(["oubli@association.ma"]);
    const text = mailText(ours()[0]!);
    expect(text).toContain("Bonjour Sanae Oubli");
    const link = /http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(text)![0];

    await visit(page, link);
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("ma nouvelle phrase secrète");
    await page.getByLabel("Nouveau mot de passe (confirmation)").fill("ma nouvelle phrase secrète");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/login"),
      page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click(),
    ]);
    await page.getByText("Votre nouveau mot de passe est enregistré").waitFor();
    await login(page, "oubli@association.ma", "ma nouvelle phrase secrète");

    // The session opened before the reset is over; the link works only once.
    const response = await oldPage.goto("/agreements");
    expect(new URL(oldPage.url()).pathname).toBe("/login");
    expect(response?.ok()).toBe(true);
    expect((await page.goto(link))?.status()).toBe(404);
    await context.close();
    await elsewhere.close();
  });
});

describe("an invitation", () => {
  it("is emailed to the invitee in the inviter's language, accepted from the email's link; a new link replaces it", async () => {
    const context = await newContext(browser, server.baseURL);
    const page = await context.newPage();
    await login(page, "presidente@tifawin.ma", PERSON_PASSWORD);
    await visit(page, `/organizations/${organizationId}`);
    await page.getByLabel("Son adresse e-mail").fill("tresorier@tifawin.ma");
    await page.getByLabel("Rôle", { exact: true }).selectOption("treasurer");
    await page.getByRole("button", { name: "Créer l’invitation" }).click();
    await page.getByText("Invitation envoyée par e-mail à tresorier@tifawin.ma").waitFor();
    const shown = await page.getByTestId("invitation-link").inputValue();

    const to = (address: string) => smtp.received.filter((m) => m.to === address);
    for (let i = 0; i < 100 && to("tresorier@tifawin.ma").length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const [first] = to("tresorier@tifawin.ma");
    expect(decodeHeader(first!.subject)).toBe(
      "Khadija Tifawin vous invite à rejoindre Association Tifawin sur Charaka",
    );
    const text = mailText(first!);
    expect(text).toContain("comme Trésorier");
    const link = /http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]+/.exec(text)![0];
    expect(link).toBe(shown);

    // A new link: emailed again; the first one stops working.
    await page.getByRole("button", { name: "Nouveau lien" }).click();
    await page.getByText("Nouveau lien envoyé par e-mail à tresorier@tifawin.ma").waitFor();
    for (let i = 0; i < 100 && to("tresorier@tifawin.ma").length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const second = /http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]+/.exec(
      mailText(to("tresorier@tifawin.ma")[1]!),
    )![0];
    expect(second).not.toBe(link);

    const invitee = await newContext(browser, server.baseURL);
    const inviteePage = await invitee.newPage();
    expect((await inviteePage.goto(link))?.status()).toBe(404);
    await visit(inviteePage, second);
    await inviteePage.getByLabel("Votre nom complet").fill("Yassine Tresorier");
    await inviteePage.getByLabel("Choisissez un mot de passe").fill("une phrase de passe solide");
    await inviteePage.getByLabel("Saisissez à nouveau le mot de passe").fill("une phrase de passe solide");
    await Promise.all([
      inviteePage.waitForURL((url) => !url.pathname.startsWith("/invitations")),
      inviteePage.getByRole("button", { name: "Rejoindre et se connecter" }).click(),
    ]);
    await inviteePage.locator("main#main").waitFor();
    await context.close();
    await invitee.close();
  });
});
