import { describe, expect, it } from "vitest";
import { AgreementDetailsSchema, AgreementListQuery, NewAgreementSchema } from "~/domain/agreement/agreement.schema";
import { parseForm } from "~/lib/forms";

const form = (entries: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
};

/** A valid details form; override or add fields to break one rule. */
const details = (overrides: Record<string, string> = {}) =>
  parseForm(AgreementDetailsSchema, form({ title: "Convention de partenariat", kind: "partnership", ...overrides }));

describe("AgreementDetailsSchema", () => {
  it("accepts the minimal form: a title and a kind", () => {
    const r = details();
    expect(r.ok).toBe(true);
    expect(r.ok && r.data).toMatchObject({
      title: "Convention de partenariat",
      kind: "partnership",
      currency: "MAD",
      tacitRenewal: false,
    });
  });

  it("reads money with spaces and a decimal comma, stored in centimes", () => {
    const typed = details({ totalBudget: "150 000,50" });
    expect(typed.ok && typed.data.totalBudget).toBe(15_000_050);
    const r = details({ totalBudget: "150\u202f000.5" });
    expect(r.ok && r.data.totalBudget).toBe(15_000_050);
    const plain = details({ totalBudget: "0.29" });
    expect(plain.ok && plain.data.totalBudget).toBe(29);
  });

  it("leaves an empty amount undefined", () => {
    const r = details({ totalBudget: "  " });
    expect(r.ok && r.data.totalBudget).toBeUndefined();
  });

  it("refuses an amount that is not a number, or has more than two decimals", () => {
    for (const totalBudget of ["abc", "12,345", "-5", "1e6"]) {
      const r = details({ totalBudget });
      expect(!r.ok && r.fieldErrors.totalBudget, totalBudget).toEqual({ key: "form.error.amount" });
    }
  });

  it("refuses an end date before the effective date, on endDate", () => {
    const r = details({ effectiveDate: "2026-01-01", endDate: "2025-12-31" });
    expect(!r.ok && r.fieldErrors.endDate).toEqual({ key: "agreement.error.endBeforeStart" });
    expect(details({ effectiveDate: "2026-01-01", endDate: "2026-01-01" }).ok).toBe(true);
  });

  it("refuses an end date together with a duration, on durationMonths", () => {
    const r = details({ effectiveDate: "2026-01-01", endDate: "2026-12-31", durationMonths: "12" });
    expect(!r.ok && r.fieldErrors.durationMonths).toEqual({ key: "agreement.error.endAndDuration" });
    const durationOnly = details({ effectiveDate: "2026-01-01", durationMonths: "12" });
    expect(durationOnly.ok && durationOnly.data.durationMonths).toBe(12);
  });

  it("refuses a date that does not exist in the calendar, or is badly written", () => {
    for (const effectiveDate of ["2026-02-30", "2026-13-01", "01/02/2026", "2026-2-3"]) {
      const r = details({ effectiveDate });
      expect(!r.ok && r.fieldErrors.effectiveDate, effectiveDate).toEqual({ key: "form.error.date" });
    }
    expect(details({ effectiveDate: "2024-02-29" }).ok).toBe(true);
  });

  it("reads the tacit renewal checkbox: 'on' is true, absent is false", () => {
    const on = details({ tacitRenewal: "on" });
    expect(on.ok && on.data.tacitRenewal).toBe(true);
    const off = details();
    expect(off.ok && off.data.tacitRenewal).toBe(false);
  });

  it("refuses a duration outside 1–600 months or not a whole number", () => {
    for (const durationMonths of ["0", "601", "1.5", "douze"]) {
      const r = details({ durationMonths });
      expect(!r.ok && r.fieldErrors.durationMonths, durationMonths).toMatchObject({ key: "form.error.number" });
    }
  });
});

describe("AgreementListQuery", () => {
  it("never throws on garbage parameters and falls back to defaults", () => {
    const parsed = AgreementListQuery.parse({ status: "nope", page: "-3", year: "abc", sort: "x" });
    expect(parsed).toEqual({
      q: undefined,
      status: undefined,
      kind: undefined,
      partner: undefined,
      region: undefined,
      year: undefined,
      sort: "updated",
      page: 1,
    });
  });

  it("keeps valid parameters", () => {
    const parsed = AgreementListQuery.parse({
      q: "  eau ",
      status: "active",
      kind: "mou",
      year: "2024",
      sort: "title",
      page: "3",
    });
    expect(parsed).toMatchObject({ q: "eau", status: "active", kind: "mou", year: 2024, sort: "title", page: 3 });
  });

  it("drops out-of-range values rather than failing", () => {
    const parsed = AgreementListQuery.parse({
      q: "x".repeat(201),
      partner: "DROP TABLE",
      year: "1800",
      page: "99999",
      kind: ["mou", "framework"],
    });
    expect(parsed).toMatchObject({ q: undefined, partner: undefined, year: undefined, page: 1, kind: undefined });
  });
});

describe("NewAgreementSchema", () => {
  const owner = "sofara0000000000";
  const newAgreement = (partner: string) =>
    parseForm(
      NewAgreementSchema,
      form({ title: "Convention", kind: "partnership", ownerOrganizationId: owner, partnerOrganizationId: partner }),
    );

  it("refuses the drafting organization as its own partner, next to the partner field", () => {
    const r = newAgreement(owner);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors.partnerOrganizationId).toEqual({ key: "agreement.error.samePartner" });
  });

  it("accepts another organization as partner, or none yet", () => {
    expect(newAgreement("clearvision00000").ok).toBe(true);
    expect(newAgreement("").ok).toBe(true);
  });
});
