/** Appending to and verifying the hash-chained audit log. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { auditKey } from "~/lib/audit-key.server";
import { securityEvent, type SecurityEvent } from "~/lib/log.server";
import {
  canonicalJson,
  checkpointMac,
  createChainVerifier,
  entryHash,
  entryMac,
  GENESIS_HASH,
  sameMac,
  type ChainVerdict,
} from "./audit";
import type { AuditEventType, AuditPayloads } from "./audit.schema";
import { enqueueWebhookEvent } from "../webhook/enqueue.server";
import { keepAttention } from "../dashboard/attention-entries.server";
import { beforeCommit } from "../../../db/transaction";

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
  const key = auditKey();
  await trx
    .insertInto("audit_event")
    .values({ ...fields, prev_hash: prevHash, hash, mac: key ? entryMac(key, hash) : null })
    .execute();
  await enqueueWebhookEvent(trx, {
    id: fields.id,
    type: fields.type,
    agreementId: fields.agreement_id,
    subjectId: fields.subject_id,
    data: fields.data,
    createdAt: fields.created_at,
  });
  // What the dashboard lists of this agreement's people, kept from the agreement as it will be committed.
  const agreementId = fields.agreement_id;
  if (agreementId) beforeCommit(trx, `attention ${agreementId}`, () => keepAttention(trx, agreementId));
  const security = securityEventFor(input.type);
  if (security) securityEvent(security, { type: input.type, seq: fields.seq, subjectId: fields.subject_id });
  return { seq: fields.seq, hash };
}

/**
 * Audit events that are also security events in the server's log: password and two-factor changes,
 * and removals (a party, a committee member, an invitation, a member; any `…removed`/`…revoked` type).
 */
function securityEventFor(type: string): SecurityEvent | null {
  if (type === "user.password_changed") return "password.changed";
  if (/two_factor|totp/.test(type)) return "two_factor.changed";
  if (/(removed|revoked|disabled)$/.test(type)) return "removal";
  return null;
}

/**
 * Re-computes every hash (and, with the audit key, every seal) in order from the first entry, or from
 * `from` (a verified checkpoint); reports the first entry that does not match.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { from?: { seq: number; hash: string }; key?: Buffer | null; batchSize?: number } = {},
): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const key = options.key === undefined ? auditKey({ create: false }) : options.key;
  let verifier: ReturnType<typeof createChainVerifier> | null = null;
  let after = options.from?.seq ?? 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    // A database from before seals existed (a restored old backup) has no `mac` column: hashes only.
    verifier ??= createChainVerifier({ key: rows[0] && !("mac" in rows[0]) ? null : key, from: options.from });
    for (const row of rows) {
      if (!verifier.step(row)) return verifier.result();
    }
    if (rows.length < batchSize) return verifier.result();
    after = rows[rows.length - 1]!.seq;
  }
}

/** The latest checkpoint whose seal is right (a forged or altered one is passed over), or null. */
export async function latestCheckpoint(db: Kysely<Database>, key: Buffer) {
  const rows = await db.selectFrom("audit_checkpoint").selectAll().orderBy("seq", "desc").limit(20).execute();
  return rows.find((c) => sameMac(c.mac, checkpointMac(key, c.seq, c.hash, c.full_check === 1))) ?? null;
}

async function recordCheckpoint(db: Kysely<Database>, key: Buffer, seq: number, hash: string, full: boolean) {
  if (seq === 0) return;
  await db
    .insertInto("audit_checkpoint")
    .values({ seq, hash, mac: checkpointMac(key, seq, hash, full), full_check: full ? 1 : 0, checked_at: nowIso() })
    .onConflict((oc) => oc.column("seq").doUpdateSet({ checked_at: nowIso() }))
    .execute();
}

export type AuditCheck = ChainVerdict & { fromSeq: number; sealed: boolean };

/**
 * The audit chain checked as the History tab needs it: from the last verified checkpoint to the end
 * (`full`: from the first entry, for the daily job and the platform administrator), then a new
 * checkpoint at the end when all matched. The checkpoint's own entry must still carry the hash the
 * checkpoint sealed, or the check starts again from the first entry.
 */
export async function checkAuditChain(db: Kysely<Database>, options: { full: boolean }): Promise<AuditCheck> {
  const key = auditKey({ create: false });
  let from: { seq: number; hash: string } | undefined;
  if (key && !options.full) {
    const checkpoint = await latestCheckpoint(db, key);
    const entry = checkpoint
      ? await db.selectFrom("audit_event").select("hash").where("seq", "=", checkpoint.seq).executeTakeFirst()
      : undefined;
    if (checkpoint && entry?.hash === checkpoint.hash) from = { seq: checkpoint.seq, hash: checkpoint.hash };
  }
  const verdict = await verifyAuditChain(db, { from, key });
  if (verdict.ok && key) await recordCheckpoint(db, key, verdict.lastSeq, verdict.lastHash, !from);
  return { ...verdict, fromSeq: from?.seq ?? 0, sealed: !!key };
}

/**
 * Each entry of one agreement checked on its own, whatever the checkpoints: its hash recomputed from
 * its fields and its link, and its seal. The History tab's check covers the agreement's whole record this
 * way (a few hundred entries), and the whole chain from its last checkpoint. Returns the first bad seq.
 */
export async function checkAgreementEntries(db: Kysely<Database>, agreementId: string): Promise<number | null> {
  const key = auditKey({ create: false });
  const rows = await db
    .selectFrom("audit_event")
    .selectAll()
    .where("agreement_id", "=", agreementId)
    .orderBy("seq")
    .execute();
  for (const row of rows) {
    if (entryHash(row.prev_hash, row) !== row.hash) return row.seq;
    if (key && !sameMac(row.mac, entryMac(key, row.hash))) return row.seq;
  }
  return null;
}

/**
 * Once, on the first start with the audit key: entries written before it existed (no seal at all in
 * the log, no checkpoint) are sealed as they are now. From then on every entry is sealed when written,
 * and one without its seal is reported as altered.
 */
export async function sealUnsealedAuditLog(db: Kysely<Database>): Promise<number> {
  const key = auditKey();
  if (!key) return 0;
  const sealed = await db.selectFrom("audit_event").select("seq").where("mac", "is not", null).limit(1).execute();
  const checkpoints = await db.selectFrom("audit_checkpoint").select("seq").limit(1).execute();
  if (sealed.length || checkpoints.length) return 0;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_event")
      .select(["seq", "hash"])
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(5000)
      .execute();
    if (!rows.length) return count;
    await db.transaction().execute(async (trx) => {
      for (const row of rows)
        await trx
          .updateTable("audit_event")
          .set({ mac: entryMac(key, row.hash) })
          .where("seq", "=", row.seq)
          .execute();
    });
    count += rows.length;
    after = rows[rows.length - 1]!.seq;
  }
}
