/**
 * The key that seals the audit log (HMAC-SHA-256 of each entry's hash, and of each checkpoint). It is
 * kept apart from the database: AUDIT_KEY from the environment, or else a file `audit-key` beside the
 * SQLite file (AUDIT_KEY_PATH to choose another place), generated on first start with mode 0600. Someone
 * who can write to the database but not read this key can rewrite entries and recompute their plain
 * hashes, but not their seals: the integrity check and `npm run restore` then name the first one altered.
 * Keep the key out of backups of the database (or apart from them) and back it up on its own.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

let cached: Buffer | null | undefined;

export function auditKeyPath(): string {
  const config = env();
  return config.AUDIT_KEY_PATH ?? path.join(path.dirname(path.resolve(config.DATABASE_PATH)), "audit-key");
}

/**
 * The key; with `create` (the server, commands that write), generated and kept when there is none yet.
 * Without it (verifying a restored copy on another machine), null when there is none: checks then
 * compare plain hashes only and say so.
 */
export function auditKey(options: { create: boolean } = { create: true }): Buffer | null {
  if (cached) return cached;
  const fromEnv = env().AUDIT_KEY;
  if (fromEnv) return (cached = Buffer.from(fromEnv, "hex"));
  const file = auditKeyPath();
  if (!fs.existsSync(file)) {
    if (!options.create) return null;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": two instances starting at once on one folder keep the same key (the second reads it).
      fs.writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const text = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${file} does not hold an audit key (64 hexadecimal digits)`);
  return (cached = Buffer.from(text, "hex"));
}
