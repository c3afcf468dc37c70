/**
 * The import's rules, pure: who may import, when a checked file may be written (every line ready), what the preview
 * calls its columns and its button, and where a finished import leads.
 */
import type { MessageKey } from "~/lib/i18n/translate";
import { organizationsForNewAgreement, type Actor } from "../access/access";

export type ImportKind = "agreements" | "deliverables";

/** The reader may import on behalf of this organization (as they may create its agreements). */
export function mayImportFor(actor: Actor, organizationId: string): boolean {
  return organizationsForNewAgreement(actor).includes(organizationId);
}

interface CheckedFile {
  kind: ImportKind;
  rows: ReadonlyArray<{ errors: readonly unknown[] }>;
  agreements: readonly unknown[];
  deliverables: readonly unknown[];
  fileError: unknown;
}

/** How many lines are ready to write (all of them, or none when any line has an error). */
export function readyLines(plan: CheckedFile): number {
  return plan.kind === "agreements" ? plan.agreements.length : plan.deliverables.length;
}

/** Every line of the file is ready: the preview offers to import them. */
export function everyLineReady(plan: CheckedFile): boolean {
  return readyLines(plan) === plan.rows.length;
}

/** A file that may be written: readable, not empty, every line ready. */
export function isImportable(plan: CheckedFile): boolean {
  return !plan.fileError && plan.rows.length > 0 && everyLineReady(plan);
}

/** The preview's third column and its confirm button, for agreements or for deliverables. */
export function previewWording(kind: ImportKind): { context: MessageKey; confirm: MessageKey } {
  return kind === "agreements"
    ? { context: "export.col.parties", confirm: "import.confirm" }
    : { context: "import.col.agreement", confirm: "import.confirmDeliverables" };
}

/** The notice shown where an import led: "N agreements imported" or "N deliverables imported". */
export function importedNotice(kind: ImportKind): MessageKey {
  return kind === "agreements" ? "import.done" : "import.doneDeliverables";
}

/**
 * Where an import leads: agreements to the drafts; deliverables to their agreement's deliverables,
 * or to the list when they went to several agreements.
 */
export function importedPage(kind: ImportKind, imported: { count: number; agreementIds: string[] }): string {
  if (kind === "agreements") return `/agreements?status=draft&imported=${imported.count}`;
  const [only, ...others] = imported.agreementIds;
  return others.length
    ? `/agreements?imported=${imported.count}&kind=deliverables`
    : `/agreements/${only}/deliverables?imported=${imported.count}`;
}

/**
 * The answer to a checked file: 400 when it or a line has an error, 409 when a valid file was
 * refused while being written (something changed meanwhile), 200 for a preview ready to import.
 */
export function checkedFileStatus(plan: CheckedFile, refusedOnWrite: boolean): 200 | 400 | 409 {
  if (plan.fileError || plan.rows.some((r) => r.errors.length)) return 400;
  return refusedOnWrite ? 409 : 200;
}
