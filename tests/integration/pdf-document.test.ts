/**
 * The PDF document builder end to end: builds real PDFs and reads them back with poppler
 * (pdftotext, pdftoppm), as a reader's viewer would.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument, PAGE_HEIGHT, PAGE_WIDTH, MARGIN } from "~/lib/pdf/document.server";

const FRENCH = "La présente convention définit la coopération « Sofara » : œuvre commune, 12 500 €.";
const FRENCH_LONG =
  "Elle est signée par les représentants légaux des deux parties, qui s’engagent à en respecter les clauses pendant toute sa durée, à l’exception des cas de force majeure prévus à l’article 9.";
const ARABIC_TITLE = "اتفاقية شراكة وتعاون";
const ARABIC =
  "يلتزم الطرفان بتنفيذ بنود هذه الاتفاقية وفق البرنامج المتفق عليه، ويتم تقييم النتائج بشكل دوري من طرف لجنة مشتركة تضم ممثلين عن كل طرف.";
const MIXED = "الجمعية Sofara Al-Khair (السمارة) 2022";

async function sample(language: "fr" | "ar"): Promise<Uint8Array> {
  const doc = await createDocument({
    title: "Convention de partenariat",
    author: "Charaka",
    subject: "Test",
    keywords: ["convention", "اتفاقية"],
    creationDate: new Date("2024-03-12T10:00:00Z"),
    language,
  });
  const png = new Uint8Array(await QRCode.toBuffer("a stand-in image", { margin: 1 }));
  doc.heading("Convention de partenariat", 1);
  doc.heading(ARABIC_TITLE, 1);
  doc.paragraph(FRENCH);
  doc.paragraph(FRENCH_LONG);
  doc.heading("Article 1 — Objet", 2);
  doc.paragraph(ARABIC);
  doc.paragraph(MIXED);
  doc.keyValues([
    ["Nom", "Fatima Zahra El Idrissi"],
    ["Qualité", "Présidente de l’association"],
    ["الصفة", "رئيسة الجمعية"],
    ["Date", "12/03/2024"],
  ]);
  await doc.imageRow(
    [
      { bytes: png, caption: "Signature" },
      { bytes: png, caption: "الختم" },
    ],
    { width: 120, height: 60 },
  );
  doc.qrCode("https://example.org/verify/7f3a", "Vérifier l’authenticité : https://example.org/verify/7f3a");
  doc.setFooter((page, count) => ({ start: "Convention CH-2024-001", end: `Page ${page} / ${count}` }));
  doc.pageBreak();
  doc.heading("Annexe", 2);
  await doc.image(png, { width: 80, height: 80 });
  doc.paragraph("Fin du document.");
  return doc.finish();
}

let dir: string;
let file: string;
let bytes: Uint8Array;
const run = (cmd: string, args: string[]) => {
  const result = spawnSync(cmd, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr}`);
  return result.stdout;
};
// Never normalised: the text layer must hold the letters typed (ActualText), not presentation forms.
const text = (file: string, ...args: string[]) => run("pdftotext", [...args, file, "-"]);

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  page: number;
}
/** Words with their boxes (points, y from the top), from `pdftotext -bbox`. */
function words(file: string): Word[] {
  const html = run("pdftotext", ["-bbox", file, "-"]);
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0].startsWith("<page")) page++;
    else {
      // -bbox writes each word's characters in drawing (visual) order: Arabic words come reversed.
      const raw = m[5]!;
      const text = /[\u0600-\u06FF]/.test(raw) ? Array.from(raw).reverse().join("") : raw;
      out.push({ text, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, page });
    }
  }
  return out;
}
const word = (all: Word[], text: string) => {
  const found = all.find((w) => w.text === text);
  if (!found) throw new Error(`word not found: ${text}`);
  return found;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pdf-document-"));
  bytes = await sample("fr");
  file = path.join(dir, "sample.pdf");
  writeFileSync(file, bytes);
  // Kept for a human look (git-ignored): `pdftoppm -r 80 -png tests/.tmp/pdf-sample.pdf …`
  mkdirSync("tests/.tmp", { recursive: true });
  writeFileSync("tests/.tmp/pdf-sample.pdf", bytes);
  writeFileSync("tests/.tmp/pdf-sample-ar.pdf", await sample("ar"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PDF document builder", () => {
  it("extracts French text exactly, accents, guillemets, œ and € included", () => {
    const extracted = text(file, "-layout");
    expect(extracted).toContain(FRENCH);
    expect(text(file).replace(/\s+/g, " ")).toContain(FRENCH_LONG);
  });

  it("extracts the Arabic words, the title in reading order", () => {
    const extracted = text(file, "-layout");
    for (const w of ["اتفاقية", "شراكة", "وتعاون", "الجمعية", "السمارة", "يلتزم", "الطرفان", "رئيسة"])
      expect(extracted).toContain(w);
    // pdftotext writes RTL text in logical order (wrapped in U+202B … U+202C): the title reads as typed.
    const titleLine = extracted.split("\n").find((l) => l.includes("اتفاقية"))!;
    expect(titleLine.replace(/[\u202A-\u202E]/g, "").trim()).toBe(ARABIC_TITLE);
    const mixedLine = extracted.split("\n").find((l) => l.includes("Sofara Al-Khair"))!;
    expect(mixedLine).toContain("2022");
    expect(mixedLine).toContain("الجمعية");
  });

  it("draws the Arabic title right to left and right-aligned", () => {
    const all = words(file);
    const [first, second, third] = ARABIC_TITLE.split(" ").map((w) => word(all, w));
    expect(first!.xMin).toBeGreaterThan(second!.xMax); // first word is the rightmost
    expect(second!.xMin).toBeGreaterThan(third!.xMax);
    expect(first!.xMax).toBeCloseTo(PAGE_WIDTH - MARGIN, 0);
    // Mixed line: the Arabic word that starts it sits on the right of the Latin name, 2022 on the far left.
    const name = word(all, "Al-Khair");
    const line = all.filter((w) => w.page === name.page && w.yMin < name.yMax && w.yMax > name.yMin);
    const [association, place, year] = [word(line, "الجمعية"), word(line, "السمارة"), word(line, "2022")];
    expect(association.xMin).toBeGreaterThan(name.xMax);
    expect(place.xMax).toBeLessThan(name.xMin);
    expect(year.xMax).toBeLessThan(place.xMin);
    expect(association.xMax).toBeCloseTo(PAGE_WIDTH - MARGIN, 0);
  });

  it("rasterizes the Arabic title: ink where it is drawn, none left of it", () => {
    const dpi = 40;
    run("pdftoppm", ["-gray", "-r", String(dpi), "-f", "1", "-l", "1", file, path.join(dir, "page")]);
    const pgm = readPgm(readFileSync(path.join(dir, "page-1.pgm")));
    const box = word(words(file), "اتفاقية");
    const px = (pt: number) => Math.round((pt * dpi) / 72);
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = px(y0); y < px(y1); y++)
        for (let x = px(x0); x < px(x1); x++) if (pgm.pixels[y * pgm.width + x]! < 128) n++;
      return n;
    };
    expect(dark(box.xMin, box.yMin, box.xMax, box.yMax)).toBeGreaterThan(20);
    expect(dark(MARGIN, box.yMin, PAGE_WIDTH / 2, box.yMax)).toBe(0); // right-aligned: left half empty
  });

  it("numbers the pages in the footer", () => {
    const pages = text(file, "-layout").split("\f");
    expect(pages[0]).toContain("Page 1 / 2");
    expect(pages[0]).toContain("Convention CH-2024-001");
    expect(pages[1]).toContain("Page 2 / 2");
    expect(pages[1]).toContain("Fin du document.");
  });

  it("stays small: both fonts subset", () => {
    expect(bytes.length).toBeLessThan(120_000);
    const fonts = run("pdffonts", [file]);
    for (const name of ["NotoSans-Regular", "NotoSans-Bold", "Amiri-Regular", "Amiri-Bold"]) {
      expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${name}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
    }
  });

  it("gives byte-identical output for the same input", async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await sample("fr");
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const info = run("pdfinfo", [file]);
    expect(info).toMatch(/Title:\s+Convention de partenariat/);
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });

  it("mirrors key/value rows and the footer in an Arabic document", () => {
    const ar = path.join(dir, "ar.pdf");
    writeFileSync(ar, readFileSync("tests/.tmp/pdf-sample-ar.pdf"));
    const all = words(ar);
    const [label, value] = [word(all, "Nom"), word(all, "Fatima")];
    expect(label.xMin).toBeGreaterThan(value.xMax); // label column on the right
    expect(label.xMax).toBeCloseTo(PAGE_WIDTH - MARGIN, 0);
    const footerStart = word(all, "CH-2024-001");
    expect(footerStart.xMax).toBeCloseTo(PAGE_WIDTH - MARGIN, 0);
    expect(footerStart.yMin).toBeGreaterThan(PAGE_HEIGHT - MARGIN);
  });
});

