/**
 * Who may see or do what. Pure functions over an Actor (the signed-in user and
 * their memberships); loaders, actions and the UI all ask these same questions.
 */
import type { AgreementStatus, MembershipRole } from "../../../db/schema";

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: ReadonlyArray<{ organizationId: string; role: MembershipRole }>;
}

const MANAGER_ROLES: ReadonlySet<MembershipRole> = new Set(["president", "admin"]);

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

export function canViewOrganization(actor: Actor, organizationId: string): boolean {
  return actor.isPlatformAdmin || isMemberOf(actor, organizationId);
}

/** Edit the organization's details and see its invitations. */
export function canManageOrganization(actor: Actor, organizationId: string): boolean {
  if (actor.isPlatformAdmin) return true;
  const role = roleIn(actor, organizationId);
  return role !== null && MANAGER_ROLES.has(role);
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
  return (["president", "admin", "member"] as const).filter((r) => canInvite(actor, organizationId, r));
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
  const role = roleIn(actor, a.ownerOrganizationId);
  return role === "president" || role === "admin";
}

/** Editing the text (details, parties, articles): managers of the owner, while it is not frozen. */
export function canEditAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  return canManageAgreement(actor, a) && (a.status === "draft" || a.status === "negotiation");
}

/** Any member of a party comments on articles while the text is open. */
export function canCommentAgreement(actor: Actor, a: AgreementAccessFacts): boolean {
  if (a.status !== "draft" && a.status !== "negotiation") return false;
  return a.partyOrganizationIds.some((id) => isMemberOf(actor, id)) || isMemberOf(actor, a.ownerOrganizationId);
}

export function canResolveComment(actor: Actor, a: AgreementAccessFacts): boolean {
  return canManageAgreement(actor, a);
}

/** Organizations on whose behalf the actor may create an agreement. */
export function organizationsForNewAgreement(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role === "president" || m.role === "admin").map((m) => m.organizationId);
}

// ── Follow-up: obligations and deliverables ─────────────────────────────────────────────

/** Deliverables are planned by the drafting organization's managers while the agreement lives. */
export function canPlanDeliverables(actor: Actor, a: AgreementAccessFacts): boolean {
  return (
    canManageAgreement(actor, a) &&
    ["draft", "negotiation", "awaiting_signatures", "active", "suspended"].includes(a.status)
  );
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

/** Named beneficiaries are seen only by members of the organization that keeps the list; partners see counts. */
export function canSeeBeneficiaryNames(actor: Actor, responsibleOrganizationId: string): boolean {
  return isMemberOf(actor, responsibleOrganizationId);
}

// ── The follow-up committee ────────────────────────────────────────────────────────────

/** The actor's seat on the agreement's committee, if they have one (an account-holding member). */
export interface CommitteeSeat {
  memberId: string;
  role: "chair" | "secretary" | "member";
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
