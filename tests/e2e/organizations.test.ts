import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, newContext } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function organizationUrl(email: string, name: string): Promise<string> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  await login(page, email);
  await page.goto("/organizations");
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  await context.close();
  return href!;
}

describe("organizations and invitations", () => {
  it("the platform administrator creates an organization; a missing name is explained next to the field and nothing typed is lost", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "admin@charaka.example");
    await page.goto("/organizations/new");
    await page.getByLabel("Type").selectOption("association");
    await page.getByLabel("Ville").fill("Tan-Tan");
    await page.getByLabel("Région ou province").fill("Guelmim-Oued Noun");
    await page.getByRole("button", { name: "Créer l’organisation" }).click();
    const nameFr = page.getByLabel("Nom (en français ou en caractères latins)");
    await page.waitForSelector('input[name="nameFr"][aria-invalid="true"]');
    expect(
      await page
        .locator("#" + (await nameFr.getAttribute("aria-describedby"))!.split(" ").pop()!.replace(/:/g, "\\:"))
        .textContent(),
    ).toBe("Indiquez le nom en français, en arabe, ou les deux.");
    expect(await page.getByLabel("Ville").inputValue()).toBe("Tan-Tan");
    expect(await page.getByLabel("Région ou province").inputValue()).toBe("Guelmim-Oued Noun");

    await page.getByLabel("Nom (en arabe)").fill("جمعية الأمل طانطان");
    await Promise.all([
      page.waitForURL(/\/organizations\/[a-z0-9]{16}$/),
      page.getByRole("button", { name: "Créer l’organisation" }).click(),
    ]);
    await page.getByRole("heading", { level: 1, name: "جمعية الأمل طانطان" }).waitFor();
    await context.close();
  });

  it("a president invites a new member, who sets a password through the single-use link and arrives in the organization", async () => {
    const president = await newContext(browser, baseURL);
    const page = await president.newPage();
    await login(page, "president@sofara.example");
    await page.goto("/organizations");
    await page.getByRole("link", { name: "Association Sofara Al-Khair – Smara", exact: true }).click();
    await page.getByLabel("Son adresse e-mail").fill("benevole@sofara.example");
    await page.getByLabel("Rôle", { exact: true }).selectOption("member");
    await page.getByLabel("Fonction").fill("Bénévole");
    await page.getByRole("button", { name: "Créer l’invitation" }).click();
    const link = await page.getByTestId("invitation-link").inputValue();
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(await page.getByTestId("pending-invitations").textContent()).toContain("benevole@sofara.example");
    await page.screenshot({ path: "tests/.tmp/organization-fr.png", fullPage: true });

    const invitee = await newContext(browser, baseURL, { locale: "ar-MA" });
    const invitePage = await invitee.newPage();
    await invitePage.goto(link);
    expect(await invitePage.locator("html").getAttribute("dir")).toBe("rtl");
    await invitePage.getByLabel("اسمك الكامل").fill("Youssef Benali");
    await invitePage.getByLabel("اختر كلمة مرور").fill("short");
    await invitePage.getByLabel("أعد كتابة كلمة المرور").fill("short");
    await invitePage
      .locator("form")
      .filter({ has: invitePage.locator('input[name="password"]') })
      .evaluate((f) => f.setAttribute("novalidate", ""));
    await invitePage.getByRole("button", { name: "الانضمام وتسجيل الدخول" }).click();
    await invitePage.waitForSelector('input[name="password"][aria-invalid="true"]');
    expect(await invitePage.locator("body").textContent()).toContain("استعمل 12 حرفًا على الأقل.");
    expect(await invitePage.getByLabel("اسمك الكامل").inputValue()).toBe("Youssef Benali");
    await invitePage.screenshot({ path: "tests/.tmp/invitation-ar.png", fullPage: true });

    await invitePage.getByLabel("اختر كلمة مرور").fill("une phrase de passe solide");
    await invitePage.getByLabel("أعد كتابة كلمة المرور").fill("une phrase de passe solide");
    await Promise.all([
      invitePage.waitForURL(`${baseURL}/`),
      invitePage.getByRole("button", { name: "الانضمام وتسجيل الدخول" }).click(),
    ]);
    await invitePage.locator("main#main").waitFor();
    expect(await invitePage.getByTestId("header-organization").textContent()).toBe("جمعية سفراء الخير – السمارة");

    // The link is single-use.
    const again = await (await newContext(browser, baseURL)).newPage();
    const res = await again.goto(link);
    expect(res?.status()).toBe(404);
    expect(await again.locator("body").textContent()).toContain("Invitation non valable");

    await page.reload();
    expect(await page.getByTestId("members").textContent()).toContain("Youssef Benali");
    await invitee.close();
    await president.close();
  });

  it("someone from another organization gets 404 on its pages and its actions", async () => {
    const sofaraUrl = await organizationUrl("president@sofara.example", "Association Sofara Al-Khair – Smara");
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "president@insaf.example");
    const res = await page.goto(sofaraUrl);
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    const post = await page.request.post(sofaraUrl, {
      form: { intent: "invite", email: "spy@insaf.example", role: "admin" },
      headers: { Origin: baseURL },
    });
    expect(post.status()).toBe(404);
    // Nor can she create organizations.
    expect((await page.goto("/organizations/new"))?.status()).toBe(404);
    await context.close();

    // And the invitation was not created.
    const president = await newContext(browser, baseURL);
    const presidentPage = await president.newPage();
    await login(presidentPage, "president@sofara.example");
    await presidentPage.goto(sofaraUrl);
    expect(await presidentPage.locator("body").textContent()).not.toContain("spy@insaf.example");
    await president.close();
  });

  it("a malformed organization id in the URL is a 404, not an error", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "membre@sofara.example");
    for (const bad of [
      "/organizations/..%2F..%2Fetc",
      "/organizations/' OR 1=1 --",
      "/organizations/" + "a".repeat(300),
    ]) {
      const res = await page.goto(bad);
      expect(res?.status(), bad).toBe(404);
    }
    await context.close();
  });

  it("the account page changes the name and the language, and a wrong current password is explained", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "partenariats@insaf.example", DEMO_PASSWORD);
    await page.goto("/account");
    await page.getByLabel("الاسم الكامل").fill("فاتن بنعبد الله");
    await page.getByLabel("لغة الواجهة").selectOption("fr");
    await page.getByRole("button", { name: "حفظ" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "fr");
    expect(await page.getByRole("status").textContent()).toBe("Votre profil est enregistré.");
    expect(await page.getByLabel("Nom complet").inputValue()).toBe("فاتن بنعبد الله");

    await page.getByLabel("Mot de passe actuel").fill("not my password");
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Nouveau mot de passe (confirmation)").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();
    await page.waitForSelector('input[name="currentPassword"][aria-invalid="true"]');
    expect(await page.locator("body").textContent()).toContain("Votre mot de passe actuel est incorrect.");
    await page.screenshot({ path: "tests/.tmp/account-fr.png", fullPage: true });
    await context.close();
  });
});
