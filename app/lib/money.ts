/**
 * Money, exactly: an amount is a whole number of minor units (centimes) with its currency, never a
 * floating-point number. Amounts are read from what people type ("150 000,50", "150000.50",
 * "١٥٠ ٠٠٠٫٥٠", "150.000,50") with string arithmetic, summed as integers (a sum refuses mixed
 * currencies and unsafe sizes), written back as decimal strings for forms, CSV and JSON, and shown
 * with the reader's locale by Intl from that exact decimal string. Pure and client-safe: every amount
 * in forms, pages, PDFs and exports goes through this module.
 */
import * as z from "zod";
import { asciiDigits } from "./digits";

export const CURRENCIES = ["MAD", "EUR", "USD"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** An amount: `minor` is a safe integer of the currency's minor units (2 decimals for each of ours). */
export interface Money {
  minor: number;
  currency: Currency;
}

/** Decimals of each currency's minor unit. */
export const MINOR_DIGITS = 2;
/** At most 12 digits before the decimal separator: 999 999 999 999,99 is still a safe integer of centimes. */
export const MAX_INTEGER_DIGITS = 12;
export const MAX_MINOR = 10 ** (MAX_INTEGER_DIGITS + MINOR_DIGITS) - 1;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

export type ParseError = "empty" | "format" | "tooLarge" | "negative";

/**
 * Reads an amount as typed. Digits may be Latin, Arabic-Indic or Eastern Arabic-Indic; spaces (also
 * no-break and thin ones) group thousands; the decimal separator is "," or "." with one or two digits
 * after it. With both "," and ".", the last one is the decimal separator and the other groups
 * thousands by three ("150.000,50", "150,000.50"); one kind repeated groups thousands ("1.500.000").
 * A single separator followed by three digits ("12,345") could be either, and is refused.
 */
export function parseAmount(
  text: string,
  options: { allowNegative?: boolean } = {},
): { ok: true; minor: number } | { ok: false; error: ParseError } {
  let s = asciiDigits(text)
    .replace(/[\s\u00a0\u2009\u202f]/g, "")
    .replace(/\u2212/g, "-");
  if (s === "") return { ok: false, error: "empty" };
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { ok: false, error: "format" };
  const split = splitDecimal(s);
  if (!split) return { ok: false, error: "format" };
  const integer = split.integer.replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, error: "tooLarge" };
  const minor = Number(integer + split.fraction.padEnd(MINOR_DIGITS, "0"));
  if (negative && minor !== 0 && !options.allowNegative) return { ok: false, error: "negative" };
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

/** The integer digits and the decimals of "1.500.000", "150 000,5", "150.000,50"…, or null when ambiguous or malformed. */
function splitDecimal(s: string): { integer: string; fraction: string } | null {
  const commas = s.split(",").length - 1;
  const dots = s.split(".").length - 1;
  const grouped = (digits: string, separator: string) => {
    const groups = digits.split(separator);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    return groups.join("");
  };
  if (commas === 0 && dots === 0) return { integer: s, fraction: "" };
  if (commas > 0 && dots > 0) {
    const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    const grouping = decimal === "," ? "." : ",";
    if ((decimal === "," ? commas : dots) !== 1) return null;
    const [head, fraction] = s.split(decimal) as [string, string];
    const integer = grouped(head, grouping);
    return integer !== null && /^\d{1,2}$/.test(fraction) ? { integer, fraction } : null;
  }
  const separator = commas > 0 ? "," : ".";
  if (commas + dots > 1) {
    const integer = grouped(s, separator);
    return integer === null ? null : { integer, fraction: "" };
  }
  const [integer, fraction] = s.split(separator) as [string, string];
  return /^\d{1,2}$/.test(fraction) ? { integer, fraction } : null;
}

/** The exact decimal string of an amount: 15000050 → "150000.50", -5 → "-0.05" (forms, CSV, JSON). */
export function toDecimalString(minor: number): string {
  assertSafe(minor);
  const digits = String(Math.abs(minor)).padStart(MINOR_DIGITS + 1, "0");
  const sign = minor < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -MINOR_DIGITS)}.${digits.slice(-MINOR_DIGITS)}`;
}

/** A spreadsheet's numeric cell: the one place an amount becomes a floating-point number, at the very last step. */
export function toSpreadsheetNumber(minor: number): number {
  return Number(toDecimalString(minor));
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * The amount for a reader, e.g. "150 000,00 MAD" — formatted by Intl from the exact decimal string
 * (Intl.NumberFormat reads a string as a decimal, not as a float), with the currency's code.
 */
export function formatMoney(minor: number, currency: string, intlLocale: string): string {
  const key = `${intlLocale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale, { style: "currency", currency, currencyDisplay: "code" });
    moneyFormats.set(key, format);
  }
  return format.format(toDecimalString(minor) as unknown as number);
}

