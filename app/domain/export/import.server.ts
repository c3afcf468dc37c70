/**
 * Importing existing agreements, or the deliverables of existing agreements, from a spreadsheet
 * (the columns of the agreements or deliverables export, in any of the three languages): every
 * row is checked first and shown with its errors; nothing is written unless the whole file is
 * valid. Imported agreements start as drafts with a new reference (a signing done on paper is
 * then recorded as usual); deliverables are added to the agreement their line names.
 */
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { canPlanDeliverables, type Actor } from "../access/access";
import { addParty, createAgreement } from "../agreement/agreement.commands.server";
import { findAgreement, listParties } from "../agreement/agreement.queries.server";
import { AgreementDetailsSchema } from "../agreement/agreement.schema";
import { DELIVERABLE_KINDS } from "../delivery/delivery";
import { DeliverableSchema } from "../delivery/delivery.schema";
import { addDeliverable } from "../delivery/deliverables.server";
import type { RequestMeta } from "../audit/audit.server";
import { ar } from "~/lib/i18n/messages/ar";
import { en, type MessageKey } from "~/lib/i18n/messages/en";
import { fr } from "~/lib/i18n/messages/fr";
import { issueToError, type FieldError } from "~/lib/forms";
import { parseCsv } from "./csv";
import { checkedFileStatus, everyLineReady, importedPage, isImportable, previewWording, readyLines } from "./import";
import type { ImportKind } from "./import";
import { isXlsx, xlsxAsCsv } from "./xlsx.server";

const AGREEMENT_COLUMNS = [
  "reference",
  "title",
  "titleSecondary",
  "kind",
  "status",
  "parties",
  "territory",
  "effectiveDate",
  "endDate",
  "budget",
  "currency",
] as const;
/** The deliverables export's columns; those that describe progress (delivered, percent…) are not read back. */
const DELIVERABLE_COLUMNS = ["reference", "title", "kind", "responsible", "target", "unit", "due"] as const;
type Column = (typeof AGREEMENT_COLUMNS)[number] | (typeof DELIVERABLE_COLUMNS)[number];
const AGREEMENT_KINDS = ["partnership", "mou", "framework", "sponsorship"] as const;
const CATALOGS = [en, fr, ar] as const;

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** Which column a header names, in any language (or by its key). */
function columnOf(header: string, columns: readonly Column[]): Column | null {
  const h = norm(header);
  return (
    columns.find(
      (c) => h === norm(c) || CATALOGS.some((cat) => norm(cat[`export.col.${c}` as MessageKey] as string) === h),
    ) ?? null
  );
}

/** A value named by its key or its label in any language; the fallback when the cell is empty. */
function valueOf<T extends string>(
  cell: string,
  values: readonly T[],
  labelKey: (v: T) => string,
  fallback: T,
): T | null {
  const v = norm(cell);
  if (!v) return fallback;
  return (
    values.find((k) => v === k || CATALOGS.some((cat) => norm(cat[labelKey(k) as MessageKey] as string) === v)) ?? null
  );
}

export interface ImportRow {
  line: number;
  title: string;
  /** What the line belongs to: the parties of an agreement, or the agreement of a deliverable. */
  context: string;
  errors: Array<{ column: string; error: FieldError }>;
}

type DeliverableInput = Parameters<typeof addDeliverable>[4];

export interface ImportPlan {
  kind: ImportKind;
  rows: ImportRow[];
  /** Ready to write, in file order, when every row is valid. */
  agreements: Array<{ details: ReturnType<typeof AgreementDetailsSchema.parse>; partnerIds: string[] }>;
  deliverables: Array<{ agreementId: string; input: DeliverableInput }>;
  fileError: FieldError | null;
}

const emptyPlan = (kind: ImportKind, fileError: FieldError): ImportPlan => ({
  kind,
  rows: [],
  agreements: [],
  deliverables: [],
  fileError,
});

/**
 * Reads the file and checks every line. A file with the deliverables' columns (a target and a
 * unit) adds deliverables to existing agreements, found by reference; any other adds agreements.
 */
