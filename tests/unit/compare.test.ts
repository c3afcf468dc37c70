import { describe, expect, it } from "vitest";
import { comparedPair, compareSnapshots, sectionHeading, type SectionDiff } from "~/domain/agreement/compare";
import type { AgreementSnapshot } from "~/domain/agreement/snapshot";

function snapshot(overrides: Partial<AgreementSnapshot> = {}): AgreementSnapshot {
  return {
    reference: "CH-2025-001",
    kind: "partnership",
    title: "Convention de partenariat",
    titleSecondary: "اتفاقية شراكة",
    purpose: "Soutenir la scolarisation des filles en milieu rural.",
    territory: "Oujda",
    signingPlace: "Oujda",
    effectiveDate: "2025-01-01",
    endDate: "2025-12-31",
    durationMonths: null,
    tacitRenewal: false,
    renewalNoticeDays: 30,
    currency: "MAD",
    totalBudgetCents: 15_000_000,
    parties: [
      {
        nameFr: "Association Sofara",
        nameAr: "جمعية سفراء",
        role: "association",
        signatoryName: "Amina B.",
        signatoryTitle: "Présidente",
        contributionCents: 500_000,
        contributionInKind: null,
      },
      {
        nameFr: "Commune d'Oujda",
        nameAr: null,
        role: "public_authority",
        signatoryName: "Karim T.",
        signatoryTitle: "Maire",
        contributionCents: 10_000_000,
        contributionInKind: "Locaux",
      },
    ],
    clauses: [
      { number: 1, heading: "Objet", body: "La présente convention définit le partenariat." },
      { number: 2, heading: "Engagements", body: "Le partenaire finance les ateliers de soutien." },
    ],
    ...overrides,
  };
}

const changedSections = (diff: SectionDiff[]) => diff.filter((s) => s.changed);
const clause = (diff: SectionDiff[], number: number) =>
  diff.find((s) => s.label.kind === "clause" && s.label.number === number)!;
const textOf = (s: SectionDiff, change: "added" | "removed") =>
  s.parts.filter((p) => p.change === change).map((p) => p.text.trim());

