import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { attemptLogin } from "~/domain/identity/login.server";
import {
  acceptInvitation,
  createInvitation,
  findPendingInvitation,
  revokeInvitation,
} from "~/domain/invitation/invitation.server";
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "~/domain/organization/organization.server";
import { listMembers } from "~/domain/organization/members.server";
import { sha256Hex } from "~/lib/crypto.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person } from "../support/factories";

let t: TestDatabase;
const meta = { actorUserId: null, ip: "127.0.0.1", userAgent: "vitest" };

// Two associations, each with its partner: Sofara with Clear Vision, INSAF with Kazyon.
let sofara = "";
let clearvision = "";
/** Sofara's president and a plain member. */
let sofaraPresident: Person;
let sofaraMember: Person;
/** INSAF's president. */
let insafPresident: Person;
/** Clear Vision's president and one of its administrators. */
let clearVisionPresident: Person;
let cvAdministrator: Person;
let adminActor: Actor;
/** Each test reads a person's rights as they are now (an accepted invitation adds a membership). */
const actorFor = (p: { userId: string }) => loadActor(t.db, { id: p.userId, isPlatformAdmin: false });

beforeAll(async () => {
  t = await createTestDatabase();
  const f = factories(t.db);
  sofara = await f.organization({ name: "Association Sofara Al-Khair – Smara" });
  const insaf = await f.organization({ name: "Association INSAF" });
  clearvision = await f.organization({ kind: "foundation", name: "Fondation Clear Vision" });
  const kazyon = await f.organization({ kind: "company", name: "Kazyon Maroc" });
  sofaraPresident = await f.person({ organizationId: sofara });
  sofaraMember = await f.person({ organizationId: sofara, role: "member" });
  insafPresident = await f.person({ organizationId: insaf });
  clearVisionPresident = await f.person({ organizationId: clearvision });
  cvAdministrator = await f.person({ organizationId: clearvision, role: "admin" });
  const kazyonManager = await f.person({ organizationId: kazyon });
  await f.agreement({ status: "active", owner: sofaraPresident, partner: clearVisionPresident });
  await f.agreement({ status: "active", owner: insafPresident, partner: kazyonManager });
  adminActor = (await f.platformAdmin()).actor;
}, 60_000);
afterAll(() => t.close());

describe("organizations", () => {
  it("list only the user's own organizations; INSAF's president never sees Sofara", async () => {
    const insaf = await actorFor(insafPresident);
    const names = (await listOrganizations(t.db, insaf)).map((o) => o.nameFr);
    expect(names).toEqual(["Association INSAF"]);
    expect(await getOrganization(t.db, insaf, sofara)).toBeNull();
  });

  it("are all listed for the platform administrator", async () => {
    const admin = adminActor;
    const all = await t.db.selectFrom("organization").select("id").execute();
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect((await listOrganizations(t.db, admin)).map((o) => o.id).sort()).toEqual(all.map((o) => o.id).sort());
  });

  it("can be created only by a platform administrator, with an audit event", async () => {
    const president = await actorFor(sofaraPresident);
    const input = {
      kind: "association" as const,
      nameFr: "Association Test",
      nameAr: undefined,
      city: "Smara",
      region: undefined,
      registrationNumber: undefined,
      contactEmail: undefined,
      contactPhone: undefined,
    };
    expect(await createOrganization(t.db, president, meta, input)).toEqual({ ok: false, error: "forbidden" });
    const admin = adminActor;
    const created = await createOrganization(t.db, admin, { ...meta, actorUserId: admin.userId }, input);
    expect(created.ok).toBe(true);
    const events = await t.db
      .selectFrom("audit_event")
      .select(["type", "subject_id"])
      .where("type", "=", "organization.created")
      .execute();
    expect(events.map((e) => e.subject_id)).toContain(created.ok ? created.id : "");
  });

  it("refuse a save based on an old version (optimistic concurrency) without overwriting", async () => {
    const president = await actorFor(sofaraPresident);
    const id = sofara;
    const before = (await getOrganization(t.db, president, id))!;
    const base = {
      kind: "association" as const,
      nameFr: before.nameFr ?? undefined,
      nameAr: before.nameAr ?? undefined,
      city: "Es-Semara",
      region: before.region ?? undefined,
      registrationNumber: undefined,
      contactEmail: undefined,
      contactPhone: undefined,
    };
    expect(await updateOrganization(t.db, president, meta, id, { version: before.version, ...base })).toEqual({
      ok: true,
    });
    const stale = await updateOrganization(t.db, president, meta, id, {
      version: before.version,
      ...base,
      city: "Laayoune",
    });
    expect(stale).toEqual({ ok: false, error: "conflict" });
    expect((await getOrganization(t.db, president, id))!.city).toBe("Es-Semara");
  });

  it("cannot be edited by a mere member", async () => {
    const member = await actorFor(sofaraMember);
    const id = sofara;
    const result = await updateOrganization(t.db, member, meta, id, {
      version: 1,
      kind: "association",
      nameFr: "Hijacked",
      nameAr: undefined,
      city: undefined,
      region: undefined,
      registrationNumber: undefined,
      contactEmail: undefined,
      contactPhone: undefined,
    });
    expect(result).toEqual({ ok: false, error: "forbidden" });
  });
});

