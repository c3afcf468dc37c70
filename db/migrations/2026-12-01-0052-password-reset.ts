/**
 * Forgotten passwords (issue #19): single-use reset links valid one hour. Only the SHA-256 of a
 * link's token is stored, as for invitations. `created_by_user_id` is set when a platform
 * administrator or a president made the link by hand (no email), null when the person asked.
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_reset")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_reset_user_idx").on("password_reset").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_reset").execute();
}
