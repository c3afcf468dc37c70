/**
 * A tranche event's reversal found through an index (issue #22): the money's totals keep a receipt
 * only while no event reverses it (`not exists … where reverses_event_id = event.id`), and without this
 * index SQLite read every tranche event for each receipt. On the benchmark's scale-1 data, the
 * federation's /finances spent 507 ms in that one query. Expenses already have theirs
 * (expense_reverses_idx, migration 0060). Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("tranche_event_reverses_idx").on("tranche_event").column("reverses_event_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tranche_event_reverses_idx").execute();
}
