import { useI18n } from "~/lib/i18n/react";

export function DemoBanner() {
  const { t } = useI18n();
  return (
    <div data-testid="demo-banner" className="bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-900">
      {t("demo.banner")}
    </div>
  );
}
