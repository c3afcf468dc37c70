/**
 * Each party row carries its agreement's status (issue #22): the dashboard, the lists and the partner's
 * view start from an organization's parties and kept only those of agreements in force (or awaiting
 * signatures, or not drafts) by reading each agreement's row, one random read per party: a federation
 * party to 2,000 agreements paid for all of them on every page. With the status beside the party in
 * an index, the parties of agreements in force are read from the index alone.
 *
 * Kept by the database, on both engines, so that no command can forget it: a new party takes its
 * agreement's status, and a change of an agreement's status is copied to its parties. Code never writes
 * the column. `tests/integration/party-status.test.ts` compares it with the agreements after every kind
 * of change. Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agreement_party").addColumn("agreement_status", "text").execute();
  await sql`update agreement_party set agreement_status =
    (select status from agreement where agreement.id = agreement_party.agreement_id)`.execute(db);
  if (isPostgres(db)) {
    await sql`create function agreement_party_takes_status() returns trigger language plpgsql as $$
      begin
        new.agreement_status := (select status from agreement where id = new.agreement_id);
        return new;
      end $$`.execute(db);
    await sql`create trigger agreement_party_status_insert before insert or update of agreement_id, agreement_status
      on agreement_party for each row execute function agreement_party_takes_status()`.execute(db);
    await sql`create function agreement_status_to_parties() returns trigger language plpgsql as $$
      begin
        update agreement_party set agreement_status = new.status where agreement_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger agreement_status_to_parties after update of status on agreement
      for each row when (old.status is distinct from new.status)
      execute function agreement_status_to_parties()`.execute(db);
  } else {
    await sql`create trigger agreement_party_status_insert after insert on agreement_party begin
      update agreement_party set agreement_status = (select status from agreement where id = new.agreement_id)
      where id = new.id;
    end`.execute(db);
    await sql`create trigger agreement_party_status_update after update of agreement_id, agreement_status
      on agreement_party when new.agreement_status is not (select status from agreement where id = new.agreement_id) begin
      update agreement_party set agreement_status = (select status from agreement where id = new.agreement_id)
      where id = new.id;
    end`.execute(db);
    await sql`create trigger agreement_status_to_parties after update of status on agreement
      when old.status is not new.status begin
      update agreement_party set agreement_status = new.status where agreement_id = new.id;
    end`.execute(db);
  }
  // An organization's parties by the status of their agreement, with what obligations, deliverables and
  // action items reference (the agreement and the party): read from the index alone.
  await db.schema
    .createIndex("agreement_party_organization_status_idx")
    .on("agreement_party")
    .columns(["organization_id", "agreement_status", "agreement_id", "id"])
    .execute();
  // The parties whose signature a person is asked for, by their agreement's status.
  await db.schema
    .createIndex("agreement_party_signatory_status_idx")
    .on("agreement_party")
    .columns(["signatory_user_id", "agreement_status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("agreement_party_signatory_status_idx").execute();
  await db.schema.dropIndex("agreement_party_organization_status_idx").execute();
  if (isPostgres(db)) {
    await sql`drop trigger agreement_status_to_parties on agreement`.execute(db);
    await sql`drop trigger agreement_party_status_insert on agreement_party`.execute(db);
    await sql`drop function agreement_status_to_parties()`.execute(db);
    await sql`drop function agreement_party_takes_status()`.execute(db);
  } else {
    await sql`drop trigger agreement_status_to_parties`.execute(db);
    await sql`drop trigger agreement_party_status_update`.execute(db);
    await sql`drop trigger agreement_party_status_insert`.execute(db);
  }
  await db.schema.alterTable("agreement_party").dropColumn("agreement_status").execute();
}