export async function planImport(db: DB, actor: Actor, ownerOrganizationId: string, text: string): Promise<ImportPlan> {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch {
    return emptyPlan("agreements", { key: "import.error.unreadable" });
  }
  const [header, ...body] = table;
  if (!header || body.length === 0) return emptyPlan("agreements", { key: "import.error.empty" });
  const kind: ImportKind = header.some((h) => columnOf(h, ["target"]) === "target") ? "deliverables" : "agreements";
  const columns = header.map((h) => columnOf(h, kind === "agreements" ? AGREEMENT_COLUMNS : DELIVERABLE_COLUMNS));
  if (!columns.includes("title")) return emptyPlan(kind, { key: "import.error.noTitle" });
  if (kind === "deliverables" && !columns.includes("reference"))
    return emptyPlan(kind, { key: "import.error.noReference" });
  if (body.length > 500) return emptyPlan(kind, { key: "import.error.tooMany" });
  const lines = body.map((cells, index) => ({
    line: index + 2,
    get: (c: Column) => {
      const i = columns.indexOf(c);
      // An apostrophe the export put before a formula-like cell is taken off again.
      return i >= 0 ? (cells[i] ?? "").replace(/^'(?=[=+\-@])/, "") : "";
    },
  }));
  const plan =
    kind === "agreements"
      ? await planAgreements(db, ownerOrganizationId, lines)
      : await planDeliverables(db, actor, ownerOrganizationId, lines);
  const allValid = plan.rows.every((r) => r.errors.length === 0);
  return {
    kind,
    rows: plan.rows,
    agreements: allValid ? plan.agreements : [],
    deliverables: allValid ? plan.deliverables : [],
    fileError: null,
  };
}

type Line = { line: number; get: (c: Column) => string };

async function planAgreements(db: DB, ownerOrganizationId: string, lines: Line[]) {
  const organizations = await db.selectFrom("organization").select(["id", "name_fr", "name_ar"]).execute();
  const owner = organizations.find((o) => o.id === ownerOrganizationId);
  const rows: ImportRow[] = [];
  const agreements: ImportPlan["agreements"] = [];
  for (const { line, get } of lines) {
    const errors: ImportRow["errors"] = [];
    const kind = valueOf(get("kind"), AGREEMENT_KINDS, (k) => `kind.${k}`, "partnership");
    if (!kind) errors.push({ column: "kind", error: { key: "import.error.kind" } });
    const parsed = AgreementDetailsSchema.safeParse({
      title: get("title"),
      titleSecondary: get("titleSecondary"),
      kind: kind ?? "partnership",
      territory: get("territory"),
      effectiveDate: get("effectiveDate"),
      endDate: get("endDate"),
      totalBudget: get("budget"),
      currency: get("currency") || "MAD",
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".") || "title";
        errors.push({ column: field === "totalBudget" ? "budget" : field, error: issueToError(issue) });
      }
    }
    const names = get("parties")
      .split(/\s*;\s*/)
      .filter(Boolean);
    const partnerIds: string[] = [];
    for (const name of names) {
      const org = organizations.find(
        (o) => norm(o.name_fr ?? "") === norm(name) || norm(o.name_ar ?? "") === norm(name),
      );
      if (!org) errors.push({ column: "parties", error: { key: "import.error.organization", vars: { name } } });
      else if (org.id !== owner?.id && !partnerIds.includes(org.id)) partnerIds.push(org.id);
    }
    rows.push({ line, title: get("title"), context: names.join(" ; "), errors });
    if (!errors.length && parsed.success) agreements.push({ details: parsed.data, partnerIds });
  }
  return { rows, agreements, deliverables: [] };
}

/** Deliverable form fields, named as the export's columns in errors. */
const DELIVERABLE_FIELD_COLUMN: Record<string, Column> = {
  targetQuantity: "target",
  dueDate: "due",
  responsiblePartyId: "responsible",
};

async function planDeliverables(db: DB, actor: Actor, ownerOrganizationId: string, lines: Line[]) {
  const rows: ImportRow[] = [];
  const deliverables: ImportPlan["deliverables"] = [];
  const agreements = new Map<string, { id: string; parties: Awaited<ReturnType<typeof listParties>> } | null>();
  for (const { line, get } of lines) {
    const errors: ImportRow["errors"] = [];
    const reference = get("reference").trim();
    if (!agreements.has(reference))
      agreements.set(reference, await agreementForDeliverables(db, actor, ownerOrganizationId, reference));
    const agreement = agreements.get(reference)!;
    if (!agreement) errors.push({ column: "reference", error: { key: "import.error.reference", vars: { reference } } });
    const kind = valueOf(get("kind"), DELIVERABLE_KINDS, (k) => `deliverable.kind.${k}`, "other");
    if (!kind) errors.push({ column: "kind", error: { key: "import.error.deliverableKind" } });
    const responsibleName = get("responsible");
    const parties = agreement?.parties ?? [];
    const responsible = responsibleName
      ? parties.find(
          (p) => norm(p.nameFr ?? "") === norm(responsibleName) || norm(p.nameAr ?? "") === norm(responsibleName),
        )
      : parties.find((p) => p.organizationId === ownerOrganizationId);
    if (agreement && !responsible)
      errors.push({
        column: "responsible",
        error: { key: "import.error.responsible", vars: { name: responsibleName } },
      });
    const parsed = DeliverableSchema.safeParse({
      intent: "addDeliverable",
      kind: kind ?? "other",
      title: get("title"),
      responsiblePartyId: responsible?.id ?? "0000000000000000",
      targetQuantity: get("target"),
      unit: get("unit"),
      dueDate: get("due"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".") || "title";
        errors.push({ column: DELIVERABLE_FIELD_COLUMN[field] ?? field, error: issueToError(issue) });
      }
    }
    rows.push({ line, title: get("title"), context: reference, errors });
    if (!errors.length && parsed.success && agreement) {
      const { intent: _intent, ...input } = parsed.data;
      deliverables.push({ agreementId: agreement.id, input });
    }
  }
  return { rows, agreements: [], deliverables };
}

