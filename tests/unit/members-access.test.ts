/** Who may change whose role, remove whom, disable whom: the rights on people, as a matrix. */
import { describe, expect, it } from "vitest";
import type { MembershipRole } from "../../db/schema";
import {
  assignableRoles,
  canChangeRole,
  canDisableAccount,
  canListPeople,
  canRemoveMember,
  type Actor,
} from "~/domain/access/access";

const ORG = "sofara0000000000";
const OTHER = "insaf00000000000";
const as = (role: MembershipRole | null, isPlatformAdmin = false, org = ORG): Actor => ({
  userId: "actor",
  isPlatformAdmin,
  memberships: role ? [{ organizationId: org, role }] : [],
});
const target = (role: MembershipRole) => ({ userId: "target", role });

const actors = {
  "platform admin": as(null, true),
  president: as("president"),
  admin: as("admin"),
  treasurer: as("treasurer"),
  member: as("member"),
  "president elsewhere": as("president", false, OTHER),
};

describe("removing a member (two presidents, so none is the last)", () => {
  // For each actor: the target roles they may remove.
  const expected: Record<keyof typeof actors, MembershipRole[]> = {
    "platform admin": ["president", "admin", "treasurer", "member"],
    president: ["president", "admin", "treasurer", "member"],
    admin: ["admin", "treasurer", "member"],
    treasurer: [],
    member: [],
    "president elsewhere": [],
  };
  for (const [who, actor] of Object.entries(actors) as [keyof typeof actors, Actor][]) {
    it(`${who} may remove: ${expected[who].join(", ") || "nobody"}`, () => {
      const allowed = (["president", "admin", "treasurer", "member"] as const).filter((r) =>
        canRemoveMember(actor, ORG, target(r), 2),
      );
      expect(allowed).toEqual(expected[who]);
    });
  }

  it("nobody removes the last president, not even the platform administrator", () => {
    for (const actor of Object.values(actors)) expect(canRemoveMember(actor, ORG, target("president"), 1)).toBe(false);
  });

  it("nobody removes themselves (another manager does)", () => {
    expect(canRemoveMember(as("president"), ORG, { userId: "actor", role: "president" }, 2)).toBe(false);
  });
});

describe("changing a role", () => {
  it("a president gives any role, including president", () => {
    expect(assignableRoles(as("president"), ORG, target("member"), 1)).toEqual([
      "member",
      "president",
      "admin",
      "treasurer",
    ]);
  });

  it("an admin neither makes a president nor changes one", () => {
    expect(canChangeRole(as("admin"), ORG, target("member"), "president", 1)).toBe(false);
    expect(canChangeRole(as("admin"), ORG, target("president"), "member", 2)).toBe(false);
    expect(canChangeRole(as("admin"), ORG, target("member"), "treasurer", 1)).toBe(true);
  });

  it("the last president cannot be demoted, by anyone", () => {
    for (const actor of Object.values(actors))
      expect(canChangeRole(actor, ORG, target("president"), "member", 1)).toBe(false);
    expect(canChangeRole(as("president"), ORG, target("president"), "member", 2)).toBe(true);
  });

  it("members, treasurers and other organizations' presidents change nothing", () => {
    for (const who of ["treasurer", "member", "president elsewhere"] as const)
      expect(assignableRoles(actors[who], ORG, target("member"), 1)).toEqual([]);
  });
});

describe("accounts", () => {
  it("only the platform administrator lists people and disables accounts, never their own", () => {
    expect(canListPeople(as(null, true))).toBe(true);
    expect(canListPeople(as("president"))).toBe(false);
    expect(canDisableAccount(as(null, true), { userId: "target" })).toBe(true);
    expect(canDisableAccount(as(null, true), { userId: "actor" })).toBe(false);
    expect(canDisableAccount(as("president"), { userId: "target" })).toBe(false);
  });
});
