/**
 * Spreadsheet exports of what the actor can see — agreements, obligations, deliverables, action
 * items — in the reader's language, and a JSON export of one agreement with its follow-up.
 * Named beneficiaries and negotiation comments are never exported.
 */
import type { DB } from "../../../db/client";
import type { Locale } from "../../../db/schema";
import type { Actor } from "../access/access";
import { currentSnapshot, listParties, visibleTo, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { computedEndDate } from "../agreement/lifecycle";
import { listActionItems } from "../committee/meetings.server";
import { listDeliverables } from "../delivery/deliverables.server";
import { listObligations } from "../delivery/obligations.server";
import { displayName } from "../organization/organization";
import { signingMethods } from "../signing/signing.server";
import { createTranslator, type MessageKey } from "~/lib/i18n/translate";
import { moneyExport } from "../finance/finance-view.server";
import { toSpreadsheetNumber } from "~/lib/money";
import { todayInMorocco } from "~/lib/time";
import { csvDelimiter, toCsv } from "./csv";
import { toXlsx } from "./xlsx.server";

export const EXPORTS = ["agreements", "obligations", "deliverables", "action-items"] as const;
export type ExportKind = (typeof EXPORTS)[number];

async function visibleAgreements(db: DB, actor: Actor) {
  return db.selectFrom("agreement").selectAll().where(visibleTo(actor)).orderBy("reference").execute();
}

/** Columns holding calendar dates (YYYY-MM-DD): date cells in a workbook. */
const DATE_COLUMNS = new Set(["effectiveDate", "endDate", "signedOn", "paperRecordedOn", "due", "completedOn"]);
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportTable {
  /** Column keys (export.col.<key>), then their labels in the reader's language. */
  keys: string[];
  header: string[];
  rows: Array<Array<string | number | null | undefined>>;
}

/**
 * One export in a format: CSV with the reader's separator, or an .xlsx workbook with typed cells
 * (right to left for Arabic readers). Both from the same table, so they never disagree.
 */
export async function exportFile(
  db: DB,
  actor: Actor,
  kind: ExportKind,
  format: ExportFormat,
  locale: Locale,
  today: string,
): Promise<string | Buffer> {
  const table = await exportTable(db, actor, kind, locale, today);
  if (format === "csv") return toCsv(table.header, table.rows, csvDelimiter(locale));
  const { t } = createTranslator(locale);
  return toXlsx({
    name: t(`export.${kind}` as MessageKey),
    header: table.header,
    rows: table.rows,
    dateColumns: new Set(table.keys.flatMap((key, i) => (DATE_COLUMNS.has(key) ? [i] : []))),
    rtl: locale === "ar",
    dateFormat: locale === "en" ? "yyyy-mm-dd" : "dd/mm/yyyy",
  });
}

/** The CSV export (the reader's separator, BOM): exportFile's "csv". */
export async function exportCsv(db: DB, actor: Actor, kind: ExportKind, locale: Locale, today: string) {
  return (await exportFile(db, actor, kind, "csv", locale, today)) as string;
}

async function exportTable(
  db: DB,
  actor: Actor,
  kind: ExportKind,
  locale: Locale,
  today: string,
): Promise<ExportTable> {
  const { t } = createTranslator(locale);
  const table = (keys: string[], rows: ExportTable["rows"]): ExportTable => ({
    keys,
    header: keys.map((key) => t(`export.col.${key}` as MessageKey)),
    rows,
  });
  const agreements = await visibleAgreements(db, actor);
  switch (kind) {
    case "agreements": {
      const rows = [];
      const signings = await signingMethods(
        db,
        agreements.filter((a) => a.signed_on).map((a) => a.id),
      );
      for (const a of agreements) {
        const parties = await listParties(db, a.id);
        const signing = a.signed_on ? signings.get(a.id) : undefined;
        rows.push([
          a.reference,
          a.title,
          a.title_secondary,
          t(`kind.${a.kind}` as MessageKey),
          t(`status.${a.status}` as MessageKey),
          // The day it was signed (a paper ceremony's date), how, and apart the day a paper signing was recorded.
          a.signed_on,
          signing ? t(signing.method === "paper" ? "verify.method.paper" : "verify.method.inApp") : null,
          signing?.recordedAt ? todayInMorocco(new Date(signing.recordedAt)) : null,
          parties.map((p) => displayName(p, locale)).join(" ; "),
          a.territory,
          a.effective_date,
          computedEndDate({ effectiveDate: a.effective_date, endDate: a.end_date, durationMonths: a.duration_months }),
          a.total_budget_cents === null ? null : toSpreadsheetNumber(Number(a.total_budget_cents)),
          a.currency,
        ]);
      }
      return table(
        [
          "reference",
          "title",
          "titleSecondary",
          "kind",
          "status",
          "signedOn",
          "signedHow",
          "paperRecordedOn",
          "parties",
          "territory",
          "effectiveDate",
          "endDate",
          "budget",
          "currency",
        ],
        rows,
      );
    }
    case "obligations": {
      const rows = [];
      for (const a of agreements) {
        for (const o of await listObligations(db, a.id, today)) {
          rows.push([
            a.reference,
            o.clausePosition ?? null,
            o.description,
            displayName(o, locale),
            o.nextDue ?? o.dueDate,
            t(`recurrence.${o.recurrence}` as MessageKey),
            t(`obligation.status.${o.currentStatus}` as MessageKey),
            o.overdue ? t("export.yes") : t("export.no"),
            o.completedOn,
          ]);
        }
      }
      return table(
        ["reference", "article", "description", "responsible", "due", "recurrence", "status", "overdue", "completedOn"],
        rows,
      );
    }
    case "deliverables": {
      const rows = [];
      for (const a of agreements) {
        for (const d of await listDeliverables(db, a.id)) {
          rows.push([
            a.reference,
            d.title,
            t(`deliverable.kind.${d.kind}` as MessageKey),
            displayName(d, locale),
            d.target,
            d.unit,
            d.progress.delivered,
            d.progress.percent,
            d.beneficiaries,
            t(`deliverable.status.${d.status}` as MessageKey),
            d.dueDate,
          ]);
        }
      }
      return table(
        [
          "reference",
          "title",
          "kind",
          "responsible",
          "target",
          "unit",
          "delivered",
          "percent",
          "beneficiaries",
          "status",
          "due",
        ],
        rows,
      );
    }
    case "action-items": {
      const rows = [];
      for (const a of agreements) {
        const committee = await db
          .selectFrom("committee")
          .select("id")
          .where("agreement_id", "=", a.id)
          .executeTakeFirst();
        if (!committee) continue;
        for (const x of await listActionItems(db, committee.id)) {
          const owner = x.ownerMemberName ?? displayName({ nameFr: x.ownerNameFr, nameAr: x.ownerNameAr }, locale);
          rows.push([
            a.reference,
            x.meetingNumber,
            x.title,
            owner,
            x.dueDate,
            t(`actionItems.status.${x.status}` as MessageKey),
            x.closedNote,
          ]);
        }
      }
      return table(["reference", "meeting", "title", "owner", "due", "status", "note"], rows);
    }
  }
}

/** One agreement with its text and follow-up, for archiving or another tool. */
export async function exportAgreementJson(db: DB, loaded: LoadedAgreement, today: string) {
  const a = loaded.agreement;
  const committee = await db.selectFrom("committee").selectAll().where("agreement_id", "=", a.id).executeTakeFirst();
  const meetings = committee
    ? await db
        .selectFrom("meeting")
        .select([
          "id",
          "number",
          "starts_at",
          "time_zone",
          "location",
          "video_url",
          "status",
          "minutes_status",
          "minutes",
          "minutes_hash",
        ])
        .where("committee_id", "=", committee.id)
        .orderBy("number")
        .execute()
    : [];
  const plans = await db
    .selectFrom("action_plan")
    .select(["id", "year", "status", "revision", "adopted_on", "adopted_meeting_id"])
    .where("agreement_id", "=", a.id)
    .orderBy("year")
    .execute();
  const actions = plans.length
    ? await db
        .selectFrom("plan_action")
        .selectAll()
        .where(
          "plan_id",
          "in",
          plans.map((p) => p.id),
        )
        .orderBy("position")
        .execute()
    : [];
  const deliverables = await listDeliverables(db, a.id);
  const deliveries = deliverables.length
    ? await db
        .selectFrom("delivery")
        .select([
          "id",
          "deliverable_id",
          "delivered_on",
          "quantity",
          "beneficiaries",
          "beneficiaries_women",
          "beneficiaries_men",
          "beneficiaries_children",
          "place",
          "note",
        ])
        .where(
          "deliverable_id",
          "in",
          deliverables.map((d) => d.id),
        )
        .orderBy("delivered_on")
        .execute()
    : [];
  return {
    format: "charaka.agreement/1",
    exportedAt: new Date().toISOString(),
    agreement: await currentSnapshot(db, a),
    status: a.status,
    versions: await db
      .selectFrom("agreement_version")
      .select(["number", "reason", "hash", "created_at"])
      .where("agreement_id", "=", a.id)
      .orderBy("number")
      .execute(),
    signedOn: a.signed_on,
    // A signature on paper has its ceremony's day and no time; its recording is in paperSignings.
    signatures: await db
      .selectFrom("signature")
      .select([
        "version_number",
        "party_id",
        "signer_name",
        "signer_title",
        "method",
        "signed_on",
        "signed_at",
        "paper_signing_id",
        "voided_at",
      ])
      .where("agreement_id", "=", a.id)
      .orderBy("version_number")
      .orderBy("signed_on")
      .orderBy("created_at")
      .execute(),
    paperSignings: await db
      .selectFrom("paper_signing")
      .innerJoin("attachment", "attachment.id", "paper_signing.scan_attachment_id")
      .leftJoin("user", "user.id", "paper_signing.recorded_by_user_id")
      .select([
        "paper_signing.id",
        "paper_signing.version_number",
        "paper_signing.signed_on",
        "paper_signing.place",
        "paper_signing.recorded_at",
        "user.name as recorded_by",
        "attachment.sha256 as scan_sha256",
      ])
      .where("paper_signing.agreement_id", "=", a.id)
      .orderBy("paper_signing.recorded_at")
      .execute(),
    obligations: (await listObligations(db, a.id, today)).map((o) => ({
      id: o.id,
      description: o.description,
      party: o.nameFr ?? o.nameAr,
      article: o.clausePosition,
      dueDate: o.dueDate,
      recurrence: o.recurrence,
      status: o.status,
      completedOn: o.completedOn,
      note: o.statusNote,
    })),
    money: await moneyExport(db, a.id, a.currency, today),
    plans: plans.map((p) => ({
      ...p,
      actions: actions
        .filter((x) => x.plan_id === p.id)
        .map((x) => ({
          id: x.id,
          objective: x.objective,
          priority: x.priority,
          startDate: x.start_date,
          endDate: x.end_date,
          budgetCents: x.budget_cents === null ? null : Number(x.budget_cents),
          status: x.status,
        })),
    })),
    deliverables: deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      target: d.target,
      unit: d.unit,
      status: d.status,
      dueDate: d.dueDate,
      deliveries: deliveries.filter((x) => x.deliverable_id === d.id),
    })),
    committee: committee
      ? {
          rhythm: committee.rhythm,
          quorumRule: committee.quorum_rule,
          approvalRule: committee.approval_rule,
          meetings,
          actionItems: (await listActionItems(db, committee.id)).map((x) => ({
            id: x.id,
            meeting: x.meetingNumber,
            title: x.title,
            dueDate: x.dueDate,
            status: x.status,
            note: x.closedNote,
          })),
        }
      : null,
  };
}
