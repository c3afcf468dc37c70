/**
 * An organization's dossier: its standing documents (each kind's newest supersedes the previous),
 * its bank details and country. Opened by its members and by the partners of its agreements (from
 * negotiation on), managed by its president, administrators and treasurers; every change audited.
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { DossierKind } from "../../../db/schema";
import { canManageDossier, canViewDossier, type Actor } from "../access/access";
import { recordAttachment } from "../attachment/attachment.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { addDaysTo, nowIso } from "~/lib/time";
import type { StoredFile } from "~/lib/uploads.server";
import {
  documentState,
  DOSSIER_KINDS,
  dossierStatus,
  EXPIRY_NOTICE_DAYS,
  formatRib,
  type DossierStatus,
} from "./dossier";

/** The organizations that share an agreement past its draft with this one: they may open its dossier. */
export async function dossierPartners(db: DB, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("agreement_party as other")
    .innerJoin("agreement_party as own", "own.agreement_id", "other.agreement_id")
    .innerJoin("agreement", "agreement.id", "own.agreement_id")
    .select("other.organization_id")
    .distinct()
    .where("own.organization_id", "=", organizationId)
    .where("other.organization_id", "!=", organizationId)
    .where("agreement.status", "!=", "draft")
    .execute();
  return rows.map((r) => r.organization_id);
}

export async function mayOpenDossier(db: DB, actor: Actor, organizationId: string): Promise<boolean> {
  if (canViewDossier(actor, organizationId, [])) return true;
  return canViewDossier(actor, organizationId, await dossierPartners(db, organizationId));
}

/** Every document of the organization (current first, newest first), with its file. */
export async function dossierDocuments(db: DB, organizationId: string) {
  return db
    .selectFrom("dossier_document")
    .innerJoin("attachment", "attachment.id", "dossier_document.attachment_id")
    .leftJoin("user", "user.id", "dossier_document.uploaded_by")
    .select([
      "dossier_document.id",
      "dossier_document.kind",
      "dossier_document.issued_on as issuedOn",
      "dossier_document.expires_on as expiresOn",
      "dossier_document.superseded_at as supersededAt",
      "dossier_document.created_at as createdAt",
      "attachment.original_name as fileName",
      "attachment.mime_type as mimeType",
      "user.name as uploadedBy",
    ])
    .where("dossier_document.organization_id", "=", organizationId)
    .orderBy(sql`case when dossier_document.superseded_at is null then 0 else 1 end`)
    .orderBy("dossier_document.created_at", "desc")
    .execute();
}

/**
 * The dossier as its page shows it: each kind's current document and state (valid, expiring, expired,
 * missing), the earlier documents it superseded, the bank details, and whether the reader manages it.
 * Null when the reader may not open it (neither a member nor a partner of its agreements).
 */
export async function dossierView(db: DB, actor: Actor, organizationId: string, today: string) {
  if (!(await mayOpenDossier(db, actor, organizationId))) return null;
  const [bank, documents] = await Promise.all([bankDetails(db, organizationId), dossierDocuments(db, organizationId)]);
  if (!bank) return null;
  const current = documents.filter((d) => d.supersededAt === null);
  return {
    organizationId,
    bank: { ...bank, formattedAccount: bank.bankAccount ? formatRib(bank.bankAccount) : null },
    kinds: DOSSIER_KINDS.map((kind) => {
      const document = current.find((d) => d.kind === kind) ?? null;
      return { kind, state: documentState(document, today), document };
    }),
    superseded: documents.filter((d) => d.supersededAt !== null),
    status: dossierStatus(documents, today),
    canManage: canManageDossier(actor, organizationId),
  };
}

export type DossierView = NonNullable<Awaited<ReturnType<typeof dossierView>>>;

