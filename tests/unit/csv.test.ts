import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { safeCell, toCsv } from "~/domain/export/csv";

describe("CSV for Excel", () => {
  it("starts with a UTF-8 byte-order mark and ends lines with CRLF, so Excel reads Arabic", () => {
    const csv = toCsv(["المرجع", "Titre"], [["CH-2026-0001", "اتفاقية شراكة وتعاون"]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(parse(csv.slice(1))).toEqual([
      ["المرجع", "Titre"],
      ["CH-2026-0001", "اتفاقية شراكة وتعاون"],
    ]);
  });

  it("neutralises cells a spreadsheet would run as a formula, and leaves numbers alone", () => {
    for (const bad of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
      expect(String(safeCell(bad)).startsWith("'")).toBe(true);
    expect(safeCell(-5)).toBe(-5);
    // A reversing entry's amount, written as a decimal string, stays a number for the spreadsheet.
    expect(safeCell("-9999,00")).toBe("-9999,00");
    expect(safeCell("-0.05")).toBe("-0.05");
    expect(safeCell("Smara")).toBe("Smara");
    expect(safeCell(null)).toBe("");
  });

  it("quotes commas, quotes and line breaks so every row reads back as written", () => {
    const rows = [["Siège, Smara", 'Il a dit "oui"', "ligne 1\nligne 2"]];
    expect(parse(toCsv(["a", "b", "c"], rows).slice(1))).toEqual([
      ["a", "b", "c"],
      ["Siège, Smara", 'Il a dit "oui"', "ligne 1\nligne 2"],
    ]);
  });
});
