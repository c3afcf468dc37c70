/**
 * Bidirectional text for the PDF builder — pure functions, no fonts, no I/O.
 *
 * Pipeline for one paragraph (see STACK_NOTES "Arabic in PDFs with pdf-lib"):
 *  1. prepareParagraph: shape Arabic into presentation forms (joined letters, lam-alef) with
 *     arabic-persian-reshaper, resolve bidi embedding levels on the whole *logical* paragraph
 *     (bidi-js), and pick a script (hence a font) for every character.
 *  2. wrapParagraph: break the logical text into lines by measured width. Wrapping happens before
 *     reordering, as UAX #9 requires (rule L1–L2 apply per line).
 *  3. visualRuns: reorder one line into visual left-to-right runs, mirroring brackets in RTL
 *     context. Each run is one font and one direction, and says which typed characters each drawn
 *     one stands for (`actual`), for the PDF's text layer.
 */
import reshaper from "arabic-persian-reshaper";
import bidiFactory from "bidi-js";

const bidi = bidiFactory();

export type Script = "arabic" | "latin";
export type Direction = "ltr" | "rtl" | "auto";

export interface PreparedParagraph {
  /** The shaped logical text (may be shorter than the input: lam + alef become one character). */
  text: string;
  levels: ReturnType<typeof bidi.getEmbeddingLevels>;
  /** Base direction of the paragraph. */
  rtl: boolean;
  /** Script (font family) of each UTF-16 unit of `text`. */
  scripts: Script[];
  /**
   * For each UTF-16 unit of `text`, the characters typed that it stands for (a presentation form
   * stands for its letter, lam-alef for two), or null when the shaping could not be traced back
   * (then the text layer keeps what is drawn). What a reader copies or searches: see VisualRun.actual.
   */
  sources: string[] | null;
}

export interface VisualRun {
  /** The characters in visual (left-to-right) order, brackets already mirrored. */
  text: string;
  script: Script;
  /** True when the run is at an odd (right-to-left) embedding level. */
  rtl: boolean;
  /**
   * Present when something drawn is not what was typed (a presentation form, lam-alef, a mirrored
   * bracket): for each UTF-16 unit of `text`, the typed characters it stands for, else null. The
   * PDF's text layer carries them (ActualText), so that the text copied and searched is the typed
   * one while the drawing stays the same.
   */
  actual?: Array<string | null>;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Any space character (for choosing fonts). */
const SPACE = /[ \u00A0\u2000-\u200A\u202F\u205F\u3000]/;
/**
 * Spaces where a line may break: not U+00A0, U+2007 or U+202F, which French typography (and
 * Intl.NumberFormat("fr") — "12 500,00 MAD") uses to keep numbers and « » with their neighbours.
 */
const BREAK = /[ \u2000-\u2006\u2008-\u200A\u205F\u3000]/;

/**
 * Bidi controls and zero-width characters (LRM/RLM/ALM, embeddings, isolates, ZWJ/ZWNJ, BOM): they
 * steer the bidi algorithm but are never drawn (fonts map them to nothing or to a .notdef box).
 * Example: "\u200E1 / 2" forces a left-to-right footer in an Arabic document.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

export function isArabic(char: string): boolean {
  return ARABIC.test(char);
}

/** Arabic presentation forms (what the reshaper draws) and the lam-alef ligatures among them. */
const PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LAM_ALEF = /[\uFEF5-\uFEFC]/;
const ALEF = /[\u0622\u0623\u0625\u0627]/;

/**
 * The typed characters behind each unit of the reshaped text: the reshaper replaces a letter by one
 * presentation form and lam + alef by one ligature, and leaves everything else in place. Null when
 * the two do not line up that way (then nothing is claimed).
 */
export function traceShaping(typed: string, shaped: string): string[] | null {
  const sources: string[] = [];
  let i = 0;
  for (const char of shaped) {
    if (i >= typed.length) return null;
    if (LAM_ALEF.test(char)) {
      if (typed[i] !== "\u0644" || !ALEF.test(typed[i + 1] ?? "")) return null;
      sources.push(typed.slice(i, i + 2));
      i += 2;
    } else if (typed.startsWith(char, i)) {
      // One entry per UTF-16 unit: a character outside the BMP (never reshaped) takes two.
      for (let k = 0; k < char.length; k++) sources.push(typed[i + k]!);
      i += char.length;
    } else if (PRESENTATION.test(char) && ARABIC.test(typed[i]!)) {
      sources.push(typed[i]!);
      i += 1;
    } else {
      return null;
    }
  }
  return i === typed.length ? sources : null;
}

/** Direction of the first strong character, or null when the text has none (digits, punctuation). */
export function firstStrongDirection(text: string): "ltr" | "rtl" | null {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === "L") return "ltr";
    if (type === "R" || type === "AL") return "rtl";
  }
  return null;
}

