/** Obligations: written while drafting, followed up (status, evidence) once in force. */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { ObligationStatus, Recurrence } from "../../../db/schema";
import { canEditAgreement, canManageAgreement, canRecordProgress, type Actor } from "../access/access";
import type { Refusal } from "../agreement/agreement.commands.server";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { computedEndDate } from "../agreement/lifecycle";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso, todayInMorocco } from "~/lib/time";
import { closeDeclarationWithProof } from "../finance/tranches.server";
import type { StoredFile } from "~/lib/uploads.server";
import { completionDate, isOverdue, nextDueDate } from "./delivery";
import { refreshDueDates } from "./due-dates.server";
import { joinPartyOrganization, ORGANIZATION_NAMES, partyOfAgreement } from "../party/party.queries.server";

const NOT_FOUND = { ok: false, error: "not_found" } as const;

export async function listObligations(db: DB, agreementId: string, today: string) {
  const agreement = await db
    .selectFrom("agreement")
    .select(["effective_date", "end_date", "duration_months"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const end = computedEndDate({
    effectiveDate: agreement.effective_date,
    endDate: agreement.end_date,
    durationMonths: agreement.duration_months,
  });
  const rows = await db
    .selectFrom("obligation")
    .$call(joinPartyOrganization("obligation.responsible_party_id"))
    .leftJoin("clause", "clause.id", "obligation.clause_id")
    .select([
      "obligation.id",
      "obligation.description",
      "obligation.due_date as dueDate",
      "obligation.recurrence",
      "obligation.status",
      "obligation.status_note as statusNote",
      "obligation.completed_on as completedOn",
      "obligation.version",
      "obligation.kind",
      "organization.id as organizationId",
      ...ORGANIZATION_NAMES,
      "clause.position as clausePosition",
      "clause.heading as clauseHeading",
    ])
    .where("obligation.agreement_id", "=", agreementId)
    .orderBy(sql`coalesce(clause.position, 9999)`)
    .orderBy("obligation.created_at")
    .orderBy("obligation.description")
    .execute();
  return rows.map((r) => {
    const next = nextDueDate({
      dueDate: r.dueDate,
      recurrence: r.recurrence,
      status: r.status,
      completedOn: r.completedOn,
      agreementStart: agreement.effective_date,
      agreementEnd: end,
    });
    // A recurring obligation done for its last occurrence is pending again for the next one.
    const current: ObligationStatus = r.recurrence !== "none" && r.status === "done" && next ? "pending" : r.status;
    return { ...r, currentStatus: current, nextDue: next, overdue: isOverdue(next, today) };
  });
}

export async function addObligation(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { description: string; responsiblePartyId: string; clauseId?: string; dueDate?: string; recurrence: string },
): Promise<{ ok: true } | Refusal> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access))
    return { ok: false, error: "rule", errors: [{ key: "delivery.error.obligationFrozen" }] };
  return inTransaction(db, async (trx) => {
    const party = await partyOfAgreement(trx, loaded.agreement.id, input.responsiblePartyId);
    const clause = input.clauseId
      ? await trx
          .selectFrom("clause")
          .select("id")
          .where("id", "=", input.clauseId)
          .where("agreement_id", "=", loaded.agreement.id)
          .executeTakeFirst()
      : null;
    if (!party || clause === undefined) return NOT_FOUND;
    const at = nowIso();
    await trx
      .insertInto("obligation")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        clause_id: clause?.id ?? null,
        responsible_party_id: party.id,
        description: input.description,
        due_date: input.dueDate ?? null,
        recurrence: input.recurrence as Recurrence,
        status_note: null,
        completed_on: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await refreshDueDates(trx, loaded.agreement.id);
    await appendAuditEvent(trx, meta, {
      type: "obligation.added",
      agreementId: loaded.agreement.id,
      subjectId: party.id,
      data: { description: input.description },
    });
    return { ok: true as const };
  });
}

/** Follow-up of an obligation: its status (waived needs a reason), note and completion date. */
export async function updateObligationStatus(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: {
    obligationId: string;
    version: number;
    status: ObligationStatus;
    note?: string;
    completedOn?: string;
    today: string;
  },
): Promise<{ ok: true } | Refusal> {
  const { obligationId, version, status } = input;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("obligation")
      .innerJoin("agreement_party", "agreement_party.id", "obligation.responsible_party_id")
      .select([
        "obligation.id",
        "obligation.status",
        "obligation.description",
        "agreement_party.organization_id as organizationId",
      ])
      .where("obligation.id", "=", obligationId)
      .where("obligation.agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!row) return NOT_FOUND;
    if (!canRecordProgress(actor, loaded.access, row.organizationId)) return NOT_FOUND;
    const result = await trx
      .updateTable("obligation")
      .set({
        status,
        status_note: input.note ?? null,
        completed_on: completionDate(status, input.completedOn, input.today),
        updated_at: nowIso(),
        version: version + 1,
      })
      .where("id", "=", obligationId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    await refreshDueDates(trx, loaded.agreement.id);
    await appendAuditEvent(trx, meta, {
      type: "obligation.status_changed",
      agreementId: loaded.agreement.id,
      subjectId: obligationId,
      data: { description: row.description, from: row.status, to: status, ...(input.note ? { note: input.note } : {}) },
    });
    return { ok: true as const };
  });
}

/** Evidence of an obligation's follow-up (a photo, a report as PDF), by those who update it. */
export async function attachObligationEvidence(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  obligationId: string,
  stored: StoredFile,
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("obligation")
      .innerJoin("agreement_party", "agreement_party.id", "obligation.responsible_party_id")
      .select(["obligation.id", "agreement_party.organization_id as organizationId"])
      .where("obligation.id", "=", obligationId)
      .where("obligation.agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!row || !canRecordProgress(actor, loaded.access, row.organizationId)) return NOT_FOUND;
    await recordAttachment(trx, meta, {
      ownerType: "obligation",
      ownerId: obligationId,
      purpose: "obligation_evidence",
      stored,
      agreementId: loaded.agreement.id,
    });
    // The proof of a foreign funding declaration closes it.
    await closeDeclarationWithProof(trx, meta, loaded.agreement.id, obligationId, todayInMorocco());
    return { ok: true as const };
  });
}

export async function obligationEvidence(db: DB, agreementId: string) {
  return db
    .selectFrom("attachment")
    .innerJoin("obligation", "obligation.id", "attachment.owner_id")
    .select([
      "attachment.id",
      "attachment.owner_id as obligationId",
      "attachment.original_name as name",
      "attachment.mime_type as mimeType",
    ])
    .where("attachment.owner_type", "=", "obligation")
    .where("obligation.agreement_id", "=", agreementId)
    .orderBy("attachment.created_at")
    .execute();
}
