import { describe, expect, it } from "vitest";
import { LoginSchema, PasswordChangeSchema } from "~/domain/identity/identity.schema";
import { OrganizationFields } from "~/domain/organization/organization.schema";
import { AgreementDetailsSchema, optionalMoney } from "~/domain/agreement/agreement.schema";
import { OutcomeSchema } from "~/domain/committee/committee.schema";
import { DeliverableSchema, deliverySchema, parseItems } from "~/domain/delivery/delivery.schema";
import { ActionSchema, IndicatorSchema } from "~/domain/plan/plan.schema";
import { asciiDigits, parseForm, date, optionalDate } from "~/lib/forms";
import { translate } from "~/lib/i18n/translate";

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

describe("field messages say what is wrong", () => {
  const id = "a".repeat(16);
  it("a required text longer than its limit is told its limit, not that it is required", () => {
    const result = parseForm(
      DeliverableSchema,
      form({
        intent: "addDeliverable",
        kind: "equipment",
        title: "x".repeat(10_000),
        unit: "u",
        responsiblePartyId: id,
        targetQuantity: "1",
      }),
    );
    expect(!result.ok && result.fieldErrors.title).toEqual({ key: "form.error.tooLong", vars: { count: 300 } });
    const outcome = parseForm(OutcomeSchema, form({ intent: "addOutcome", kind: "decision", body: "x".repeat(5001) }));
    expect(!outcome.ok && outcome.fieldErrors.body).toEqual({ key: "form.error.tooLong", vars: { count: 5000 } });
    const missing = parseForm(OutcomeSchema, form({ intent: "addOutcome", kind: "decision", body: "  " }));
    expect(!missing.ok && missing.fieldErrors.body).toMatchObject({ key: "form.error.required" });
    expect(translate("fr", "form.error.tooLong", { count: 200 })).toBe("Saisissez au plus 200 caractères.");
  });

  it("a second date before the first is refused, with the message on the second field", () => {
    const deliverable = parseForm(
      DeliverableSchema,
      form({
        intent: "addDeliverable",
        kind: "equipment",
        title: "Salle",
        unit: "u",
        responsiblePartyId: id,
        targetQuantity: "1",
        startDate: "2026-05-10",
        dueDate: "2026-05-01",
      }),
    );
    expect(!deliverable.ok && deliverable.fieldErrors.dueDate).toEqual({ key: "deliverable.error.dueBeforeStart" });
    const action = parseForm(
      ActionSchema,
      form({
        intent: "addAction",
        objective: "O",
        responsiblePartyId: id,
        startDate: "2026-05-10",
        endDate: "2026-05-01",
      }),
    );
    expect(!action.ok && action.fieldErrors.endDate).toEqual({ key: "plan.error.endBeforeStart" });
    const agreement = AgreementDetailsSchema.safeParse({
      title: "T",
      kind: "partnership",
      effectiveDate: "2026-05-10",
      endDate: "2026-05-01",
    });
    expect(agreement.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      "endDate",
      "agreement.error.endBeforeStart",
    ]);
  });

  it("numbers and amounts typed with Arabic-Indic or Eastern Arabic-Indic digits are read", () => {
    expect(asciiDigits("٣٢٥ ۱۲۳")).toBe("325 123");
    const deliverable = parseForm(
      DeliverableSchema,
      form({
        intent: "addDeliverable",
        kind: "distribution",
        title: "Cartables",
        unit: "cartables",
        responsiblePartyId: id,
        targetQuantity: "٣٢٥",
      }),
    );
    expect(deliverable.ok && deliverable.data.targetQuantity).toBe(325);
    const items = parseItems("٤ حواسيب\nطابعة : ۲");
    expect(items).toEqual([
      { name: "حواسيب", quantity: 4 },
      { name: "طابعة", quantity: 2 },
    ]);
    const indicator = parseForm(
      IndicatorSchema,
      form({ intent: "addIndicator", actionId: id, name: "N", unit: "u", baseline: "٤٠", target: "۱۰۰" }),
    );
    expect(indicator.ok && [indicator.data.baseline, indicator.data.target]).toEqual([40, 100]);
    expect(optionalMoney.parse("١٥٠ ٠٠٠٫٥٠")).toBe(15_000_050);
    const delivery = parseForm(
      deliverySchema([]),
      form({ intent: "recordDelivery", deliveredOn: "2026-03-01", quantity: "١٢" }),
    );
    expect(delivery.ok && delivery.data.quantity).toBe(12);
  });
});
