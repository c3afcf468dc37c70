/**
 * Named beneficiary lists, only where an association must keep one (e.g. families receiving
 * baskets): consent recorded, national ID numbers stored masked, a retention date after which
 * names are erased and only counts remain (law 09-08). Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("beneficiary_list")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deliverable_id", "text", (c) => c.notNull().unique().references("deliverable.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("retention_until", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable("beneficiary")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("list_id", "text", (c) => c.notNull().references("beneficiary_list.id").onDelete("cascade"))
    .addColumn("full_name", "text")
    .addColumn("national_id_masked", "text")
    .addColumn("household_size", "integer")
    .addColumn("consent_recorded_at", "text", (c) => c.notNull())
    .addColumn("erased_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("beneficiary_list_idx").on("beneficiary").columns(["list_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("beneficiary").execute();
  await db.schema.dropTable("beneficiary_list").execute();
}
