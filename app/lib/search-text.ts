/**
 * Text normalisation for full-text search, the same for what is indexed and what is typed:
 * case and accents folded (é → e), Arabic diacritics and tatweel removed, alef/yaa/taa
 * marbuta forms unified, and Arabic words indexed both as written and without their
 * common prefixes (و، ال، بال، لل…), so "تعاون" finds "وتعاون", "التعاون" and "وللتعاون".
 */
const ARABIC_WORD = /^[\u0621-\u064A]+$/;
const PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب"];

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .toLowerCase();
}

function tokens(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * An Arabic word and the forms left after removing its prefixes one by one
 * (وللتعاون → للتعاون → تعاون), never shorter than three letters.
 */
function arabicForms(word: string): string[] {
  const forms = [word];
  if (!ARABIC_WORD.test(word)) return forms;
  let current = word;
  for (;;) {
    const prefix = PREFIXES.find((p) => current.startsWith(p) && current.length - p.length >= 3);
    if (!prefix) return forms;
    current = current.slice(prefix.length);
    forms.push(current);
  }
}

/** Text to store in the index: every token, plus each prefix-stripped form of Arabic words. */
export function indexText(...parts: Array<string | null | undefined>): string {
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const token of tokens(part)) out.push(...arabicForms(token));
  }
  return out.join(" ");
}

/**
 * The words of a query, each with its alternatives: the word as typed and, for Arabic,
 * its prefix-stripped forms — a typed "وزارة" may be the word itself or "و" + "زارة".
 * A document matches when, for every word, one of its alternatives is indexed.
 */
export function queryTerms(query: string): string[][] {
  return tokens(query)
    .slice(0, 12)
    .map((t) => arabicForms(t));
}
