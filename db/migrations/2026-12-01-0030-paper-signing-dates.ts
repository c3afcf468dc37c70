/**
 * A signature on paper has a date, not a time (issue #16). Until now a paper ceremony's signatures
 * got an invented 12:00 UTC on the ceremony's day, and the agreement's `signed_at` was the moment
 * the ceremony was typed in — so an agreement signed in Agadir on 1 January 2022 and recorded today
 * read "signed today".
 *
 * - `signature.signed_on`: the calendar day of every signature — the day in Morocco of a signature
 *   made in the app, the ceremony's date of one made on paper; `signature.signed_at` (the instant)
 *   becomes optional and is null for paper signatures. Their recording stays on `paper_signing`.
 * - `paper_signing.created_at` is renamed `recorded_at`: the moment the ceremony was typed in, by
 *   `recorded_by_user_id`, apart from the ceremony's `signed_on`.
 * - `agreement.signed_at` gives way to `agreement.signed_on`: the day the agreement was signed (its
 *   last signature's day, or the ceremony's date). The instants stay in the signatures and the
 *   audit log.
 *
 * Existing rows: paper signatures take their ceremony's date and lose the invented time; signatures
 * in the app keep their instant and get its day in Morocco; an agreement takes the latest day of the
 * valid signatures of the last version signed, else its old `signed_at`'s day in Morocco.
 * Frozen once merged.
 */
import { sql, type Kysely } from "kysely";

/** YYYY-MM-DD in Morocco of an ISO instant (a copy of app/lib/time.ts's todayInMorocco). */
const moroccoDay = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Africa/Casablanca",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));

/** The rows whose UTC day may not be their day in Morocco (UTC+1 most of the year): those after 23:00 UTC. */
async function fixLateEvening(db: Kysely<any>, table: string, instant: string, day: string) {
  const rows = (
    await sql<{ id: string; at: string }>`select id, ${sql.ref(instant)} as at from ${sql.table(table)}
    where ${sql.ref(instant)} is not null and substr(${sql.ref(instant)}, 12, 2) = '23'`.execute(db)
  ).rows;
  for (const row of rows)
    await sql`update ${sql.table(table)} set ${sql.ref(day)} = ${moroccoDay(row.at)} where id = ${row.id}`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("signature").addColumn("signed_on", "text").execute();
  await db.schema.alterTable("signature").renameColumn("signed_at", "signed_at_before_0030").execute();
  await db.schema.alterTable("signature").addColumn("signed_at", "text").execute();
  await sql`update signature set signed_at = signed_at_before_0030, signed_on = substr(signed_at_before_0030, 1, 10)
    where method = 'in_app'`.execute(db);
  await sql`update signature set signed_on = coalesce(
      (select paper_signing.signed_on from paper_signing where paper_signing.id = signature.paper_signing_id),
      substr(signed_at_before_0030, 1, 10))
    where method = 'paper'`.execute(db);
  await fixLateEvening(db, "signature", "signed_at", "signed_on");
  await db.schema.alterTable("signature").dropColumn("signed_at_before_0030").execute();

  await db.schema.alterTable("paper_signing").renameColumn("created_at", "recorded_at").execute();

  await db.schema.alterTable("agreement").addColumn("signed_on", "text").execute();
  await sql`update agreement set signed_on = (
      select max(s.signed_on) from signature s
      where s.agreement_id = agreement.id and s.status = 'valid' and s.version_number = (
        select max(s2.version_number) from signature s2 where s2.agreement_id = agreement.id and s2.status = 'valid'))
    where signed_at is not null`.execute(db);
  await sql`update agreement set signed_on = substr(signed_at, 1, 10) where signed_at is not null and signed_on is null`.execute(
    db,
  );
  const unsigned = (
    await sql<{ id: string; at: string }>`select id, signed_at as at from agreement
    where signed_at is not null and substr(signed_at, 12, 2) = '23'
      and not exists (select 1 from signature s where s.agreement_id = agreement.id and s.status = 'valid')`.execute(db)
  ).rows;
  for (const row of unsigned)
    await sql`update agreement set signed_on = ${moroccoDay(row.at)} where id = ${row.id}`.execute(db);
  await db.schema.alterTable("agreement").dropColumn("signed_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("agreement").addColumn("signed_at", "text").execute();
  await sql`update agreement set signed_at = signed_on || 'T12:00:00.000Z' where signed_on is not null`.execute(db);
  await db.schema.alterTable("agreement").dropColumn("signed_on").execute();
  await db.schema.alterTable("paper_signing").renameColumn("recorded_at", "created_at").execute();
  await sql`update signature set signed_at = signed_on || 'T12:00:00.000Z' where signed_at is null`.execute(db);
  await db.schema.alterTable("signature").dropColumn("signed_on").execute();
}
