/** GET /exports/<kind>.csv — a spreadsheet of what the user can see, in their language. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { EXPORTS, exportCsv } from "~/domain/export/exports.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { todayInMorocco } from "~/lib/time";

const File = z.object({ file: z.string().regex(new RegExp(`^(${EXPORTS.join("|")})\\.csv$`)) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(request, context);
  const parsed = File.safeParse(params);
  if (!parsed.success) notFound();
  const kind = parsed.data.file.slice(0, -4) as (typeof EXPORTS)[number];
  const today = todayInMorocco();
  const csv = await exportCsv(db(), actor, kind, resolveLocale(request, user), today);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="charaka-${kind}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
