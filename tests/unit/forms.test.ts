import { describe, expect, it } from "vitest";
import { LoginSchema, PasswordChangeSchema } from "~/domain/identity/identity.schema";
import { OrganizationFields } from "~/domain/organization/organization.schema";
import { parseForm, date, optionalDate } from "~/lib/forms";

const form = (entries: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
};

describe("parseForm", () => {
  it("returns typed data for valid input, normalising the email", () => {
    const result = parseForm(LoginSchema, form({ email: "  President@Sofara.Example ", password: "x" }));
    expect(result.ok && result.data.email).toBe("president@sofara.example");
  });

  it("returns one message key per field and keeps what was typed, except passwords", () => {
    const result = parseForm(LoginSchema, form({ email: "not-an-email", password: "secret-typed" }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.email).toEqual({ key: "form.error.email" });
      expect(result.values.email).toBe("not-an-email");
      expect(result.values.password).toBeUndefined();
    }
  });

  it("reports a missing field as required rather than as a type error", () => {
    const result = parseForm(LoginSchema, form({ password: "x" }));
    expect(!result.ok && result.fieldErrors.email).toEqual({ key: "form.error.required" });
  });

  it("explains a short new password with the minimum length, and a mismatched confirmation", () => {
    const short = parseForm(
      PasswordChangeSchema,
      form({ intent: "password", currentPassword: "a", newPassword: "short", confirmPassword: "short" }),
    );
    expect(!short.ok && short.fieldErrors.newPassword).toEqual({ key: "password.tooShort", vars: { count: 12 } });
    const mismatch = parseForm(
      PasswordChangeSchema,
      form({
        intent: "password",
        currentPassword: "a",
        newPassword: "a long enough one",
        confirmPassword: "another long one",
      }),
    );
    expect(!mismatch.ok && mismatch.fieldErrors.confirmPassword).toEqual({ key: "password.mismatch" });
  });

  it("accepts passwords up to 256 characters, kept exactly as typed", () => {
    const long = " ".repeat(2) + "x".repeat(254);
    const result = parseForm(
      PasswordChangeSchema,
      form({ intent: "password", currentPassword: "a", newPassword: long, confirmPassword: long }),
    );
    expect(result.ok && result.data.newPassword).toBe(long);
  });

  it("requires an organization name in French or Arabic, and limits lengths", () => {
    const none = parseForm(OrganizationFields, form({ kind: "association", nameFr: " ", nameAr: "" }));
    expect(!none.ok && none.fieldErrors.nameFr).toEqual({ key: "organization.error.nameRequired" });
    const arabicOnly = parseForm(OrganizationFields, form({ kind: "association", nameAr: "جمعية إنصاف" }));
    expect(arabicOnly.ok).toBe(true);
    const tooLong = parseForm(OrganizationFields, form({ kind: "company", nameFr: "x".repeat(201) }));
    expect(!tooLong.ok && tooLong.fieldErrors.nameFr).toEqual({ key: "form.error.tooLong", vars: { count: 200 } });
    const badKind = parseForm(OrganizationFields, form({ kind: "cartel", nameFr: "X" }));
    expect(!badKind.ok && badKind.fieldErrors.kind).toEqual({ key: "form.error.choice" });
  });
});

describe("date fields shared by every form", () => {
  it("refuse a date that does not exist or is badly written, without throwing, and accept a real one", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-1-01", "01/02/2026", "", "2026-02-29"]) {
      const parsed = date().safeParse(bad);
      expect(parsed.success, bad).toBe(false);
    }
    expect(date().safeParse("2028-02-29").success).toBe(true);
    expect(optionalDate().safeParse("").success).toBe(true);
    expect(optionalDate().safeParse("").data).toBeUndefined();
  });
});
