/**
 * PostgreSQL only (issue #8): Arabic searches used no index. In the databases' 'C' character
 * classes pg_trgm finds no trigram in Arabic words, so `words like '% مدرسية%'` read the whole
 * search table. `words_latin` is the same text with Arabic letters written as Latin capitals
 * (the letters below, which db/search.ts `latinPattern` must keep matching, with PostgreSQL's translate()), and its trigram
 * index replaces the one on `words`, which serves French words the same (they are unchanged).
 * SQLite (FTS5) is untouched. Frozen once merged.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen copies of db/search.ts's tables as of 2026-11-24 (a migration must not follow later changes).
const ARABIC_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي";
const LATIN_CAPITALS = "EABTVJHKDDRZSCXPUUIGFQKLMNWOY";
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table agreement_search add column words_latin text generated always as (translate(' ' || reference || ' ' || title || ' ' || body || ' ', ${sql.lit(ARABIC_LETTERS)}, ${sql.lit(LATIN_CAPITALS)})) stored`.execute(
    db,
  );
  await sql`create index agreement_search_latin_idx on agreement_search using gin (words_latin gin_trgm_ops)`.execute(
    db,
  );
  await sql`drop index agreement_search_words_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index agreement_search_words_idx on agreement_search using gin (words gin_trgm_ops)`.execute(db);
  await sql`drop index agreement_search_latin_idx`.execute(db);
  await sql`alter table agreement_search drop column words_latin`.execute(db);
}
