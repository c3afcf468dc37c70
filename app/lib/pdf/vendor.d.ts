/**
 * Types for the untyped CommonJS packages used by the PDF builder. Only what we call is declared.
 * (A script file on purpose, no top-level import/export, so these stay ambient declarations.)
 */
declare module "subset-font" {
  interface SubsetOptions {
    targetFormat?: "sfnt" | "truetype" | "woff" | "woff2";
    noLayoutClosure?: boolean;
    dropTables?: string[];
    noHinting?: boolean;
  }
  function subsetFont(font: Uint8Array, text: string, options?: SubsetOptions): Promise<Uint8Array>;
  export default subsetFont;
}

declare module "arabic-persian-reshaper" {
  const reshaper: {
    ArabicShaper: { convertArabic(text: string): string; convertArabicBack(text: string): string };
    PersianShaper: { convertArabic(text: string): string; convertArabicBack(text: string): string };
  };
  export default reshaper;
}