/** Each organization's dossier status today (complete and valid?), for a partner about to pay. */
export async function dossierStatuses(
  db: DB,
  organizationIds: readonly string[],
  today: string,
): Promise<Map<string, DossierStatus>> {
  const ids = [...new Set(organizationIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("dossier_document")
    .select(["organization_id", "kind", "expires_on as expiresOn", "superseded_at as supersededAt"])
    .where("organization_id", "in", ids)
    .where("superseded_at", "is", null)
    .execute();
  return new Map(
    ids.map((id) => [
      id,
      dossierStatus(
        rows.filter((r) => r.organization_id === id),
        today,
      ),
    ]),
  );
}

/** Current documents of these organizations expiring within the notice period, or expired (the dashboard, notices). */
export async function expiringDocuments(db: DB, organizationIds: readonly string[], today: string) {
  if (!organizationIds.length) return [];
  return db
    .selectFrom("dossier_document")
    .innerJoin("organization", "organization.id", "dossier_document.organization_id")
    .select([
      "dossier_document.id",
      "dossier_document.organization_id as organizationId",
      "organization.name_fr as nameFr",
      "organization.name_ar as nameAr",
      "dossier_document.kind",
      "dossier_document.expires_on as expiresOn",
    ])
    .where("dossier_document.organization_id", "in", [...organizationIds])
    .where("dossier_document.superseded_at", "is", null)
    .where("dossier_document.expires_on", "<=", addDaysTo(today, EXPIRY_NOTICE_DAYS))
    .orderBy("dossier_document.expires_on")
    .execute();
}

/** A new document of a kind: it becomes the current one, the previous of the kind is superseded. */
export async function addDossierDocument(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  input: { kind: DossierKind; issuedOn: string; expiresOn?: string; file: StoredFile },
): Promise<{ ok: true; id: string } | Refusal> {
  if (!canManageDossier(actor, organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    await trx
      .updateTable("dossier_document")
      .set({ superseded_at: at })
      .where("organization_id", "=", organizationId)
      .where("kind", "=", input.kind)
      .where("superseded_at", "is", null)
      .execute();
    const attachmentId = await recordAttachment(trx, meta, {
      ownerType: "organization",
      ownerId: organizationId,
      purpose: "dossier",
      stored: input.file,
    });
    const id = newId();
    await trx
      .insertInto("dossier_document")
      .values({
        id,
        organization_id: organizationId,
        kind: input.kind,
        attachment_id: attachmentId,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn ?? null,
        superseded_at: null,
        uploaded_by: meta.actorUserId,
        created_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "dossier.document_added",
      organizationId,
      subjectId: id,
      data: {
        kind: input.kind,
        issuedOn: input.issuedOn,
        ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
        sha256: input.file.sha256,
      },
    });
    return { ok: true as const, id };
  });
}

/** A document's stored file, if the actor may open the organization's dossier. */
export async function dossierFile(db: DB, actor: Actor, organizationId: string, documentId: string) {
  if (!(await mayOpenDossier(db, actor, organizationId))) return null;
  return (
    (await db
      .selectFrom("dossier_document")
      .innerJoin("attachment", "attachment.id", "dossier_document.attachment_id")
      .select([
        "attachment.stored_name as storedName",
        "attachment.mime_type as mimeType",
        "attachment.original_name as name",
        "attachment.sha256",
      ])
      .where("dossier_document.id", "=", documentId)
      .where("dossier_document.organization_id", "=", organizationId)
      .executeTakeFirst()) ?? null
  );
}

export async function bankDetails(db: DB, organizationId: string) {
  return (
    (await db
      .selectFrom("organization")
      .select([
        "id",
        "name_fr as nameFr",
        "name_ar as nameAr",
        "country",
        "bank_name as bankName",
        "bank_account as bankAccount",
        "version",
      ])
      .where("id", "=", organizationId)
      .executeTakeFirst()) ?? null
  );
}

/** The organization's country and bank details (printed on its calls for funds). */
export async function updateBankDetails(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  organizationId: string,
  input: { version: number; country: string; bankName?: string; bankAccount?: string },
): Promise<{ ok: true } | Refusal> {
  if (!canManageDossier(actor, organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("organization")
      .select(["country", "bank_name", "bank_account"])
      .where("id", "=", organizationId)
      .executeTakeFirst();
    if (!before) return NOT_FOUND;
    const changes = {
      country: input.country,
      bank_name: input.bankName ?? null,
      bank_account: input.bankAccount ?? null,
    };
    const result = await trx
      .updateTable("organization")
      .set({ ...changes, updated_at: nowIso(), version: input.version + 1 })
      .where("id", "=", organizationId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, error: "conflict" as const };
    await appendAuditEvent(trx, meta, {
      type: "organization.bank_details_updated",
      organizationId,
      subjectId: organizationId,
      data: { fields: (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => before[k] !== changes[k]) },
    });
    return { ok: true as const };
  });
}
