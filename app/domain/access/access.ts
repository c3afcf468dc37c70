/**
 * Who may see or do what. Pure functions over an Actor (the signed-in user and
 * their memberships); loaders, actions and the UI all ask these same questions.
 */
import type { AgreementStatus, CommitteeRole, MembershipRole } from "../../../db/schema";
import { isClosed, isTextEditable } from "../agreement/lifecycle";
import { MEMBERSHIP_ROLES } from "../organization/organization.schema";

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: ReadonlyArray<{ organizationId: string; role: MembershipRole }>;
}

const MANAGER_ROLES: ReadonlySet<MembershipRole> = new Set(["president", "admin"]);

/** Presidents and administrators manage their organization (its details, members, agreements). */
export function isManagerRole(role: MembershipRole | null): boolean {
  return role !== null && MANAGER_ROLES.has(role);
}

export function roleIn(actor: Actor, organizationId: string): MembershipRole | null {
  return actor.memberships.find((m) => m.organizationId === organizationId)?.role ?? null;
}

export function isMemberOf(actor: Actor, organizationId: string): boolean {
  return roleIn(actor, organizationId) !== null;
}

export function organizationIds(actor: Actor): string[] {
  return actor.memberships.map((m) => m.organizationId);
}

export function canCreateOrganization(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

/** Removing the demo data (Settings → Demo data): the platform administrator. */
export function canRemoveDemoData(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

export function canViewOrganization(actor: Actor, organizationId: string): boolean {
  return actor.isPlatformAdmin || isMemberOf(actor, organizationId);
}

/** Edit the organization's details and see its invitations. */
export function canManageOrganization(actor: Actor, organizationId: string): boolean {
  if (actor.isPlatformAdmin) return true;
  return isManagerRole(roleIn(actor, organizationId));
}

/**
 * Invite someone with `role`. Platform administrators and presidents may invite anyone;
 * an organization's administrators invite members and administrators, not a president.
 */
export function canInvite(actor: Actor, organizationId: string, role: MembershipRole): boolean {
  if (actor.isPlatformAdmin) return true;
  const own = roleIn(actor, organizationId);
  if (own === "president") return true;
  if (own === "admin") return role !== "president";
  return false;
}

/** The roles the actor may offer in an invitation, for the form's options. */
export function invitableRoles(actor: Actor, organizationId: string): MembershipRole[] {
  return MEMBERSHIP_ROLES.filter((r) => canInvite(actor, organizationId, r));
}

// ── Members: role, removal, accounts ─────────────────────────────────────────────────

/** A member as the rules below see them: their account and their role in the organization. */
export interface MemberFacts {
  userId: string;
  role: MembershipRole;
}

/** Whether the actor manages the organization's members, and how: a president's or an admin's rights. */
function memberManager(actor: Actor, organizationId: string): "full" | "admin" | null {
  if (actor.isPlatformAdmin) return "full";
  const own = roleIn(actor, organizationId);
  return own === "president" ? "full" : own === "admin" ? "admin" : null;
}

/**
 * Change a member's role. Presidents (and the platform administrator) change any role; an
 * organization's administrators neither touch a president nor make one. The last president
 * keeps the role: someone else must become president first.
 */
export function canChangeRole(
  actor: Actor,
  organizationId: string,
  target: MemberFacts,
  newRole: MembershipRole,
  presidents: number,
): boolean {
  const manager = memberManager(actor, organizationId);
  if (!manager || target.role === newRole) return false;
  if (manager === "admin" && (target.role === "president" || newRole === "president")) return false;
  return !(target.role === "president" && presidents <= 1);
}

/** The roles the actor may give this member now (for the form's options; the member's own role first). */
export function assignableRoles(
  actor: Actor,
  organizationId: string,
  target: MemberFacts,
  presidents: number,
): MembershipRole[] {
  const others = MEMBERSHIP_ROLES.filter((r) => canChangeRole(actor, organizationId, target, r, presidents));
  return others.length ? [target.role, ...others] : [];
}

/** Remove a member: as for roles, and never oneself (another manager does it) nor the last president. */
export function canRemoveMember(
  actor: Actor,
  organizationId: string,
  target: MemberFacts,
  presidents: number,
): boolean {
  const manager = memberManager(actor, organizationId);
  if (!manager || target.userId === actor.userId) return false;
  if (manager === "admin" && target.role === "president") return false;
  return !(target.role === "president" && presidents <= 1);
}

/** Resend or revoke an invitation: the organization's managers; admins not a president's invitation. */
export function canManageInvitation(actor: Actor, organizationId: string, invitationRole: MembershipRole): boolean {
  return canInvite(actor, organizationId, invitationRole);
}

/** The list of every person, with search: the platform administrator. */
export function canListPeople(actor: Actor): boolean {
  return actor.isPlatformAdmin;
}

/**
 * Make a password reset link by hand (no email) and hand it over: the platform administrator for
 * anyone but themselves; a president for a member whose every organization the president presides
 * (a link for someone who also manages elsewhere, or a platform administrator, would hand over more
 * than the president's own organization).
 */
export function canMakeResetLink(
  actor: Actor,
  target: { userId: string; isPlatformAdmin: boolean; memberships: ReadonlyArray<{ organizationId: string }> },
): boolean {
  if (target.userId === actor.userId) return false;
  if (actor.isPlatformAdmin) return true;
  if (target.isPlatformAdmin || target.memberships.length === 0) return false;
  return target.memberships.every((m) => roleIn(actor, m.organizationId) === "president");
}

/** Disable (or enable again) an account: the platform administrator, never their own. */
export function canDisableAccount(actor: Actor, target: { userId: string }): boolean {
  return actor.isPlatformAdmin && target.userId !== actor.userId;
}

// ── Agreements ─────────────────────────────────────────────────────────────────────────

export interface AgreementAccessFacts {
  ownerOrganizationId: string;
  partyOrganizationIds: readonly string[];
  status: AgreementStatus;
}

/** Members of the owning organization see its drafts; the other parties from negotiation on. */
export function canViewAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  if (actor.isPlatformAdmin) return true;
  if (isMemberOf(actor, a.ownerOrganizationId)) return true;
  if (a.status === "draft") return false;
  return a.partyOrganizationIds.some((id) => isMemberOf(actor, id));
}

/**
 * Whose members an agreement's editor may pick as a party's signatory: their own organizations' always;
 * another party's only once that party can see the agreement (from negotiation on). Adding an
 * organization to a private draft must not reveal who works there; until then it names its own signatory.
 */
export function canListSignatoryCandidates(actor: Actor, organizationId: string, a: AgreementAccessFacts): boolean {
  if (isMemberOf(actor, organizationId)) return true;
  return a.status !== "draft" && a.partyOrganizationIds.includes(organizationId);
}

/** The owning organization's president and administrators move the lifecycle. */
export function canManageAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  return isManagerRole(roleIn(actor, a.ownerOrganizationId));
}

