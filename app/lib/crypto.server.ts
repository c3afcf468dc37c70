import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random, URL-safe record id (16 chars of [a-z0-9], ~82 bits). */
export function newId(): string {
  const bytes = randomBytes(16);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

/** A secret token for links (invitations, calendar feeds): 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256Hex(input: string | Buffer | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}
