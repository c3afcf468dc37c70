/** Appending to and verifying the hash-chained audit log. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { canonicalJson, createChainVerifier, entryHash, GENESIS_HASH, type ChainVerdict } from "./audit";
import type { AuditEventType, AuditPayloads } from "./audit.schema";

/** Who did something, from where: taken from the request at the edge. */
export interface RequestMeta {
  actorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditInput<T extends AuditEventType> {
  type: T;
  data: AuditPayloads[T];
  organizationId?: string | null;
  agreementId?: string | null;
  subjectId?: string | null;
}

/**
 * Appends one event. Must be called with the transaction that makes the change it
 * records, so the change and its audit row commit together or not at all.
 */
export async function appendAuditEvent<T extends AuditEventType>(
  trx: Transaction<Database>,
  meta: RequestMeta,
  input: AuditInput<T>,
  now: Date = new Date(),
): Promise<{ seq: number; hash: string }> {
  const last = await trx
    .selectFrom("audit_event")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    type: input.type,
    actor_user_id: meta.actorUserId,
    organization_id: input.organizationId ?? null,
    agreement_id: input.agreementId ?? null,
    subject_id: input.subjectId ?? null,
    data: canonicalJson(input.data),
    ip: meta.ip,
    user_agent: meta.userAgent ? meta.userAgent.slice(0, 500) : null,
    created_at: nowIso(now),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  await trx
    .insertInto("audit_event")
    .values({ ...fields, prev_hash: prevHash, hash })
    .execute();
  return { seq: fields.seq, hash };
}

/** Re-computes every hash in order; reports the first entry that does not match. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<ChainVerdict> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (!verifier.step(row)) return verifier.result();
    }
    if (rows.length < batchSize) return verifier.result();
    after = rows[rows.length - 1]!.seq;
  }
}
