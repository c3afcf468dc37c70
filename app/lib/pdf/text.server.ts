/**
 * Text blocks: a string → measured lines of font runs ready to draw. Joins the pure bidi pipeline
 * (bidi.server.ts) with font metrics (fonts.server.ts). Knows nothing about pages.
 */
import {
  lineRuns,
  prepareParagraph,
  scriptChunks,
  visualRuns,
  wrapParagraph,
  type Direction,
  type VisualRun,
} from "./bidi.server";
import { fontFor, lineMetrics, measure, sizeFor, type FontKey } from "./fonts.server";

export interface DrawRun {
  font: FontKey;
  /** Point size actually drawn (Arabic runs are scaled up, see fonts.server.ts). */
  size: number;
  /** The characters in visual (left-to-right) order, as pdf-lib's drawText draws them (see subsetFor). */
  text: string;
  /** What was typed behind each drawn UTF-16 unit, where it differs (VisualRun.actual). */
  actual?: Array<string | null>;
  width: number;
}

export interface TextLine {
  runs: DrawRun[];
  width: number;
  /** Base direction of the paragraph this line belongs to. */
  rtl: boolean;
}

export interface TextBlock {
  lines: TextLine[];
  lineHeight: number;
  /** Offset of the first baseline below the top of the block. */
  baseline: number;
  height: number;
}

export interface TextOptions {
  size: number;
  bold: boolean;
  dir: Direction;
  /** Direction when `dir` is "auto" and the text has no strong character (the document's). */
  fallbackRtl: boolean;
  /** Wrap width in points; Infinity for a single unwrapped line per "\n". */
  maxWidth: number;
}

function toDrawRuns(runs: VisualRun[], size: number, bold: boolean): DrawRun[] {
  return runs.map((run) => {
    const font = fontFor(run.script, bold);
    const drawSize = sizeFor(font, size);
    const width = measure(font, run.text, drawSize);
    return run.actual
      ? { font, size: drawSize, text: run.text, actual: run.actual, width }
      : { font, size: drawSize, text: run.text, width };
  });
}

function line(runs: DrawRun[], rtl: boolean): TextLine {
  return { runs, rtl, width: runs.reduce((sum, run) => sum + run.width, 0) };
}

/** Lays out `text`; each "\n" starts a new bidi paragraph (own direction) on a new line. */
export function layoutText(text: string, options: TextOptions): TextBlock {
  const { size, bold } = options;
  const lines: TextLine[] = [];
  for (const part of text.split(/\r?\n/)) {
    const p = prepareParagraph(part, options.dir, options.fallbackRtl);
    const width = (start: number, end: number) =>
      scriptChunks(p, start, end).reduce((sum, chunk) => {
        const font = fontFor(chunk.script, bold);
        return sum + measure(font, chunk.text, sizeFor(font, size));
      }, 0);
    for (const [start, end] of wrapParagraph(p, width, options.maxWidth)) {
      lines.push(line(toDrawRuns(visualRuns(p, start, end), size, bold), p.rtl));
    }
  }
  const { height, baseline } = lineMetrics(size);
  return { lines, lineHeight: height, baseline, height: lines.length * height };
}

/** One line, no wrapping (footers). */
export function layoutLine(text: string, size: number, bold: boolean, fallbackRtl: boolean): TextLine {
  const { runs, rtl } = lineRuns(text, "auto", fallbackRtl);
  return line(toDrawRuns(runs, size, bold), rtl);
}

export type Align = "start" | "end" | "center";

/**
 * Left x of a line inside [left, left + width]. "start" is the right edge when `rtl`: pass the
 * paragraph's own direction for flowing text, the document's for table cells and captions (so a
 * French value in an Arabic table still lines up on the right).
 */
export function lineX(lineWidth: number, left: number, width: number, align: Align, rtl: boolean): number {
  if (align === "center") return left + (width - lineWidth) / 2;
  const right = (align === "start") === rtl;
  return right ? left + width - lineWidth : left;
}
