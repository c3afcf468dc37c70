import { describe, expect, it } from "vitest";
import {
  firstStrongDirection,
  lineRuns,
  prepareParagraph,
  scriptChunks,
  traceShaping,
  visualRuns,
  wrapParagraph,
} from "~/lib/pdf/bidi.server";

const reverse = (s: string) => Array.from(s).reverse().join("");
const shaped = (s: string) => prepareParagraph(s, "rtl", true).text;
const nfkc = (s: string) => s.normalize("NFKC");
/** What a run draws, without what it stands for (tested on its own below). */
const drawn = ({ actual: _, ...run }: ReturnType<typeof visualRuns>[number]) => run;
/** What a reader copies from runs: each drawn unit replaced by what was typed behind it. */
const typed = (runs: ReturnType<typeof visualRuns>) =>
  runs.map((r) => Array.from(r.text, (c, i) => r.actual?.[i] ?? c).join(""));

describe("prepareParagraph", () => {
  it("shapes Arabic into joined presentation forms, lam-alef included", () => {
    const p = prepareParagraph("الاتفاقية", "auto", false);
    expect(p.text).not.toBe("الاتفاقية");
    expect(p.text).toMatch(/^[\uFE70-\uFEFF]+$/);
    expect(p.text.length).toBe("الاتفاقية".length - 1); // لا → one ligature character
    expect(nfkc(p.text)).toBe("الاتفاقية");
  });

  it("takes the base direction from the first strong character, else the fallback", () => {
    expect(prepareParagraph("الجمعية Sofara", "auto", false).rtl).toBe(true);
    expect(prepareParagraph("Sofara الجمعية", "auto", true).rtl).toBe(false);
    expect(prepareParagraph("2022 / 12", "auto", true).rtl).toBe(true);
    expect(prepareParagraph("2022 / 12", "auto", false).rtl).toBe(false);
    expect(prepareParagraph("Sofara", "rtl", false).rtl).toBe(true);
    expect(firstStrongDirection("« 12 » بين")).toBe("rtl");
  });

  it("gives Arabic letters the Arabic font, a space only between two Arabic characters", () => {
    const p = prepareParagraph("شراكة وتعاون (X)", "auto", false);
    const chunks = scriptChunks(p, 0, p.text.length);
    expect(chunks.map((c) => c.script)).toEqual(["arabic", "latin"]);
    expect(nfkc(chunks[0]!.text)).toBe("شراكة وتعاون");
    expect(chunks[1]!.text).toBe(" (X)");
  });
});

describe("what was typed behind the drawn glyphs (the PDF's text layer)", () => {
  it("traces each presentation form back to its letter, a lam-alef to its two, a final ى to ى", () => {
    const word = "إلى الأطراف مصطفى";
    const p = prepareParagraph(word, "auto", false);
    expect(p.sources!.join("")).toBe(word);
    expect(p.sources![p.text.indexOf("\uFEF7")]).toBe("لأ");
    // The reshaper draws a final alef maksura with the Farsi yeh's form (U+FBFD): the source says ى.
    expect(p.text.at(-1)).toBe("\uFBFD");
    expect(p.sources!.at(-1)).toBe("ى");
  });

  it("gives every drawn glyph that is not what was typed its typed text, in visual order, and nothing else", () => {
    const runs = visualRuns(...whole("الموقّع: مصطفى الهرمة، (السمارة) Sofara"));
    // Reading each run's typed text right to left gives back the line as typed.
    const back = typed(runs)
      .map((t, i) => (runs[i]!.rtl ? reverse(t) : t))
      .reverse()
      .join("");
    expect(back).toBe("الموقّع: مصطفى الهرمة، (السمارة) Sofara");
    // A Latin run with nothing mirrored claims nothing.
    expect(runs.find((r) => r.text === "Sofara")!.actual).toBeUndefined();
    // A mirrored bracket stands for the one typed.
    const brackets = runs.filter((r) => /[()]/.test(r.text));
    expect(brackets.flatMap((r) => r.actual!.filter(Boolean))).toEqual(expect.arrayContaining(["(", ")"]));
  });

  it("claims nothing when the shaping cannot be traced", () => {
    expect(traceShaping("abc", "abd")).toBeNull();
    expect(traceShaping("لا", "\uFEFB")).toEqual(["لا"]);
    expect(traceShaping("😀 ب", "😀 \uFE8F")).toEqual(["\uD83D", "\uDE00", " ", "ب"]);
  });
});

