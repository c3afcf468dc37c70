/**
 * What needs someone's attention, kept (issue #22). The dashboard's lists — next meetings, open action
 * items, overdue obligations, agreements ending, deliveries to confirm, tranches to pay or confirm,
 * reports due, to review or sent back, the progress chart — each walked all of an organization's
 * parties: 2,146 for the benchmark's federation, ~35 ms of its dashboard's 48 ms of SQL.
 *
 * One row per (audience, kind, subject): an organization or a person, what kind of entry, and the
 * record it is about, with its agreement and the dates the list filters and sorts by. Rows are computed
 * from scratch for one agreement after every audited change to it, in the change's transaction
 * (app/domain/dashboard/attention-entries.server.ts); the lists read a few rows of an index range.
 * Filled by the app after this migration (db/setup.ts), from the same function. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("attention_entry")
    .addColumn("audience_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("on_date", "text")
    .addColumn("alert_on", "text")
    .addColumn("owner_id", "text")
    .addColumn("sort_key", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("attention_entry_pk", ["audience_id", "kind", "subject_id"])
    .execute();
  // Each list is a range of this index, read from the index alone (what it filters, sorts and counts).
  await sql`create index attention_entry_list_idx
    on attention_entry (audience_id, kind, on_date, sort_key, subject_id, alert_on, owner_id)`.execute(db);
  await sql`create index attention_entry_agreement_idx on attention_entry (agreement_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("attention_entry").execute();
}
