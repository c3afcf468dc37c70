/**
 * A small flowing-document builder over pdf-lib: A4 pages, mixed French/Arabic text, images, QR
 * codes, footers. Generic: it knows nothing about what the documents are about.
 *
 * Layout is recorded as a display list while the caller adds content (text measured on the full
 * fonts); finish() subsets each font to the characters actually drawn, embeds the subsets and replays
 * the list. Same input → byte-identical PDF (fixed dates, content-derived font names, no /ID).
 */
import QRCode from "qrcode";
import {
  beginText,
  endMarkedContent,
  endText,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  rotateAndSkewTextRadiansAndTranslate,
  setFillingColor,
  setFontAndSize,
  showText,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from "pdf-lib";
import { lineMetrics, loadFontkit, subsetFor, type FontKey } from "./fonts.server";
import { layoutLine, layoutText, lineX, type Align, type TextBlock } from "./text.server";
import type { Direction } from "./bidi.server";

type Rgb = [number, number, number];

export interface DocumentOptions {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Fixed date (creation and modification) so the same input gives identical bytes. */
  creationDate: Date;
  /** Document language (/Lang); "ar" mirrors the layout: start side = right. */
  language: "fr" | "ar" | "en";
}

export interface TextStyle {
  /** Point size; body default 10.5. */
  size?: number;
  bold?: boolean;
  /** RGB, each component 0–1. */
  color?: Rgb;
  /** "start" (default) is the paragraph's own start side: right for a right-to-left paragraph. */
  align?: Align;
  /** Base direction; default "auto": first strong character, else the document language's. */
  dir?: Direction;
}

export type FooterParts = { start?: string; end?: string; center?: string };

export interface PdfBuilder {
  /** Wrapped text inside the margins, across pages; "\n" starts a new line (and bidi paragraph). */
  paragraph(text: string, style?: TextStyle): void;
  /** Bold, 18/14/12 pt, on the paragraph's start side; never left alone at the bottom of a page. */
  heading(text: string, level: 1 | 2 | 3): void;
  spacer(points: number): void;
  /** New page, unless the current one is still empty. */
  pageBreak(): void;
  /** Two columns (label bold/muted, value), label on the start side: mirrored in Arabic documents. */
  keyValues(rows: Array<[string, string]>): void;
  /** PNG or JPEG scaled (up or down) to fit the box, aspect kept, on the document's start side. */
  image(bytes: Uint8Array, box: { width: number; height: number }): Promise<void>;
  /** Images side by side, one box each (shrunk if the row is too wide), first on the start side,
   *  each centred in its box on a common bottom line, optional caption centred below. */
  imageRow(
    items: Array<{ bytes: Uint8Array; caption?: string }>,
    box: { width: number; height: number },
  ): Promise<void>;
  /** QR code (level M, vector) of `size` points on the start side, caption beside it. */
  qrCode(text: string, caption: string, size?: number): void;
  /** Footer line drawn on every page at finish(): start / end follow the document's direction. */
  setFooter(render: (pageNumber: number, pageCount: number) => FooterParts): void;
  /** Footers, font subsetting, PDF bytes. Same input → same bytes. Call once. */
  finish(): Promise<Uint8Array>;
}

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 56;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BODY_SIZE = 10.5;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;
const FOOTER_BASELINE = 30;
const TEXT_COLOR: Rgb = [0.1, 0.1, 0.12];
const MUTED_COLOR: Rgb = [0.38, 0.38, 0.42];
const FONT_ORDER: FontKey[] = ["latin", "latin-bold", "arabic", "arabic-bold"];

type Op =
  | {
      kind: "text";
      x: number;
      y: number;
      size: number;
      font: FontKey;
      text: string;
      /** What was typed behind each drawn unit where it differs: carried in the text layer (drawActualText). */
      actual?: Array<string | null>;
      color: Rgb;
    }
  | { kind: "path"; x: number; y: number; scale: number; path: string }
  | { kind: "image"; x: number; y: number; width: number; height: number; image: PDFImage };

export async function createDocument(options: DocumentOptions): Promise<PdfBuilder> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(loadFontkit());
  return new Builder(doc, options);
}