describe("visualRuns", () => {
  it("keeps a French line as one left-to-right run, guillemets unmirrored", () => {
    const p = prepareParagraph("Le budget « Sofara » : 12 500 €", "auto", false);
    expect(visualRuns(p, 0, p.text.length)).toEqual([
      { text: "Le budget « Sofara » : 12 500 €", script: "latin", rtl: false },
    ]);
  });

  it("reverses an Arabic line into one right-to-left run", () => {
    const p = prepareParagraph("اتفاقية شراكة وتعاون", "auto", false);
    expect(visualRuns(p, 0, p.text.length).map(drawn)).toEqual([
      { text: reverse(shaped("اتفاقية شراكة وتعاون")), script: "arabic", rtl: true },
    ]);
  });

  it("orders a mixed line right to left, keeps Latin and numbers left to right, mirrors brackets", () => {
    const runs = visualRuns(...whole("الجمعية Sofara Al-Khair (السمارة) 2022"));
    expect(runs.map(drawn)).toEqual([
      { text: "2022", script: "latin", rtl: false },
      { text: " (", script: "latin", rtl: true }, // logical ")" drawn mirrored
      { text: reverse(shaped("السمارة")), script: "arabic", rtl: true },
      { text: ") ", script: "latin", rtl: true },
      { text: "Sofara Al-Khair", script: "latin", rtl: false },
      { text: " ", script: "latin", rtl: true },
      { text: reverse(shaped("الجمعية")), script: "arabic", rtl: true },
    ]);
  });

  it("mirrors guillemets in right-to-left context", () => {
    const runs = visualRuns(...whole("قال «نعم»"));
    expect(runs.map((r) => r.text).join("")).toBe(`«${reverse(shaped("نعم"))}» ${reverse(shaped("قال"))}`);
  });

  it("places a French phrase inside an Arabic sentence as a left-to-right island", () => {
    const { runs, rtl } = lineRuns("وقعت مع Association Nour في الرباط", "auto", false);
    expect(rtl).toBe(true);
    expect(runs.map((r) => r.text)).toEqual([
      reverse(shaped("في الرباط")),
      " ",
      "Association Nour",
      " ",
      reverse(shaped("وقعت مع")),
    ]);
  });

  it("lets a neutral line follow the fallback direction, and an LRM override it without being drawn", () => {
    expect(
      lineRuns("1 / 2", "auto", true)
        .runs.map((r) => r.text)
        .join(""),
    ).toBe("2 / 1"); // as a browser shows it in RTL
    const { runs, rtl } = lineRuns("\u200E1 / 2", "auto", true);
    expect(rtl).toBe(false);
    expect(runs).toEqual([{ text: "1 / 2", script: "latin", rtl: false }]);
  });

  it("reorders each wrapped line on its own", () => {
    const p = prepareParagraph("اتفاقية شراكة وتعاون", "auto", false);
    const lines = wrapParagraph(p, (s, e) => e - s, 14);
    expect(lines.length).toBe(2);
    const [first, second] = lines.map(([s, e]) =>
      visualRuns(p, s, e)
        .map((r) => nfkc(reverse(r.text)))
        .join(""),
    );
    expect(first).toBe("اتفاقية شراكة"); // the start of the sentence stays on the first line
    expect(second).toBe("وتعاون");
  });
});

describe("wrapParagraph", () => {
  const p = (text: string) => prepareParagraph(text, "ltr", false);
  const chars = (s: number, e: number) => e - s;

  it("breaks at spaces by measured width and drops the spaces at the break", () => {
    const para = p("aaaa bbbb cccc");
    expect(wrapParagraph(para, chars, 10)).toEqual([
      [0, 9],
      [10, 14],
    ]);
    expect(wrapParagraph(para, chars, 14)).toEqual([[0, 14]]);
  });

  it("never breaks at a no-break space (French amounts, « »)", () => {
    const para = p("total 12\u202F500\u00A0€");
    expect(wrapParagraph(para, chars, 10)).toEqual([
      [0, 5],
      [6, 14],
    ]);
  });

  it("cuts a word longer than the line", () => {
    expect(wrapParagraph(p("abcdefghij kl"), chars, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
      [11, 13],
    ]);
  });

  it("returns one empty line for empty text", () => {
    expect(wrapParagraph(p(""), chars, 10)).toEqual([[0, 0]]);
  });
});

function whole(text: string): [ReturnType<typeof prepareParagraph>, number, number] {
  const p = prepareParagraph(text, "auto", false);
  return [p, 0, p.text.length];
}
