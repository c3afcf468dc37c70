/**
 * Secrets Charaka must read back (an identity provider's client secret) are kept encrypted in the
 * database: AES-256-GCM under a key derived (HKDF-SHA-256, its own label) from the audit key
 * (audit-key.server.ts: AUDIT_KEY, or the `audit-key` file beside the database) — one key to
 * configure and back up, kept apart from the database, not a second mechanism. Each value is bound
 * to its place (`context`, e.g. the row's id) as associated data: a sealed value copied to another
 * row does not open. Someone with a copy of the database alone reads no secret.
 *
 *   sealed:v1:<iv base64url>:<tag base64url>:<ciphertext base64url>
 *
 * Losing the audit key loses these secrets too: they are then entered again.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { auditKey } from "./audit-key.server";

const PREFIX = "sealed:v1:";
const LABEL = "charaka secret box v1";

function boxKey(): Buffer {
  const root = auditKey();
  if (!root) throw new Error("No audit key: secrets cannot be sealed or opened");
  return Buffer.from(hkdfSync("sha256", root, Buffer.alloc(0), LABEL, 32));
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealSecret(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url")).join(":")}`;
}

/** The secret; throws when the value was altered, sealed for another context, or under another key. */
export function openSecret(stored: string, context: string): string {
  if (!isSealed(stored)) throw new Error("Not a sealed secret");
  const [iv, tag, ciphertext] = stored
    .slice(PREFIX.length)
    .split(":")
    .map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !ciphertext) throw new Error("Malformed sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(), iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
}
