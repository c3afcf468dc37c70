/**
 * Indexes for large databases (issue #8, measured with `npm run bench`): what the dashboard,
 * the lists and the partner's view filter and sort on. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The organization directory (agreements list filter, party pickers) sorts by this expression.
  await sql`create index organization_sort_name_idx on organization (lower(coalesce(name_fr, name_ar)))`.execute(db);
  // Signatures awaited from me: my designated parties, then their signature of the current version.
  await db.schema
    .createIndex("agreement_party_signatory_idx")
    .on("agreement_party")
    .column("signatory_user_id")
    .execute();
  await db.schema
    .createIndex("signature_party_idx")
    .on("signature")
    .columns(["party_id", "version_number", "status"])
    .execute();
  // Open action items of one agreement (partner's view), and those owned by a party (my action items).
  await db.schema
    .createIndex("action_item_agreement_idx")
    .on("action_item")
    .columns(["agreement_id", "status", "due_date"])
    .execute();
  await db.schema
    .createIndex("action_item_owner_party_idx")
    .on("action_item")
    .columns(["owner_party_id", "status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "action_item_owner_party_idx",
    "action_item_agreement_idx",
    "signature_party_idx",
    "agreement_party_signatory_idx",
    "organization_sort_name_idx",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
