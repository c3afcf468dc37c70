/**
 * The annual action plan: per agreement and year, actions with their indicators, drafted,
 * submitted to the committee and adopted; each adoption freezes a numbered version.
 * Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("action_plan")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("adopted_on", "text")
    .addColumn("adopted_at_meeting", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("action_plan_year", ["agreement_id", "year"])
    .addCheckConstraint("action_plan_status", sql`status in ('draft', 'submitted', 'adopted')`)
    .execute();

  await db.schema
    .createTable("plan_action")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("objective", "text", (c) => c.notNull())
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("medium"))
    .addColumn("responsible_party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("budget_cents", "bigint")
    .addColumn("obligation_id", "text", (c) => c.references("obligation.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("plan_action_priority", sql`priority in ('high', 'medium', 'low')`)
    .addCheckConstraint("plan_action_status", sql`status in ('planned', 'in_progress', 'done', 'cancelled')`)
    .execute();
  await db.schema.createIndex("plan_action_plan_idx").on("plan_action").columns(["plan_id", "position"]).execute();

  await db.schema
    .createTable("indicator")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action_id", "text", (c) => c.notNull().references("plan_action.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("baseline", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("target", "integer", (c) => c.notNull())
    .addColumn("achieved", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("action_plan_version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("adopted_on", "text", (c) => c.notNull())
    .addColumn("adopted_at_meeting", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("action_plan_version_revision", ["plan_id", "revision"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["action_plan_version", "indicator", "plan_action", "action_plan"])
    await db.schema.dropTable(table).execute();
}
