/**
 * The search text in a plain table on SQLite too, the FTS5 index beside it (issue #8, measured
 * with `npm run bench`). Frozen once merged.
 *
 * Before, the FTS5 table held the agreement id as one of its columns: reading the ids of a
 * search's 1,239 matches loaded 1,239 whole texts (8 ms of a search's 10 ms), and re-indexing
 * one agreement (`delete … where agreement_id = ?`) scanned every text (60–300 ms per save).
 * Now `agreement_search` is a plain table keyed by agreement id, as on PostgreSQL, and
 * `agreement_search_fts` an external-content FTS5 index over it (its rowid is the table's `id`),
 * kept in step by triggers: code writes the table only, on both engines (db/search.ts).
 * PostgreSQL already has this table (migration 0002): nothing to do there.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";
// Frozen copy of db/dialect.ts isPostgres (a migration imports nothing that may change).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create table agreement_search_text (id integer primary key, agreement_id text not null unique, reference text not null, title text not null, body text not null)`.execute(
    db,
  );
  await sql`insert into agreement_search_text (agreement_id, reference, title, body) select agreement_id, reference, title, body from agreement_search`.execute(
    db,
  );
  await sql`drop table agreement_search`.execute(db);
  await sql`alter table agreement_search_text rename to agreement_search`.execute(db);
  await sql`create virtual table agreement_search_fts using fts5(reference, title, body, content = 'agreement_search', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  // The documented triggers for an external-content index: it forgets a row by being told its old values.
  await sql`create trigger agreement_search_fts_insert after insert on agreement_search begin
    insert into agreement_search_fts (rowid, reference, title, body) values (new.id, new.reference, new.title, new.body);
  end`.execute(db);
  await sql`create trigger agreement_search_fts_delete after delete on agreement_search begin
    insert into agreement_search_fts (agreement_search_fts, rowid, reference, title, body) values ('delete', old.id, old.reference, old.title, old.body);
  end`.execute(db);
  await sql`create trigger agreement_search_fts_update after update on agreement_search begin
    insert into agreement_search_fts (agreement_search_fts, rowid, reference, title, body) values ('delete', old.id, old.reference, old.title, old.body);
    insert into agreement_search_fts (rowid, reference, title, body) values (new.id, new.reference, new.title, new.body);
  end`.execute(db);
  await sql`insert into agreement_search_fts (agreement_search_fts) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const trigger of ["agreement_search_fts_insert", "agreement_search_fts_delete", "agreement_search_fts_update"])
    await sql`drop trigger ${sql.ref(trigger)}`.execute(db);
  await sql`drop table agreement_search_fts`.execute(db);
  await sql`alter table agreement_search rename to agreement_search_text`.execute(db);
  await sql`create virtual table agreement_search using fts5(agreement_id unindexed, reference, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`insert into agreement_search (agreement_id, reference, title, body) select agreement_id, reference, title, body from agreement_search_text`.execute(
    db,
  );
  await sql`drop table agreement_search_text`.execute(db);
}
