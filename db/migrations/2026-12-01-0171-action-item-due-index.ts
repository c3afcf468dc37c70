/**
 * The daily job announces each open action item coming due once per due date (`action_item.due`,
 * app/domain/committee/action-items.server.ts), and looked for earlier announcements through each
 * item's agreement's events: 4.4 s a day at the benchmark's scale with nothing new to announce. A
 * partial index holds those events alone, by item (issue #22). Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_event_action_item_due_idx on audit_event (subject_id)
    where type = 'action_item.due'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_event_action_item_due_idx`.execute(db);
}
