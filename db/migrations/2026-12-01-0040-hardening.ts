/**
 * Issue #17 (hardening), frozen once merged:
 * - `auth_attempt` replaces `login_attempt`: every check of a secret (sign-in, password confirmations,
 *   later reset links and two-factor codes) is one row, reserved before the check is made, under one
 *   rule (app/domain/identity/attempts.server.ts). Attempts are short-lived (pruned after a day): the old
 *   rows are not carried over.
 * - `audit_event.mac`: each entry's hash sealed with a key the database does not hold (HMAC-SHA-256), so
 *   that rewriting the tail of the log and recomputing its plain hashes is detected.
 * - `audit_checkpoint`: the points up to which the chain was verified (sealed with the same key), so that
 *   the History tab's check starts from the last one instead of the first event.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("auth_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("auth_attempt_subject_idx")
    .on("auth_attempt")
    .columns(["kind", "subject", "created_at"])
    .execute();
  await db.schema.createIndex("auth_attempt_ip_idx").on("auth_attempt").columns(["ip", "created_at"]).execute();
  await db.schema.dropTable("login_attempt").execute();

  await db.schema.alterTable("audit_event").addColumn("mac", "text").execute();
  await db.schema
    .createTable("audit_checkpoint")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("mac", "text", (c) => c.notNull())
    .addColumn("full_check", "integer", (c) => c.notNull())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_checkpoint").execute();
  await db.schema.alterTable("audit_event").dropColumn("mac").execute();
  await db.schema
    .createTable("login_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.dropTable("auth_attempt").execute();
}
