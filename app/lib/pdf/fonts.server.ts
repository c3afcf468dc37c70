/**
 * Fonts for the PDF builder: Amiri for Arabic script, Noto Sans for everything else (Latin, digits,
 * punctuation). Text is measured with fontkit on the full fonts while laying out; at the end each
 * font used is subset (HarfBuzz, via `subset-font`) to the characters actually drawn and embedded.
 *
 * Font files are found with `createRequire(import.meta.url)`, which works both from the sources
 * (vitest) and from the bundled server (build/index.js, node_modules beside it). The same `require`
 * loads fontkit and subset-font on first use only: subset-font brings HarfBuzz in WebAssembly (its
 * WOFF2 modules are left out, see loadSubsetFont), which only the thread that draws PDFs should pay for, not
 * the one answering requests (the server's bundle imports this module too; app/pdf-worker.ts is the
 * worker's).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import type fontkitModule from "@pdf-lib/fontkit";
import type subsetFontModule from "subset-font";
import type { Script } from "./bidi.server";

export type FontKey = "arabic" | "arabic-bold" | "latin" | "latin-bold";

const FILES: Record<FontKey, string> = {
  arabic: "@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf",
  "arabic-bold": "@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf",
  latin: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  "latin-bold": "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
};

/**
 * OpenType features handed to fontkit when we measure. Ligatures and contextual alternates are
 * switched off: they turn several characters into a glyph that has no entry in the font's cmap, so
 * a PDF's ToUnicode map cannot name it and the text disappears from copy/paste and pdftotext
 * ("officiel" → "o ciel"). Arabic joining does not need them: the reshaper already chose the
 * presentation forms. With these, laying out substitutes nothing: each character is drawn with its
 * own glyph (tests/unit/pdf-fonts.test.ts), which is what lets the embedded subsets go without
 * layout tables (subsetFor).
 */
export const FONT_FEATURES = { liga: false, clig: false, dlig: false, calt: false, rlig: false };

/**
 * Amiri draws smaller than Noto Sans at the same point size (shorter x-height); Arabic runs are set
 * this much bigger so mixed lines look even.
 */
const ARABIC_SCALE = 1.15;

type Font = ReturnType<typeof fontkitModule.create>;
const bytesCache = new Map<FontKey, Uint8Array>();
const fontCache = new Map<FontKey, Font>();
const require = createRequire(import.meta.url);
let fontkit: typeof fontkitModule | null = null;
let subsetFont: typeof subsetFontModule | null = null;

/** fontkit, loaded on first use (also handed to pdf-lib by document.server.ts). */
export function loadFontkit(): typeof fontkitModule {
  return (fontkit ??= require("@pdf-lib/fontkit") as typeof fontkitModule);
}

/** The full font file (read once per process). */
export function fontBytes(key: FontKey): Uint8Array {
  let bytes = bytesCache.get(key);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(require.resolve(FILES[key])));
    bytesCache.set(key, bytes);
  }
  return bytes;
}

function font(key: FontKey): Font {
  let f = fontCache.get(key);
  if (!f) {
    f = loadFontkit().create(fontBytes(key));
    fontCache.set(key, f);
  }
  return f;
}

export function fontFor(script: Script, bold: boolean): FontKey {
  if (script === "arabic") return bold ? "arabic-bold" : "arabic";
  return bold ? "latin-bold" : "latin";
}

/** The point size to draw a run of `key` at, for a paragraph of `size`. */
export function sizeFor(key: FontKey, size: number): number {
  return key.startsWith("arabic") ? size * ARABIC_SCALE : size;
}

/**
 * Width in points of `text` drawn by pdf-lib at `size` (already scaled by sizeFor). pdf-lib advances
 * by each glyph's advanceWidth (it ignores GPOS positions), so that is what is summed.
 *
 * Laying out a string with fontkit is a whole OpenType shaping pass (a plan, then every GSUB/GPOS
 * lookup), and a 40-article agreement measured each word several times: that was most of the PDF's
 * time. Widths are additive across spaces (no substitution crosses one with FONT_FEATURES; line
 * breaking relies on it too), so a string is measured as its words and runs of spaces, each measured
 * once per process and remembered in font units (integers: the sums, hence the PDF, are unchanged).
 * A word is measured by its glyphs from the cmap, without a shaping pass: with FONT_FEATURES laying
 * out substitutes nothing (see subsetFor), and the embedded subsets have no layout tables, so these
 * are exactly the glyphs drawn (tests/unit/pdf-fonts.test.ts). The shaping pass, and parsing the
 * full fonts' GSUB and GPOS for it, was most of the first document's time (~400 ms of 830).
 */
