/**
 * The shortcuts in fonts.server.ts give what laying out whole strings with the whole fonts gives:
 * widths summed word by word, and the glyphs drawn from subsets without layout tables.
 */
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { prepareParagraph, visualRuns } from "~/lib/pdf/bidi.server";
import { FONT_FEATURES, fontBytes, fontFor, measure, subsetFor, type FontKey } from "~/lib/pdf/fonts.server";
import { ar } from "~/lib/i18n/messages/ar";
import { en } from "~/lib/i18n/messages/en";
import { fr } from "~/lib/i18n/messages/fr";

const SAMPLES = [
  "La présente convention définit la coopération « Sofara » : œuvre commune, 12 500,00 MAD.",
  "Elle est signée par les représentants légaux des deux parties, qui s’engagent à en respecter les clauses.",
  "يلتزم الطرفان بتنفيذ بنود هذه الاتفاقية وفق البرنامج المتفق عليه، ويتم تقييم النتائج بشكل دوري.",
  "الجمعية Sofara Al-Khair (السمارة) 2022 — ٢٠٢٤ ، ؟ لا إله",
  "  two  spaces and ـ tatweel ، comma  ",
];

type FontkitFont = ReturnType<typeof fontkit.create>;
const full = new Map<FontKey, FontkitFont>();
function wholeString(key: FontKey, text: string) {
  if (!full.has(key)) full.set(key, fontkit.create(fontBytes(key)));
  const font = full.get(key)!;
  const run = font.layout(text, FONT_FEATURES);
  // fontkit returns the glyphs of a right-to-left string reversed: put them back in the string's order.
  const glyphs = run.direction === "rtl" ? [...run.glyphs].reverse() : run.glyphs;
  return { units: run.glyphs.reduce((sum, g) => sum + g.advanceWidth, 0) / font.unitsPerEm, glyphs };
}

/** A glyph as drawn: the characters it stands for (none for .notdef, e.g. an emoji) and its advance. */
const drawn = (g: { id: number; codePoints: number[]; advanceWidth: number }) =>
  `${g.id === 0 ? ".notdef" : String.fromCodePoint(...g.codePoints)}:${g.advanceWidth}`;

/** Every run drawn for the samples: font and visual text, as text.server.ts hands them over. */
function drawnRuns(samples = SAMPLES): Array<{ key: FontKey; text: string }> {
  return samples.flatMap((sample) =>
    [false, true].flatMap((bold) => {
      const p = prepareParagraph(sample, "auto", false);
      return visualRuns(p, 0, p.text.length).map((run) => ({ key: fontFor(run.script, bold), text: run.text }));
    }),
  );
}

describe("fonts", () => {
  it("measures a string as the sum of its words and spaces, exactly as one layout would", () => {
    const paragraphs = SAMPLES.map((sample) => ({
      key: "latin" as const,
      text: prepareParagraph(sample, "auto", false).text,
    }));
    for (const { key, text } of [...drawnRuns(), ...paragraphs])
      expect(measure(key, text, 1), `${key}: ${text}`).toBe(wholeString(key, text).units);
  });

  it("measures every interface text, and marks, ligature candidates and emoji, exactly as one layout would", () => {
    const texts = [fr, ar, en].flatMap((catalog) =>
      Object.values(catalog).map((text) => String(text).replace(/\{[^}]+\}/g, "1")),
    );
    texts.push("بِسْمِ اللَّهِ الرَّحْمَٰنِ — لا إله إلا الله، لأن ٢٠٢٤ ۱۲", "e\u0301te\u0301 « ﬁn » 🤝 № ½ officiel", "گچپژ ـــ");
    for (const { key, text } of drawnRuns(texts))
      expect(measure(key, text, 1), `${key}: ${text}`).toBe(wholeString(key, text).units);
  }, 60_000);

  it("draws from a subset, in the order given, the glyphs the whole font lays out (it substitutes nothing)", async () => {
    const harder = [
      "بِسْمِ اللَّهِ الرَّحْمَٰنِ — لا إله إلا الله، لأن ٢٠٢٤ ۱۲",
      "e\u0301te\u0301 in\u00ADter efficace « ﬁn » 🤝 № ½",
      "گچپژ ـــ",
    ];
    for (const { key, text } of drawnRuns([...SAMPLES, ...harder])) {
      const subset = fontkit.create((await subsetFor(key, text)).bytes) as unknown as FontkitFont & {
        GSUB?: unknown;
        GPOS?: unknown;
      };
      expect([subset.GSUB, subset.GPOS]).toEqual([undefined, undefined]);
      expect(subset.layout(text).glyphs.map(drawn), `${key}: ${text}`).toEqual(
        wholeString(key, text).glyphs.map(drawn),
      );
    }
  });

  it("has a glyph for every character of the interface's texts, as a PDF draws them (arrows as an en dash)", () => {
    const missing = new Set<string>();
    for (const catalog of [fr, ar, en])
      for (const [key, text] of Object.entries(catalog)) {
        const p = prepareParagraph(String(text).replace(/\{[^}]+\}/g, "1"), "auto", false);
        for (const run of visualRuns(p, 0, p.text.length)) {
          const fontKey = fontFor(run.script, false);
          if (!full.has(fontKey)) full.set(fontKey, fontkit.create(fontBytes(fontKey)));
          for (const ch of run.text)
            if (!/\s/.test(ch) && !full.get(fontKey)!.hasGlyphForCodePoint(ch.codePointAt(0)!))
              missing.add(`${key}: ${ch} (U+${ch.codePointAt(0)!.toString(16)})`);
        }
      }
    expect([...missing]).toEqual([]);
  });
});
