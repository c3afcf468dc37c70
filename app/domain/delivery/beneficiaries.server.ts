/** Named beneficiary lists: kept by the responsible association only, masked IDs, consent, retention. */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { canSeeBeneficiaryNames, type Actor } from "../access/access";
import { NOT_FOUND, type Refusal } from "../result";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { maskNationalId } from "./beneficiaries";

async function responsibleOf(db: DB, agreementId: string, deliverableId: string) {
  return (
    (await db
      .selectFrom("deliverable")
      .innerJoin("agreement_party", "agreement_party.id", "deliverable.responsible_party_id")
      .select(["deliverable.id", "agreement_party.organization_id as organizationId"])
      .where("deliverable.id", "=", deliverableId)
      .where("deliverable.agreement_id", "=", agreementId)
      .executeTakeFirst()) ?? null
  );
}

/** For the list's keepers: the list with names (masked IDs); for anyone else: counts only. */
export async function beneficiaryListView(db: DB, actor: Actor, agreementId: string, deliverableId: string) {
  const responsible = await responsibleOf(db, agreementId, deliverableId);
  if (!responsible) return null;
  const list = await db
    .selectFrom("beneficiary_list")
    .selectAll()
    .where("deliverable_id", "=", deliverableId)
    .executeTakeFirst();
  if (!list) return { exists: false as const, canKeep: canSeeBeneficiaryNames(actor, responsible.organizationId) };
  const count = await db
    .selectFrom("beneficiary")
    .select(sql<number>`count(*)`.as("n"))
    .where("list_id", "=", list.id)
    .executeTakeFirst();
  const base = {
    exists: true as const,
    count: Number(count?.n ?? 0),
    retentionUntil: list.retention_until,
    purpose: list.purpose,
  };
  if (!canSeeBeneficiaryNames(actor, responsible.organizationId))
    return { ...base, canKeep: false as const, people: null };
  const people = await db
    .selectFrom("beneficiary")
    .select([
      "id",
      "full_name as fullName",
      "national_id_masked as nationalId",
      "household_size as householdSize",
      "erased_at as erasedAt",
    ])
    .where("list_id", "=", list.id)
    .orderBy("created_at")
    .execute();
  return { ...base, canKeep: true as const, people };
}

export async function openBeneficiaryList(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { deliverableId: string; purpose: string; retentionUntil: string },
): Promise<{ ok: true } | Refusal> {
  const { deliverableId } = input;
  const responsible = await responsibleOf(db, loaded.agreement.id, deliverableId);
  if (!responsible || !canSeeBeneficiaryNames(actor, responsible.organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("beneficiary_list")
      .select("id")
      .where("deliverable_id", "=", deliverableId)
      .executeTakeFirst();
    if (existing) return { ok: true as const };
    const at = nowIso();
    await trx
      .insertInto("beneficiary_list")
      .values({
        id: newId(),
        deliverable_id: deliverableId,
        purpose: input.purpose,
        retention_until: input.retentionUntil,
        created_by_user_id: meta.actorUserId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "beneficiaries.list_opened",
      agreementId: loaded.agreement.id,
      subjectId: deliverableId,
      data: { retentionUntil: input.retentionUntil },
    });
    return { ok: true as const };
  });
}

/** Adds a person with their consent; the national ID is masked before it is ever stored. */
export async function addBeneficiary(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { deliverableId: string; fullName: string; nationalId?: string; householdSize?: number },
): Promise<{ ok: true } | Refusal> {
  const { deliverableId } = input;
  const responsible = await responsibleOf(db, loaded.agreement.id, deliverableId);
  if (!responsible || !canSeeBeneficiaryNames(actor, responsible.organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const list = await trx
      .selectFrom("beneficiary_list")
      .select("id")
      .where("deliverable_id", "=", deliverableId)
      .executeTakeFirst();
    if (!list) return NOT_FOUND;
    const at = nowIso();
    await trx
      .insertInto("beneficiary")
      .values({
        id: newId(),
        list_id: list.id,
        full_name: input.fullName,
        national_id_masked: input.nationalId ? maskNationalId(input.nationalId) : null,
        household_size: input.householdSize ?? null,
        consent_recorded_at: at,
        erased_at: null,
        created_at: at,
      })
      .execute();
    // The audit log records that someone was added, never who.
    await appendAuditEvent(trx, meta, {
      type: "beneficiaries.added",
      agreementId: loaded.agreement.id,
      subjectId: deliverableId,
      data: {},
    });
    return { ok: true as const };
  });
}

/** Erases names and IDs of lists past their retention date; counts remain. Idempotent. */
export async function eraseExpiredBeneficiaries(db: DB, today: string): Promise<number> {
  const result = await db
    .updateTable("beneficiary")
    .set({ full_name: null, national_id_masked: null, erased_at: nowIso() })
    .where("erased_at", "is", null)
    .where("list_id", "in", (eb) => eb.selectFrom("beneficiary_list").select("id").where("retention_until", "<", today))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
