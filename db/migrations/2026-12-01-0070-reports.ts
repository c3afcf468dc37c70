/**
 * Partner reports (issue #21), frozen once merged:
 * - a report obligation (`obligation.kind` 'progress_report' | 'final_report', a text column since
 *   0060) covers a period: `obligation.period_from` / `period_to`;
 * - `report`: an agreement's progress or final report by its reporting party, for a period, with its
 *   sections being written (JSON) and its state (draft → submitted → sent back → … → accepted);
 * - `report_version`: each submission's text, frozen as canonical JSON with its SHA-256;
 * - `report_comment`: a partner's comment on a section of a submitted version;
 * - `report_review`: a partner's decision on a version — sent back, or accepted (with reservations),
 *   recorded like a signature (who, when, IP, user agent, hash of the text);
 * - `partnership_evaluation`: each party's evaluation of the partnership with the final report;
 * - `meeting_outcome.report_id`: a committee decision that takes note of a report.
 * `tranche.condition_report_id` and `expense.locked_by_report_id` (0060) point at `report.id`; SQLite
 * cannot add a foreign key to an existing column, so the commands keep them right.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("obligation").addColumn("period_from", "text").execute();
  await db.schema.alterTable("obligation").addColumn("period_to", "text").execute();

  await db.schema
    .createTable("report")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("obligation_id", "text", (c) => c.references("obligation.id").onDelete("set null"))
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sections", "text", (c) => c.notNull())
    .addColumn("edited_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("accepted_at", "text")
    .addColumn("created_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("report_agreement_idx").on("report").columns(["agreement_id", "period_from"]).execute();
  await db.schema.createIndex("report_status_idx").on("report").columns(["status", "agreement_id"]).execute();
  await db.schema.createIndex("report_obligation_idx").on("report").column("obligation_id").execute();

  await db.schema
    .createTable("report_version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("report.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.references("user.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addUniqueConstraint("report_version_number_unique", ["report_id", "number"])
    .execute();
  await db.schema.createIndex("report_version_sha256_idx").on("report_version").column("sha256").execute();

  await db.schema
    .createTable("report_comment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("report.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("author_user_id", "text", (c) => c.references("user.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_comment_report_idx")
    .on("report_comment")
    .columns(["report_id", "version_number"])
    .execute();

  await db.schema
    .createTable("report_review")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("report.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reservations", "text")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("report_review_once_unique", ["report_id", "version_number", "organization_id"])
    .execute();

  await db.schema
    .createTable("partnership_evaluation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("report_id", "text", (c) => c.references("report.id").onDelete("set null"))
    .addColumn("scores", "text", (c) => c.notNull())
    .addColumn("comments", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_by", "text", (c) => c.references("user.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addUniqueConstraint("partnership_evaluation_once_unique", ["agreement_id", "organization_id"])
    .execute();

  await db.schema
    .alterTable("meeting_outcome")
    .addColumn("report_id", "text", (c) => c.references("report.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_outcome").dropColumn("report_id").execute();
  await db.schema.dropTable("partnership_evaluation").execute();
  await db.schema.dropTable("report_review").execute();
  await db.schema.dropTable("report_comment").execute();
  await db.schema.dropTable("report_version").execute();
  await db.schema.dropTable("report").execute();
  await db.schema.alterTable("obligation").dropColumn("period_to").execute();
  await db.schema.alterTable("obligation").dropColumn("period_from").execute();
}
