/**
 * Each organization's agreements by status and beneficiaries by month, kept (issue #22). The dashboard
 * and the list as it opens count the agreements by status with count(distinct) over every party of the
 * reader's organizations (2,146 rows for the benchmark's federation, 3.0 ms), and the dashboard's chart
 * sums the months of every agreement in force (~1,000 agreements, ~12,000 index entries, 7 ms), against
 * a handful for a small association.
 *
 * Two tables, one row per organization and status or month:
 * - `organization_status_count`: how many of its parties are of agreements in that status;
 * - `organization_beneficiaries_by_month`: the sum of `beneficiaries_by_month` over the agreements it is
 *   party to whose status the charts show (active, suspended, completed: CHARTED in
 *   app/domain/dashboard/attention-entries.server.ts, copied here as a migration imports nothing), and
 *   how many agreements' months make it (a month with no beneficiaries still shows when one has it).
 * A reader whose organizations share no agreement (organization_partner, migration 0190) adds its
 * organizations' rows: each agreement is counted once. Otherwise it counts from the parties as before.
 * Drafts, which only their owner's members see, are counted from a new index of the owners instead.
 *
 * Kept by the database on both engines, as 0140, 0170 and 0190 keep theirs: a new or removed party, a
 * party's status changing (0140 copies its agreement's), a month's sum added to (recordDelivery) or
 * removed with its agreement. No command changes a party's agreement or organization. Code never writes
 * the tables; `staleStatusCounts` (app/domain/agreement/agreement.queries.server.ts) and
 * `staleOrganizationBeneficiaries` (app/domain/dashboard/beneficiaries.server.ts) compare them with the
 * parties from scratch when every integration file closes its database. Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Frozen copy of CHARTED (see the header). */
