/**
 * Each party row also carries when its agreement last changed (issue #22). The dashboard and the
 * agreements list read an organization's visible agreements in page order, counted by status: a
 * federation party to 2,000 agreements read 2,000 agreement rows (one random read each) for the page's
 * 20. With the status (migration 0140) and this date beside the party in one index, they are read
 * from the index alone.
 *
 * Kept by the database on both engines, as 0140 keeps the status: a new party takes its agreement's
 * date, and a change of an agreement's date is copied to its parties. Code never writes the column.
 * `tests/integration/party-status.test.ts` compares it with the agreements after every kind of change.
 * Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agreement_party").addColumn("agreement_updated_at", "text").execute();
  await sql`update agreement_party set agreement_updated_at =
    (select updated_at from agreement where agreement.id = agreement_party.agreement_id)`.execute(db);
  if (isPostgres(db)) {
    await sql`create function agreement_party_takes_updated_at() returns trigger language plpgsql as $$
      begin
        new.agreement_updated_at := (select updated_at from agreement where id = new.agreement_id);
        return new;
      end $$`.execute(db);
    await sql`create trigger agreement_party_updated_at_insert before insert or update of agreement_id, agreement_updated_at
      on agreement_party for each row execute function agreement_party_takes_updated_at()`.execute(db);
    await sql`create function agreement_updated_at_to_parties() returns trigger language plpgsql as $$
      begin
        update agreement_party set agreement_updated_at = new.updated_at where agreement_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger agreement_updated_at_to_parties after update of updated_at on agreement
      for each row when (old.updated_at is distinct from new.updated_at)
      execute function agreement_updated_at_to_parties()`.execute(db);
  } else {
    await sql`create trigger agreement_party_updated_at_insert after insert on agreement_party begin
      update agreement_party set agreement_updated_at = (select updated_at from agreement where id = new.agreement_id)
      where id = new.id;
    end`.execute(db);
    await sql`create trigger agreement_party_updated_at_update after update of agreement_id, agreement_updated_at
      on agreement_party when new.agreement_updated_at is not (select updated_at from agreement where id = new.agreement_id) begin
      update agreement_party set agreement_updated_at = (select updated_at from agreement where id = new.agreement_id)
      where id = new.id;
    end`.execute(db);
    await sql`create trigger agreement_updated_at_to_parties after update of updated_at on agreement
      when old.updated_at is not new.updated_at begin
      update agreement_party set agreement_updated_at = new.updated_at where agreement_id = new.id;
    end`.execute(db);
  }
  // An organization's parties newest agreement first, with the status to count and filter them by.
  await db.schema
    .createIndex("agreement_party_organization_updated_idx")
    .on("agreement_party")
    .columns(["organization_id", "agreement_updated_at", "agreement_status", "agreement_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("agreement_party_organization_updated_idx").execute();
  if (isPostgres(db)) {
    await sql`drop trigger agreement_updated_at_to_parties on agreement`.execute(db);
    await sql`drop trigger agreement_party_updated_at_insert on agreement_party`.execute(db);
    await sql`drop function agreement_updated_at_to_parties()`.execute(db);
    await sql`drop function agreement_party_takes_updated_at()`.execute(db);
  } else {
    await sql`drop trigger agreement_updated_at_to_parties`.execute(db);
    await sql`drop trigger agreement_party_updated_at_update`.execute(db);
    await sql`drop trigger agreement_party_updated_at_insert`.execute(db);
  }
  await db.schema.alterTable("agreement_party").dropColumn("agreement_updated_at").execute();
}
