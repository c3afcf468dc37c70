/**
 * Attachments: a stored file (already checked by content and written by lib/uploads) recorded
 * against what it belongs to, with its SHA-256, in the caller's transaction and — for an
 * agreement's files — with a "file uploaded" event in its history; and the lookup that lets only an
 * agreement's parties download its follow-up evidence.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import type { Database } from "../../../db/schema";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";

export async function recordAttachment(
  trx: Transaction<Database>,
  meta: RequestMeta,
  input: {
    ownerType: "agreement" | "delivery" | "obligation" | "organization" | "tranche" | "expense" | "report";
    ownerId: string;
    purpose: string;
    stored: StoredFile;
    agreementId?: string;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("attachment")
    .values({
      id,
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      purpose: input.purpose,
      stored_name: input.stored.storedName,
      original_name: input.stored.originalName,
      mime_type: input.stored.mimeType,
      size: input.stored.size,
      sha256: input.stored.sha256,
      uploaded_by_user_id: meta.actorUserId,
      created_at: nowIso(),
    })
    .execute();
  if (input.agreementId) {
    await appendAuditEvent(trx, meta, {
      type: "file.uploaded",
      agreementId: input.agreementId,
      subjectId: input.ownerId,
      data: {
        purpose: input.purpose,
        sha256: input.stored.sha256,
        size: input.stored.size,
        name: input.stored.originalName,
      },
    });
  }
  return id;
}

/**
 * An evidence file, only if it belongs to a delivery, an obligation, a tranche (a payment's proof) or
 * an expense (its receipt) of this agreement.
 */
export async function evidenceOf(db: DB, agreementId: string, attachmentId: string) {
  const ofDelivery = await db
    .selectFrom("attachment")
    .innerJoin("delivery", "delivery.id", "attachment.owner_id")
    .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
    .select(["attachment.stored_name as storedName", "attachment.mime_type as mimeType"])
    .where("attachment.id", "=", attachmentId)
    .where("attachment.owner_type", "=", "delivery")
    .where("deliverable.agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (ofDelivery) return ofDelivery;
  const ofObligation = await db
    .selectFrom("attachment")
    .innerJoin("obligation", "obligation.id", "attachment.owner_id")
    .select(["attachment.stored_name as storedName", "attachment.mime_type as mimeType"])
    .where("attachment.id", "=", attachmentId)
    .where("attachment.owner_type", "=", "obligation")
    .where("obligation.agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (ofObligation) return ofObligation;
  const ofMoney = await db
    .selectFrom("attachment")
    .leftJoin("tranche", (join) =>
      join.onRef("tranche.id", "=", "attachment.owner_id").on("attachment.owner_type", "=", "tranche"),
    )
    .leftJoin("expense", (join) =>
      join.onRef("expense.id", "=", "attachment.owner_id").on("attachment.owner_type", "=", "expense"),
    )
    .select(["attachment.stored_name as storedName", "attachment.mime_type as mimeType"])
    .where("attachment.id", "=", attachmentId)
    .where((eb) => eb.or([eb("tranche.agreement_id", "=", agreementId), eb("expense.agreement_id", "=", agreementId)]))
    .executeTakeFirst();
  return ofMoney ?? null;
}