/** Editing the text (details, parties, articles): managers of the owner, while it is not frozen. */
export function canEditAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  return canManageAgreement(actor, a) && isTextEditable(a.status);
}

/** Any member of a party comments on articles while the text is open. */
export function canCommentAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  if (!isTextEditable(a.status)) return false;
  return a.partyOrganizationIds.some((id) => isMemberOf(actor, id)) || isMemberOf(actor, a.ownerOrganizationId);
}

export function canResolveComment(actor: Actor, a: AgreementAccessFacts): boolean {
  return canManageAgreement(actor, a);
}

/** Organizations on whose behalf the actor may create an agreement. */
export function organizationsForNewAgreement(actor: Actor): string[] {
  return actor.memberships.filter((m) => isManagerRole(m.role)).map((m) => m.organizationId);
}

/** Whether the actor may draft (or import) an agreement: one of their organizations can own it. */
export function canCreateAgreement(actor: Actor): boolean {
  return organizationsForNewAgreement(actor).length > 0;
}

// ── Follow-up: obligations and deliverables ─────────────────────────────────────────────

/** Deliverables are planned by the drafting organization's managers while the agreement lives. */
export function canPlanDeliverables(actor: Actor, a: AgreementAccessFacts): boolean {
  return canManageAgreement(actor, a) && !isClosed(a.status);
}

