/**
 * Nothing leaks to a reader that is not theirs to see: amendments still in draft, and the members of an
 * organization added to a private draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgreement } from "~/domain/agreement/agreement.commands.server";
import { findAgreement, listAmendments, listParties } from "~/domain/agreement/agreement.queries.server";
import { listSignatoryCandidates } from "~/domain/organization/organization.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  // The demo's reminders give the emails of "links in emails"; the other tests build their own records.
  t = await createTestDatabase({ demo: true });
});
afterAll(() => t.close());

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

describe("amendments listed on an agreement", () => {
  it("a draft amendment is listed to its drafting organization, not to the partner who may not open it", async () => {
    const parent = await factories(t.db).agreement({ status: "active" });
    const { owner, partner } = parent;
    const created = await createAgreement(t.db, owner.actor, owner.meta, {
      ...details,
      ownerOrganizationId: owner.organizationId,
      partnerOrganizationId: partner.organizationId,
      parentAgreementId: parent.id,
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    expect(await findAgreement(t.db, partner.actor, id)).toBeNull(); // the partner may not open it…
    expect((await listAmendments(t.db, partner.actor, parent.id)).map((a) => a.id)).not.toContain(id); // …nor see it listed
    expect((await listAmendments(t.db, owner.actor, parent.id)).map((a) => a.id)).toContain(id);
  });
});

describe("signatory candidates", () => {
  it("adding an organization to a private draft does not reveal its members; they appear once it can see the text", async () => {
    const f = factories(t.db);
    const owner = await f.person();
    const partnerOrganization = await f.organization({ kind: "foundation" });
    const partnerPresident = await f.person({ organizationId: partnerOrganization });
    const partnerAdmin = await f.person({ organizationId: partnerOrganization, role: "admin" });
    const created = await createAgreement(t.db, owner.actor, owner.meta, {
      ...details,
      ownerOrganizationId: owner.organizationId,
      partnerOrganizationId: partnerOrganization,
    });
    const loaded = (await findAgreement(t.db, owner.actor, created.ok ? created.id : ""))!;
    const parties = (await listParties(t.db, loaded.agreement.id)).map((p) => p.organizationId);
    expect(parties).toHaveLength(2);
    const names = async (status: "draft" | "negotiation") =>
      (await listSignatoryCandidates(t.db, owner.actor, { ...loaded.access, status }, parties)).map((c) => c.name);
    const draft = await names("draft");
    expect(draft).toContain(owner.name);
    expect(draft).not.toContain(partnerPresident.name);
    expect(draft).not.toContain(partnerAdmin.name);
    expect(await names("negotiation")).toContain(partnerPresident.name);
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
