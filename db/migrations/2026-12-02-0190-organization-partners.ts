/**
 * Who works with whom, kept (issue #22). The agreements list suggests, as the partner filter is typed,
 * the first 50 organizations by name that share an agreement with the reader's: found by joining every
 * party of every agreement of theirs, 4,829 rows and 1,771 organizations sorted for the benchmark's
 * federation (9.6 ms), against one for a small association.
 *
 * One row per ordered pair (organization, partner) sharing at least one agreement: how many they share,
 * and the partner's name as the list sorts it (lower(coalesce(name_fr, name_ar)), the database's own
 * lower()). An organization's partners are then an index range in name order, and the list reads its
 * first few.
 *
 * Kept by the database on both engines, as 0140 and 0170 keep the parties' columns: a new party pairs
 * its organization with the agreement's other parties (both ways), a party removed (its agreement
 * deleted) unpairs them when it was the last agreement they shared, and a renamed organization's name
 * is copied to its rows. No command changes a party's agreement or organization. Code never writes the
 * table; `stalePartners` (app/domain/organization/organization.server.ts) compares it with the parties
 * from scratch when every integration file closes its database. Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization_partner")
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("shared", "integer", (c) => c.notNull())
    .addColumn("sort_name", "text")
    .addPrimaryKeyConstraint("organization_partner_pk", ["organization_id", "partner_id"])
    .execute();
  await sql`create index organization_partner_name_idx on organization_partner (organization_id, sort_name, partner_id)`.execute(
    db,
  );
  await sql`create index organization_partner_partner_idx on organization_partner (partner_id)`.execute(db);
  await sql`insert into organization_partner (organization_id, partner_id, shared, sort_name)
    select own.organization_id, other.organization_id, count(*),
      (select lower(coalesce(name_fr, name_ar)) from organization where id = other.organization_id)
    from agreement_party own
    join agreement_party other on other.agreement_id = own.agreement_id and other.organization_id <> own.organization_id
    group by own.organization_id, other.organization_id`.execute(db);

  const sortName = (id: string) => `(select lower(coalesce(name_fr, name_ar)) from organization where id = ${id})`;
  const others = (party: string) =>
    `agreement_party p where p.agreement_id = ${party}.agreement_id and p.organization_id <> ${party}.organization_id`;
  if (isPostgres(db)) {
    await sql
      .raw(
        `create function agreement_party_pairs() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into organization_partner (organization_id, partner_id, shared, sort_name)
            select new.organization_id, p.organization_id, 1, ${sortName("p.organization_id")} from ${others("new")}
            on conflict (organization_id, partner_id) do update set shared = organization_partner.shared + 1;
          insert into organization_partner (organization_id, partner_id, shared, sort_name)
            select p.organization_id, new.organization_id, 1, ${sortName("new.organization_id")} from ${others("new")}
            on conflict (organization_id, partner_id) do update set shared = organization_partner.shared + 1;
          return new;
        end if;
        update organization_partner set shared = shared - 1
          where (organization_id = old.organization_id and partner_id in (select p.organization_id from ${others("old")}))
             or (partner_id = old.organization_id and organization_id in (select p.organization_id from ${others("old")}));
        delete from organization_partner
          where shared <= 0 and (organization_id = old.organization_id or partner_id = old.organization_id);
        return old;
      end $$`,
      )
      .execute(db);
    // BEFORE, not AFTER: a row-level BEFORE trigger sees the rows its statement processed earlier, an
    // AFTER one sees them all. A statement inserting (or a cascade deleting) an agreement's parties
    // together then pairs (or unpairs) each two of them once, as SQLite's row-by-row triggers do.
    await sql`create trigger agreement_party_pairs before insert or delete on agreement_party
      for each row execute function agreement_party_pairs()`.execute(db);
    await sql`create function organization_partner_names() returns trigger language plpgsql as $$
      begin
        update organization_partner set sort_name = lower(coalesce(new.name_fr, new.name_ar)) where partner_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger organization_partner_names after update of name_fr, name_ar on organization
      for each row when (old.name_fr is distinct from new.name_fr or old.name_ar is distinct from new.name_ar)
      execute function organization_partner_names()`.execute(db);
  } else {
    // `where true`: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT to parse the upsert.
    await sql
      .raw(
        `create trigger agreement_party_pairs_insert after insert on agreement_party begin
      insert into organization_partner (organization_id, partner_id, shared, sort_name)
        select new.organization_id, p.organization_id, 1, ${sortName("p.organization_id")} from ${others("new")} and true
        on conflict (organization_id, partner_id) do update set shared = shared + 1;
      insert into organization_partner (organization_id, partner_id, shared, sort_name)
        select p.organization_id, new.organization_id, 1, ${sortName("new.organization_id")} from ${others("new")} and true
        on conflict (organization_id, partner_id) do update set shared = shared + 1;
    end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger agreement_party_pairs_delete after delete on agreement_party begin
      update organization_partner set shared = shared - 1
        where (organization_id = old.organization_id and partner_id in (select p.organization_id from ${others("old")}))
           or (partner_id = old.organization_id and organization_id in (select p.organization_id from ${others("old")}));
      delete from organization_partner
        where shared <= 0 and (organization_id = old.organization_id or partner_id = old.organization_id);
    end`,
      )
      .execute(db);
    await sql`create trigger organization_partner_names after update of name_fr, name_ar on organization
      when old.name_fr is not new.name_fr or old.name_ar is not new.name_ar begin
      update organization_partner set sort_name = lower(coalesce(new.name_fr, new.name_ar)) where partner_id = new.id;
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger organization_partner_names on organization`.execute(db);
    await sql`drop trigger agreement_party_pairs on agreement_party`.execute(db);
    await sql`drop function organization_partner_names()`.execute(db);
    await sql`drop function agreement_party_pairs()`.execute(db);
  } else {
    await sql`drop trigger organization_partner_names`.execute(db);
    await sql`drop trigger agreement_party_pairs_delete`.execute(db);
    await sql`drop trigger agreement_party_pairs_insert`.execute(db);
  }
  await db.schema.dropTable("organization_partner").execute();
}
