/**
 * A report's page lists the committee decisions that took note of it (meeting_outcome.report_id,
 * migration 0070) and read every outcome of every meeting to find them: an index by report (issue #22,
 * the plan check now counts meetings' outcomes and agenda items among the big tables). Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("meeting_outcome_report_idx").on("meeting_outcome").column("report_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("meeting_outcome_report_idx").execute();
}
