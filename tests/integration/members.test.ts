/** People who change role and leave: removal and disabling end sessions and calendar feeds at once. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "~/domain/access/access.server";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { renewFeedToken } from "~/domain/committee/calendar.server";
import { attemptLogin } from "~/domain/identity/login.server";
import { createInvitation, findPendingInvitation } from "~/domain/invitation/invitation.server";
import {
  changeMemberRole,
  departed,
  listMembers,
  removeMember,
  resendInvitation,
  setAccountDisabled,
} from "~/domain/organization/members.server";
import { startSession, validateSessionId } from "~/lib/auth.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { makeOrganization, makePerson, PERSON_PASSWORD } from "../support/people";

let t: TestDatabase;
let org: string;
let other: string;
const people = {} as Record<"president" | "admin" | "member" | "platform", string>;
const meta = (actorUserId: string) => ({ actorUserId, ip: "192.0.2.9", userAgent: "vitest" });
const actorOf = (id: string, isPlatformAdmin = false) => loadActor(t.db, { id, isPlatformAdmin });
const session = async (userId: string) =>
  (await startSession(t.db, new Request("http://localhost/"), userId, { ip: "192.0.2.1", userAgent: "vitest" }))
    .sessionId;

beforeAll(async () => {
  t = await createTestDatabase();
  org = await makeOrganization(t.db, "Association Atlas");
  other = await makeOrganization(t.db, "Association Rif");
  people.president = await makePerson(t.db, {
    email: "president@atlas.ma",
    memberOf: [{ organizationId: org, role: "president" }],
  });
  people.admin = await makePerson(t.db, {
    email: "admin@atlas.ma",
    memberOf: [{ organizationId: org, role: "admin" }],
  });
  people.member = await makePerson(t.db, {
    email: "membre@atlas.ma",
    memberOf: [
      { organizationId: org, role: "member" },
      { organizationId: other, role: "member" },
    ],
  });
  people.platform = await makePerson(t.db, { email: "plateforme@charaka.ma", platformAdmin: true });
});
afterAll(() => t.close());

describe("removing a member", () => {
  it("ends their sessions and calendar feed at once, keeps their other memberships, and is audited", async () => {
    const sessions = [await session(people.member), await session(people.member)];
    await renewFeedToken(t.db, meta(people.member), people.member);
    const president = await actorOf(people.president);
    const result = await removeMember(t.db, president, meta(people.president), org, { userId: people.member });
    expect(result).toMatchObject({ ok: true, sessionsEnded: 2 });
    for (const id of sessions) expect(await validateSessionId(t.db, id)).toBeNull();
    expect(
      await t.db.selectFrom("calendar_feed").select("user_id").where("user_id", "=", people.member).execute(),
    ).toEqual([]);
    const left = await t.db
      .selectFrom("membership")
      .select("organization_id")
      .where("user_id", "=", people.member)
      .execute();
    expect(left).toEqual([{ organization_id: other }]);
    expect(await departed(t.db, [{ userId: people.member, organizationId: org }])).toEqual(
      new Set([`${people.member}:${org}`]),
    );
    const event = await t.db
      .selectFrom("audit_event")
      .select(["type", "subject_id", "organization_id"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ type: "membership.removed", subject_id: people.member, organization_id: org });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("refuses to remove or demote the last president, even for the platform administrator", async () => {
    const platform = await actorOf(people.platform, true);
    expect(await removeMember(t.db, platform, meta(people.platform), org, { userId: people.president })).toEqual({
      ok: false,
      error: "notAllowed",
    });
    expect(
      await changeMemberRole(t.db, platform, meta(people.platform), org, { userId: people.president, role: "member" }),
    ).toEqual({ ok: false, error: "notAllowed" });
    // With a second president, the first may step down.
    expect(
      (await changeMemberRole(t.db, platform, meta(people.platform), org, { userId: people.admin, role: "president" }))
        .ok,
    ).toBe(true);
    expect(
      (
        await changeMemberRole(t.db, platform, meta(people.platform), org, {
          userId: people.president,
          role: "treasurer",
        })
      ).ok,
    ).toBe(true);
    const roles = (await listMembers(t.db, org)).map((m) => [m.email, m.role]);
    expect(roles).toEqual([
      ["admin@atlas.ma", "president"],
      ["president@atlas.ma", "treasurer"],
    ]);
  });
});

describe("disabling an account", () => {
  it("ends its sessions and feed, refuses its login, and can be undone", async () => {
    const id = await session(people.member);
    await renewFeedToken(t.db, meta(people.member), people.member);
    const platform = await actorOf(people.platform, true);
    expect((await setAccountDisabled(t.db, platform, meta(people.platform), people.member, true)).ok).toBe(true);
    expect(await validateSessionId(t.db, id)).toBeNull();
    expect(
      await t.db.selectFrom("calendar_feed").select("user_id").where("user_id", "=", people.member).execute(),
    ).toEqual([]);
    expect(await attemptLogin(t.db, { email: "membre@atlas.ma", password: PERSON_PASSWORD, ip: "192.0.2.77" })).toEqual(
      { ok: false, reason: "invalid" },
    );
    expect((await setAccountDisabled(t.db, platform, meta(people.platform), people.member, false)).ok).toBe(true);
    expect(
      (await attemptLogin(t.db, { email: "membre@atlas.ma", password: PERSON_PASSWORD, ip: "192.0.2.78" })).ok,
    ).toBe(true);
  });

  it("is the platform administrator's alone", async () => {
    const president = await actorOf(people.admin);
    expect(await setAccountDisabled(t.db, president, meta(people.admin), people.member, true)).toEqual({
      ok: false,
      error: "notAllowed",
    });
  });
});

describe("an invitation sent again", () => {
  it("gets a new link; the old one stops working", async () => {
    const president = await actorOf(people.admin);
    const created = await createInvitation(t.db, president, meta(people.admin), org, {
      email: "nouvelle@atlas.ma",
      role: "member",
    });
    if (!created.ok) throw new Error("invitation not created");
    const again = await resendInvitation(t.db, president, meta(people.admin), org, {
      invitationId: created.invitationId,
    });
    if (!again.ok) throw new Error("not resent");
    expect(await findPendingInvitation(t.db, created.token)).toBeNull();
    expect((await findPendingInvitation(t.db, again.token))?.email).toBe("nouvelle@atlas.ma");
  });
});
