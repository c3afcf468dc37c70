import { z } from "zod";
import { optionalText } from "~/lib/forms";

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
