/**
 * Kept money totals (issue #22): /finances summed every agreement's budget, schedule, receipts and
 * expenses on each request (171 ms of CPU for a federation with 2,000 agreements), and /impact every
 * receipt its organizations paid. Two tables, kept by the finance commands in their transaction
 * (app/domain/finance/money-totals.server.ts):
 * - `agreement_money`: what one agreement adds to each of its organizations' totals, per currency
 *   (one MAD row for every agreement with money, one more per other currency it has tranches in),
 *   with the agreement's reference as /finances's sort key (set at creation, never changed);
 * - `organization_money`: the sums of those rows per organization and currency.
 * Money in integer minor units; received, spent and delivered are MAD (the bank's figure).
 * `tests/integration/money-totals.test.ts` compares both with the sums from scratch after every command.
 * Filled here from the data already there. Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const money = (t: any) =>
    t
      .addColumn("currency", "text", (c: any) => c.notNull())
      .addColumn("pledged_minor", "bigint", (c: any) => c.notNull().defaultTo(0))
      .addColumn("pledged_tranches", "integer", (c: any) => c.notNull().defaultTo(0))
      .addColumn("received_minor", "bigint", (c: any) => c.notNull().defaultTo(0))
      .addColumn("spent_minor", "bigint", (c: any) => c.notNull().defaultTo(0))
      .addColumn("delivered_minor", "bigint", (c: any) => c.notNull().defaultTo(0))
      .addColumn("due_tranches", "integer", (c: any) => c.notNull().defaultTo(0));
  await money(
    db.schema
      .createTable("agreement_money")
      .addColumn("agreement_id", "text", (c) => c.notNull().references("agreement.id").onDelete("cascade"))
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade"))
      .addColumn("reference", "text", (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint("agreement_money_pk", ["agreement_id", "organization_id", "currency"])
    .execute();
  // /finances's rows: an organization's agreements with money (each has a MAD row) by reference, one
  // page at a time; and those with tranches awaiting payment (to count the late ones).
  await db.schema
    .createIndex("agreement_money_organization_idx")
    .on("agreement_money")
    .columns(["organization_id", "currency", "reference", "agreement_id"])
    .execute();
  await db.schema
    .createIndex("agreement_money_due_idx")
    .on("agreement_money")
    .columns(["organization_id", "due_tranches", "agreement_id"])
    .execute();
  // /impact: the expenses an organization questioned that are not settled, from the index alone.
  await db.schema
    .createIndex("expense_query_organization_idx")
    .on("expense_query")
    .columns(["organization_id", "settled_at", "expense_id"])
    .execute();
  await money(
    db.schema
      .createTable("organization_money")
      .addColumn("organization_id", "text", (c) => c.notNull().references("organization.id").onDelete("cascade")),
  )
    .addPrimaryKeyConstraint("organization_money_pk", ["organization_id", "currency"])
    .execute();

  // From the data already there (frozen copy of moneyContributions' sums, in SQL).
  await sql`insert into agreement_money (agreement_id, organization_id, reference, currency, pledged_minor,
      pledged_tranches, received_minor, spent_minor, delivered_minor, due_tranches)
    with money_agreement as (
      select agreement.id, agreement.reference from agreement
      where exists (select 1 from budget_line where budget_line.agreement_id = agreement.id)
         or exists (select 1 from tranche where tranche.agreement_id = agreement.id)
    ),
    party_org as (
      select distinct agreement_party.agreement_id, agreement_party.organization_id
      from agreement_party inner join money_agreement on money_agreement.id = agreement_party.agreement_id
    ),
    currency as (
      select id as agreement_id, 'MAD' as currency from money_agreement
      union
      select agreement_id, currency from tranche where status <> 'cancelled'
    ),
    pledged as (
      select agreement_id, currency, sum(amount_minor) as minor, count(*) as tranches,
        sum(case when status in ('due', 'called') then 1 else 0 end) as due
      from tranche where status <> 'cancelled' group by agreement_id, currency
    ),
    received as (
      select tranche.agreement_id, payer.organization_id as payer_id, sum(tranche_event.amount_mad_minor) as minor
      from tranche_event
      inner join tranche on tranche.id = tranche_event.tranche_id
      inner join agreement_party as payer on payer.id = tranche.payer_party_id
      where tranche_event.kind = 'received' and not exists (
        select 1 from tranche_event as reversal where reversal.reverses_event_id = tranche_event.id)
      group by tranche.agreement_id, payer.organization_id
    ),
    spent as (select agreement_id, sum(amount_minor) as minor from expense group by agreement_id)
    select party_org.agreement_id, party_org.organization_id, money_agreement.reference, currency.currency,
      coalesce(pledged.minor, 0), coalesce(pledged.tranches, 0),
      case when currency.currency = 'MAD' then coalesce(
        (select sum(received.minor) from received where received.agreement_id = party_org.agreement_id), 0) else 0 end,
      case when currency.currency = 'MAD' then coalesce(spent.minor, 0) else 0 end,
      case when currency.currency = 'MAD' then coalesce(
        (select sum(received.minor) from received where received.agreement_id = party_org.agreement_id
          and received.payer_id = party_org.organization_id), 0) else 0 end,
      coalesce(pledged.due, 0)
    from party_org
    inner join money_agreement on money_agreement.id = party_org.agreement_id
    inner join currency on currency.agreement_id = party_org.agreement_id
    left join pledged on pledged.agreement_id = party_org.agreement_id and pledged.currency = currency.currency
    left join spent on spent.agreement_id = party_org.agreement_id`.execute(db);
  await sql`insert into organization_money (organization_id, currency, pledged_minor, pledged_tranches,
      received_minor, spent_minor, delivered_minor, due_tranches)
    select organization_id, currency, sum(pledged_minor), sum(pledged_tranches), sum(received_minor),
      sum(spent_minor), sum(delivered_minor), sum(due_tranches)
    from agreement_money group by organization_id, currency`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("expense_query_organization_idx").execute();
  await db.schema.dropTable("organization_money").execute();
  await db.schema.dropTable("agreement_money").execute();
}
