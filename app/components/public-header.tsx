/** The header of pages open without an account (verification): the name and the language switcher. */
import { Link } from "@remix-run/react";
import { useI18n } from "~/lib/i18n/react";
import { LanguageSwitcher } from "./language-switcher";

export function PublicHeader() {
  const { t } = useI18n();
  return (
    <div className="mb-6 flex items-center justify-between">
      <Link to="/" className="text-xl font-bold text-brand-700 no-underline">
        {t("app.name")}
      </Link>
      <LanguageSwitcher />
    </div>
  );
}
