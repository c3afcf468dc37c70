/**
 * The organization page's view model: its details, its members with what the reader may do to
 * each (assignableRoles, canRemoveMember, canMakeResetLink), and for those who manage it the
 * invitations pending and the roles they may invite to. Null when the reader may not see it.
 */
import type { DB } from "../../../db/client";
import {
  assignableRoles,
  canMakeResetLink,
  canManageInvitation,
  canManageOrganization,
  canRemoveMember,
  invitableRoles,
  type Actor,
} from "../access/access";
import { resetLinkTargets } from "../identity/password-reset.server";
import { listPendingInvitations } from "../invitation/invitation.server";
import { listMembers, presidentCount } from "./members.server";
import { getOrganization } from "./organization.server";

export async function organizationView(db: DB, actor: Actor, organizationId: string) {
  const organization = await getOrganization(db, actor, organizationId);
  if (!organization) return null;
  const canManage = canManageOrganization(actor, organization.id);
  const [presidents, listed, invitations] = await Promise.all([
    presidentCount(db, organization.id),
    listMembers(db, organization.id),
    canManage ? listPendingInvitations(db, actor, organization.id) : Promise.resolve([]),
  ]);
  const resetTargets = canManage
    ? await resetLinkTargets(
        db,
        listed.map((m) => m.userId),
      )
    : new Map();
  const members = listed.map((m) => ({
    ...m,
    // Only those who manage the organization see how recently its members signed in.
    lastLoginAt: canManage ? m.lastLoginAt : null,
    roles: assignableRoles(actor, organization.id, m, presidents),
    canRemove: canRemoveMember(actor, organization.id, m, presidents),
    canResetLink: resetTargets.has(m.userId) && canMakeResetLink(actor, resetTargets.get(m.userId)!),
  }));
  return {
    organization,
    members,
    canManage,
    roles: invitableRoles(actor, organization.id),
    invitations: invitations.map((i) => ({ ...i, canManage: canManageInvitation(actor, organization.id, i.role) })),
  };
}

export type OrganizationPageView = NonNullable<Awaited<ReturnType<typeof organizationView>>>;