describe("invitations", () => {
  it("store only the token's hash and are single-use: the invitee sets a password and becomes a member", async () => {
    const president = await actorFor(sofaraPresident);
    const invite = await createInvitation(t.db, president, meta, sofara, {
      email: "Tresorier@Association.example",
      role: "member",
      title: "Trésorier",
    });
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    const row = await t.db
      .selectFrom("invitation")
      .selectAll()
      .where("id", "=", invite.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(invite.token));
    expect(JSON.stringify(row)).not.toContain(invite.token);
    expect((await findPendingInvitation(t.db, invite.token))?.email).toBe("tresorier@association.example");

    const accepted = await acceptInvitation(t.db, meta, invite.token, {
      newAccount: { name: "Ali Trésorier", password: "a strong passphrase", locale: "ar" },
    });
    expect(accepted.ok).toBe(true);
    expect((await listMembers(t.db, sofara)).map((m) => m.email)).toContain("tresorier@association.example");
    expect(
      (
        await attemptLogin(t.db, {
          email: "tresorier@association.example",
          password: "a strong passphrase",
          ip: "10.0.0.1",
        })
      ).ok,
    ).toBe(true);

    const again = await acceptInvitation(t.db, meta, invite.token, {
      newAccount: { name: "Intruder", password: "another passphrase", locale: "fr" },
    });
    expect(again).toEqual({ ok: false, error: "invalid" });
  });

  it("expire after their validity", async () => {
    const president = await actorFor(sofaraPresident);
    const past = new Date(Date.now() - 8 * 86_400_000);
    const invite = await createInvitation(t.db, president, meta, sofara, {
      email: "late@association.example",
      role: "member",
      now: past,
    });
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    expect(await findPendingInvitation(t.db, invite.token)).toBeNull();
    expect(
      await acceptInvitation(t.db, meta, invite.token, {
        newAccount: { name: "Late", password: "a strong passphrase", locale: "fr" },
      }),
    ).toEqual({ ok: false, error: "invalid" });
  });

  it("can be revoked, after which the link no longer works", async () => {
    const president = await actorFor(sofaraPresident);
    const invite = await createInvitation(t.db, president, meta, sofara, {
      email: "revoked@association.example",
      role: "member",
    });
    if (!invite.ok) throw new Error("invite failed");
    expect((await revokeInvitation(t.db, president, meta, sofara, { invitationId: invite.invitationId })).ok).toBe(
      true,
    );
    expect(await findPendingInvitation(t.db, invite.token)).toBeNull();
  });

  it("are refused to members, to admins inviting a president, and for existing members or pending emails", async () => {
    const member = await actorFor(sofaraMember);
    expect(await createInvitation(t.db, member, meta, sofara, { email: "x@example.org", role: "member" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    const cvAdmin = await actorFor(cvAdministrator);
    expect(
      await createInvitation(t.db, cvAdmin, meta, clearvision, { email: "boss@example.org", role: "president" }),
    ).toEqual({ ok: false, error: "forbidden" });
    const president = await actorFor(sofaraPresident);
    expect(
      await createInvitation(t.db, president, meta, sofara, { email: sofaraMember.email, role: "member" }),
    ).toEqual({
      ok: false,
      error: "alreadyMember",
    });
    await createInvitation(t.db, president, meta, sofara, { email: "twice@association.example", role: "member" });
    expect(
      await createInvitation(t.db, president, meta, sofara, { email: "twice@association.example", role: "member" }),
    ).toEqual({ ok: false, error: "pending" });
  });

  it("add an existing account to the organization only when it is the invited email", async () => {
    const cvPresident = await actorFor(clearVisionPresident);
    const invite = await createInvitation(t.db, cvPresident, meta, clearvision, {
      email: sofaraMember.email,
      role: "member",
    });
    if (!invite.ok) throw new Error("invite failed");
    const other = await actorFor(sofaraPresident);
    expect(await acceptInvitation(t.db, meta, invite.token, { userId: other.userId })).toEqual({
      ok: false,
      error: "wrongAccount",
    });
    const invitee = await actorFor(sofaraMember);
    expect((await acceptInvitation(t.db, meta, invite.token, { userId: invitee.userId })).ok).toBe(true);
    expect((await actorFor(sofaraMember)).memberships).toHaveLength(2);
  });
});

describe("audit log", () => {
  it("verifies after all the operations above, and reports the first row altered in the database", async () => {
    const verdict = await verifyAuditChain(t.db);
    expect(verdict.ok).toBe(true);
    const victim = await t.db
      .selectFrom("audit_event")
      .select("seq")
      .where("type", "=", "invitation.created")
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("audit_event")
      .set({ data: '{"email":"someone-else@example.org","role":"president"}' })
      .where("seq", "=", victim.seq)
      .execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBadSeq: victim.seq, reason: "hash_mismatch" });
  });
});

describe("lists of organizations show those one works with first", () => {
  it("Sofara's president is offered Clear Vision (a partner) and not INSAF's partner Kazyon, found only by name", async () => {
    const { knownPartners, searchOrganizations } = await import("~/domain/organization/organization.server");
    const actor = await actorFor(sofaraPresident);
    const known = await knownPartners(t.db, actor);
    const names = known.map((o) => o.nameFr);
    expect(names).toContain("Fondation Clear Vision");
    expect(names.some((n) => n?.includes("Kazyon"))).toBe(false);
    expect(names.some((n) => n?.includes("Sofara"))).toBe(false);
    // Searched, the rest of the directory is found, the known partners first.
    const found = await searchOrganizations(t.db, "o", { first: known.map((o) => o.id), limit: 100 });
    expect(found.length).toBeGreaterThan(known.length);
    const firstUnknown = found.findIndex((o) => !known.some((k) => k.id === o.id));
    expect(found.slice(firstUnknown).some((o) => known.some((k) => k.id === o.id))).toBe(false);
  });
});
