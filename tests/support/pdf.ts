/** Reading PDFs in tests with poppler (pdftotext, pdftoppm), as a person's tools would. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function writeTemp(bytes: Uint8Array, name = "document.pdf"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-pdf-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * The text of the PDF as a reader copies or searches it (layout mode), exactly as pdftotext gives it:
 * never normalised — Arabic must come back as the letters typed, not as presentation forms.
 */
export function pdfText(file: string, page?: number, mode: "layout" | "reading" = "layout"): string {
  const args = [
    ...(mode === "layout" ? ["-layout"] : []),
    ...(page ? ["-f", String(page), "-l", String(page)] : []),
    file,
    "-",
  ];
  const result = spawnSync("pdftotext", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/**
 * Word boxes of a page. pdftotext's bbox mode lists Arabic words with their letters in visual
 * order; they are turned back into reading order here (nothing else is changed).
 */
export function wordBoxes(file: string, page: number): WordBox[] {
  const result = spawnSync("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"], {
    encoding: "utf8",
  });
  const words: WordBox[] = [];
  for (const match of result.stdout.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    const raw = match[5]!;
    const text = /[\u0600-\u06FF\uFB50-\uFEFF]/.test(raw) ? [...raw].reverse().join("") : raw;
    words.push({
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
      text,
    });
  }
  return words;
}

/** Rasterises one page to grayscale (PGM) at `dpi` and returns a pixel reader in PDF points. */
export function rasterize(file: string, page: number, dpi = 72) {
  const prefix = path.join(path.dirname(file), `page-${page}`);
  const result = spawnSync("pdftoppm", [
    "-gray",
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    file,
    prefix,
  ]);
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  const pgm = fs.readFileSync(`${prefix}.pgm`);
  const header = pgm.subarray(0, 64).toString("latin1").split(/\s+/);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const headerLength = pgm.indexOf(0x0a, pgm.indexOf(0x0a, pgm.indexOf(0x0a) + 1) + 1) + 1;
  const pixels = pgm.subarray(headerLength);
  const scale = dpi / 72;
  return {
    width,
    height,
    /** Share of dark pixels (< 128) inside a box given in PDF points (top-left origin). */
    inkIn(box: { xMin: number; yMin: number; xMax: number; yMax: number }): number {
      let dark = 0;
      let total = 0;
      for (let y = Math.floor(box.yMin * scale); y < Math.ceil(box.yMax * scale); y++) {
        for (let x = Math.floor(box.xMin * scale); x < Math.ceil(box.xMax * scale); x++) {
          total += 1;
          if (pixels[y * width + x]! < 128) dark += 1;
        }
      }
      return total ? dark / total : 0;
    },
  };
}
