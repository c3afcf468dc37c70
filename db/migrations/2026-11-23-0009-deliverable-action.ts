/** A deliverable is linked to the action of the annual plan it carries out. Frozen once merged. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("deliverable")
    .addColumn("plan_action_id", "text", (c) => c.references("plan_action.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("deliverable").dropColumn("plan_action_id").execute();
}
