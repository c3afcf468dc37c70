import { describe, expect, it } from "vitest";
import { AGREEMENT_STATUSES } from "~/domain/agreement/lifecycle";
import {
  canCreateAgreement,
  canCommentAgreement,
  canCreateOrganization,
  canEditAgreement,
  canPlanDeliverables,
  canInvite,
  canManageOrganization,
  canViewOrganization,
  invitableRoles,
  isManagerRole,
  organizationsForNewAgreement,
  type Actor,
} from "~/domain/access/access";

const ORG = "sofara0000000000";
const OTHER = "insaf00000000000";
const actor = (role: "president" | "admin" | "member" | null, isPlatformAdmin = false): Actor => ({
  userId: "u",
  isPlatformAdmin,
  memberships: role ? [{ organizationId: ORG, role }] : [],
});

describe("organization access matrix", () => {
  const cases = [
    {
      who: "platform admin",
      a: actor(null, true),
      view: true,
      manage: true,
      create: true,
      invite: ["president", "admin", "treasurer", "member"],
    },
    {
      who: "president",
      a: actor("president"),
      view: true,
      manage: true,
      create: false,
      invite: ["president", "admin", "treasurer", "member"],
    },
    {
      who: "admin",
      a: actor("admin"),
      view: true,
      manage: true,
      create: false,
      invite: ["admin", "treasurer", "member"],
    },
    { who: "member", a: actor("member"), view: true, manage: false, create: false, invite: [] },
    { who: "outsider", a: actor(null), view: false, manage: false, create: false, invite: [] },
  ];
  for (const c of cases) {
    it(`${c.who}: view=${c.view} manage=${c.manage} create=${c.create} invites ${c.invite.join("/") || "nobody"}`, () => {
      expect(canViewOrganization(c.a, ORG)).toBe(c.view);
      expect(canManageOrganization(c.a, ORG)).toBe(c.manage);
      expect(canCreateOrganization(c.a)).toBe(c.create);
      expect(invitableRoles(c.a, ORG)).toEqual(c.invite);
    });
  }

  it("gives a president no rights over another organization", () => {
    const president = actor("president");
    expect(canViewOrganization(president, OTHER)).toBe(false);
    expect(canManageOrganization(president, OTHER)).toBe(false);
    expect(canInvite(president, OTHER, "member")).toBe(false);
  });

  it("presidents and administrators manage; treasurers and members do not", () => {
    expect((["president", "admin", "treasurer", "member"] as const).filter(isManagerRole)).toEqual([
      "president",
      "admin",
    ]);
    expect(isManagerRole(null)).toBe(false);
    expect(organizationsForNewAgreement(actor("admin"))).toEqual([ORG]);
    expect(organizationsForNewAgreement(actor("member"))).toEqual([]);
  });
});

describe("agreement access by status", () => {
  const facts = (status: (typeof AGREEMENT_STATUSES)[number]) => ({
    ownerOrganizationId: ORG,
    partyOrganizationIds: [ORG, OTHER],
    status,
  });
  const where = (rule: (status: (typeof AGREEMENT_STATUSES)[number]) => boolean) => AGREEMENT_STATUSES.filter(rule);

  it("the owner's managers edit, and parties comment, only while the text is editable", () => {
    expect(where((s) => canEditAgreement(actor("president"), facts(s)))).toEqual(["draft", "negotiation"]);
    expect(where((s) => canEditAgreement(actor("member"), facts(s)))).toEqual([]);
    expect(where((s) => canCommentAgreement(actor("member"), facts(s)))).toEqual(["draft", "negotiation"]);
  });

  it("deliverables are planned until the agreement is closed", () => {
    expect(where((s) => canPlanDeliverables(actor("admin"), facts(s)))).toEqual([
      "draft",
      "negotiation",
      "awaiting_signatures",
      "active",
      "suspended",
    ]);
  });
});

describe("drafting an agreement", () => {
  it("is offered to a president or an administrator of an organization, which then owns it", () => {
    expect(canCreateAgreement(actor("president"))).toBe(true);
    expect(canCreateAgreement(actor("admin"))).toBe(true);
    expect(canCreateAgreement(actor("member"))).toBe(false);
  });

  it("is not offered to a platform administrator who belongs to no organization (the page has no owner to offer)", () => {
    expect(canCreateAgreement(actor(null, true))).toBe(false);
  });
});