/** The agreement a deliverable line names: one the importing organization is party to and whose deliverables the actor plans. */
async function agreementForDeliverables(db: DB, actor: Actor, ownerOrganizationId: string, reference: string) {
  if (!reference) return null;
  const row = await db.selectFrom("agreement").select("id").where("reference", "=", reference).executeTakeFirst();
  const loaded = row ? await findAgreement(db, actor, row.id) : null;
  if (!loaded || !canPlanDeliverables(actor, loaded.access)) return null;
  const parties = await listParties(db, loaded.agreement.id);
  if (!parties.some((p) => p.organizationId === ownerOrganizationId)) return null;
  return { id: loaded.agreement.id, parties };
}

/** Thrown inside the import's transaction when a line is refused after all: undoes every line. */
class LineRefused extends Error {}

/**
 * Writes a fully valid plan in one transaction: every line lands, or (a line refused after the
 * check, e.g. an agreement closed meanwhile) none does. Returns what was created.
 */
export async function applyImport(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  ownerOrganizationId: string,
  plan: ImportPlan,
): Promise<{ ok: true; count: number; agreementIds: string[] } | { ok: false }> {
  if (!isImportable(plan)) return { ok: false };
  try {
    return await inTransaction(db, async (trx) => {
      const agreementIds: string[] = [];
      if (plan.kind === "agreements") {
        for (const row of plan.agreements) {
          const created = await createAgreement(trx, actor, meta, {
            ...row.details,
            ownerOrganizationId,
            partnerOrganizationId: row.partnerIds[0],
          });
          if (!created.ok) throw new LineRefused();
          agreementIds.push(created.id);
          for (const partnerId of row.partnerIds.slice(1)) {
            const loaded = await findAgreement(trx, actor, created.id);
            if (
              !loaded ||
              !(await addParty(trx, actor, meta, loaded, { organizationId: partnerId, role: "partner" })).ok
            )
              throw new LineRefused();
          }
        }
        return { ok: true as const, count: agreementIds.length, agreementIds };
      }
      for (const row of plan.deliverables) {
        const loaded = await findAgreement(trx, actor, row.agreementId);
        if (!loaded || !(await addDeliverable(trx, actor, meta, loaded, row.input)).ok) throw new LineRefused();
        if (!agreementIds.includes(row.agreementId)) agreementIds.push(row.agreementId);
      }
      return { ok: true as const, count: plan.deliverables.length, agreementIds };
    });
  } catch (error) {
    if (error instanceof LineRefused) return { ok: false };
    throw error;
  }
}

/** A chosen file's text: a CSV as UTF-8, an Excel workbook read as the same table (null when unreadable). */
export async function spreadsheetText(bytes: Uint8Array): Promise<string | null> {
  return isXlsx(bytes) ? xlsxAsCsv(bytes) : new TextDecoder("utf-8").decode(bytes);
}

/** What the preview shows of a checked file. */
export function importPreview(plan: ImportPlan) {
  return {
    kind: plan.kind,
    rows: plan.rows,
    fileError: plan.fileError,
    ready: readyLines(plan),
    everyLineReady: everyLineReady(plan),
    wording: previewWording(plan.kind),
  };
}

/**
 * Checks a file's text line by line and, when `write` is asked and every line is ready, imports it:
 * the page to go to, or the preview to show with its status (see checkedFileStatus; `ok` when 200).
 */
export async function importSpreadsheet(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { ownerOrganizationId: string; text: string; write: boolean },
): Promise<
  | { imported: string }
  | { imported: null; preview: ReturnType<typeof importPreview>; status: 200 | 400 | 409; ok: boolean }
> {
  const plan = await planImport(db, actor, input.ownerOrganizationId, input.text);
  if (input.write) {
    const result = await applyImport(db, actor, meta, input.ownerOrganizationId, plan);
    if (result.ok) return { imported: importedPage(plan.kind, result) };
  }
  const status = checkedFileStatus(plan, input.write);
  return { imported: null, preview: importPreview(plan), status, ok: status === 200 };
}
