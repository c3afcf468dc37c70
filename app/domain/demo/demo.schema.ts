import * as z from "zod";

/** Removing the demo data is confirmed by ticking a box (Settings → Demo data). */
export const DemoRemovalSchema = z.object({
  intent: z.literal("remove-demo"),
  confirm: z.literal("on", { error: "demo.remove.error.confirm" }),
});
