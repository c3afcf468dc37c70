import * as z from "zod";
import { email, optionalText } from "~/lib/forms";
import { MEMBERSHIP_ROLES } from "../organization/organization.schema";

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: email(),
  role: z.enum(MEMBERSHIP_ROLES),
  title: optionalText(120),
});

export const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke"),
  invitationId: z.string().regex(/^[a-z0-9]{16}$/),
});

export const ResendInvitationSchema = z.object({
  intent: z.literal("resend"),
  invitationId: z.string().regex(/^[a-z0-9]{16}$/),
});

/** Invitation links carry a 32-byte base64url token. */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
