import * as z from "zod";
import { optionalText } from "~/lib/forms";
import { recordId } from "~/lib/ids";

export const ORGANIZATION_KINDS = ["association", "company", "foundation", "public_body"] as const;
/**
 * The roles of a membership, the one list (forms, access.ts, ordering). President and admin manage
 * the organization; a treasurer (trésorier / أمين المال, who will record money) and a member may
 * not edit agreements.
 */
export const MEMBERSHIP_ROLES = ["president", "admin", "treasurer", "member"] as const;

const optionalEmail = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim().toLowerCase() : v),
    z.email({ error: "form.error.email" }).max(254).optional(),
  );

export const OrganizationFields = z
  .object({
    kind: z.enum(ORGANIZATION_KINDS),
    nameFr: optionalText(200),
    nameAr: optionalText(200),
    city: optionalText(120),
    region: optionalText(120),
    registrationNumber: optionalText(80),
    contactEmail: optionalEmail(),
    contactPhone: optionalText(40),
  })
  .refine((v) => v.nameFr !== undefined || v.nameAr !== undefined, {
    path: ["nameFr"],
    error: "organization.error.nameRequired",
  });

export type OrganizationInput = z.infer<typeof OrganizationFields>;

export const OrganizationUpdateSchema = z.intersection(
  OrganizationFields,
  z.object({ version: z.coerce.number().int().min(1) }),
);

/** A member's row on the organization page: remove them, or make them a password reset link. */
export const MemberSchema = z.object({ intent: z.enum(["remove", "reset-link"]), userId: recordId });
export const MemberRoleSchema = z.object({
  intent: z.literal("role"),
  userId: recordId,
  role: z.enum(MEMBERSHIP_ROLES),
});
/** Whether the organization's members must use two-step sign-in (a checkbox: "on" or absent). */
export const TwoFactorPolicySchema = z.object({
  intent: z.literal("two-factor-policy"),
  required: z
    .literal("on")
    .optional()
    .catch(undefined)
    .transform((v) => v === "on"),
});
