/**
 * Two-factor sign-in (issue #19): each account's TOTP key (RFC 6238; set up once confirmed by a
 * code), ten single-use recovery codes stored as SHA-256, the pending second step of a login
 * (a challenge: no session exists before the code is right, only the SHA-256 of its token is
 * kept), an organization's rule that its presidents and admins use it, and when each session was
 * last seen (the list of sessions on /account/security). Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("totp_key", "text").execute();
  await db.schema.alterTable("user").addColumn("totp_enabled_at", "text").execute();
  await db.schema
    .alterTable("organization")
    .addColumn("require_two_factor", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("session").addColumn("last_seen_at", "text").execute();
  await db.schema
    .createTable("recovery_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("recovery_code_user_idx").on("recovery_code").columns(["user_id", "code_hash"]).execute();
  await db.schema
    .createTable("login_challenge")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_challenge").execute();
  await db.schema.dropTable("recovery_code").execute();
  await db.schema.alterTable("session").dropColumn("last_seen_at").execute();
  await db.schema.alterTable("organization").dropColumn("require_two_factor").execute();
  await db.schema.alterTable("user").dropColumn("totp_enabled_at").execute();
  await db.schema.alterTable("user").dropColumn("totp_key").execute();
}
