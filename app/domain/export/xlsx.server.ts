/**
 * Excel workbooks (.xlsx, exceljs): the exports as people open them — dates and numbers as typed
 * cells (Excel sorts, sums and filters them), a right-to-left sheet for Arabic readers, text cells
 * neutralised like the CSV's (csv.ts safeCell) — and the imports' reading of a workbook, as the
 * table the CSV reader gives.
 */
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { PassThrough } from "node:stream";
import { safeCell } from "./csv";

export type CellValue = string | number | null | undefined;

export interface SheetInput {
  name: string;
  header: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<CellValue>>;
  /** Columns (by index) holding calendar dates as YYYY-MM-DD: written as dates. */
  dateColumns: ReadonlySet<number>;
  rtl: boolean;
  /** Date format shown: the reader's ("dd/mm/yyyy" in French and Arabic). */
  dateFormat: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One sheet, streamed row by row (a large export never holds a whole workbook model in memory). */
export async function toXlsx(sheet: SheetInput): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  // Fixed properties: the same data gives a workbook that differs only by its zip timestamps.
  workbook.creator = "Charaka";
  workbook.created = new Date("2020-01-01T00:00:00Z");
  const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1, rightToLeft: sheet.rtl }],
  });
  worksheet.columns = sheet.header.map((h, i) => ({
    width: Math.min(60, Math.max(12, h.length + 2)),
    ...(sheet.dateColumns.has(i) ? { style: { numFmt: sheet.dateFormat } } : {}),
  }));
  const head = worksheet.addRow(sheet.header.map((h) => safeCell(h)));
  head.font = { bold: true };
  head.commit();
  for (const row of sheet.rows) {
    worksheet
      .addRow(
        row.map((value, i) => {
          if (value === null || value === undefined || value === "") return null;
          if (typeof value === "number") return value;
          const date = sheet.dateColumns.has(i) ? ISO_DATE.exec(value) : null;
          if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
          return safeCell(value);
        }),
      )
      .commit();
  }
  worksheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** A workbook's bytes start like any zip file. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return "";
}

/**
 * The first sheet of a workbook as CSV text (comma-separated, values as typed: a date as
 * YYYY-MM-DD, a number with a decimal point), for the imports' one reading path; null when the
 * bytes are not a workbook exceljs can read.
 */
export async function xlsxAsCsv(bytes: Uint8Array): Promise<string | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types predate Node's generic Buffer; the bytes are a plain ArrayBuffer copy.
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  } catch {
    return null;
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return null;
  const table: string[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    table.push(cells);
  });
  return stringify(table);
}
