import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "./locales";
import { translate, type MessageKey, type Vars } from "./translate";

/** `<title>` in the page's language, for route `meta` functions. */
export function pageTitle(
  matches: ReadonlyArray<{ id: string; data: unknown }>,
  key: MessageKey,
  vars?: Vars,
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  return [{ title: `${translate(locale, key, vars)} · ${translate(locale, "app.name")}` }];
}