describe("compareSnapshots", () => {
  it("identical snapshots have no changed section", () => {
    const diff = compareSnapshots(snapshot(), snapshot());
    expect(diff.length).toBeGreaterThan(0);
    expect(changedSections(diff)).toEqual([]);
    expect(diff.flatMap((s) => s.parts).every((p) => p.change === null)).toBe(true);
  });

  it("a word changed in article 2 marks only that clause, with the old word removed and the new one added", () => {
    const before = snapshot();
    const after = snapshot({
      clauses: [
        before.clauses[0]!,
        { number: 2, heading: "Engagements", body: "Le partenaire organise les ateliers de soutien." },
      ],
    });
    const diff = compareSnapshots(before, after);
    expect(changedSections(diff).map((s) => s.label)).toEqual([{ kind: "clause", number: 2, heading: "Engagements" }]);
    const art2 = clause(diff, 2);
    expect(textOf(art2, "removed")).toEqual(["finance"]);
    expect(textOf(art2, "added")).toEqual(["organise"]);
  });

  it("an added article shows as a clause section whose parts are all added, except the separator", () => {
    const before = snapshot();
    const after = snapshot({
      clauses: [...before.clauses, { number: 3, heading: "Durée", body: "Un an renouvelable." }],
    });
    const diff = compareSnapshots(before, after);
    expect(changedSections(diff).map((s) => s.label)).toEqual([{ kind: "clause", number: 3, heading: "Durée" }]);
    const art3 = clause(diff, 3);
    const nonSeparator = art3.parts.filter((p) => !(p.text === "\n" && p.change === null));
    expect(art3.parts).toContainEqual({ text: "\n", change: null });
    expect(nonSeparator.length).toBeGreaterThan(0);
    expect(nonSeparator.every((p) => p.change === "added")).toBe(true);
    expect(nonSeparator.map((p) => p.text).join("")).toBe("DuréeUn an renouvelable.");
  });

  it("a removed article shows as a clause section whose parts are all removed, except the separator", () => {
    const before = snapshot();
    const after = snapshot({ clauses: [before.clauses[0]!] });
    const art2 = clause(compareSnapshots(before, after), 2);
    expect(art2.changed).toBe(true);
    expect(art2.parts.filter((p) => p.text !== "\n").every((p) => p.change === "removed")).toBe(true);
  });

  it("a changed end date shows as the endDate field section", () => {
    const diff = compareSnapshots(snapshot(), snapshot({ endDate: "2026-06-30" }));
    const changed = changedSections(diff);
    expect(changed.map((s) => s.label)).toEqual([{ kind: "field", field: "endDate" }]);
    expect(textOf(changed[0]!, "removed").join(" ")).toContain("2025");
    expect(textOf(changed[0]!, "added").join(" ")).toContain("2026");
  });

  it("a changed signatory marks only that party's section", () => {
    const before = snapshot();
    const after = snapshot({ parties: [before.parties[0]!, { ...before.parties[1]!, signatoryName: "Nadia K." }] });
    const changed = changedSections(compareSnapshots(before, after));
    expect(changed.map((s) => s.label)).toEqual([{ kind: "party", index: 1, name: "Commune d'Oujda" }]);
  });

  it("Arabic text is compared word by word: one changed word is removed and added whole", () => {
    const before = snapshot({ clauses: [{ number: 1, heading: "الموضوع", body: "يلتزم الطرف الأول بتمويل الأنشطة" }] });
    const after = snapshot({ clauses: [{ number: 1, heading: "الموضوع", body: "يلتزم الطرف الثاني بتمويل الأنشطة" }] });
    const art1 = clause(compareSnapshots(before, after), 1);
    expect(textOf(art1, "removed")).toEqual(["الأول"]);
    expect(textOf(art1, "added")).toEqual(["الثاني"]);
  });

  it("Arabic text keeps unchanged words unmarked when one word changes", () => {
    const before = snapshot({ clauses: [{ number: 1, heading: "الموضوع", body: "يلتزم الطرف الأول بتمويل الأنشطة" }] });
    const after = snapshot({ clauses: [{ number: 1, heading: "الموضوع", body: "يلتزم الطرف الأول بدعم الأنشطة" }] });
    const art1 = clause(compareSnapshots(before, after), 1);
    expect(art1.changed).toBe(true);
    const unchanged = art1.parts
      .filter((p) => p.change === null)
      .map((p) => p.text)
      .join("");
    for (const word of ["الموضوع", "يلتزم", "الطرف", "الأول", "الأنشطة"]) expect(unchanged).toContain(word);
  });
});

describe("the versions compared by default", () => {
  it("are the newest against the one before it", () => {
    expect(comparedPair(3, {})).toEqual({ from: 2, to: 3 });
  });

  it("are those asked for, and the one before the version asked for as the newer one", () => {
    expect(comparedPair(3, { from: 1, to: 3 })).toEqual({ from: 1, to: 3 });
    expect(comparedPair(3, { to: 2 })).toEqual({ from: 1, to: 2 });
  });

  it("leave nothing to compare against when there is only the first version or none", () => {
    expect(comparedPair(1, {})).toEqual({ from: null, to: 1 });
    expect(comparedPair(undefined, {})).toEqual({ from: null, to: null });
  });
});

describe("a changed section's heading", () => {
  it("names the article with its number, the party by its name, and a detail by its field", () => {
    expect(sectionHeading({ kind: "clause", number: 4, heading: "Durée" })).toEqual({
      key: "clauses.article",
      vars: { number: 4 },
      name: "Durée",
    });
    expect(sectionHeading({ kind: "party", index: 0, name: "Sofara" })).toEqual({
      key: "agreement.parties",
      name: "Sofara",
    });
    expect(sectionHeading({ kind: "field", field: "endDate" })).toEqual({ key: "versions.field.endDate" });
  });
});
