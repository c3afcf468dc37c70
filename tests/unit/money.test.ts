/**
 * Money is exact (app/lib/money.ts): amounts typed in any of the ways people type them read as the
 * same integer of centimes, written back and read again unchanged, summed and split without a
 * centime lost — checked by property for any amount, not only for a few examples.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocate,
  amount,
  basisPointsOf,
  formatMoney,
  MAX_MINOR,
  MoneyError,
  optionalAmount,
  parseAmount,
  percentOf,
  sum,
  sumMinor,
  toDecimalString,
  toSpreadsheetNumber,
} from "~/lib/money";

const minor = fc.integer({ min: 0, max: MAX_MINOR });
const signedMinor = fc.integer({ min: -MAX_MINOR, max: MAX_MINOR });
const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";

/** The ways people write an amount: grouped by spaces or dots, decimal comma or point, Arabic-Indic digits. */
function typings(value: number): string[] {
  const [integer, fraction] = toDecimalString(value).split(".") as [string, string];
  const groups = integer.replace(/\B(?=(\d{3})+(?!\d))/g, "|").split("|");
  const arabic = (s: string) => s.replace(/\d/g, (d) => ARABIC_INDIC[Number(d)]!);
  return [
    `${integer}.${fraction}`,
    `${integer},${fraction}`,
    `${groups.join(" ")},${fraction}`,
    `${groups.join("\u202f")},${fraction}`,
    `${groups.join("\u00a0")}.${fraction}`,
    `${groups.join(".")},${fraction}`,
    `${groups.join(",")}.${fraction}`,
    arabic(`${groups.join(" ")}٫${fraction}`),
    fraction === "00" ? integer : `${integer}.${fraction}`,
  ];
}

describe("parseAmount", () => {
  it("reads the same centimes from every way of typing an amount", () => {
    fc.assert(
      fc.property(minor, (value) => {
        for (const typed of typings(value)) expect(parseAmount(typed), typed).toEqual({ ok: true, minor: value });
      }),
    );
  });

  it("reads back exactly what toDecimalString wrote, negative ones too when allowed", () => {
    fc.assert(
      fc.property(signedMinor, (value) => {
        expect(parseAmount(toDecimalString(value), { allowNegative: true })).toEqual({ ok: true, minor: value });
      }),
    );
  });

  it("reads the examples people type", () => {
    expect(parseAmount("150 000,50")).toEqual({ ok: true, minor: 15_000_050 });
    expect(parseAmount("150000.50")).toEqual({ ok: true, minor: 15_000_050 });
    expect(parseAmount("١٥٠ ٠٠٠٫٥٠")).toEqual({ ok: true, minor: 15_000_050 });
    expect(parseAmount("۱۵۰۰۰۰")).toEqual({ ok: true, minor: 15_000_000 });
    expect(parseAmount("150.000,50")).toEqual({ ok: true, minor: 15_000_050 });
    expect(parseAmount("1.500.000")).toEqual({ ok: true, minor: 150_000_000 });
    expect(parseAmount("0,5")).toEqual({ ok: true, minor: 50 });
    expect(parseAmount("0.29")).toEqual({ ok: true, minor: 29 });
    expect(parseAmount("−15", { allowNegative: true })).toEqual({ ok: true, minor: -1500 });
  });

  it("refuses what is not an amount, ambiguous, negative or too large, saying which", () => {
    for (const typed of ["abc", "1e6", "12,345", "1,5,0", "1.50.000", "15.", ",5", "1 5,5x", "1,500.5.0", "--5"])
      expect(parseAmount(typed), typed).toEqual({ ok: false, error: "format" });
    expect(parseAmount("  ")).toEqual({ ok: false, error: "empty" });
    expect(parseAmount("-5")).toEqual({ ok: false, error: "negative" });
    expect(parseAmount("1000000000000")).toEqual({ ok: false, error: "tooLarge" });
    expect(parseAmount("999999999999,99")).toEqual({ ok: true, minor: MAX_MINOR });
  });

  it("never goes through a float: 0.29 and 1.005-like amounts are exact", () => {
    // Number("0.29") * 100 is 28.999999999999996: a cast would lose a centime.
    expect(parseAmount("0,29")).toEqual({ ok: true, minor: 29 });
    expect(parseAmount("4.35")).toEqual({ ok: true, minor: 435 });
    expect(parseAmount("1.15")).toEqual({ ok: true, minor: 115 });
  });
});

describe("form fields", () => {
  it("give each refusal its message key, and minor units when valid", () => {
    expect(amount().safeParse("12,5").data).toBe(1250);
    expect(amount({ positive: true }).safeParse("0").error?.issues[0]?.message).toBe("form.error.amountPositive");
    expect(amount().safeParse("-3").error?.issues[0]?.message).toBe("form.error.amountNegative");
    expect(amount().safeParse("trois").error?.issues[0]?.message).toBe("form.error.amount");
    expect(amount().safeParse(undefined).error?.issues[0]?.message).toBe("form.error.required");
    expect(optionalAmount().safeParse("  ").data).toBeUndefined();
    expect(amount({ allowNegative: true }).safeParse("-0,05").data).toBe(-5);
  });
});

describe("sums and shares", () => {
  it("sum adds integers exactly and refuses mixed currencies or an unsafe total", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 50 }), (values) => {
        const total = sum(
          values.map((m) => ({ minor: m, currency: "MAD" as const })),
          "MAD",
        );
        expect(total.minor).toBe(values.reduce((s, v) => s + v, 0));
      }),
    );
    expect(() => sum([{ minor: 1, currency: "EUR" }], "MAD")).toThrow(MoneyError);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
  });

  it("allocate splits any total over any weights with no centime lost or made", () => {
    fc.assert(
      fc.property(
        signedMinor,
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          const weighted = weights.some((w) => w > 0);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(weighted ? total : 0);
          weights.forEach((w, i) => {
            if (w === 0) expect(parts[i]).toBe(0);
          });
        },
      ),
    );
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it("percentOf and basisPointsOf are integer basis points, rounded down", () => {
    expect(percentOf(1, 3)).toBe(3333);
    expect(percentOf(15_000_000, 20_000_000)).toBe(7500);
    expect(percentOf(5, 0)).toBe(0);
    expect(basisPointsOf(9_000_000, 1000)).toBe(900_000);
    expect(basisPointsOf(MAX_MINOR, 1000)).toBe(Math.floor(MAX_MINOR / 10));
  });
});

describe("writing amounts", () => {
  it("toDecimalString writes two decimals, and a spreadsheet number only at the last step", () => {
    expect(toDecimalString(15_000_050)).toBe("150000.50");
    expect(toDecimalString(-5)).toBe("-0.05");
    expect(toDecimalString(0)).toBe("0.00");
    expect(toSpreadsheetNumber(29)).toBe(0.29);
  });

  it("formatMoney shows the exact amount in the reader's locale, even beyond a float's precision", () => {
    expect(formatMoney(MAX_MINOR, "MAD", "en-GB")).toBe("MAD\u00a0999,999,999,999.99");
    expect(formatMoney(1_500_000, "MAD", "fr-MA")).toMatch(/^15\D000,00\sMAD$/);
    expect(formatMoney(-1_500, "EUR", "en-GB")).toBe("-EUR\u00a015.00");
  });
});
