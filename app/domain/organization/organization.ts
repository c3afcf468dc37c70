/** Pure helpers about organizations. */
import type { Locale } from "~/lib/i18n/locales";

/** The name to show in a given interface language, falling back to the other one. */
export function displayName(org: { nameFr: string | null; nameAr: string | null }, locale: Locale): string {
  if (locale === "ar") return org.nameAr ?? org.nameFr ?? "";
  return org.nameFr ?? org.nameAr ?? "";
}
