/**
 * Articles of an agreement, the clause library, and negotiation comments.
 * Articles change only while the agreement's text is editable (draft, negotiation),
 * by the owner's managers; any party member comments; the owner's managers resolve.
 */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, Locale } from "../../../db/schema";
import { reindexAgreement } from "../../../db/search";
import {
  canCommentAgreement,
  canEditAgreement,
  canManageAgreement,
  canResolveComment,
  isMemberOf,
  type Actor,
} from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { touchAgreement, type Refusal } from "../agreement/agreement.commands.server";
import { isTextEditable } from "../agreement/lifecycle";
import { NOT_FOUND, ruleBroken } from "../result";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { CLAUSE_TOPICS, STANDARD_CLAUSES, standardClause, type ClauseTopic } from "./clause-library";

const FROZEN = ruleBroken({ key: "agreement.error.frozen" });

function guardEdit(actor: Actor, loaded: LoadedAgreement): Refusal | null {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  if (!canEditAgreement(actor, loaded.access)) return FROZEN;
  return null;
}

/** One article of this agreement (never another agreement's, whatever id is posted). */
function findClause(trx: Transaction<Database>, agreementId: string, clauseId: string) {
  return trx
    .selectFrom("clause")
    .select(["id", "position", "heading"])
    .where("id", "=", clauseId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
}

async function insertClause(
  trx: Transaction<Database>,
  agreementId: string,
  heading: string,
  body: string,
): Promise<{ id: string; position: number }> {
  const last = await trx
    .selectFrom("clause")
    .select("position")
    .where("agreement_id", "=", agreementId)
    .orderBy("position", "desc")
    .executeTakeFirst();
  const position = (last?.position ?? 0) + 1;
  const at = nowIso();
  const id = newId();
  await trx
    .insertInto("clause")
    .values({
      id,
      agreement_id: agreementId,
      position,
      heading,
      body,
      source_amendment_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, position };
}

export async function addClause(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { heading: string; body: string; fromTemplate?: string },
): Promise<{ ok: true; id: string } | Refusal> {
  const { fromTemplate } = input;
  const refusal = guardEdit(actor, loaded);
  if (refusal) return refusal;
  return inTransaction(db, async (trx) => {
    const { id, position } = await insertClause(trx, loaded.agreement.id, input.heading, input.body);
    await appendAuditEvent(trx, meta, {
      type: "clause.added",
      agreementId: loaded.agreement.id,
      subjectId: id,
      data: { position, heading: input.heading, ...(fromTemplate ? { fromTemplate } : {}) },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const, id };
  });
}

export type ClauseConflict = {
  ok: false;
  error: "conflict";
  current: { heading: string; body: string; version: number };
};

/** Saves an article if nobody saved it since `version`; otherwise returns the saved text. */
export async function updateClause(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { clauseId: string; version: number; heading: string; body: string },
): Promise<{ ok: true } | Refusal | ClauseConflict> {
  const { clauseId, version } = input;
  const refusal = guardEdit(actor, loaded);
  if (refusal) return refusal;
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("clause")
      .select(["heading", "body", "version", "position"])
      .where("id", "=", clauseId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!current) return NOT_FOUND;
    const result = await trx
      .updateTable("clause")
      .set({ heading: input.heading, body: input.body, updated_at: nowIso(), version: version + 1 })
      .where("id", "=", clauseId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      return {
        ok: false as const,
        error: "conflict" as const,
        current: { heading: current.heading, body: current.body, version: current.version },
      };
    }
    await appendAuditEvent(trx, meta, {
      type: "clause.updated",
      agreementId: loaded.agreement.id,
      subjectId: clauseId,
      data: { position: current.position, heading: input.heading },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** Swaps an article with its neighbour; numbering follows the order. */
export async function moveClause(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { clauseId, direction }: { clauseId: string; direction: "up" | "down" },
): Promise<{ ok: true } | Refusal> {
  const refusal = guardEdit(actor, loaded);
  if (refusal) return refusal;
  return inTransaction(db, async (trx) => {
    const clause = await findClause(trx, loaded.agreement.id, clauseId);
    if (!clause) return NOT_FOUND;
    const neighbour = await trx
      .selectFrom("clause")
      .select(["id", "position"])
      .where("agreement_id", "=", loaded.agreement.id)
      .where("position", direction === "up" ? "<" : ">", clause.position)
      .orderBy("position", direction === "up" ? "desc" : "asc")
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return { ok: true as const };
    await trx
      .updateTable("clause")
      .set({ position: neighbour.position, updated_at: nowIso() })
      .where("id", "=", clause.id)
      .execute();
    await trx
      .updateTable("clause")
      .set({ position: clause.position, updated_at: nowIso() })
      .where("id", "=", neighbour.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "clause.moved",
      agreementId: loaded.agreement.id,
      subjectId: clause.id,
      data: { heading: clause.heading, from: clause.position, to: neighbour.position },
    });
    await touchAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

export async function deleteClause(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { clauseId }: { clauseId: string },
): Promise<{ ok: true } | Refusal> {
  const refusal = guardEdit(actor, loaded);
  if (refusal) return refusal;
  return inTransaction(db, async (trx) => {
    const clause = await findClause(trx, loaded.agreement.id, clauseId);
    if (!clause) return NOT_FOUND;
    await trx.deleteFrom("clause").where("id", "=", clause.id).execute();
    await trx
      .updateTable("clause")
      .set((eb) => ({ position: eb("position", "-", 1) }))
      .where("agreement_id", "=", loaded.agreement.id)
      .where("position", ">", clause.position)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "clause.deleted",
      agreementId: loaded.agreement.id,
      subjectId: clause.id,
      data: { position: clause.position, heading: clause.heading },
    });
    await touchAgreement(trx, loaded.agreement.id);
    await reindexAgreement(trx, loaded.agreement.id);
    return { ok: true as const };
  });
}

/** The library offered to an agreement's editor: the standard articles and the owner's own. */
export async function listLibrary(db: DB, organizationId: string) {
  const own = await db
    .selectFrom("clause_template")
    .select(["id", "language", "heading"])
    .where("organization_id", "=", organizationId)
    .orderBy("language")
    .orderBy("heading")
    .execute();
  return {
    standard: STANDARD_CLAUSES.map((c) => ({
      value: `std:${c.topic}:${c.language}`,
      topic: c.topic,
      language: c.language,
      heading: c.heading,
    })),
    own: own.map((t) => ({ value: `org:${t.id}`, language: t.language, heading: t.heading })),
  };
}

/** Inserts a library article at the end of the agreement, to be adapted. */
export async function insertTemplate(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { template }: { template: string },
): Promise<{ ok: true; id: string } | Refusal> {
  let heading: string;
  let body: string;
  if (template.startsWith("std:")) {
    const [, topic, language] = template.split(":") as [string, ClauseTopic, Locale];
    const standard = CLAUSE_TOPICS.includes(topic) ? standardClause(topic, language) : undefined;
    if (!standard) return NOT_FOUND;
    ({ heading, body } = standard);
  } else {
    const row = await db
      .selectFrom("clause_template")
      .select(["heading", "body"])
      .where("id", "=", template.slice(4))
      .where("organization_id", "=", loaded.agreement.owner_organization_id)
      .executeTakeFirst();
    if (!row) return NOT_FOUND;
    ({ heading, body } = row);
  }
  return addClause(db, actor, meta, loaded, { heading, body, fromTemplate: template });
}

/** Saves an article of this agreement into the owner organization's own library. */
export async function saveClauseToLibrary(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { clauseId, language }: { clauseId: string; language: Locale },
): Promise<{ ok: true } | Refusal> {
  if (!canManageAgreement(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const clause = await trx
      .selectFrom("clause")
      .select(["heading", "body"])
      .where("id", "=", clauseId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!clause) return NOT_FOUND;
    const at = nowIso();
    await trx
      .insertInto("clause_template")
      .values({
        id: newId(),
        organization_id: loaded.agreement.owner_organization_id,
        language,
        heading: clause.heading,
        body: clause.body,
        created_by_user_id: meta.actorUserId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "clause.saved_to_library",
      agreementId: loaded.agreement.id,
      organizationId: loaded.agreement.owner_organization_id,
      subjectId: clauseId,
      data: { heading: clause.heading, language },
    });
    return { ok: true as const };
  });
}

export async function addComment(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { clauseId, body }: { clauseId: string; body: string },
): Promise<{ ok: true } | Refusal> {
  if (!canCommentAgreement(actor, loaded.access)) {
    return isTextEditable(loaded.access.status) ? NOT_FOUND : FROZEN;
  }
  return inTransaction(db, async (trx) => {
    const clause = await trx
      .selectFrom("clause")
      .select("id")
      .where("id", "=", clauseId)
      .where("agreement_id", "=", loaded.agreement.id)
      .executeTakeFirst();
    if (!clause) return NOT_FOUND;
    const organizationId =
      [loaded.access.ownerOrganizationId, ...loaded.access.partyOrganizationIds].find((id) => isMemberOf(actor, id)) ??
      null;
    const at = nowIso();
    await trx
      .insertInto("clause_comment")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        clause_id: clauseId,
        author_user_id: meta.actorUserId,
        organization_id: organizationId,
        body,
        resolved_at: null,
        resolved_by_user_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "comment.added",
      agreementId: loaded.agreement.id,
      subjectId: clauseId,
      data: { clauseId },
    });
    return { ok: true as const };
  });
}

export async function resolveComment(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  { commentId }: { commentId: string },
): Promise<{ ok: true } | Refusal> {
  if (!canResolveComment(actor, loaded.access)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const comment = await trx
      .selectFrom("clause_comment")
      .select(["id", "clause_id"])
      .where("id", "=", commentId)
      .where("agreement_id", "=", loaded.agreement.id)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (!comment) return NOT_FOUND;
    await trx
      .updateTable("clause_comment")
      .set((eb) => ({
        resolved_at: nowIso(),
        resolved_by_user_id: meta.actorUserId,
        updated_at: nowIso(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", comment.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "comment.resolved",
      agreementId: loaded.agreement.id,
      subjectId: comment.id,
      data: { clauseId: comment.clause_id },
    });
    return { ok: true as const };
  });
}

export async function listComments(db: DB, agreementId: string) {
  return db
    .selectFrom("clause_comment")
    .leftJoin("user", "user.id", "clause_comment.author_user_id")
    .leftJoin("organization", "organization.id", "clause_comment.organization_id")
    .select([
      "clause_comment.id",
      "clause_comment.clause_id as clauseId",
      "clause_comment.body",
      "clause_comment.created_at as createdAt",
      "clause_comment.resolved_at as resolvedAt",
      "user.name as authorName",
      "organization.name_fr as orgNameFr",
      "organization.name_ar as orgNameAr",
    ])
    .where("clause_comment.agreement_id", "=", agreementId)
    .orderBy("clause_comment.created_at")
    .execute();
}
