/** The form that creates an API token (client-safe). */
import * as z from "zod";
import { date, text } from "~/lib/forms";
import { TOKEN_ACCESS } from "./tokens";

export const CreateTokenSchema = z.object({
  intent: z.literal("createToken"),
  name: text(100),
  access: z.enum(TOKEN_ACCESS, { error: "form.error.choice" }),
  expiresOn: date(),
});

export const RevokeTokenSchema = z.object({
  intent: z.literal("revokeToken"),
  tokenId: z.string().regex(/^[a-z0-9]{16}$/),
});
