/** Invitation rules: how long a link lives and what state an invitation is in. */
import type { Invitation } from "../../../db/schema";

export const INVITATION_VALID_DAYS = 7;

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export function invitationState(
  invitation: Pick<Invitation, "accepted_at" | "revoked_at" | "expires_at">,
  now: Date,
): InvitationState {
  if (invitation.accepted_at) return "accepted";
  if (invitation.revoked_at) return "revoked";
  if (new Date(invitation.expires_at).getTime() <= now.getTime()) return "expired";
  return "pending";
}

/**
 * How the person who opens an invitation's link accepts it: signed in as the invitee ("accept"), signed
 * in as someone else ("wrongAccount"), by signing in to the invitee's existing account ("login"), or by
 * creating the account ("register").
 */
export function acceptanceMode(
  signedInEmail: string | null,
  invitation: { email: string; accountExists: boolean },
): "accept" | "wrongAccount" | "login" | "register" {
  if (signedInEmail !== null) return signedInEmail === invitation.email ? "accept" : "wrongAccount";
  return invitation.accountExists ? "login" : "register";
}
