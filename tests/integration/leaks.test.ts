/**
 * Nothing leaks to a reader that is not theirs to see: amendments still in draft, and the members of an
 * organization added to a private draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActorByEmail } from "~/domain/access/access.server";
import { createAgreement } from "~/domain/agreement/agreement.commands.server";
import { findAgreement, listAmendments, listParties } from "~/domain/agreement/agreement.queries.server";
import { listSignatoryCandidates } from "~/domain/organization/organization.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
});
afterAll(() => t.close());

const meta = { actorUserId: null, ip: "127.0.0.1", userAgent: "vitest" };
const details = {
  title: "Avenant de test",
  titleSecondary: undefined,
  kind: "partnership" as const,
  purpose: "Objet",
  territory: "Smara",
  signingPlace: undefined,
  effectiveDate: undefined,
  endDate: undefined,
  durationMonths: undefined,
  tacitRenewal: false,
  currency: "MAD" as const,
};
async function orgId(nameFr: string) {
  return (await t.db.selectFrom("organization").select("id").where("name_fr", "=", nameFr).executeTakeFirstOrThrow())
    .id;
}

describe("amendments listed on an agreement", () => {
  it("a draft amendment is listed to its drafting organization, not to the partner who may not open it", async () => {
    const president = await loadActorByEmail(t.db, "president@sofara.example");
    const partner = await loadActorByEmail(t.db, "rse@clearvision.example");
    const parent = await t.db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const created = await createAgreement(t.db, president, meta, {
      ...details,
      ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
      partnerOrganizationId: await orgId("Fondation Clear Vision"),
      parentAgreementId: parent.id,
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    expect(await findAgreement(t.db, partner, id)).toBeNull(); // the partner may not open it…
    expect((await listAmendments(t.db, partner, parent.id)).map((a) => a.id)).not.toContain(id); // …nor see it listed
    expect((await listAmendments(t.db, president, parent.id)).map((a) => a.id)).toContain(id);
  });
});

describe("signatory candidates", () => {
  it("adding an organization to a private draft does not reveal its members; they appear once it can see the text", async () => {
    const president = await loadActorByEmail(t.db, "president@sofara.example");
    const created = await createAgreement(t.db, president, meta, {
      ...details,
      ownerOrganizationId: await orgId("Association Sofara Al-Khair – Smara"),
      partnerOrganizationId: await orgId("Fondation Clear Vision"),
    });
    const loaded = (await findAgreement(t.db, president, created.ok ? created.id : ""))!;
    const parties = (await listParties(t.db, loaded.agreement.id)).map((p) => p.organizationId);
    expect(parties).toHaveLength(2);
    const names = async (status: "draft" | "negotiation") =>
      (await listSignatoryCandidates(t.db, president, { ...loaded.access, status }, parties)).map((c) => c.name);
    const draft = await names("draft");
    expect(draft).toContain("Mustapha El Harma");
    expect(draft).not.toContain("Hicham Masfar");
    expect(draft).not.toContain("Nadia Amrani");
    expect(await names("negotiation")).toContain("Hicham Masfar");
  });
});

describe("links in emails", () => {
  it("are absolute even without APP_URL (a local install: http://localhost:PORT), never a bare path", async () => {
    const { createReminders } = await import("~/domain/notify/notify.server");
    await createReminders(t.db, new Date());
    const bodies = await t.db.selectFrom("outbox").select("body").execute();
    expect(bodies.length).toBeGreaterThan(0);
    for (const { body } of bodies) {
      expect(body).toMatch(/^http:\/\/localhost:\d+\/[a-z]/m);
      expect(body).not.toMatch(/^\/[a-z]/m);
    }
  });
});
