/** The webhook forms of the integrations page (client-safe). */
import * as z from "zod";
import { optionalText } from "~/lib/forms";
import { recordId } from "~/lib/ids";
import { WEBHOOK_EVENTS } from "./webhook";

export const AddEndpointSchema = z.object({
  intent: z.literal("addWebhook"),
  url: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ error: "webhook.error.url" }).min(1, { error: "form.error.required" }).max(2000),
  ),
  events: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(WEBHOOK_EVENTS, { error: "form.error.choice" })).min(1, { error: "webhook.error.events" }),
  ),
  description: optionalText(200),
});

export const EndpointSchema = z.object({
  intent: z.enum(["removeWebhook", "testWebhook"]),
  endpointId: recordId,
});