export class MoneyError extends Error {}

function assertSafe(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`not a safe integer of minor units: ${minor}`);
}

/** The exact sum of amounts of one currency; mixed currencies or an unsafe total are a programming error. */
export function sum(list: readonly Money[], currency: Currency): Money {
  let total = 0;
  for (const m of list) {
    if (m.currency !== currency) throw new MoneyError(`cannot add ${m.currency} to ${currency}`);
    assertSafe(m.minor);
    total += m.minor;
    assertSafe(total);
  }
  return { minor: total, currency };
}

/** The sum of plain minor-unit integers (all of one currency by construction), exact or refused. */
export function sumMinor(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    assertSafe(v);
    total += v;
    assertSafe(total);
  }
  return total;
}

/** Basis points of `whole` that `part` is (10 000 = 100 %), rounded down; 0 when `whole` is 0. Integer arithmetic. */
export function percentOf(part: number, whole: number): number {
  assertSafe(part);
  assertSafe(whole);
  if (whole === 0) return 0;
  const bp = (BigInt(part) * 10_000n) / BigInt(whole);
  return Number(bp);
}

/** `bp` basis points of an amount, rounded down (a limit never allows more than its share). */
export function basisPointsOf(minor: number, bp: number): number {
  assertSafe(minor);
  return Number((BigInt(minor) * BigInt(bp)) / 10_000n);
}

/**
 * Splits `total` over `weights` in proportion, exactly: the parts add up to `total` (largest
 * remainder, ties to the first). All zero weights: nothing to split by, everything on no one.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertSafe(total);
  if (total < 0) return allocate(-total, weights).map((part) => (part === 0 ? 0 : -part));
  const whole = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (whole === 0n) return weights.map(() => 0);
  const t = BigInt(total);
  const shares = weights.map((w) => (t * BigInt(w)) / whole);
  // What the rounding down left over goes, a centime each, to the largest remainders.
  const order = weights
    .map((w, i) => ({ i, r: (t * BigInt(w)) % whole }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = t - shares.reduce((s, x) => s + x, 0n);
  for (let k = 0; left > 0n; k++, left--) shares[order[k]!.i]! += 1n;
  return shares.map(Number);
}

/** "12,5 %" from basis points (1250), in the reader's locale. */
export function formatBasisPoints(bp: number, intlLocale: string): string {
  return new Intl.NumberFormat(intlLocale, { style: "percent", maximumFractionDigits: 2 }).format(
    `${(bp / 10_000).toFixed(4)}` as unknown as number,
  );
}

const PARSE_ERROR_KEY = {
  empty: "form.error.required",
  format: "form.error.amount",
  tooLarge: "form.error.amountTooLarge",
  negative: "form.error.amountNegative",
} as const;

/** Form schemas: an amount field read by parseAmount, as minor units. */
function amountSchema(options: { allowNegative?: boolean; positive?: boolean }) {
  return z.string({ error: "form.error.required" }).transform((text, ctx) => {
    const parsed = parseAmount(text, options);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: PARSE_ERROR_KEY[parsed.error] });
      return z.NEVER;
    }
    if (options.positive && parsed.minor <= 0) {
      ctx.addIssue({ code: "custom", message: "form.error.amountPositive" });
      return z.NEVER;
    }
    return parsed.minor;
  });
}

/** A required amount (minor units); `positive`: more than zero. */
export const amount = (options: { allowNegative?: boolean; positive?: boolean } = {}) => amountSchema(options);

/** An optional amount: empty is undefined. */
export const optionalAmount = (options: { allowNegative?: boolean; positive?: boolean } = {}) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), amountSchema(options).optional());

/** The currency of a form: one of ours. */
export const currencyField = () => z.enum(CURRENCIES, { error: "form.error.choice" });
