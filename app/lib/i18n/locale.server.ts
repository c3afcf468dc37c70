/** Which language a request is served in, and the cookie that remembers it before login. */
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from "./locales";

const COOKIE = "charaka_locale";

export function localeFromCookie(request: Request): Locale | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === COOKIE && isLocale(value)) return value;
  }
  return null;
}

/** The user's saved language, else the cookie, else the browser's Accept-Language, else French. */
export function resolveLocale(request: Request, user: { locale: Locale } | null): Locale {
  return (
    user?.locale ??
    localeFromCookie(request) ??
    negotiateLocale(request.headers.get("accept-language")) ??
    DEFAULT_LOCALE
  );
}

export function localeCookie(locale: Locale): string {
  return `${COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
