/**
 * The checks every copy of Charaka's data must pass, whichever the engine: the audit hash chain
 * from its first entry, and the SHA-256 of every uploaded file against its `attachment` row.
 * A restored backup (db/backup.ts) and a database copied to PostgreSQL (db/copy.ts) are both
 * verified with these, so "verified" means the same thing everywhere.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { verifyAuditChain } from "../app/domain/audit/audit.server";
import type { Database } from "./schema";

/** The names storeFile() gives uploaded files; anything else in UPLOADS_PATH (`.part` files) is not one. */
export const UPLOAD_NAME = /^[a-z0-9]{16}\.(pdf|png|jpg)$/;

export function sha256File(file: string): string {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

export interface AuditChainCheck {
  ok: boolean;
  count: number;
  firstBadSeq?: number;
  reason?: string;
}

/** From the first entry, hashes and (where the audit key is, see app/lib/audit-key.server.ts) seals. */
export async function checkAuditChain(db: Kysely<Database>): Promise<AuditChainCheck> {
  const chain = await verifyAuditChain(db);
  return chain.ok
    ? { ok: true, count: chain.count }
    : { ok: false, count: chain.count, firstBadSeq: chain.firstBadSeq, reason: chain.reason };
}

export interface DocumentsCheck {
  checked: number;
  /** Stored names of files the database names but the folder lacks. */
  missing: string[];
  /** Stored names of files whose SHA-256 differs from their row's. */
  altered: string[];
}

/** Every `attachment` row's file in `uploadsPath`, hashed and compared with the row's SHA-256. */
export async function checkUploadedFiles(db: Kysely<Database>, uploadsPath: string): Promise<DocumentsCheck> {
  const files = await db
    .selectFrom("attachment")
    .select(["stored_name", "sha256"])
    .orderBy("created_at")
    .orderBy("stored_name")
    .execute();
  const missing: string[] = [];
  const altered: string[] = [];
  for (const f of files) {
    const file = path.join(uploadsPath, f.stored_name);
    if (!UPLOAD_NAME.test(f.stored_name) || !fs.existsSync(file)) missing.push(f.stored_name);
    else if (sha256File(file) !== f.sha256) altered.push(f.stored_name);
  }
  return { checked: files.length, missing, altered };
}

export function formatAuditChainCheck(check: AuditChainCheck): string {
  return `audit chain: ${check.ok ? `ok (${check.count} events)` : `BROKEN at seq ${check.firstBadSeq} (${check.reason})`}`;
}

export function formatDocumentsCheck(check: DocumentsCheck): string {
  return (
    `documents: ${check.checked} checked, ${check.missing.length} missing, ${check.altered.length} altered` +
    [...check.missing.map((n) => `\n  missing ${n}`), ...check.altered.map((n) => `\n  altered ${n}`)].join("")
  );
}
