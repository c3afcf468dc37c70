/** The platform administrator's form for an organization's identity provider (client-safe). */
import * as z from "zod";
import { text } from "~/lib/forms";
import { recordId } from "~/lib/ids";

const domain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export const OidcProviderSchema = z.object({
  intent: z.literal("addOidcProvider"),
  label: text(80),
  issuer: text(500).pipe(z.url({ protocol: /^https?$/, error: "webhook.error.url" })),
  clientId: text(200),
  clientSecret: text(500),
  emailDomains: text(500).refine(
    (v) =>
      v
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean)
        .every((d) => domain.test(d)),
    { error: "oidc.error.domains" },
  ),
  passwordSignIn: z.preprocess((v) => v === "on", z.boolean()),
});

export const RemoveOidcProviderSchema = z.object({ intent: z.literal("removeOidcProvider"), providerId: recordId });
