/**
 * "N agreements (or deliverables) imported", shown once on the page an import redirects to
 * (`?imported=N`, with `kind=deliverables` for deliverables); anything else in the URL shows nothing.
 */
import { useSearchParams } from "@remix-run/react";
import * as z from "zod";
import { Notice } from "~/components/ui/form";
import { importedNotice } from "~/domain/export/import";
import { useI18n } from "~/lib/i18n/react";

const Imported = z.object({
  imported: z.coerce.number().int().min(1).max(500),
  kind: z.enum(["agreements", "deliverables"]).default("agreements"),
});

export function ImportedNotice({ kind }: { kind?: "agreements" | "deliverables" }) {
  const [params] = useSearchParams();
  const { t } = useI18n();
  const parsed = Imported.safeParse({
    imported: params.get("imported") ?? undefined,
    kind: kind ?? params.get("kind") ?? undefined,
  });
  if (!parsed.success) return null;
  const { imported: count } = parsed.data;
  return (
    <div className="mb-4" data-testid="imported-notice" data-count={count}>
      <Notice>{t(importedNotice(parsed.data.kind), { count })}</Notice>
    </div>
  );
}