/**
 * Arabic letters go to the Arabic font; everything else (Latin, digits, brackets, « ») to the Latin
 * one — Amiri's Latin glyphs space badly. A space goes with the Arabic font only between two Arabic
 * characters, so an Arabic phrase stays one run (one drawText) and gets Amiri's word spacing.
 */
function assignScripts(text: string): Script[] {
  const scripts: Script[] = Array.from(text, () => "latin" as Script);
  const arabic = Array.from(text, (c) => isArabic(c));
  for (let i = 0; i < text.length; i++) {
    if (arabic[i]) scripts[i] = "arabic";
    else if (SPACE.test(text[i]!)) {
      let before = i - 1;
      while (before >= 0 && SPACE.test(text[before]!)) before--;
      let after = i + 1;
      while (after < text.length && SPACE.test(text[after]!)) after++;
      if (before >= 0 && after < text.length && arabic[before] && arabic[after]) scripts[i] = "arabic";
    }
  }
  return scripts;
}

/** Left and right arrows, which the PDF fonts (Noto Sans, Amiri) lack. */
const ARROWS = /[\u2190\u2192\u21D0\u21D2]/g;

/**
 * Shapes and analyses one paragraph (no line breaks inside: split on "\n" first).
 * `dir: "auto"` takes the direction of the first strong character, else `fallbackRtl`.
 */
export function prepareParagraph(input: string, dir: Direction, fallbackRtl: boolean): PreparedParagraph {
  // Tabs and stray control characters would be drawn as .notdef boxes, and so would arrows (neither
  // font has one; the interface's texts use them, e.g. an indicator's "0 → 500"): an en dash instead.
  /* eslint-disable no-control-regex -- removing control characters is the point */
  const clean = input
    .replace(/[\t\u000B\f]/g, " ")
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, "")
    .replace(ARROWS, "–");
  /* eslint-enable no-control-regex */
  const shaped = ARABIC.test(clean);
  const text = shaped ? reshaper.ArabicShaper.convertArabic(clean) : clean;
  const strong = dir === "auto" ? firstStrongDirection(text) : dir;
  const rtl = strong === null ? fallbackRtl : strong === "rtl";
  const levels = bidi.getEmbeddingLevels(text, rtl ? "rtl" : "ltr");
  const sources = shaped ? traceShaping(clean, text) : text.split("");
  return { text, levels, rtl, scripts: assignScripts(text), sources };
}

/** Consecutive same-script pieces of [start, end) in logical order, for measuring. */
export function scriptChunks(
  p: PreparedParagraph,
  start: number,
  end: number,
): Array<{ text: string; script: Script }> {
  const chunks: Array<{ text: string; script: Script }> = [];
  let from = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || p.scripts[i] !== p.scripts[from]) {
      const text = Array.from(p.text.slice(from, i))
        .filter((c) => !INVISIBLE.test(c))
        .join("");
      if (text) chunks.push({ text, script: p.scripts[from]! });
      from = i;
    }
  }
  return chunks;
}

/**
 * Greedy line breaking on the logical text. `width(start, end)` measures [start, end); widths are
 * additive across words because no glyph substitution crosses a space. Returns [start, end) ranges
 * without the spaces at the break. A word wider than a line is cut between characters.
 */
