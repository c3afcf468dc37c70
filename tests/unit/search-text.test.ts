import { describe, expect, it } from "vitest";
import { indexText, queryTerms } from "~/lib/search-text";
import { ftsQuery } from "../../db/search";

const tokensOf = (...parts: string[]) => indexText(...parts).split(" ");
/** The rule the search relies on: for every word of the query, one of its forms is a token of the indexed text. */
const finds = (query: string, document: string) => {
  const index = tokensOf(document);
  return queryTerms(query).every((forms) => forms.some((f) => index.includes(f)));
};
/** The first form of each query word: the word as typed, normalised. */
const typedTerms = (query: string) => queryTerms(query).map((forms) => forms[0]);

describe("indexText and queryTerms — French", () => {
  it("folds accents and case so 'cooperation' finds 'Coopération'", () => {
    expect(tokensOf("Accord de Coopération")).toContain("cooperation");
    expect(queryTerms("COOPÉRATION")).toEqual([["cooperation"]]);
    expect(finds("cooperation", "Accord de Coopération")).toBe(true);
  });
});

describe("indexText and queryTerms — Arabic normalisation", () => {
  it("removes diacritics and tatweel", () => {
    expect(indexText("شَرَاكَة")).toBe(indexText("شراكة"));
    expect(indexText("شـــراكة")).toBe(indexText("شراكة"));
    expect(queryTerms("تَعَاوُن")).toEqual([["تعاون"]]);
  });

  it("unifies alef forms إ أ آ into ا", () => {
    expect(indexText("إنصاف")).toBe("انصاف");
    expect(indexText("أمل")).toBe("امل");
    expect(indexText("آفاق")).toBe("افاق");
  });

  it("unifies alef maqsura into yaa and taa marbuta into haa", () => {
    expect(indexText("مستوى")).toBe("مستوي");
    expect(indexText("جمعية")).toBe("جمعيه");
    expect(finds("جمعيه", "جمعية")).toBe(true);
  });
});

describe("indexText and queryTerms — Arabic prefixes", () => {
  it("a query for the bare word matches a document with the word after و or ال", () => {
    expect(tokensOf("اتفاقية شراكة وتعاون")).toEqual(expect.arrayContaining(["وتعاون", "تعاون"]));
    expect(finds("تعاون", "اتفاقية شراكة وتعاون")).toBe(true);
    expect(finds("تعاون", "في إطار التعاون")).toBe(true);
    expect(finds("تعاون", "والتعاون")).toBe(true);
    expect(finds("تعاون", "للتعاون")).toBe(true);
  });

  it("a query for the prefixed word matches a document with the bare word", () => {
    expect(finds("التعاون", "شراكة وتعاون")).toBe(true);
    expect(finds("وتعاون", "تعاون")).toBe(true);
  });

  it("بال is stripped as one prefix, so 'السمارة' and 'سمارة' both find 'بالسمارة'", () => {
    expect(tokensOf("بالسمارة")).toEqual(["بالسماره", "سماره"]);
    expect(finds("السمارة", "أنشطة بالسمارة")).toBe(true);
    expect(finds("سمارة", "أنشطة بالسمارة")).toBe(true);
  });

  it("keeps the word as written in the index alongside its stripped form", () => {
    expect(tokensOf("التعاون")).toEqual(["التعاون", "تعاون"]);
  });

  it("does not over-strip short words: a three-letter root stays whole", () => {
    expect(queryTerms("وطن")).toEqual([["وطن"]]);
    expect(queryTerms("بيت")).toEqual([["بيت"]]);
    expect(tokensOf("وطن")).toEqual(["وطن"]);
    expect(queryTerms("الفن")).toEqual([["الفن"]]); // "ال" + 2 letters: stripping would leave too little
  });

  it("does not strip Latin words that begin like an Arabic prefix", () => {
    expect(queryTerms("bal wal")).toEqual([["bal"], ["wal"]]);
  });

  it("a bare word beginning with و finds the same word after ال", () => {
    expect(finds("وزارة", "اتفاقية مع الوزارة")).toBe(true);
    expect(finds("برنامج", "في إطار البرنامج")).toBe(true);
  });

  it("double prefixes are stripped one by one, so 'تعاون' finds 'وللتعاون'", () => {
    expect(tokensOf("وللتعاون")).toEqual(["وللتعاون", "للتعاون", "تعاون"]);
    expect(finds("تعاون", "وللتعاون")).toBe(true);
  });

  it("a word matches only when it is there: 'صحة' does not find 'تعاون'", () => {
    expect(finds("صحة", "اتفاقية شراكة وتعاون")).toBe(false);
  });
});

describe("queryTerms", () => {
  it("drops punctuation and keeps letters and digits", () => {
    expect(typedTerms("  «Projet» : santé, 2025 !? — (Oujda)")).toEqual(["projet", "sante", "2025", "oujda"]);
    expect(queryTerms("؟،!...")).toEqual([]);
  });

  it("caps a query at twelve terms", () => {
    const words = Array.from({ length: 20 }, (_, i) => `mot${i}`);
    expect(typedTerms(words.join(" "))).toEqual(words.slice(0, 12));
  });
});

describe("ftsQuery", () => {
  it("quotes each term as a prefix and requires them all", () => {
    expect(ftsQuery("Coopération Oujda")).toBe('"cooperation"* AND "oujda"*');
  });

  it("strips double quotes so the query cannot break out of the FTS string", () => {
    const q = ftsQuery('foo" OR bar');
    expect(q).toBe('"foo"* AND "or"* AND "bar"*');
    // every quote is part of a '"term"*' pair: no stray quote, no bare operator
    expect(q!.split(" AND ").every((t) => /^"[^"]+"\*$/.test(t))).toBe(true);
    expect(ftsQuery('"*" NEAR(a b) col:x')).toBe('"near"* AND "a"* AND "b"* AND "col"* AND "x"*');
  });

  it("offers the typed and the prefix-stripped forms of an Arabic word as alternatives", () => {
    expect(ftsQuery("وزارة")).toBe('("وزاره"* OR "زاره"*)');
  });

  it("returns null for an empty or punctuation-only query", () => {
    expect(ftsQuery("")).toBeNull();
    expect(ftsQuery("   ")).toBeNull();
    expect(ftsQuery('"" *:()-,؟')).toBeNull();
  });
});
