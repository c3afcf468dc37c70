/**
 * Notifications (each exactly once per person, subject and occurrence: a unique key, so running
 * the reminder job twice — or from two processes — creates nothing more), the email outbox, and
 * each person's choice of what they receive by email. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("occurrence", "text", (c) => c.notNull())
    .addColumn("agreement_id", "text", (c) => c.references("agreement.id").onDelete("cascade"))
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("notification_once", ["user_id", "kind", "subject_id", "occurrence"])
    .execute();
  await db.schema
    .createIndex("notification_user_idx")
    .on("notification")
    .columns(["user_id", "read_at", "created_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notification_id", "text", (c) => c.unique().references("notification.id").onDelete("cascade"))
    .addColumn("to_email", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addCheckConstraint("outbox_status", sql`status in ('pending', 'sent', 'failed')`)
    .execute();
  await db.schema.createIndex("outbox_status_idx").on("outbox").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("notification_preference")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("by_email", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preference_pk", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["notification_preference", "outbox", "notification"]) await db.schema.dropTable(table).execute();
}
