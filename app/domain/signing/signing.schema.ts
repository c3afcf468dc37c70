import * as z from "zod";
import { date, optionalText, password, text } from "~/lib/forms";

const id = z.string().regex(/^[a-z0-9]{16}$/);
const isoDate = date();

export const SignSchema = z.object({
  intent: z.literal("sign"),
  partyId: id,
  consent: z.literal("on", { error: "signing.error.consent" }),
  typedName: text(160),
  password: password(),
  drawing: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(400_000).optional()),
});

export const DeclineSchema = z.object({
  intent: z.literal("decline"),
  partyId: id,
  reason: text(2000),
});

export const SigningOrderSchema = z.object({
  intent: z.literal("signingOrder"),
  signingOrder: z.enum(["any", "association_first"]),
});

/**
 * Paper signing: the ceremony's date (not after `today`: it has taken place), place, and one name
 * and title per party still to sign (signer.<partyId>.name).
 */
export function paperSigningSchema(partyIds: readonly string[], today: string) {
  const signers: Record<string, z.ZodType> = {};
  for (const id of partyIds) {
    signers[`signer.${id}.name`] = text(160);
    signers[`signer.${id}.title`] = optionalText(160);
  }
  return z
    .object({
      intent: z.literal("paper"),
      signedOn: isoDate.refine((d) => d <= today, { error: "signing.error.paperDateFuture" }),
      place: text(120),
    })
    .extend(signers);
}

export const VerifySchema = z.object({
  reference: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.string().regex(/^CH-\d{4}-\d{4,}$/, { error: "verify.error.reference" }),
  ),
  hash: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string().regex(/^[0-9a-f]{64}$/, { error: "verify.error.hash" }),
  ),
});
