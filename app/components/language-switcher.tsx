/** Three buttons posting to /locale: works without JavaScript, remembers the choice. */
import { Form, useLocation } from "@remix-run/react";
import { LOCALES } from "~/lib/i18n/locales";
import { useI18n } from "~/lib/i18n/react";

export function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="flex items-center gap-1" aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 text-sm ${l === locale ? "bg-brand-100 font-semibold text-brand-900" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {t(`locale.${l}`)}
        </button>
      ))}
    </Form>
  );
}
