/**
 * Agreements: the agreement itself, its parties, its articles (clauses), the clause library,
 * negotiation comments, frozen versions, and the full-text search index.
 * Frozen once merged: change the schema with a new migration.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";
// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const mutable = <T extends { addColumn: (...args: any[]) => T }>(table: T): T =>
  table
    .addColumn("created_at", "text", (c: any) => c.notNull())
    .addColumn("updated_at", "text", (c: any) => c.notNull())
    .addColumn("version", "integer", (c: any) => c.notNull().defaultTo(1));

export async function up(db: Kysely<any>): Promise<void> {
  await mutable(
    db.schema
      .createTable("agreement")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("reference", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("title_secondary", "text")
      .addColumn("purpose", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("territory", "text")
      .addColumn("signing_place", "text")
      .addColumn("effective_date", "text")
      .addColumn("end_date", "text")
      .addColumn("duration_months", "integer")
      .addColumn("tacit_renewal", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("renewal_notice_days", "integer")
      .addColumn("currency", "text", (c) => c.notNull().defaultTo("MAD"))
      .addColumn("total_budget_cents", "bigint")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("owner_organization_id", "text", (c) => c.notNull().references("organization.id"))
      .addColumn("parent_agreement_id", "text", (c) => c.references("agreement.id"))
      .addColumn("amends_end_date", "text")
      .addColumn("signed_at", "text")
      .addColumn("status_reason", "text")
      .addColumn("terminated_on", "text")
      .addColumn("text_version", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
      .addCheckConstraint(
        "agreement_status",
        sql`status in ('draft', 'negotiation', 'awaiting_signatures', 'active', 'suspended', 'completed', 'expired', 'terminated')`,
      )
      .addCheckConstraint(
        "agreement_kind",
        sql`kind in ('partnership', 'mou', 'framework', 'sponsorship', 'amendment')`,
      ),
  ).execute();
  await db.schema
    .createIndex("agreement_owner_idx")
    .on("agreement")
    .columns(["owner_organization_id", "updated_at"])
    .execute();
  await db.schema.createIndex("agreement_status_idx").on("agreement").columns(["status", "updated_at"]).execute();
  await db.schema.createIndex("agreement_parent_idx").on("agreement").column("parent_agreement_id").execute();

  await mutable(
    db.schema
      .createTable("agreement_party")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("signatory_name", "text")
      .addColumn("signatory_title", "text")
      .addColumn("signatory_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
      .addColumn("contribution_cents", "bigint")
      .addColumn("contribution_in_kind", "text")
      .addColumn("signing_order", "integer", (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint("agreement_party_organization", ["agreement_id", "organization_id"])
      .addCheckConstraint("agreement_party_role", sql`role in ('association', 'partner', 'public_authority')`),
  ).execute();
  await db.schema
    .createIndex("agreement_party_organization_idx")
    .on("agreement_party")
    .columns(["organization_id", "agreement_id"])
    .execute();

  await mutable(
    db.schema
      .createTable("clause")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("heading", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("source_amendment_id", "text", (c) => c.references("agreement.id")),
  ).execute();
  await db.schema.createIndex("clause_agreement_idx").on("clause").columns(["agreement_id", "position"]).execute();

  await mutable(
    db.schema
      .createTable("clause_template")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("heading", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_by_user_id", "text", (c) => c.references("user.id").onDelete("set null")),
  ).execute();
  await db.schema
    .createIndex("clause_template_organization_idx")
    .on("clause_template")
    .columns(["organization_id", "language"])
    .execute();

  await mutable(
    db.schema
      .createTable("clause_comment")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
      .addColumn("clause_id", "text", (c) => c.notNull().references("clause.id").onDelete("cascade"))
      .addColumn("author_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
      .addColumn("organization_id", "text", (c) => c.references("organization.id"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("resolved_at", "text")
      .addColumn("resolved_by_user_id", "text", (c) => c.references("user.id").onDelete("set null")),
  ).execute();
  await db.schema
    .createIndex("clause_comment_agreement_idx")
    .on("clause_comment")
    .columns(["agreement_id", "clause_id"])
    .execute();

  await db.schema
    .createTable("agreement_version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("agreement_version_number", ["agreement_id", "number"])
    .execute();

  // Full-text search (SQLite FTS5). Text is normalised in code before indexing (db/search.ts):
  // accents and Arabic diacritics removed, alef/yaa forms unified, common Arabic prefixes split.
  if (isPostgres(db)) {
    // PostgreSQL (added with #10; the SQLite branch below is unchanged): the same normalised text
    // in a plain table; `words` holds every word between spaces, so " word%" is a word-prefix
    // match like FTS5's "word"*, and a trigram index serves those LIKE patterns.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create table agreement_search (agreement_id text primary key, reference text not null, title text not null, body text not null, words text generated always as (' ' || reference || ' ' || title || ' ' || body || ' ') stored)`.execute(
      db,
    );
    await sql`create index agreement_search_words_idx on agreement_search using gin (words gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table agreement_search using fts5(agreement_id unindexed, reference, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists agreement_search`.execute(db);
  for (const table of [
    "agreement_version",
    "clause_comment",
    "clause_template",
    "clause",
    "agreement_party",
    "agreement",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