export function measure(key: FontKey, text: string, size: number): number {
  if (!text) return 0;
  let units = 0;
  for (const piece of text.split(PIECES)) if (piece) units += pieceUnits(key, piece);
  return (units * size) / font(key).unitsPerEm;
}

const PIECES = /( +)/;
/** Distinct words remembered per font before starting over (~100 bytes each). */
const WIDTH_CACHE_LIMIT = 50_000;
const widthCache = new Map<FontKey, Map<string, number>>();

function pieceUnits(key: FontKey, piece: string): number {
  let widths = widthCache.get(key);
  if (!widths) widthCache.set(key, (widths = new Map()));
  let units = widths.get(piece);
  if (units === undefined) {
    units = 0;
    for (const glyph of font(key).glyphsForString(piece)) units += glyph.advanceWidth;
    if (widths.size >= WIDTH_CACHE_LIMIT) widths.clear();
    widths.set(piece, units);
  }
  return units;
}

/**
 * subset-font, without the WOFF2 codec its format converter (fontverter) loads at import: two
 * Emscripten modules (~32 MB of WebAssembly memory, ~11 MB of it resident in each PDF worker) that
 * only a WOFF2 font or output would use. Ours are TrueType in and out, which fontverter passes
 * through untouched; a WOFF2 conversion would throw instead.
 */
function loadSubsetFont(): typeof subsetFontModule {
  const fontverter = createRequire(require.resolve("subset-font")).resolve("fontverter");
  const wawoff2 = createRequire(fontverter).resolve("wawoff2");
  if (!require.cache[wawoff2]) {
    const unused = () => Promise.reject(new Error("WOFF2 fonts are not supported by the PDF builder"));
    const stub = new Module(wawoff2);
    stub.filename = wawoff2;
    stub.loaded = true;
    stub.exports = { compress: unused, decompress: unused };
    require.cache[wawoff2] = stub;
  }
  return require("subset-font") as typeof subsetFontModule;
}

/** Line metrics in points for a paragraph of `size` (Amiri's tall ascenders/descenders included). */
export function lineMetrics(size: number): { height: number; baseline: number } {
  return { height: size * 1.62, baseline: size * 1.12 };
}

/**
 * The subset of `key` holding the glyphs for `chars` (presentation forms included: the caller passes
 * the exact strings drawn). No layout closure: with FONT_FEATURES nothing is substituted, so the
 * glyphs reached through the cmap are all that is drawn. No layout tables either (GSUB, GPOS, GDEF):
 * pdf-lib lays out every string it draws with fontkit, which for a font without them draws each
 * character's glyph in the order given — the visual order we pass — instead of a full shaping pass
 * per drawText (a third of a 40-article agreement's time), and reverses nothing (with GSUB, fontkit
 * reversed Arabic runs, so they had to be handed over reversed).
 */
export async function subsetFor(key: FontKey, chars: string): Promise<{ bytes: Uint8Array; name: string }> {
  const unique = Array.from(new Set(Array.from(chars)))
    .sort()
    .join("");
  const full = fontBytes(key);
  // subset-font sniffs the format with Buffer methods: a plain Uint8Array is "unrecognized".
  subsetFont ??= loadSubsetFont();
  const bytes = await subsetFont(Buffer.from(full.buffer, full.byteOffset, full.byteLength), unique, {
    targetFormat: "truetype",
    noLayoutClosure: true,
    dropTables: ["GPOS", "GSUB", "GDEF"],
  });
  // PDF subset fonts are named "ABCDEF+PostScriptName"; a tag derived from the content keeps the
  // output deterministic (pdf-lib would otherwise add a numeric suffix).
  const digest = createHash("sha256").update(key).update(unique).digest();
  const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join("");
  return { bytes: new Uint8Array(bytes), name: `${tag}+${font(key).postscriptName ?? key}` };
}
