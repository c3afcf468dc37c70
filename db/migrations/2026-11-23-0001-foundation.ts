/**
 * Foundation: organizations, users, memberships, sessions, login attempts,
 * invitations and the hash-chained audit log.
 * Frozen once merged: change the schema with a new migration.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name_fr", "text")
    .addColumn("name_ar", "text")
    .addColumn("city", "text")
    .addColumn("region", "text")
    .addColumn("registration_number", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("organization_kind", sql`kind in ('association', 'company', 'foundation', 'public_body')`)
    .addCheckConstraint("organization_has_name", sql`name_fr is not null or name_ar is not null`)
    .execute();

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("fr"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_platform_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("user_locale", sql`locale in ('fr', 'ar', 'en')`)
    .execute();

  await db.schema
    .createTable("membership")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("membership_user_organization", ["user_id", "organization_id"])
    .addCheckConstraint("membership_role", sql`role in ('president', 'admin', 'member')`)
    .execute();
  await db.schema
    .createIndex("membership_organization_idx")
    .on("membership")
    .columns(["organization_id", "user_id"])
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("absolute_expires_at", "text", (c) => c.notNull())
    .addColumn("authenticated_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("login_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempt_email_idx").on("login_attempt").columns(["email", "created_at"]).execute();
  await db.schema.createIndex("login_attempt_ip_idx").on("login_attempt").columns(["ip", "created_at"]).execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("invitation_role", sql`role in ('president', 'admin', 'member')`)
    .execute();
  await db.schema
    .createIndex("invitation_organization_idx")
    .on("invitation")
    .columns(["organization_id", "created_at"])
    .execute();

  await db.schema
    .createTable("audit_event")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("organization_id", "text")
    .addColumn("agreement_id", "text")
    .addColumn("subject_id", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_event_agreement_idx").on("audit_event").columns(["agreement_id", "seq"]).execute();
  await db.schema
    .createIndex("audit_event_organization_idx")
    .on("audit_event")
    .columns(["organization_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_event", "invitation", "login_attempt", "session", "membership", "user", "organization"]) {
    await db.schema.dropTable(table).execute();
  }
}