const CHARTED = "('active', 'suspended', 'completed')";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organization_status_count")
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("agreement_status", "text", (c) => c.notNull())
    .addColumn("agreements", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("organization_status_count_pk", ["organization_id", "agreement_status"])
    .execute();
  await db.schema
    .createTable("organization_beneficiaries_by_month")
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("beneficiaries", "bigint", (c) => c.notNull())
    .addColumn("agreements", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("organization_beneficiaries_by_month_pk", ["organization_id", "month"])
    .execute();
  // The drafts, seen by their owner's members only, counted from the owner's index alone.
  await db.schema
    .createIndex("agreement_owner_status_idx")
    .on("agreement")
    .columns(["owner_organization_id", "status"])
    .execute();
  await sql`insert into organization_status_count (organization_id, agreement_status, agreements)
    select organization_id, agreement_status, count(*) from agreement_party
    where agreement_status is not null group by organization_id, agreement_status`.execute(db);
  await sql
    .raw(
      `insert into organization_beneficiaries_by_month (organization_id, month, beneficiaries, agreements)
    select p.organization_id, b.month, sum(b.beneficiaries), count(*)
    from agreement_party p join beneficiaries_by_month b on b.agreement_id = p.agreement_id
    where p.agreement_status in ${CHARTED} group by p.organization_id, b.month`,
    )
    .execute(db);

  // SQL shared by both engines' triggers. `row` is new or old; `when` a condition on it.
  const count = (row: string, by: number) =>
    `insert into organization_status_count (organization_id, agreement_status, agreements)
      select ${row}.organization_id, ${row}.agreement_status, ${by} where ${row}.agreement_status is not null
      on conflict (organization_id, agreement_status) do update
      set agreements = organization_status_count.agreements + ${by};
    delete from organization_status_count
      where organization_id = ${row}.organization_id and agreement_status = ${row}.agreement_status and agreements <= 0;`;
  const charted = (row: string) => `coalesce(${row}.agreement_status in ${CHARTED}, false)`;
  // A party's organization gains (or loses) every month of its agreement.
  const addMonths = (row: string) =>
    `insert into organization_beneficiaries_by_month (organization_id, month, beneficiaries, agreements)
      select ${row}.organization_id, b.month, b.beneficiaries, 1 from beneficiaries_by_month b
      where ${charted(row)} and b.agreement_id = ${row}.agreement_id
      on conflict (organization_id, month) do update
      set beneficiaries = organization_beneficiaries_by_month.beneficiaries + excluded.beneficiaries,
        agreements = organization_beneficiaries_by_month.agreements + 1;`;
  const removeMonths = (row: string) =>
    `update organization_beneficiaries_by_month set agreements = agreements - 1,
      beneficiaries = beneficiaries - (select b.beneficiaries from beneficiaries_by_month b
        where b.agreement_id = ${row}.agreement_id and b.month = organization_beneficiaries_by_month.month)
      where ${charted(row)} and organization_id = ${row}.organization_id
        and month in (select b.month from beneficiaries_by_month b where b.agreement_id = ${row}.agreement_id);
    delete from organization_beneficiaries_by_month where organization_id = ${row}.organization_id and agreements <= 0;`;
  // An agreement's month, added to or removed, for the organizations of its charted parties.
  const chartedParties = (row: string) =>
    `select p.organization_id from agreement_party p
      where p.agreement_id = ${row}.agreement_id and p.agreement_status in ${CHARTED}`;
  const addMonth = `insert into organization_beneficiaries_by_month (organization_id, month, beneficiaries, agreements)
      select p.organization_id, new.month, new.beneficiaries, 1 from (${chartedParties("new")}) p
      where true
      on conflict (organization_id, month) do update
      set beneficiaries = organization_beneficiaries_by_month.beneficiaries + excluded.beneficiaries,
        agreements = organization_beneficiaries_by_month.agreements + 1;`;
  const changeMonth = `update organization_beneficiaries_by_month set beneficiaries = beneficiaries + new.beneficiaries - old.beneficiaries
      where month = new.month and organization_id in (${chartedParties("new")});`;
  const removeMonth = `update organization_beneficiaries_by_month
      set beneficiaries = beneficiaries - old.beneficiaries, agreements = agreements - 1
      where month = old.month and organization_id in (${chartedParties("old")});
    delete from organization_beneficiaries_by_month where month = old.month and agreements <= 0;`;

  if (isPostgres(db)) {
    // BEFORE, and named to sort after 0140's agreement_party_status_insert (PostgreSQL runs a table's
    // BEFORE row triggers by name): the new row carries its agreement's status by then. BEFORE rather
    // than AFTER because a cascade (an agreement deleted) holds AFTER triggers until its whole statement
    // ends, when the parties and the months they would read are both gone; BEFORE ones run row by row.
    await sql
      .raw(
        `create function agreement_party_totals() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${count("old", -1)} ${removeMonths("old")} end if;
        if tg_op = 'DELETE' then return old; end if;
        ${count("new", 1)} ${addMonths("new")}
        return new;
      end $$`,
      )
      .execute(db);
    await sql`create trigger agreement_party_totals before insert or delete on agreement_party
      for each row execute function agreement_party_totals()`.execute(db);
    await sql`create trigger agreement_party_totals_update before update of agreement_status on agreement_party
      for each row when (old.agreement_status is distinct from new.agreement_status)
      execute function agreement_party_totals()`.execute(db);
    // Months: AFTER for an insert or an update, since recordDelivery's upsert fires BEFORE INSERT for a
    // row it then updates instead; BEFORE for a delete (a cascade, as above).
    await sql
      .raw(
        `create function beneficiaries_by_month_totals() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${addMonth} return null; end if;
        if tg_op = 'UPDATE' then ${changeMonth} return null; end if;
        ${removeMonth}
        return old;
      end $$`,
      )
      .execute(db);
    await sql`create trigger beneficiaries_by_month_totals after insert or update of beneficiaries
      on beneficiaries_by_month for each row execute function beneficiaries_by_month_totals()`.execute(db);
    await sql`create trigger beneficiaries_by_month_totals_delete before delete on beneficiaries_by_month
      for each row execute function beneficiaries_by_month_totals()`.execute(db);
  } else {
    // (A new party's status is set just after its insert, by 0140's trigger: its counts come with that update.)
    const triggers = {
      agreement_party_totals_insert: `after insert on agreement_party begin ${count("new", 1)} ${addMonths("new")} end`,
      agreement_party_totals_update: `after update of agreement_status on agreement_party
        when old.agreement_status is not new.agreement_status begin
        ${count("old", -1)} ${removeMonths("old")} ${count("new", 1)} ${addMonths("new")} end`,
      agreement_party_totals_delete: `after delete on agreement_party begin ${count("old", -1)} ${removeMonths("old")} end`,
      beneficiaries_by_month_totals_insert: `after insert on beneficiaries_by_month begin ${addMonth} end`,
      beneficiaries_by_month_totals_update: `after update of beneficiaries on beneficiaries_by_month begin ${changeMonth} end`,
      beneficiaries_by_month_totals_delete: `after delete on beneficiaries_by_month begin ${removeMonth} end`,
    };
    for (const [name, body] of Object.entries(triggers)) await sql.raw(`create trigger ${name} ${body}`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger beneficiaries_by_month_totals_delete on beneficiaries_by_month`.execute(db);
    await sql`drop trigger beneficiaries_by_month_totals on beneficiaries_by_month`.execute(db);
    await sql`drop trigger agreement_party_totals_update on agreement_party`.execute(db);
    await sql`drop trigger agreement_party_totals on agreement_party`.execute(db);
    await sql`drop function beneficiaries_by_month_totals()`.execute(db);
    await sql`drop function agreement_party_totals()`.execute(db);
  } else {
    for (const name of [
      "beneficiaries_by_month_totals_delete",
      "beneficiaries_by_month_totals_update",
      "beneficiaries_by_month_totals_insert",
      "agreement_party_totals_delete",
      "agreement_party_totals_update",
      "agreement_party_totals_insert",
    ])
      await sql.raw(`drop trigger ${name}`).execute(db);
  }
  await db.schema.dropIndex("agreement_owner_status_idx").execute();
  await db.schema.dropTable("organization_beneficiaries_by_month").execute();
  await db.schema.dropTable("organization_status_count").execute();
}
