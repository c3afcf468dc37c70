/**
 * Looks up messages in the catalogs and formats them for one locale:
 * `{name}` placeholders, plural forms chosen by Intl.PluralRules from `count`
 * (Arabic has six: zero, one, two, few, many, other), dates and numbers via Intl.
 */
import { ar } from "./messages/ar";
import { en, type MessageKey, type Messages, type PluralMessage } from "./messages/en";
import { fr } from "./messages/fr";
import { intlLocale, type Locale } from "./locales";
import { formatMoney } from "../money";

export type { MessageKey };
export type Vars = Record<string, string | number>;

const catalogs: Record<Locale, Messages> = { en, fr, ar };

/**
 * Intl formatters, one per locale and options, built once: building one costs 20–80 µs (locale
 * data, time zone), using it about 1 µs, and a list page formats dozens of dates and numbers.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  kind: string,
  intl: string,
  options: object,
  make: () => T,
): T {
  const key = `${kind} ${intl} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** A date formatter for a locale and options, built once (what components that format dates use). */
export const dateFormat = (intl: string, options: Intl.DateTimeFormatOptions) =>
  formatter("date", intl, options, () => new Intl.DateTimeFormat(intl, options));
const numberFormat = (intl: string, options: Intl.NumberFormatOptions = {}) =>
  formatter("number", intl, options, () => new Intl.NumberFormat(intl, options));
const pluralRules = (intl: string) => formatter("plural", intl, {}, () => new Intl.PluralRules(intl));

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

function interpolate(template: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberFormat(intlLocale(locale)).format(value) : value;
  });
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const message = catalogs[locale][key] ?? en[key];
  if (typeof message === "string") return interpolate(message, vars, locale);
  const count = typeof vars?.count === "number" ? vars.count : 0;
  // An explicit `zero` form wins for 0 in every language ("no session" rather than "0 sessions").
  const category =
    count === 0 && message.zero !== undefined
      ? "zero"
      : (pluralRules(intlLocale(locale)).select(count) as keyof PluralMessage);
  const form = message[category] ?? message.other;
  return interpolate(form, vars, locale);
}

export function createTranslator(locale: Locale) {
  const intl = intlLocale(locale);
  return {
    locale,
    t: (key: MessageKey, vars?: Vars) => translate(locale, key, vars),
    /** A calendar date (YYYY-MM-DD or ISO timestamp), e.g. "1 janvier 2022". */
    formatDate(value: string | Date, style: "long" | "medium" | "short" = "long"): string {
      const date =
        typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? new Date(`${value}T12:00:00Z`)
          : new Date(value);
      return dateFormat(intl, { dateStyle: style, timeZone: "Africa/Casablanca" }).format(date);
    },
    formatDateTime(value: string | Date): string {
      return dateFormat(intl, { dateStyle: "medium", timeStyle: "short", timeZone: "Africa/Casablanca" }).format(
        new Date(value),
      );
    },
    /** A meeting's date (and time) in the zone it is held in: the page, its invitation, the minutes PDF and the impact report. */
    formatMeetingTime(
      startsAt: string,
      timeZone: string,
      style: "full" | "long" | "medium" = "full",
      withTime = true,
    ): string {
      return dateFormat(intl, {
        dateStyle: style,
        ...(withTime ? { timeStyle: "short" as const } : {}),
        timeZone,
      }).format(new Date(startsAt));
    },
    /** "label : value" with the language's punctuation: French puts a space before the colon, English and Arabic none. */
    labelled(label: string, value: string): string {
      return `${label}${locale === "fr" ? " : " : ": "}${value}`;
    },
    /** Items joined by the language's comma: the Arabic comma "،" in Arabic. */
    list(items: readonly string[]): string {
      return items.join(locale === "ar" ? "، " : ", ");
    },
    /** A time zone named for a reader at an instant: "heure : Maroc, UTC+1", "توقيت المغرب، غرينتش+1", "Morocco Time, GMT+1". */
    zoneName(timeZone: string, at: string | Date): string {
      const name = (style: "longGeneric" | "shortOffset") =>
        dateFormat(intl, { timeZone, timeZoneName: style })
          .formatToParts(new Date(at))
          .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
      return [name("longGeneric"), name("shortOffset")].join(locale === "ar" ? "، " : ", ");
    },
    formatNumber(value: number): string {
      return numberFormat(intl).format(value);
    },
    /** An amount stored in minor units (centimes), e.g. 15000000 MAD → "150 000,00 MAD", exactly (app/lib/money.ts). */
    formatMoney(cents: number, currency = "MAD"): string {
      return formatMoney(cents, currency, intl);
    },
  };
}

export type Translator = ReturnType<typeof createTranslator>;
