/**
 * The joint follow-up committee: its members (with or without an account), its meetings with
 * agenda, attendance, outcomes, minutes and their approvals, and the action items that follow.
 * Also each user's secret calendar feed. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("committee")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().unique().references("agreement.id").onDelete("cascade"))
    .addColumn("rhythm", "text", (c) => c.notNull().defaultTo("quarterly"))
    .addColumn("quorum_rule", "text", (c) => c.notNull().defaultTo("each_party"))
    .addColumn("quorum_count", "integer")
    .addColumn("approval_rule", "text", (c) => c.notNull().defaultTo("each_party"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("committee_rhythm", sql`rhythm in ('monthly', 'quarterly', 'half_yearly', 'yearly', 'none')`)
    .addCheckConstraint("committee_quorum_rule", sql`quorum_rule in ('each_party', 'count')`)
    .addCheckConstraint("committee_approval_rule", sql`approval_rule in ('chair', 'each_party')`)
    .execute();

  await db.schema
    .createTable("committee_member")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("committee_id", "text", (c) => c.notNull().references("committee.id").onDelete("cascade"))
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("organization_name", "text")
    .addColumn("role", "text", (c) => c.notNull().defaultTo("member"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("committee_member_user", ["committee_id", "user_id"])
    .addCheckConstraint("committee_member_role", sql`role in ('chair', 'secretary', 'member')`)
    .execute();
  await db.schema.createIndex("committee_member_user_idx").on("committee_member").column("user_id").execute();

  await db.schema
    .createTable("meeting")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("committee_id", "text", (c) => c.notNull().references("committee.id").onDelete("cascade"))
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Africa/Casablanca"))
    .addColumn("duration_minutes", "integer", (c) => c.notNull().defaultTo(120))
    .addColumn("location", "text")
    .addColumn("video_url", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("guests", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes_status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("minutes_revision", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("minutes_hash", "text")
    .addColumn("minutes_edited_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("meeting_number", ["committee_id", "number"])
    .addCheckConstraint("meeting_status", sql`status in ('planned', 'in_progress', 'closed')`)
    .addCheckConstraint("meeting_minutes_status", sql`minutes_status in ('draft', 'circulated', 'approved')`)
    .execute();
  await db.schema.createIndex("meeting_starts_idx").on("meeting").columns(["committee_id", "starts_at"]).execute();
  await db.schema.createIndex("meeting_agreement_idx").on("meeting").columns(["agreement_id", "starts_at"]).execute();

  await db.schema
    .createTable("agenda_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source_kind", "text")
    .addColumn("source_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      "agenda_item_source",
      sql`source_kind is null or source_kind in ('action_item', 'obligation', 'deliverable', 'plan', 'done_items')`,
    )
    .execute();
  await db.schema
    .createIndex("agenda_item_meeting_idx")
    .on("agenda_item")
    .columns(["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("meeting_attendance")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("committee_member.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_attendance_pk", ["meeting_id", "member_id"])
    .addCheckConstraint("meeting_attendance_status", sql`status in ('present', 'excused', 'absent')`)
    .execute();

  await db.schema
    .createTable("meeting_outcome")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_item.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "integer")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_outcome_number", ["meeting_id", "number"])
    .addCheckConstraint("meeting_outcome_kind", sql`kind in ('information', 'decision')`)
    .execute();
  await db.schema.createIndex("meeting_outcome_meeting_idx").on("meeting_outcome").column("meeting_id").execute();

  await db.schema
    .createTable("action_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("committee_id", "text", (c) => c.notNull().references("committee.id").onDelete("cascade"))
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_item.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_member_id", "text", (c) => c.references("committee_member.id").onDelete("set null"))
    .addColumn("owner_party_id", "text", (c) => c.references("agreement_party.id"))
    .addColumn("due_date", "text")
    .addColumn("link_kind", "text")
    .addColumn("link_id", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("closed_note", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("action_item_status", sql`status in ('open', 'done', 'cancelled')`)
    .addCheckConstraint(
      "action_item_link",
      sql`link_kind is null or link_kind in ('obligation', 'deliverable', 'plan_action')`,
    )
    .addCheckConstraint("action_item_owner", sql`owner_member_id is not null or owner_party_id is not null`)
    .execute();
  await db.schema
    .createIndex("action_item_committee_idx")
    .on("action_item")
    .columns(["committee_id", "status"])
    .execute();
  await db.schema.createIndex("action_item_meeting_idx").on("action_item").column("meeting_id").execute();
  await db.schema
    .createIndex("action_item_owner_idx")
    .on("action_item")
    .columns(["owner_member_id", "status"])
    .execute();

  await db.schema
    .createTable("minutes_approval")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("committee_member.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("minutes_hash", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("approved_at", "text", (c) => c.notNull())
    .addUniqueConstraint("minutes_approval_once", ["meeting_id", "minutes_hash", "member_id"])
    .execute();

  await db.schema
    .createTable("minutes_addendum")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // The plan's adoption is linked to the meeting that adopted it (free text stays for older records).
  await db.schema
    .alterTable("action_plan")
    .addColumn("adopted_meeting_id", "text", (c) => c.references("meeting.id"))
    .execute();
  await db.schema
    .alterTable("action_plan_version")
    .addColumn("adopted_meeting_id", "text", (c) => c.references("meeting.id"))
    .execute();

  await db.schema
    .createTable("calendar_feed")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("action_plan_version").dropColumn("adopted_meeting_id").execute();
  await db.schema.alterTable("action_plan").dropColumn("adopted_meeting_id").execute();
  for (const table of [
    "calendar_feed",
    "minutes_addendum",
    "minutes_approval",
    "action_item",
    "meeting_outcome",
    "meeting_attendance",
    "agenda_item",
    "meeting",
    "committee_member",
    "committee",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
