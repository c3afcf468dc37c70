/**
 * The shortcuts in fonts.server.ts give what laying out the whole string with fontkit gives: widths
 * summed word by word, and the direction fontkit will pick when pdf-lib draws a run.
 */
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { prepareParagraph, visualRuns } from "~/lib/pdf/bidi.server";
import { FONT_FEATURES, fontBytes, fontFor, measure, pdfLibOrder, type FontKey } from "~/lib/pdf/fonts.server";

const SAMPLES = [
  "La présente convention définit la coopération « Sofara » : œuvre commune, 12 500,00 MAD.",
  "Elle est signée par les représentants légaux des deux parties, qui s’engagent à en respecter les clauses.",
  "يلتزم الطرفان بتنفيذ بنود هذه الاتفاقية وفق البرنامج المتفق عليه، ويتم تقييم النتائج بشكل دوري.",
  "الجمعية Sofara Al-Khair (السمارة) 2022 — ٢٠٢٤ ، ؟ لا إله",
  "  two  spaces and ـ tatweel ، comma  ",
];

const full = new Map<FontKey, ReturnType<typeof fontkit.create>>();
function wholeString(key: FontKey, text: string) {
  if (!full.has(key)) full.set(key, fontkit.create(fontBytes(key)));
  const font = full.get(key)!;
  const run = font.layout(text, FONT_FEATURES);
  return { units: run.glyphs.reduce((sum, g) => sum + g.advanceWidth, 0) / font.unitsPerEm, direction: run.direction };
}

/** Every run drawn for the samples: font and visual text, as text.server.ts hands them over. */
function drawnRuns(): Array<{ key: FontKey; text: string }> {
  return SAMPLES.flatMap((sample) =>
    [false, true].flatMap((bold) => {
      const p = prepareParagraph(sample, "auto", false);
      return [{ script: "latin" as const, text: p.text }, ...visualRuns(p, 0, p.text.length)].map((run) => ({ key: fontFor(run.script, bold), text: run.text }));
    }),
  );
}

describe("fonts", () => {
  it("measures a string as the sum of its words and spaces, exactly as one layout would", () => {
    for (const { key, text } of drawnRuns()) expect(measure(key, text, 1), `${key}: ${text}`).toBe(wholeString(key, text).units);
  });

  it("reverses an Arabic run exactly when fontkit will lay it out right to left", () => {
    const neutral = ["، (1)", "ـ-", "٠١٢", "( ؟", "\u064B\u064Ca", "« x"];
    const runs = [...drawnRuns().filter((r) => r.key.startsWith("arabic")), ...neutral.map((text) => ({ key: "arabic" as const, text }))];
    for (const { key, text } of runs) {
      const expected = wholeString(key, text).direction === "rtl" ? Array.from(text).reverse().join("") : text;
      expect(pdfLibOrder(key, text), text).toBe(expected);
    }
  });
});
