import * as z from "zod";

/** The largest spreadsheet read (the file on preview, its text sent back on import). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The import page's two forms: check a file (`preview`), then write the text it read (`import`). */
export const ImportSchema = z.object({
  intent: z.enum(["preview", "import"]),
  ownerOrganizationId: z.string({ error: "form.error.choice" }).regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" }),
  csv: z.string().max(MAX_IMPORT_BYTES).optional(),
});
