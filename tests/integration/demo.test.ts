/** Removing the demo data deletes the demo's organizations, accounts and agreements, and nothing real. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { demoRemovalPreview, removeDemoData } from "~/domain/demo/demo.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { hasDemoAccounts } from "../../db/seed/demo";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, makeAgreement, makeOrganization, makePerson } from "../support/people";

let t: TestDatabase;
const meta = { actorUserId: null, ip: "127.0.0.1", userAgent: "vitest" };
const ids = {} as Record<"real" | "realPartner" | "president" | "visitor" | "realOnly" | "withDemo", string>;

async function userId(email: string) {
  return (await t.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}
async function orgId(nameFr: string) {
  return (await t.db.selectFrom("organization").select("id").where("name_fr", "=", nameFr).executeTakeFirstOrThrow())
    .id;
}

beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  ids.real = await makeOrganization(t.db, "Association Réelle");
  ids.realPartner = await makeOrganization(t.db, "Fondation Réelle", "foundation");
  ids.president = await makePerson(t.db, {
    email: "presidente@reelle.ma",
    memberOf: [{ organizationId: ids.real, role: "president" }],
  });
  // A real person who joined a demo organization to try it.
  ids.visitor = await makePerson(t.db, {
    email: "visiteur@reelle.ma",
    memberOf: [
      { organizationId: ids.real, role: "member" },
      { organizationId: await orgId("Association Sofara Al-Khair – Smara"), role: "member" },
    ],
  });
  ids.realOnly = await makeAgreement(t.db, {
    managerId: ids.president,
    ownerOrganizationId: ids.real,
    partnerOrganizationId: ids.realPartner,
    title: "Convention entre vraies organisations",
  });
  ids.withDemo = await makeAgreement(t.db, {
    managerId: ids.president,
    ownerOrganizationId: ids.real,
    partnerOrganizationId: await orgId("Fondation Clear Vision"),
    title: "Convention d’essai avec une fondation de démonstration",
  });
  // A demo account that was made a member of a real organization and sits on the real agreement's committee.
  const kazyon = await userId("rse@kazyon.example");
  await addMembership(t.db, kazyon, ids.real, "member");
  const at = nowIso();
  const committeeId = newId();
  await t.db
    .insertInto("committee")
    .values({ id: committeeId, agreement_id: ids.realOnly, quorum_count: null, created_at: at, updated_at: at })
    .execute();
  const party = await t.db
    .selectFrom("agreement_party")
    .select("id")
    .where("agreement_id", "=", ids.realOnly)
    .where("organization_id", "=", ids.real)
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("committee_member")
    .values({
      id: newId(),
      committee_id: committeeId,
      party_id: party.id,
      user_id: kazyon,
      name: "Youssef Tazi",
      email: "rse@kazyon.example",
      organization_name: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
});
afterAll(() => t.close());

describe("removing the demo data", () => {
  it("shows first what goes, naming the agreements a real organization took part in", async () => {
    const preview = (await demoRemovalPreview(t.db))!;
    expect(preview.organizations).toHaveLength(8);
    expect(preview.people).toBe(11);
    expect(preview.withRealOrganizations.map((a) => a.id)).toEqual([ids.withDemo]);
    expect(preview.realMembers).toBe(1);
  });

  it("deletes the demo organizations, accounts and agreements, in one audited step, and keeps everything real", async () => {
    const agreementsBefore = await t.db.selectFrom("agreement").select("id").execute();
    const demoFiles = await t.db.selectFrom("attachment").select("stored_name").execute();
    expect(demoFiles.length).toBeGreaterThan(0);
    const report = (await removeDemoData(t.db, meta))!;
    expect(report).toMatchObject({ organizations: 8, people: 10, disabledPeople: 1 });
    expect(report.agreements).toBe(agreementsBefore.length - 1);

    const orgs = await t.db.selectFrom("organization").select("name_fr").orderBy("name_fr").execute();
    expect(orgs.map((o) => o.name_fr)).toEqual(["Association Réelle", "Fondation Réelle"]);
    expect((await t.db.selectFrom("agreement").select("id").execute()).map((a) => a.id)).toEqual([ids.realOnly]);
    const people = await t.db.selectFrom("user").select(["email", "disabled_at"]).orderBy("email").execute();
    expect(people.map((p) => p.email)).toEqual(["presidente@reelle.ma", "rse@kazyon.example", "visiteur@reelle.ma"]);
    // The demo account named by the real committee stays on record, disabled; the seat keeps its name.
    expect(people.find((p) => p.email === "rse@kazyon.example")!.disabled_at).not.toBeNull();
    expect(await t.db.selectFrom("committee_member").select("name").execute()).toEqual([{ name: "Youssef Tazi" }]);
    // The real visitor lost only the demo membership.
    const memberships = await t.db
      .selectFrom("membership")
      .select("organization_id")
      .where("user_id", "=", ids.visitor)
      .execute();
    expect(memberships).toEqual([{ organization_id: ids.real }]);
    // The demo's stored files are gone, rows and files.
    expect(await t.db.selectFrom("attachment").select("id").execute()).toEqual([]);
    for (const f of demoFiles) expect(fs.existsSync(path.join(process.env.UPLOADS_PATH!, f.stored_name))).toBe(false);

    expect(await hasDemoAccounts(t.db)).toBe(false);
    expect(await demoRemovalPreview(t.db)).toBeNull();
    const last = await t.db
      .selectFrom("audit_event")
      .select(["type", "data"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(last.type).toBe("demo.removed");
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("does nothing a second time", async () => {
    expect(await removeDemoData(t.db, meta)).toBeNull();
  });
});

describe("the demo banner's question (whether demo accounts can sign in), kept between writes", () => {
  it("follows every write, by this process or another: accounts disabled, enabled again, the demo removed", async () => {
    const d = await createTestDatabase({ demo: true });
    // Another HTTP process, or `npm run demo:remove`: its own connection.
    const other = d.openAnother();
    try {
      expect(await hasDemoAccounts(d.db)).toBe(true);
      expect(await hasDemoAccounts(d.db)).toBe(true);
      await other.db.updateTable("user").set({ disabled_at: nowIso() }).where("is_demo", "=", 1).execute();
      expect(await hasDemoAccounts(d.db)).toBe(false);
      await d.db.updateTable("user").set({ disabled_at: null }).where("is_demo", "=", 1).execute();
      expect(await hasDemoAccounts(d.db)).toBe(true);
      expect(await removeDemoData(other.db, meta)).not.toBeNull();
      expect(await hasDemoAccounts(d.db)).toBe(false);
    } finally {
      await other.close();
      await d.close();
    }
  });
});