describe("PDF page flow", () => {
  it("breaks long content across pages inside the margins, headings kept with their text", async () => {
    const doc = await createDocument({ title: "Flow", creationDate: new Date("2024-01-01T00:00:00Z"), language: "ar" });
    for (let i = 1; i <= 12; i++) {
      doc.heading(`المادة ${i}`, 2);
      doc.paragraph(ARABIC + " " + ARABIC);
      doc.paragraph(FRENCH_LONG + " " + FRENCH_LONG);
    }
    // A word first: with digits alone the footer follows the document's direction (RTL: "3 / 1"), and
    // pdftotext glues lone digits together ("1/3") although the spaces are drawn.
    doc.setFooter((page, count) => ({ center: `Page ${page} / ${count}` }));
    const file = path.join(dir, "flow.pdf"); // also copied to tests/.tmp for a look

    writeFileSync(file, await doc.finish());
    writeFileSync("tests/.tmp/pdf-flow.pdf", readFileSync(file));
    const all = words(file);
    const pages = Math.max(...all.map((w) => w.page));
    expect(pages).toBeGreaterThanOrEqual(3);
    const extracted = text(file);
    expect(extracted).toContain(`Page 1 / ${pages}`);
    expect(extracted).toContain(`Page ${pages} / ${pages}`);
    const body = all.filter((w) => w.yMax < PAGE_HEIGHT - 40);
    for (const w of body) {
      expect(w.xMin).toBeGreaterThanOrEqual(MARGIN - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(PAGE_WIDTH - MARGIN + 0.5);
      expect(w.yMax).toBeLessThanOrEqual(PAGE_HEIGHT - MARGIN + 6); // descenders may dip into the margin
    }
    // The last line of each page is never a heading ("المادة n").
    for (let page = 1; page < pages; page++) {
      const onPage = body.filter((w) => w.page === page);
      const bottom = onPage.reduce((a, b) => (b.yMax > a.yMax ? b : a));
      const lastLine = onPage.filter((w) => w.yMin < bottom.yMax && w.yMax > bottom.yMin).map((w) => w.text);
      expect(lastLine.length).toBeGreaterThan(2);
      expect(lastLine).not.toContain("المادة");
    }
  });

  it("refuses image bytes that are neither PNG nor JPEG", async () => {
    const doc = await createDocument({ title: "x", creationDate: new Date(0), language: "fr" });
    await expect(doc.image(new Uint8Array([1, 2, 3, 4]), { width: 10, height: 10 })).rejects.toThrow(/PNG and JPEG/);
  });
});

function readPgm(buffer: Buffer): { width: number; height: number; pixels: Buffer } {
  // "P5\n<width> <height>\n<maxval>\n" then one byte per pixel.
  const header = buffer
    .subarray(0, 64)
    .toString("latin1")
    .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error("not a binary PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buffer.subarray(header[0].length, header[0].length + width * height) };
}
