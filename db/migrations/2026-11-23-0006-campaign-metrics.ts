/**
 * Typed metrics of a deliverable (a medical campaign's patients examined, referrals, medicines
 * given…) with targets, and their values per delivery; and a campaign's specialties.
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("deliverable").addColumn("specialties", "text").execute();
  await db.schema
    .createTable("deliverable_metric")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deliverable_id", "text", (c) => c.notNull().references("deliverable.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("target", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("delivery_metric")
    .addColumn("delivery_id", "text", (c) => c.notNull().references("delivery.id").onDelete("cascade"))
    .addColumn("metric_id", "text", (c) => c.notNull().references("deliverable_metric.id").onDelete("cascade"))
    .addColumn("value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("delivery_metric_pk", ["delivery_id", "metric_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("delivery_metric").execute();
  await db.schema.dropTable("deliverable_metric").execute();
}
