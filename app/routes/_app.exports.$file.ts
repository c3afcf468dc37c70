/**
 * GET /exports/<kind>.csv and /exports/<kind>.xlsx — a spreadsheet of what the user can see, in
 * their language: CSV with their Excel's separator, or an Excel workbook with typed cells.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { EXPORT_FORMATS, EXPORTS, exportFile } from "~/domain/export/exports.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { todayInMorocco } from "~/lib/time";

const File = z.object({
  file: z
    .string()
    .regex(new RegExp(`^(${EXPORTS.join("|")})\\.(${EXPORT_FORMATS.join("|")})$`))
    .transform((f) => {
      const dot = f.lastIndexOf(".");
      return {
        kind: f.slice(0, dot) as (typeof EXPORTS)[number],
        format: f.slice(dot + 1) as (typeof EXPORT_FORMATS)[number],
      };
    }),
});

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(request, context);
  const parsed = File.safeParse(params);
  if (!parsed.success) notFound();
  const { kind, format } = parsed.data.file;
  const today = todayInMorocco();
  const body = await exportFile(db(), actor, kind, format, resolveLocale(request, user), today);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="charaka-${kind}-${today}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
