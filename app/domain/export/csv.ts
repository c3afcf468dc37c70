/**
 * CSV that opens correctly in Excel with Arabic text: UTF-8 with a byte-order mark, CRLF line
 * ends, quoting by csv-stringify, and the separator Excel expects in the reader's language (";"
 * where the decimal mark is a comma — French and Arabic regional settings, Morocco's usual ones —
 * "," in English); and cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
 * return) neutralised with a leading apostrophe (OWASP's CSV injection advice).
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

const FORMULA = /^[=+\-@\t\r]/;
/** A negative decimal amount ("-9999,00", "-0.05") is a number, not a formula: kept as written. */
const NEGATIVE_DECIMAL = /^-\d+(?:[.,]\d+)?$/;

export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  return FORMULA.test(value) && !NEGATIVE_DECIMAL.test(value) ? `'${value}` : value;
}

/** The list separator of Excel in the reader's language: ";" in French and Arabic, "," in English. */
export function csvDelimiter(locale: "fr" | "ar" | "en"): ";" | "," {
  return locale === "en" ? "," : ";";
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  delimiter: ";" | "," = ",",
): string {
  return (
    "\uFEFF" +
    stringify([header.map(safeCell), ...rows.map((r) => r.map(safeCell))], { record_delimiter: "windows", delimiter })
  );
}

/** Reads a CSV as people save it: with or without a byte-order mark, comma or semicolon (French Excel), any line ends. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  return parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
}
