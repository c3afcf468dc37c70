/**
 * The audit log's pure rules: canonical serialization, the hash of one entry,
 * and verification of the whole chain. No database here.
 *
 * Each entry's hash covers its own fields and the previous entry's hash, so
 * changing, deleting or reordering any row breaks every hash after it.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AuditEvent } from "../../../db/schema";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The columns of an audit entry that its hash covers: all but the chain's own. */
export type ChainedFields = Omit<AuditEvent, "prev_hash" | "hash" | "mac">;

export function entryHash(prevHash: string, fields: ChainedFields): string {
  const body = canonicalJson({
    seq: fields.seq,
    id: fields.id,
    type: fields.type,
    actor_user_id: fields.actor_user_id,
    organization_id: fields.organization_id,
    agreement_id: fields.agreement_id,
    subject_id: fields.subject_id,
    data: fields.data,
    ip: fields.ip,
    user_agent: fields.user_agent,
    created_at: fields.created_at,
  });
  return createHash("sha256").update(`${prevHash}\n${body}`).digest("hex");
}

/** The seal of one entry: HMAC-SHA-256 of its hash with the audit key. */
export function entryMac(key: Buffer, hash: string): string {
  return createHmac("sha256", key).update(`audit-event\n${hash}`).digest("hex");
}

/** The seal of a checkpoint: the chain was verified up to `seq`, whose hash is `hash`. */
export function checkpointMac(key: Buffer, seq: number, hash: string, full: boolean): string {
  return createHmac("sha256", key)
    .update(`audit-checkpoint\n${seq}\n${hash}\n${full ? 1 : 0}`)
    .digest("hex");
}

export function sameMac(a: string | null, b: string): boolean {
  return !!a && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | {
      ok: false;
      count: number;
      firstBadSeq: number;
      reason: "hash_mismatch" | "broken_link" | "gap" | "seal_mismatch";
    };

/**
 * Walks entries in seq order (pass them in batches through `step` for big logs) and reports the first
 * entry whose link, hash or seal does not match. `from`: start after a verified checkpoint instead of
 * the first entry. `key`: the audit key, when there is one (then every entry must carry its seal).
 */
export function createChainVerifier(options: { key?: Buffer | null; from?: { seq: number; hash: string } } = {}) {
  let prev = options.from?.hash ?? GENESIS_HASH;
  let expectedSeq = (options.from?.seq ?? 0) + 1;
  let count = 0;
  let failure: ChainVerdict | null = null;
  const key = options.key ?? null;
  return {
    step(entry: ChainedFields & Pick<AuditEvent, "prev_hash" | "hash"> & Partial<Pick<AuditEvent, "mac">>): boolean {
      if (failure) return false;
      if (entry.seq !== expectedSeq) {
        failure = { ok: false, count, firstBadSeq: expectedSeq, reason: "gap" };
      } else if (entry.prev_hash !== prev) {
        failure = { ok: false, count, firstBadSeq: entry.seq, reason: "broken_link" };
      } else if (entryHash(prev, entry) !== entry.hash) {
        failure = { ok: false, count, firstBadSeq: entry.seq, reason: "hash_mismatch" };
      } else if (key && !sameMac(entry.mac ?? null, entryMac(key, entry.hash))) {
        failure = { ok: false, count, firstBadSeq: entry.seq, reason: "seal_mismatch" };
      } else {
        prev = entry.hash;
        expectedSeq += 1;
        count += 1;
        return true;
      }
      return false;
    },
    result(): ChainVerdict {
      return failure ?? { ok: true, count, lastSeq: expectedSeq - 1, lastHash: prev };
    },
  };
}
