import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/access/access";
import {
  checkedFileStatus,
  everyLineReady,
  importedNotice,
  importedPage,
  isImportable,
  mayImportFor,
  previewWording,
} from "~/domain/export/import";

const ORG = "sofara0000000000";
const actor = (role: "president" | "member"): Actor => ({
  userId: "u",
  isPlatformAdmin: false,
  memberships: [{ organizationId: ORG, role }],
});
const valid = { errors: [] };
const wrong = { errors: ["title"] };
const file = (over: Partial<Parameters<typeof isImportable>[0]> = {}) => ({
  kind: "agreements" as const,
  rows: [valid, valid],
  agreements: [{}, {}],
  deliverables: [],
  fileError: null,
  ...over,
});

describe("who may import", () => {
  it("is who may create the organization's agreements: its president, not a mere member", () => {
    expect(mayImportFor(actor("president"), ORG)).toBe(true);
    expect(mayImportFor(actor("member"), ORG)).toBe(false);
    expect(mayImportFor(actor("president"), "other00000000000")).toBe(false);
  });
});

describe("a checked file", () => {
  it("is written only when readable, not empty and every line is ready", () => {
    expect(isImportable(file())).toBe(true);
    expect(isImportable(file({ rows: [], agreements: [] }))).toBe(false);
    expect(isImportable(file({ fileError: { key: "import.error.noTitle" } }))).toBe(false);
    // A line with an error leaves none ready.
    expect(isImportable(file({ rows: [valid, wrong], agreements: [] }))).toBe(false);
    expect(everyLineReady(file({ rows: [valid, wrong], agreements: [] }))).toBe(false);
  });

  it("counts the deliverables ready for a file of deliverables", () => {
    expect(isImportable(file({ kind: "deliverables", agreements: [], deliverables: [{}, {}] }))).toBe(true);
    expect(isImportable(file({ kind: "deliverables" }))).toBe(false);
  });

  it("answers 400 with an error, 409 when refused while written, 200 ready to import", () => {
    expect(checkedFileStatus(file({ rows: [valid, wrong], agreements: [] }), false)).toBe(400);
    expect(checkedFileStatus(file({ fileError: { key: "import.error.empty" }, rows: [] }), true)).toBe(400);
    expect(checkedFileStatus(file(), true)).toBe(409);
    expect(checkedFileStatus(file(), false)).toBe(200);
  });
});

describe("after an import", () => {
  it("agreements lead to the drafts, deliverables to their agreement or, for several, to the list", () => {
    expect(importedPage("agreements", { count: 3, agreementIds: ["a", "b", "c"] })).toBe(
      "/agreements?status=draft&imported=3",
    );
    expect(importedPage("deliverables", { count: 2, agreementIds: ["a"] })).toBe(
      "/agreements/a/deliverables?imported=2",
    );
    expect(importedPage("deliverables", { count: 2, agreementIds: ["a", "b"] })).toBe(
      "/agreements?imported=2&kind=deliverables",
    );
  });

  it("is announced as agreements or as deliverables imported", () => {
    expect(importedNotice("agreements")).toBe("import.done");
    expect(importedNotice("deliverables")).toBe("import.doneDeliverables");
  });

  it("the preview names the parties for agreements and the agreement for deliverables", () => {
    expect(previewWording("agreements")).toEqual({ context: "export.col.parties", confirm: "import.confirm" });
    expect(previewWording("deliverables")).toEqual({
      context: "import.col.agreement",
      confirm: "import.confirmDeliverables",
    });
  });
});