/**
 * Draws a throwaway page in Latin and Arabic, regular and bold: loads fontkit, the four fonts and the
 * subsetter's WebAssembly, which the first real document otherwise waits for (~1 s). The PDF worker
 * calls it when it starts, on its own thread.
 */
export async function warmUpPdf(): Promise<void> {
  const doc = await createDocument({ title: "warm-up", creationDate: new Date(0), language: "ar" });
  doc.heading("Convention — اتفاقية شراكة", 1);
  doc.paragraph("Article 1 — المادة الأولى: الطرفان 0123456789");
  await doc.finish();
}

class Builder implements PdfBuilder {
  private pages: Op[][] = [];
  /** Distance from the top of the current page to the next free line. */
  private cursor = MARGIN;
  private footer?: (pageNumber: number, pageCount: number) => FooterParts;
  private finished = false;
  private readonly rtl: boolean;

  constructor(
    private readonly doc: PDFDocument,
    private readonly options: DocumentOptions,
  ) {
    this.rtl = options.language === "ar";
  }

  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? BODY_SIZE;
    this.flow(
      text,
      size,
      style.bold ?? false,
      style.color ?? TEXT_COLOR,
      style.align ?? "start",
      style.dir ?? "auto",
      0,
    );
    this.cursor += size * 0.55;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = HEADING_SIZE[level];
    const after = size * 0.35;
    // Keep with next: a heading never ends a page; it needs room for two body lines after it (the
    // first two lines of a paragraph, which flow() keeps together).
    this.flow(
      text,
      size,
      true,
      TEXT_COLOR,
      "start",
      "auto",
      size * 0.7,
      after + 2 * lineMetrics(BODY_SIZE).height + 0.01,
    );
    this.cursor += after;
  }

  spacer(points: number): void {
    if (this.pages.length === 0) this.newPage(); // so a title page can start lower down
    this.cursor += points;
  }

  pageBreak(): void {
    if (this.pages.length === 0 || this.cursor > MARGIN) this.newPage();
  }

  keyValues(rows: Array<[string, string]>): void {
    const labelWidth = CONTENT_WIDTH * 0.34;
    const gap = 14;
    const valueWidth = CONTENT_WIDTH - labelWidth - gap;
    // Label column on the start side: left in French, right in Arabic; cells align to that side too.
    const labelLeft = this.rtl ? MARGIN + CONTENT_WIDTH - labelWidth : MARGIN;
    const valueLeft = this.rtl ? MARGIN : MARGIN + labelWidth + gap;
    const common = { size: BODY_SIZE, dir: "auto" as const, fallbackRtl: this.rtl };
    for (const [label, value] of rows) {
      const l = layoutText(label, { ...common, bold: true, maxWidth: labelWidth });
      const v = layoutText(value, { ...common, bold: false, maxWidth: valueWidth });
      this.ensure(Math.max(l.height, v.height));
      this.drawBlock(l, this.cursor, labelLeft, labelWidth, "start", MUTED_COLOR, this.rtl);
      this.drawBlock(v, this.cursor, valueLeft, valueWidth, "start", TEXT_COLOR, this.rtl);
      this.cursor += Math.max(l.height, v.height) + 2;
    }
    this.cursor += BODY_SIZE * 0.55;
  }

  async image(bytes: Uint8Array, box: { width: number; height: number }): Promise<void> {
    const image = await this.embedImage(bytes);
    const { width, height } = fit(image, box);
    this.ensure(height);
    const x = this.rtl ? MARGIN + CONTENT_WIDTH - width : MARGIN;
    this.push({ kind: "image", x, y: PAGE_HEIGHT - this.cursor - height, width, height, image });
    this.cursor += height + 6;
  }

  async imageRow(
    items: Array<{ bytes: Uint8Array; caption?: string }>,
    box: { width: number; height: number },
  ): Promise<void> {
    if (items.length === 0) return;
    const gap = 16;
    const shrink = Math.min(1, (CONTENT_WIDTH - gap * (items.length - 1)) / (box.width * items.length));
    const cell = { width: box.width * shrink, height: box.height * shrink };
    const images = [];
    for (const item of items) images.push(await this.embedImage(item.bytes));
    const captionSize = 8.5;
    const captions = items.map((item) =>
      layoutText(item.caption ?? "", {
        size: captionSize,
        bold: false,
        dir: "auto",
        fallbackRtl: this.rtl,
        maxWidth: cell.width,
      }),
    );
    const hasCaptions = items.some((item) => item.caption);
    const captionHeight = hasCaptions ? 4 + Math.max(...captions.map((c) => c.height)) : 0;
    this.ensure(cell.height + captionHeight);
    images.forEach((image, i) => {
      // First item on the start side: leftmost in French, rightmost in Arabic.
      const left = this.rtl ? MARGIN + CONTENT_WIDTH - (i + 1) * cell.width - i * gap : MARGIN + i * (cell.width + gap);
      const { width, height } = fit(image, cell);
      // Centred in its cell and sitting on the cell's bottom edge (signature and stamp share a line).
      const y = PAGE_HEIGHT - this.cursor - cell.height;
      this.push({ kind: "image", x: left + (cell.width - width) / 2, y, width, height, image });
      if (hasCaptions)
        this.drawBlock(captions[i]!, this.cursor + cell.height + 4, left, cell.width, "center", MUTED_COLOR, this.rtl);
    });
    this.cursor += cell.height + captionHeight + 8;
  }

  qrCode(text: string, caption: string, size = 72): void {
    const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
    const n = qr.modules.size;
    // One path of horizontal bars (runs of dark modules), in module units, y pointing down.
    let path = "";
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (!qr.modules.get(row, col)) continue;
        let end = col;
        while (end + 1 < n && qr.modules.get(row, end + 1)) end++;
        path += `M${col} ${row}h${end - col + 1}v1h${col - end - 1}z`;
        col = end;
      }
    }
    const gap = 12;
    const captionWidth = CONTENT_WIDTH - size - gap;
    const c = layoutText(caption, { size: 9, bold: false, dir: "auto", fallbackRtl: this.rtl, maxWidth: captionWidth });
    const height = Math.max(size, c.height);
    this.cursor += 4; // part of the quiet zone around the symbol
    this.ensure(height);
    const qrLeft = this.rtl ? MARGIN + CONTENT_WIDTH - size : MARGIN;
    this.push({ kind: "path", x: qrLeft, y: PAGE_HEIGHT - this.cursor - (height - size) / 2, scale: size / n, path });
    const captionLeft = this.rtl ? MARGIN : MARGIN + size + gap;
    this.drawBlock(c, this.cursor + (height - c.height) / 2, captionLeft, captionWidth, "start", MUTED_COLOR, this.rtl);
    this.cursor += height + 10;
  }

  setFooter(render: (pageNumber: number, pageCount: number) => FooterParts): void {
    this.footer = render;
  }

  async finish(): Promise<Uint8Array> {
    if (this.finished) throw new Error("finish() was already called");
    this.finished = true;
    if (this.pages.length === 0) this.newPage();
    if (this.footer) this.drawFooters(this.footer);

    const used = new Map<FontKey, string>();
    for (const op of this.pages.flat()) {
      if (op.kind !== "text") continue;
      // A ligature standing for two letters carries the first on a zero-width space (drawActualText).
      const extra = op.actual?.some((a) => a !== null && a.length > 1) ? ZERO_WIDTH : "";
      used.set(op.font, (used.get(op.font) ?? "") + op.text + extra);
    }
    const fonts = new Map<FontKey, PDFFont>();
    const zeroWidth = new Map<FontKey, PDFHexString>();
    const actualTextCache: ActualTextCache = { spans: new Map(), glyphs: new Map() };
    for (const key of FONT_ORDER) {
      const chars = used.get(key);
      if (!chars) continue;
      const subset = await subsetFor(key, chars);
      fonts.set(key, await this.doc.embedFont(subset.bytes, { customName: subset.name }));
      // Its glyph by id: laying out U+200B alone, fontkit hides it behind a space, which has a width.
      if (chars.includes(ZERO_WIDTH)) {
        const id = loadFontkit().create(Buffer.from(subset.bytes)).glyphForCodePoint(ZERO_WIDTH.codePointAt(0)!).id;
        zeroWidth.set(key, PDFHexString.of(id.toString(16).padStart(4, "0")));
      }
    }

    for (const ops of this.pages) {
      const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
      const fontKeys = new Map<FontKey, PDFName>();
      for (const op of ops) {
        if (op.kind === "text" && op.actual) {
          const font = fonts.get(op.font)!;
          let key = fontKeys.get(op.font);
          if (!key) fontKeys.set(op.font, (key = page.node.newFontDictionary(font.name, font.ref)));
          drawActualText(page, op as Required<typeof op>, font, key, zeroWidth.get(op.font), actualTextCache);
        } else if (op.kind === "text") {
          page.drawText(op.text, {
            x: op.x,
            y: op.y,
            size: op.size,
            font: fonts.get(op.font)!,
            color: rgb(...op.color),
          });
        } else if (op.kind === "path") {
          page.drawSvgPath(op.path, { x: op.x, y: op.y, scale: op.scale, color: rgb(0, 0, 0), borderWidth: 0 });
        } else {
          page.drawImage(op.image, { x: op.x, y: op.y, width: op.width, height: op.height });
        }
      }
    }

    const { doc, options } = this;
    doc.setTitle(options.title, { showInWindowTitleBar: true });
    if (options.author) doc.setAuthor(options.author);
    if (options.subject) doc.setSubject(options.subject);
    if (options.keywords?.length) doc.setKeywords(options.keywords);
    doc.setCreator("pdf-lib document builder");
    doc.setProducer("pdf-lib 1.17");
    doc.setCreationDate(options.creationDate);
    doc.setModificationDate(options.creationDate);
    doc.setLanguage(options.language);
    return doc.save();
  }

  // ---------------------------------------------------------------------------------------------

  private newPage(): void {
    this.pages.push([]);
    this.cursor = MARGIN;
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  private ensure(height: number): boolean {
    if (this.pages.length === 0) {
      this.newPage();
      return true;
    }
    if (this.cursor + height > PAGE_HEIGHT - MARGIN && this.cursor > MARGIN) {
      this.newPage();
      return true;
    }
    return false;
  }

  private push(op: Op): void {
    if (this.pages.length === 0) this.newPage();
    this.pages[this.pages.length - 1]!.push(op);
  }

  /**
   * Flowing text across pages, line by line. `before`: space above, dropped at the top of a page.
   * `keep` > 0 keeps the whole block together with that much room below it (headings); otherwise
   * only the first two lines must fit on the page (no lone first line at the bottom).
   */
  private flow(
    text: string,
    size: number,
    bold: boolean,
    color: Rgb,
    align: Align,
    dir: Direction,
    before: number,
    keep = 0,
  ): void {
    const block = layoutText(text, { size, bold, dir, fallbackRtl: this.rtl, maxWidth: CONTENT_WIDTH });
    const first = keep > 0 ? block.height : Math.min(2, block.lines.length) * block.lineHeight;
    if (!this.ensure(before + first + keep) && this.cursor > MARGIN) this.cursor += before;
    for (const line of block.lines) {
      this.ensure(block.lineHeight);
      this.drawBlock({ ...block, lines: [line] }, this.cursor, MARGIN, CONTENT_WIDTH, align, color, line.rtl);
      this.cursor += block.lineHeight;
    }
  }

  /** Draws a laid-out block whose top is `top` points below the top of the current page. */
  private drawBlock(
    block: TextBlock,
    top: number,
    left: number,
    width: number,
    align: Align,
    color: Rgb,
    rtl: boolean,
  ): void {
    block.lines.forEach((line, i) => {
      let x = lineX(line.width, left, width, align, rtl);
      const y = PAGE_HEIGHT - top - block.baseline - i * block.lineHeight;
      for (const run of line.runs) {
        this.push({ kind: "text", x, y, size: run.size, font: run.font, text: run.text, actual: run.actual, color });
        x += run.width;
      }
    });
  }

  private drawFooters(render: (pageNumber: number, pageCount: number) => FooterParts): void {
    const count = this.pages.length;
    this.pages.forEach((ops, index) => {
      const parts = render(index + 1, count);
      for (const align of ["start", "end", "center"] as const) {
        const text = parts[align];
        if (!text) continue;
        const line = layoutLine(text, 8.5, false, this.rtl);
        let x = lineX(line.width, MARGIN, CONTENT_WIDTH, align, this.rtl);
        for (const run of line.runs) {
          ops.push({
            kind: "text",
            x,
            y: FOOTER_BASELINE,
            size: run.size,
            font: run.font,
            text: run.text,
            actual: run.actual,
            color: MUTED_COLOR,
          });
          x += run.width;
        }
      }
    });
  }

  private async embedImage(bytes: Uint8Array): Promise<PDFImage> {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
      return this.doc.embedPng(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return this.doc.embedJpg(bytes);
    throw new Error("image: only PNG and JPEG are supported");
  }
}

const ZERO_WIDTH = "\u200B";

interface ActualTextCache {
  spans: Map<string, PDFOperator>;
  glyphs: Map<string, PDFHexString>;
}

/**
 * Draws a run exactly as drawText would (same font, size, position and glyphs, one text object) and
 * gives the glyphs that are not what was typed their typed text: each in a marked-content span with
 * /ActualText (PDF 1.5, §14.9.4), which text extraction, search and copy (poppler, Acrobat, pdf.js)
 * use instead of the glyph's ToUnicode entry. So "مصطفى" drawn with presentation forms (its final ى
 * shares a glyph with Farsi yeh) copies as typed.
 *
 * One span per glyph, each with one character: readers put a span's text where its glyph is, and
 * order right-to-left text by position; a span of several letters would come out reversed in some.
 * A lam-alef ligature stands for two letters: the ligature carries the second (its left, visual
 * part) and a zero-width space drawn right after it, at its right edge, carries the first.
 */
function drawActualText(
  page: PDFPage,
  op: { x: number; y: number; size: number; text: string; actual: Array<string | null>; color: Rgb },
  font: PDFFont,
  key: PDFName,
  zeroWidth: PDFHexString | undefined,
  cache: ActualTextCache,
): void {
  // The same letters come back thousands of times in a long text: their operators are built once.
  const span = (typed: string) => {
    let operator = cache.spans.get(typed);
    if (!operator)
      cache.spans.set(
        typed,
        (operator = PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
          PDFName.of("Span"),
          // An inline property dictionary is a valid BDC operand; pdf-lib's operand type leaves dictionaries out.
          page.doc.context.obj({ ActualText: PDFHexString.fromText(typed) }) as unknown as PDFName,
        ])),
      );
    return operator;
  };
  const glyph = (char: string) => {
    const id = `${font.name}\u0000${char}`;
    let encoded = cache.glyphs.get(id);
    if (!encoded) cache.glyphs.set(id, (encoded = font.encodeText(char)));
    return encoded;
  };
  const operators = [
    pushGraphicsState(),
    beginText(),
    setFillingColor(rgb(...op.color)),
    setFontAndSize(key, op.size),
    rotateAndSkewTextRadiansAndTranslate(0, 0, 0, op.x, op.y),
  ];
  let plain = "";
  const flush = () => {
    if (plain) operators.push(showText(font.encodeText(plain)));
    plain = "";
  };
  for (let i = 0; i < op.text.length; i++) {
    const typed = op.actual[i];
    if (typed === null || typed === undefined) {
      plain += op.text[i];
      continue;
    }
    flush();
    const letters = Array.from(typed);
    operators.push(span(letters.at(-1)!), showText(glyph(op.text[i]!)), endMarkedContent());
    for (const letter of letters.slice(0, -1).reverse())
      if (zeroWidth) operators.push(span(letter), showText(zeroWidth), endMarkedContent());
  }
  flush();
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}

/** The image's size scaled (up or down) to fit inside `box`, aspect ratio kept. */
function fit(image: PDFImage, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  return { width: image.width * scale, height: image.height * scale };
}
