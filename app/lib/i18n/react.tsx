/** The translator for the page's language, from the root loader's data. */
import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, direction, isLocale, type Locale } from "./locales";
import { createTranslator } from "./translate";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: unknown } | undefined;
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useI18n() {
  const locale = useLocale();
  return useMemo(() => ({ ...createTranslator(locale), dir: direction(locale) }), [locale]);
}
