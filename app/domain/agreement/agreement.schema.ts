/** Forms and query parameters about agreements (client-safe). */
import * as z from "zod";
import {
  datesInOrder,
  optionalDate as optionalDateField,
  optionalText,
  optionalWholeNumber,
  text,
  typedNumber,
} from "~/lib/forms";
import { CURRENCIES, optionalAmount } from "~/lib/money";
import { AGREEMENT_STATUSES, LIFECYCLE_ACTIONS } from "./lifecycle";

export const AGREEMENT_KINDS = ["partnership", "mou", "framework", "sponsorship", "amendment"] as const;
export const PARTY_ROLES = ["association", "partner", "public_authority"] as const;
export { CURRENCIES };

const optionalDate = optionalDateField();

const optionalInt = optionalWholeNumber;

/** An amount typed as "150000", "150 000", "150000,50", "150000.50" or "١٥٠٠٠٠"; stored in centimes (app/lib/money.ts). */
export const optionalMoney = optionalAmount();

const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean());

export const AgreementDetailsSchema = z
  .object({
    title: text(300),
    titleSecondary: optionalText(300),
    kind: z.enum(["partnership", "mou", "framework", "sponsorship"]),
    purpose: optionalText(20_000),
    territory: optionalText(200),
    signingPlace: optionalText(120),
    effectiveDate: optionalDate,
    endDate: optionalDate,
    durationMonths: optionalInt(1, 600),
    tacitRenewal: checkbox,
    renewalNoticeDays: optionalInt(0, 3650),
    currency: z.enum(CURRENCIES).default("MAD"),
    totalBudget: optionalMoney,
  })
  .refine(...datesInOrder("effectiveDate", "endDate", "agreement.error.endBeforeStart"))
  .refine((v) => !(v.endDate && v.durationMonths), {
    path: ["durationMonths"],
    error: "agreement.error.endAndDuration",
  });

export type AgreementDetailsInput = z.infer<typeof AgreementDetailsSchema>;

export const NewAgreementSchema = z.intersection(
  AgreementDetailsSchema,
  z
    .object({
      ownerOrganizationId: z
        .string({ error: "form.error.choice" })
        .regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" }),
      partnerOrganizationId: z.preprocess(
        (v) => (v === "" ? undefined : v),
        z
          .string()
          .regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" })
          .optional(),
      ),
    })
    // The partner is another organization than the one drafting.
    .refine((v) => v.partnerOrganizationId !== v.ownerOrganizationId, {
      path: ["partnerOrganizationId"],
      error: "agreement.error.samePartner",
    }),
);

export const UpdateDetailsSchema = z.intersection(
  AgreementDetailsSchema,
  z.object({ intent: z.literal("details"), version: z.coerce.number().int().min(1) }),
);

export const PartySchema = z.object({
  organizationId: z.string({ error: "form.error.choice" }).regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" }),
  role: z.enum(PARTY_ROLES),
  signatoryName: optionalText(160),
  signatoryTitle: optionalText(160),
  signatoryUserId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9]{16}$/)
      .optional(),
  ),
});
export type PartyInput = z.infer<typeof PartySchema>;

export const AddPartySchema = z.intersection(PartySchema, z.object({ intent: z.literal("addParty") }));
export const UpdatePartySchema = z.intersection(
  PartySchema.omit({ organizationId: true }),
  z.object({
    intent: z.literal("updateParty"),
    partyId: z.string().regex(/^[a-z0-9]{16}$/),
    version: z.coerce.number().int().min(1),
  }),
);
export const RemovePartySchema = z.object({
  intent: z.literal("removeParty"),
  partyId: z.string().regex(/^[a-z0-9]{16}$/),
});

export const TransitionSchema = z.object({
  intent: z.literal("transition"),
  action: z.enum(LIFECYCLE_ACTIONS),
  reason: optionalText(2000),
  date: optionalDate,
});

export const AmendmentSchema = z.object({
  intent: z.literal("amend"),
  title: text(300),
  amendsEndDate: optionalDate,
});

/** `/agreements` query parameters: every filter is a shareable link. */
export const AgreementListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z
    .enum(AGREEMENT_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  kind: z.enum(AGREEMENT_KINDS).optional().catch(undefined),
  partner: z
    .string()
    .regex(/^[a-z0-9]{16}$/)
    .optional()
    .catch(undefined),
  /** A partner by (part of) its name: the filter's text field; `partner` (an id) wins when both are given. */
  partnerName: z.string().trim().min(1).max(120).optional().catch(undefined),
  region: z.string().trim().max(120).optional().catch(undefined),
  year: z.preprocess(typedNumber, z.coerce.number().int().min(1990).max(2100)).optional().catch(undefined),
  sort: z.enum(["updated", "title", "effective", "reference"]).default("updated").catch("updated"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type AgreementListFilters = z.infer<typeof AgreementListQuery>;

export const CompareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});
