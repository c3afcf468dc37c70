import { useI18n } from "~/lib/i18n/react";

/** Shown on every page while demo accounts exist; with their password only where they may sign in. */
export function DemoBanner({ password }: { password: string | null }) {
  const { t } = useI18n();
  return (
    <div data-testid="demo-banner" className="bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-900">
      {t("demo.banner")}
      {password ? <> {t("demo.bannerPassword", { password: `\u2068${password}\u2069` })}</> : null}
    </div>
  );
}
