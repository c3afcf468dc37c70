/**
 * Following up what was promised: obligations (each party's commitments, usually from an
 * article), deliverables (concrete outputs with a target), their items, and deliveries made in
 * rounds with beneficiaries reached and evidence. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("obligation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("clause_id", "text", (c) => c.references("clause.id").onDelete("set null"))
    .addColumn("responsible_party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("recurrence", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("status_note", "text")
    .addColumn("completed_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("obligation_status", sql`status in ('pending', 'in_progress', 'done', 'waived')`)
    .addCheckConstraint("obligation_recurrence", sql`recurrence in ('none', 'monthly', 'quarterly', 'yearly')`)
    .execute();
  await db.schema
    .createIndex("obligation_agreement_idx")
    .on("obligation")
    .columns(["agreement_id", "status", "due_date"])
    .execute();

  await db.schema
    .createTable("deliverable")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("obligation_id", "text", (c) => c.references("obligation.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("location", "text")
    .addColumn("start_date", "text")
    .addColumn("due_date", "text")
    .addColumn("responsible_party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("target_quantity", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("over_delivery_note", "text")
    .addColumn("dispute_note", "text")
    .addColumn("confirmed_at", "text")
    .addColumn("confirmed_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      "deliverable_status",
      sql`status in ('planned', 'in_progress', 'delivered', 'confirmed', 'disputed')`,
    )
    .addCheckConstraint("deliverable_target", sql`target_quantity > 0`)
    .execute();
  await db.schema
    .createIndex("deliverable_agreement_idx")
    .on("deliverable")
    .columns(["agreement_id", "status"])
    .execute();

  await db.schema
    .createTable("deliverable_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deliverable_id", "text", (c) => c.notNull().references("deliverable.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("target_quantity", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("delivery")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deliverable_id", "text", (c) => c.notNull().references("deliverable.id").onDelete("cascade"))
    .addColumn("delivered_on", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("beneficiaries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("beneficiaries_women", "integer")
    .addColumn("beneficiaries_men", "integer")
    .addColumn("beneficiaries_children", "integer")
    .addColumn("place", "text")
    .addColumn("note", "text")
    .addColumn("recorded_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("delivery_deliverable_idx")
    .on("delivery")
    .columns(["deliverable_id", "delivered_on"])
    .execute();

  await db.schema
    .createTable("delivery_item")
    .addColumn("delivery_id", "text", (c) => c.notNull().references("delivery.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull().references("deliverable_item.id").onDelete("cascade"))
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("delivery_item_pk", ["delivery_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["delivery_item", "delivery", "deliverable_item", "deliverable", "obligation"])
    await db.schema.dropTable(table).execute();
}
