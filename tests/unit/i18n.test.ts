import { describe, expect, it } from "vitest";
import { ar } from "~/lib/i18n/messages/ar";
import { en } from "~/lib/i18n/messages/en";
import { fr } from "~/lib/i18n/messages/fr";
import { direction, negotiateLocale } from "~/lib/i18n/locales";
import { createTranslator, translate } from "~/lib/i18n/translate";

describe("message catalogs", () => {
  it("define exactly the same keys in French, Arabic and English", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });

  it("give every plural message an `other` form and Arabic all six forms", () => {
    for (const [key, message] of Object.entries(ar)) {
      if (typeof message === "string") continue;
      expect(message.other, key).toBeTruthy();
      for (const form of ["zero", "one", "two", "few", "many"] as const) {
        expect(message[form], `${key}.${form}`).toBeTruthy();
      }
    }
  });

  it("keep the same placeholders in every translation", () => {
    const placeholders = (m: unknown) =>
      [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)]
        .map((x) => x[1])
        .filter((p) => p !== "count")
        .sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const expected = [...new Set(placeholders(en[key]))];
      expect([...new Set(placeholders(fr[key]))], `fr ${key}`).toEqual(expected);
      expect([...new Set(placeholders(ar[key]))], `ar ${key}`).toEqual(expected);
    }
  });
});

describe("translate", () => {
  it("interpolates variables", () => {
    expect(translate("fr", "dashboard.welcome", { name: "Mustapha" })).toBe("Bienvenue, Mustapha");
  });

  it("chooses the Arabic plural form by Intl.PluralRules (zero, one, two, few, many, other)", () => {
    const forms = [0, 1, 2, 3, 11, 100].map((count) => translate("ar", "dashboard.members", { count }));
    expect(forms).toEqual(["لا أعضاء", "عضو واحد", "عضوان", "3 أعضاء", "11 عضوًا", "100 عضو"]);
  });

  it("uses French singular for 1 and plural from 2, with an explicit zero form when one exists", () => {
    expect(translate("fr", "organizations.count", { count: 0 })).toBe("Aucune organisation");
    expect(translate("fr", "organizations.count", { count: 1 })).toBe("1 organisation");
    expect(translate("fr", "organizations.count", { count: 2 })).toBe("2 organisations");
    expect(translate("en", "dashboard.members", { count: 1 })).toBe("1 member");
    expect(translate("en", "dashboard.members", { count: 5 })).toBe("5 members");
  });

  it("formats numbers and dates per locale, with Latin digits in Moroccan Arabic", () => {
    const fr = createTranslator("fr");
    const ar = createTranslator("ar");
    expect(fr.formatDate("2022-01-01")).toBe("1 janvier 2022");
    expect(ar.formatDate("2022-01-01")).toMatch(/يناير/);
    expect(ar.formatDate("2022-01-01")).toMatch(/2022/);
    expect(fr.formatNumber(1000)).not.toBe("1000");
  });
});

describe("locale negotiation", () => {
  it("picks the best supported language from Accept-Language", () => {
    expect(negotiateLocale("ar-MA,ar;q=0.9,fr;q=0.8")).toBe("ar");
    expect(negotiateLocale("de-DE,en;q=0.5,fr;q=0.7")).toBe("fr");
    expect(negotiateLocale("de-DE")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("renders Arabic right-to-left and the others left-to-right", () => {
    expect(direction("ar")).toBe("rtl");
    expect(direction("fr")).toBe("ltr");
    expect(direction("en")).toBe("ltr");
  });
});