/** The responsible party (or the drafting organization's managers) records progress, once in force. */
export function canRecordProgress(actor: Actor, a: AgreementAccessFacts, responsibleOrganizationId: string): boolean {
  if (a.status !== "active") return false;
  return isMemberOf(actor, responsibleOrganizationId) || canManageAgreement(actor, a);
}

/** The other parties confirm or dispute what the responsible party delivered. */
export function canConfirmDelivery(actor: Actor, a: AgreementAccessFacts, responsibleOrganizationId: string): boolean {
  if (a.status !== "active") return false;
  return a.partyOrganizationIds.some((id) => id !== responsibleOrganizationId && isMemberOf(actor, id));
}

/** A confirmed deliverable is reopened (with a reason) by the parties that may confirm it, no one else. */
export function canReopenDeliverable(
  actor: Actor,
  a: AgreementAccessFacts,
  responsibleOrganizationId: string,
): boolean {
  return canConfirmDelivery(actor, a, responsibleOrganizationId);
}

/** Named beneficiaries are seen only by members of the organization that keeps the list; partners see counts. */
export function canSeeBeneficiaryNames(actor: Actor, responsibleOrganizationId: string): boolean {
  return isMemberOf(actor, responsibleOrganizationId);
}

// ── Follow-up: the annual action plan ─────────────────────────────────────────────────────

/** The annual plan is prepared by those who plan the deliverables, while the agreement lives. */
export function canPlanActions(actor: Actor, a: AgreementAccessFacts): boolean {
  return canPlanDeliverables(actor, a);
}

/** An action's progress: the responsible party's members, or the drafting organization's managers. */
export function canRecordActionProgress(
  actor: Actor,
  a: AgreementAccessFacts,
  responsibleOrganizationId: string,
): boolean {
  return isMemberOf(actor, responsibleOrganizationId) || canManageAgreement(actor, a);
}

// ── The follow-up committee ────────────────────────────────────────────────────────────

/** The actor's seat on the agreement's committee, if they have one (an account-holding member). */
export interface CommitteeSeat {
  memberId: string;
  role: CommitteeRole;
  partyId: string;
}

/** Members and rhythm: the drafting organization's managers, and the committee's chair. */
export function canManageCommittee(actor: Actor, a: AgreementAccessFacts, seat: CommitteeSeat | null): boolean {
  return canManageAgreement(actor, a) || seat?.role === "chair";
}

/** Scheduling meetings, the agenda, attendance, outcomes and action items: the committee's members. */
export function canRecordMeetings(seat: CommitteeSeat | null): boolean {
  return seat !== null;
}

/** The minutes' text: the secretary and the chair. */
export function canEditMinutes(seat: CommitteeSeat | null): boolean {
  return seat?.role === "chair" || seat?.role === "secretary";
}

/** Reopening a closed meeting: the chair alone. */
export function canReopenMeeting(seat: CommitteeSeat | null): boolean {
  return seat?.role === "chair";
}

/**
 * Closing an action item: its owner (the member, or any member of the owning party's
 * organization), or the committee's chair and secretary.
 */
export function canCloseActionItem(
  actor: Actor,
  seat: CommitteeSeat | null,
  item: { ownerMemberId: string | null; ownerOrganizationId: string | null },
): boolean {
  if (canEditMinutes(seat)) return true;
  if (seat && item.ownerMemberId === seat.memberId) return true;
  return item.ownerOrganizationId !== null && isMemberOf(actor, item.ownerOrganizationId);
}
