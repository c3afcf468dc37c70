/**
 * A president drafts an agreement from library articles, negotiates it with the partner,
 * compares versions and sends it for signature; search and access are checked on the way.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newContext, visit } from "../support/browser";

const baseURL = inject("baseURL");
let browser: Browser;
let president: Page;
let agreementUrl = "";

beforeAll(async () => {
  browser = await launchBrowser();
  president = await (await newContext(browser, baseURL)).newPage();
  await login(president, "president@sofara.example");
});
afterAll(async () => {
  await browser?.close();
});

async function openPartyEditor(page: Page, name: string) {
  const party = page.getByTestId("parties").locator("li").filter({ hasText: name });
  await party.locator("summary").click();
  return party;
}

describe("drafting and negotiating an agreement", () => {
  it("a president drafts in French with an Arabic title, from library articles", async () => {
    await visit(president, "/agreements/new");
    await president.getByLabel("Partenaire").selectOption({ label: "Fondation Clear Vision (Fondation)" });
    await president.getByLabel("Titre", { exact: true }).fill("Convention pour la campagne de dépistage de Smara");
    await president.getByLabel("Titre dans une seconde langue").fill("اتفاقية حملة الكشف الطبي بالسمارة");
    await president.getByLabel("Territoire").fill("Province d'Es-Semara");
    await Promise.all([
      president.waitForURL(/\/agreements\/[a-z0-9]{16}\/clauses$/),
      president.getByRole("button", { name: "Créer le brouillon" }).click(),
    ]);
    agreementUrl = president.url().replace(/\/clauses$/, "");
    await president
      .getByTestId("agreement-title-secondary")
      .filter({ hasText: "اتفاقية حملة الكشف الطبي بالسمارة" })
      .waitFor();

    for (const heading of ["Objet de la convention", "Comité de suivi"]) {
      await president.locator("#template").selectOption({ label: heading });
      await president.getByRole("button", { name: "Insérer à la fin" }).click();
      await president.getByRole("heading", { name: new RegExp(heading) }).waitFor();
    }
    const headings = await president.getByTestId("clause").locator("h2").allTextContents();
    expect(headings).toEqual(["Article 1 — Objet de la convention", "Article 2 — Comité de suivi"]);
  });

  it("an illegal step shows its reasons, then negotiation opens once the parties are complete", async () => {
    await visit(president, agreementUrl);
    await president.getByRole("button", { name: "Envoyer pour signature" }).click();
    const error = president.getByTestId("transition-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("Indiquez la date d’entrée en vigueur.");
    expect(await president.getByTestId("agreement-title").textContent()).toBe(
      "Convention pour la campagne de dépistage de Smara",
    );

    // In the draft, only Sofara's own members are offered as signatories: Clear Vision's members are
    // listed once it can see the agreement (negotiation).
    const designate = async (org: string, account: string) => {
      const party = await openPartyEditor(president, org);
      await party.getByLabel("Compte du signataire").selectOption({ label: account });
      await party.getByRole("button", { name: "Enregistrer la partie" }).click();
      // The signatory as saved (the name is also among the select's options, so wait for this line itself).
      await president
        .getByTestId("parties")
        .locator("li")
        .filter({ hasText: org })
        .getByTestId("party-signatory")
        .filter({ hasText: account.split(",")[0]! })
        .waitFor();
    };
    await designate("Association Sofara Al-Khair – Smara", "Mustapha El Harma, Président");
    const partnerParty = await openPartyEditor(president, "Fondation Clear Vision");
    expect(await partnerParty.getByLabel("Compte du signataire").count()).toBe(0);
    await president.getByRole("button", { name: "Ouvrir la négociation avec les parties" }).click();
    await president.locator('[data-status="negotiation"]').first().waitFor();
    await visit(president, agreementUrl);
    await designate("Fondation Clear Vision", "Hicham Masfar, Directeur");
  });

  it("the partner comments on an article; the president edits it and resolves the comment", async () => {
    const partnerContext = await newContext(browser, baseURL);
    const partner = await partnerContext.newPage();
    await login(partner, "rse@clearvision.example");
    await visit(partner, `${agreementUrl}/clauses`);
    const first = partner.getByTestId("clause").first();
    await first
      .getByLabel("Votre commentaire")
      .fill("Merci de préciser que la campagne comprend le dépistage du diabète.");
    await first.getByRole("button", { name: "Commenter" }).click();
    await first.getByTestId("comments").getByText("dépistage du diabète").waitFor();
    // A partner can read and comment, never edit.
    expect(await partner.getByText("Modifier cet article").count()).toBe(0);
    await partnerContext.close();

    await visit(president, `${agreementUrl}/clauses`);
    const clause = president.getByTestId("clause").first();
    expect(await clause.getByTestId("comments").textContent()).toContain("dépistage du diabète");
    await clause.locator("summary", { hasText: "Modifier cet article" }).click();
    await clause
      .getByLabel("Texte")
      .fill(
        "La présente convention a pour objet l’organisation d’une campagne médicale de dépistage du diabète et des maladies chroniques au profit des personnes démunies de la province d’Es-Semara.",
      );
    await clause.getByRole("button", { name: "Enregistrer l’article" }).click();
    await president
      .getByTestId("clause")
      .first()
      .locator(".markdown")
      .getByText("dépistage du diabète et des maladies chroniques")
      .waitFor();
    await president.getByRole("button", { name: "Marquer comme traité" }).click();
    // "traité" is also in the button's own label: wait for the comment's resolved state itself.
    await president.getByTestId("comments").first().locator('li[data-resolved="true"]').waitFor();
    expect(await president.getByRole("button", { name: "Marquer comme traité" }).count()).toBe(0);
  });

  it("the president sends it for signature and the two frozen versions compare word by word", async () => {
    await visit(president, agreementUrl);
    await president.getByLabel("Date d’entrée en vigueur").fill("2027-01-01");
    await president.getByLabel("Ou durée (mois)").fill("12");
    await president.getByRole("button", { name: "Enregistrer les informations" }).click();
    await president.waitForURL(/saved=details/);
    await president.getByRole("button", { name: "Envoyer pour signature" }).click();
    await president.locator('[data-status="awaiting_signatures"]').first().waitFor();

    await visit(president, `${agreementUrl}/versions`);
    expect(await president.getByTestId("versions").locator("li").count()).toBe(2);
    expect(await president.getByTestId("compare-summary").textContent()).toMatch(/entre les versions 1 et 2/);
    const article = president.getByTestId("diff-section").filter({ hasText: "Article 1" });
    expect(await article.locator("ins").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("diabète")]),
    );
    expect((await article.locator("del").allTextContents()).length).toBeGreaterThan(0);
    await president.screenshot({ path: "tests/.tmp/versions-fr.png", fullPage: true });

    // The text is now frozen: no more editing controls.
    await visit(president, `${agreementUrl}/clauses`);
    expect(await president.getByText("Modifier cet article").count()).toBe(0);
    expect(await president.getByText("Le texte est figé").count()).toBe(1);
  });

  it("the history records every step with who did it", async () => {
    await visit(president, `${agreementUrl}/history`);
    const history = await president.getByTestId("history").textContent();
    expect(history).toContain("Statut : Brouillon → En négociation");
    expect(history).toContain("Statut : En négociation → En attente de signatures");
    expect(history).toContain("Version 2 figée");
    expect(history).toContain("Mustapha El Harma");
  });
});

describe("finding agreements", () => {
  it("search finds an agreement by an Arabic word and by a French word typed without accents", async () => {
    await visit(president, "/agreements?q=" + encodeURIComponent("الكشف"));
    expect(await president.getByTestId("agreement-list").textContent()).toContain(
      "Convention pour la campagne de dépistage de Smara",
    );
    await visit(president, "/agreements?q=depistage");
    expect(await president.getByTestId("agreement-list").textContent()).toContain(
      "Convention pour la campagne de dépistage de Smara",
    );
    await visit(president, "/agreements?q=cooperation");
    expect(await president.getByTestId("agreement-list").textContent()).toContain(
      "Convention de partenariat et de coopération",
    );
  });

  it("filters are query parameters, so a filtered list is a link one can share", async () => {
    await visit(president, "/agreements?status=awaiting_signatures");
    const list = president.getByTestId("agreement-list");
    expect(await list.textContent()).toContain("dépistage");
    // Other tests may add agreements meanwhile: whatever is listed has the status asked for.
    const statuses = await list
      .locator("[data-status]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["awaiting_signatures"]));
    await visit(president, "/agreements?status=nonsense&page=-4&year=abc");
    expect(await president.getByTestId("agreement-list").locator("li").count()).toBeGreaterThan(0);
  });

  it("the partner filter suggests the organizations one works with, asked for once the field is used", async () => {
    const html = await (await president.context().request.get("/agreements")).text();
    // The page as served carries no suggestion: they come with the field's first use.
    expect(html).toContain('<datalist id="known-partners"></datalist>');
    await visit(president, "/agreements");
    const field = president.getByPlaceholder("Organisation partenaire");
    await Promise.all([
      president.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/organizations/partners") && r.ok()),
      field.focus(),
    ]);
    const suggested = president.locator("#known-partners option");
    await suggested.first().waitFor({ state: "attached" });
    expect(await suggested.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toContain(
      "Fondation Clear Vision",
    );
    await field.fill("Fondation Clear Vision");
    await Promise.all([
      president.waitForURL(/partnerName=/),
      president.getByRole("button", { name: "Appliquer" }).click(),
    ]);
    const listed = await president.getByTestId("agreement-list").locator("li").allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    for (const row of listed) expect(row).toContain("Fondation Clear Vision");
  });

  it("the list in Arabic is right-to-left with translated statuses", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "membre@sofara.example");
    await visit(page, "/agreements");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.getByTestId("status-counts").textContent()).toContain("سارية المفعول");
    await visit(page, `${agreementUrl}/clauses`);
    await page.screenshot({ path: "tests/.tmp/clauses-ar.png", fullPage: true });
    await context.close();
  });
});

describe("access", () => {
  it("a user of another organization gets 404 on the agreement's pages and actions", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "president@insaf.example");
    for (const path of ["", "/clauses", "/versions", "/history"]) {
      const res = await visit(page, agreementUrl + path);
      expect(res?.status(), path).toBe(404);
    }
    const post = await page.request.post(`${agreementUrl}/clauses`, {
      form: { intent: "addClause", heading: "Intrusion", body: "x" },
      headers: { Origin: baseURL },
    });
    expect(post.status()).toBe(404);
    const transition = await page.request.post(`${agreementUrl}?index`, {
      form: { intent: "transition", action: "terminate", reason: "x", date: "2027-01-01" },
      headers: { Origin: baseURL },
    });
    expect(transition.status()).toBe(404);
    const frame = await page.request.post(agreementUrl, { form: { intent: "x" }, headers: { Origin: baseURL } });
    expect(frame.status()).toBe(404);
    await visit(page, "/agreements?q=" + encodeURIComponent("الكشف"));
    expect(await page.locator("body").textContent()).not.toContain("dépistage");
    await context.close();
  });

  it("a forged party id or lifecycle step gets the error page in the user's language (404, 400), not a refusal no form shows", async () => {
    const forged = async (form: Record<string, string>) => {
      const res = await president.request.post(`${agreementUrl}?index`, { form, headers: { Origin: baseURL } });
      return { status: res.status(), html: await res.text() };
    };
    const update = await forged({ intent: "updateParty", partyId: "not-a-party", version: "1", role: "partner" });
    expect(update.status).toBe(404);
    expect(update.html).toContain("Page introuvable");
    const remove = await forged({ intent: "removeParty", partyId: "../../etc" });
    expect(remove.status).toBe(404);
    const step = await forged({ intent: "transition", action: "explode" });
    expect(step.status).toBe(400);
    expect(step.html).toContain("Requête incomprise");
  });

  it("a member who is not president sees the agreement but cannot move its lifecycle", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "membre@sofara.example");
    const res = await visit(page, agreementUrl);
    expect(res?.status()).toBe(200);
    expect(await page.getByTestId("next-steps").count()).toBe(0);
    const post = await page.request.post(`${agreementUrl}?index`, {
      form: { intent: "transition", action: "terminate", reason: "x", date: "2027-01-01" },
      headers: { Origin: baseURL },
    });
    expect(post.status()).toBe(404);
    await context.close();
  });

  it("the platform administrator, who belongs to no organization, is offered no new agreement (its page answers 404)", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, "admin@charaka.example");
    await visit(page, "/agreements");
    await page.getByRole("heading", { level: 1, name: "Conventions" }).waitFor();
    expect(await page.locator('a[href="/agreements/new"]').count()).toBe(0);
    expect(await page.locator('a[href="/agreements/import"]').count()).toBe(0);
    expect((await page.goto("/agreements/new"))?.status()).toBe(404);
    await context.close();
  });
});
