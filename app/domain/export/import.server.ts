/**
 * Importing existing agreements from a spreadsheet (the columns of the agreements export, in any
 * of the three languages): every row is checked first and shown with its errors; nothing is
 * written unless the whole file is valid. Imported agreements start as drafts with a new
 * reference (a signing done on paper is then recorded as usual).
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { addParty, createAgreement } from "../agreement/agreement.commands.server";
import { findAgreement } from "../agreement/agreement.queries.server";
import { AgreementDetailsSchema } from "../agreement/agreement.schema";
import type { RequestMeta } from "../audit/audit.server";
import { ar } from "~/lib/i18n/messages/ar";
import { en, type MessageKey } from "~/lib/i18n/messages/en";
import { fr } from "~/lib/i18n/messages/fr";
import { issueToError, type FieldError } from "~/lib/forms";
import { parseCsv } from "./csv";

const COLUMNS = ["reference", "title", "titleSecondary", "kind", "status", "parties", "territory", "effectiveDate", "endDate", "budget", "currency"] as const;
type Column = (typeof COLUMNS)[number];
const KINDS = ["partnership", "mou", "framework", "sponsorship"] as const;
const CATALOGS = [en, fr, ar] as const;

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** Which column a header names, in any language (or by its key). */
function columnOf(header: string): Column | null {
  const h = norm(header);
  return COLUMNS.find((c) => h === norm(c) || CATALOGS.some((cat) => norm(cat[`export.col.${c}` as MessageKey] as string) === h)) ?? null;
}

function kindOf(value: string): (typeof KINDS)[number] | null {
  const v = norm(value);
  if (!v) return "partnership";
  return KINDS.find((k) => v === k || CATALOGS.some((cat) => norm(cat[`kind.${k}` as MessageKey] as string) === v)) ?? null;
}

export interface ImportRow {
  line: number;
  title: string;
  partners: string[];
  errors: Array<{ column: string; error: FieldError }>;
}

export interface ImportPlan {
  rows: ImportRow[];
  /** Ready to write, in file order, when every row is valid. */
  valid: Array<{ details: ReturnType<typeof AgreementDetailsSchema.parse>; partnerIds: string[] }>;
  fileError: FieldError | null;
}

export async function planImport(db: DB, ownerOrganizationId: string, text: string): Promise<ImportPlan> {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch {
    return { rows: [], valid: [], fileError: { key: "import.error.unreadable" } };
  }
  const [header, ...body] = table;
  if (!header || body.length === 0) return { rows: [], valid: [], fileError: { key: "import.error.empty" } };
  const columns = header.map(columnOf);
  if (!columns.includes("title")) return { rows: [], valid: [], fileError: { key: "import.error.noTitle" } };
  if (body.length > 500) return { rows: [], valid: [], fileError: { key: "import.error.tooMany" } };
  const organizations = await db.selectFrom("organization").select(["id", "name_fr", "name_ar"]).execute();
  const owner = organizations.find((o) => o.id === ownerOrganizationId);
  const rows: ImportRow[] = [];
  const valid: ImportPlan["valid"] = [];
  body.forEach((cells, index) => {
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (cells[i] ?? "").replace(/^'(?=[=+\-@])/, "") : "";
    };
    const errors: ImportRow["errors"] = [];
    const kind = kindOf(get("kind"));
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
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ column: issue.path.map(String).join(".") || "title", error: issueToError(issue) });
    const names = get("parties").split(/\s*;\s*/).filter(Boolean);
    const partnerIds: string[] = [];
    for (const name of names) {
      const org = organizations.find((o) => norm(o.name_fr ?? "") === norm(name) || norm(o.name_ar ?? "") === norm(name));
      if (!org) errors.push({ column: "parties", error: { key: "import.error.organization", vars: { name } } });
      else if (org.id !== owner?.id && !partnerIds.includes(org.id)) partnerIds.push(org.id);
    }
    rows.push({ line: index + 2, title: get("title"), partners: names, errors });
    if (!errors.length && parsed.success) valid.push({ details: parsed.data, partnerIds });
  });
  return { rows, valid: rows.every((r) => r.errors.length === 0) ? valid : [], fileError: null };
}

/** Writes a fully valid plan; returns the references created. */
export async function applyImport(db: DB, actor: Actor, meta: RequestMeta, ownerOrganizationId: string, plan: ImportPlan): Promise<{ ok: true; references: string[] } | { ok: false }> {
  if (plan.fileError || !plan.rows.length || plan.valid.length !== plan.rows.length) return { ok: false };
  const references: string[] = [];
  for (const row of plan.valid) {
    const created = await createAgreement(db, actor, meta, { ...row.details, ownerOrganizationId, partnerOrganizationId: row.partnerIds[0] });
    if (!created.ok) return { ok: false };
    references.push(created.reference);
    for (const partnerId of row.partnerIds.slice(1)) {
      const loaded = await findAgreement(db, actor, created.id);
      if (loaded) await addParty(db, actor, meta, loaded, { organizationId: partnerId, role: "partner" });
    }
  }
  return { ok: true, references };
}
