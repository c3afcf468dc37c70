/**
 * Signing: uploaded files (attachments), organization stamps, signatures (in the app or on
 * paper), paper signing ceremonies, the signing order option and the registry of issued PDFs.
 * Frozen once merged: change the schema with a new migration.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("attachment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_type", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("stored_name", "text", (c) => c.notNull().unique())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attachment_owner_idx").on("attachment").columns(["owner_type", "owner_id"]).execute();

  await db.schema.alterTable("organization").addColumn("stamp_attachment_id", "text").execute();
  await db.schema
    .alterTable("agreement")
    .addColumn("signing_order", "text", (c) => c.notNull().defaultTo("any"))
    .execute();

  await db.schema
    .createTable("paper_signing")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("scan_attachment_id", "text", (c) => c.notNull().references("attachment.id"))
    .addColumn("recorded_by_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("signature")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("party_id", "text", (c) => c.notNull().references("agreement_party.id"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_title", "text")
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("drawing_png", "text")
    .addColumn("paper_signing_id", "text", (c) => c.references("paper_signing.id"))
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("valid"))
    .addColumn("voided_at", "text")
    .addColumn("void_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("signature_method", sql`method in ('in_app', 'paper')`)
    .addCheckConstraint("signature_status", sql`status in ('valid', 'void')`)
    .execute();
  await db.schema
    .createIndex("signature_agreement_idx")
    .on("signature")
    .columns(["agreement_id", "version_number"])
    .execute();
  // A party signs a given version once: at most one valid signature per (agreement, version, party).
  await db.schema
    .createIndex("signature_once_per_party")
    .on("signature")
    .columns(["agreement_id", "version_number", "party_id"])
    .unique()
    .where(sql.ref("status"), "=", "valid")
    .execute();

  await db.schema
    .createTable("pdf_document")
    .addColumn("sha256", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["pdf_document", "signature", "paper_signing", "attachment"])
    await db.schema.dropTable(table).execute();
}