export function wrapParagraph(
  p: PreparedParagraph,
  width: (start: number, end: number) => number,
  maxWidth: number,
): Array<[number, number]> {
  const { text } = p;
  const lines: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length && BREAK.test(text[i]!)) i++; // leading spaces are dropped
  let lineStart = i;
  let lineEnd = i; // end of the last word placed on the line
  let lineWidth = 0;
  while (i < text.length) {
    let wordEnd = i;
    while (wordEnd < text.length && !BREAK.test(text[wordEnd]!)) wordEnd++;
    const gap = lineEnd > lineStart ? width(lineEnd, i) : 0; // spaces before this word
    const word = width(i, wordEnd);
    if (lineEnd > lineStart && lineWidth + gap + word > maxWidth) {
      lines.push([lineStart, lineEnd]);
      lineStart = lineEnd = i;
      lineWidth = 0;
      continue;
    }
    if (lineEnd === lineStart && word > maxWidth) {
      // Cut an overlong word: take as many characters as fit (at least one).
      let cut = i + 1;
      while (cut < wordEnd && width(i, cut + 1) <= maxWidth) cut++;
      if (cut < wordEnd) {
        lines.push([i, cut]);
        lineStart = lineEnd = i = cut;
        continue;
      }
    }
    lineWidth += gap + word;
    lineEnd = wordEnd;
    i = wordEnd;
    while (i < text.length && BREAK.test(text[i]!)) i++;
  }
  if (lineEnd > lineStart || lines.length === 0) lines.push([lineStart, lineEnd]);
  return lines;
}

/**
 * One line [start, end) of a prepared paragraph in visual order, as runs from left to right.
 *
 * bidi-js gives the segments to flip in sequence (rule L2); applying them to the index list yields
 * the visual order. Mirrored characters (brackets, « ») are swapped at odd levels (rule L4) — bidi-js
 * does not do this itself, and `getMirroredCharactersMap` wants the `levels` array, not the result
 * object. Runs are split where the script or the direction parity changes.
 */
export function visualRuns(p: PreparedParagraph, start: number, end: number): VisualRun[] {
  if (end <= start) return [];
  const order: number[] = [];
  for (let i = start; i < end; i++) order.push(i);
  for (const [from, to] of bidi.getReorderSegments(p.text, p.levels, start, end - 1)) {
    const slice = order.slice(from! - start, to! - start + 1).reverse();
    order.splice(from! - start, slice.length, ...slice);
  }
  const mirrored = bidi.getMirroredCharactersMap(p.text, p.levels.levels, start, end - 1);
  const runs: Array<VisualRun & { actual: Array<string | null> }> = [];
  for (const index of order) {
    const char = mirrored.get(index) ?? p.text[index]!;
    if (INVISIBLE.test(char)) continue;
    const script = p.scripts[index]!;
    const rtl = (p.levels.levels[index]! & 1) === 1;
    const source = p.sources?.[index];
    const actual = source !== undefined && source !== char ? source : null;
    const last = runs[runs.length - 1];
    if (last && last.script === script && last.rtl === rtl) {
      last.text += char;
      last.actual.push(actual);
    } else runs.push({ text: char, script, rtl, actual: [actual] });
  }
  return runs.map(({ actual, ...run }) => {
    // A surrogate pair (emoji…) at an odd level comes out as low+high: put it back in order.
    run.text = run.text.replace(/([\uDC00-\uDFFF])([\uD800-\uDBFF])/g, "$2$1");
    return actual.some((a) => a !== null) ? { ...run, actual } : run;
  });
}

/** Convenience for one short line (captions, footers): prepare + visual runs, no wrapping. */
export function lineRuns(text: string, dir: Direction, fallbackRtl: boolean): { runs: VisualRun[]; rtl: boolean } {
  const p = prepareParagraph(text.replace(/[\r\n\t]+/g, " ").trim(), dir, fallbackRtl);
  return { runs: visualRuns(p, 0, p.text.length), rtl: p.rtl };
}
