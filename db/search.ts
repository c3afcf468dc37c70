/**
 * Agreement search — the only module that knows the index exists. On both engines the text,
 * normalised by app/lib/search-text.ts (accents, Arabic diacritics and prefixes), is a row of
 * the plain table `agreement_search`, keyed by agreement id, so a query finds the same
 * agreements on both. SQLite matches it through the FTS5 index `agreement_search_fts` (external
 * content, rowid = agreement_search.id, kept in step by triggers; migration 0013); PostgreSQL
 * matches its words by prefix (LIKE, trigram index; migrations 0002 and 0015).
 * Domain commands call `reindexAgreement` in the transaction that changes the text, a bulk load
 * (`npm run db:copy`) calls `reindexAllAgreements`; list queries use `agreementIdsMatching` as a
 * where-clause subquery.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "./dialect";
import type { Database } from "./schema";
import { indexText, queryTerms } from "../app/lib/search-text";

/** The index's table, plain on both engines (SQLite adds its FTS5 index `agreement_search_fts` beside it); rebuilt from the agreements, never copied. */
export const SEARCH_INDEX_TABLE = "agreement_search";

interface IndexedAgreement {
  reference: string;
  title: string;
  title_secondary: string | null;
  purpose: string;
  territory: string | null;
  signing_place: string | null;
}

/**
 * The row the index holds for one agreement: its own text, its parties' names and its articles,
 * normalised. Exported for the benchmark's dataset generator, which writes rows without the commands.
 */
export function searchRow(
  agreement: IndexedAgreement,
  parties: Array<{ name_fr: string | null; name_ar: string | null; signatory_name: string | null }>,
  clauses: Array<{ heading: string; body: string }>,
) {
  return {
    reference: indexText(agreement.reference),
    title: indexText(agreement.title, agreement.title_secondary),
    body: indexText(
      agreement.purpose,
      agreement.territory,
      agreement.signing_place,
      ...parties.flatMap((p) => [p.name_fr, p.name_ar, p.signatory_name]),
      ...clauses.flatMap((c) => [c.heading, c.body]),
    ),
  };
}

const INDEXED_COLUMNS = ["reference", "title", "title_secondary", "purpose", "territory", "signing_place"] as const;

export async function reindexAgreement(db: Kysely<Database>, agreementId: string): Promise<void> {
  const agreement = await db
    .selectFrom("agreement")
    .select(INDEXED_COLUMNS)
    .where("id", "=", agreementId)
    .executeTakeFirst();
  await sql`delete from agreement_search where agreement_id = ${agreementId}`.execute(db);
  if (!agreement) return;
  // Articles and parties in a fixed order, the one reindexAllAgreements uses: the same text either way.
  const clauses = await db
    .selectFrom("clause")
    .select(["heading", "body"])
    .where("agreement_id", "=", agreementId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const parties = await db
    .selectFrom("agreement_party")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .select(["organization.name_fr", "organization.name_ar", "agreement_party.signatory_name"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .orderBy("agreement_party.signing_order")
    .orderBy("agreement_party.id")
    .execute();
  const row = searchRow(agreement, parties, clauses);
  await sql`insert into agreement_search (agreement_id, reference, title, body) values (${agreementId}, ${row.reference}, ${row.title}, ${row.body})`.execute(
    db,
  );
}

/**
 * Rebuilds the whole index from the agreements (after a bulk load: `npm run db:copy` fills
 * PostgreSQL's tables without going through the commands that call reindexAgreement). Works a
 * page of agreements at a time: three queries and one insert per page, not four per agreement.
 * Returns how many agreements were indexed.
 */
export async function reindexAllAgreements(db: Kysely<Database>, pageSize = 200): Promise<number> {
  await sql`delete from agreement_search`.execute(db);
  let indexed = 0;
  let after: string | null = null;
  for (;;) {
    let page = db
      .selectFrom("agreement")
      .select(["id", ...INDEXED_COLUMNS])
      .orderBy("id")
      .limit(pageSize);
    if (after !== null) page = page.where("id", ">", after);
    const agreements = await page.execute();
    if (agreements.length === 0) return indexed;
    const ids = agreements.map((a) => a.id);
    const clauses = await db
      .selectFrom("clause")
      .select(["agreement_id", "heading", "body"])
      .where("agreement_id", "in", ids)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const parties = await db
      .selectFrom("agreement_party")
      .innerJoin("organization", "organization.id", "agreement_party.organization_id")
      .select([
        "agreement_party.agreement_id",
        "organization.name_fr",
        "organization.name_ar",
        "agreement_party.signatory_name",
      ])
      .where("agreement_party.agreement_id", "in", ids)
      .orderBy("agreement_party.signing_order")
      .orderBy("agreement_party.id")
      .execute();
    const clausesOf = byAgreement(clauses);
    const partiesOf = byAgreement(parties);
    const rows = agreements.map((a) => {
      const row = searchRow(a, partiesOf.get(a.id) ?? [], clausesOf.get(a.id) ?? []);
      return sql`(${a.id}, ${row.reference}, ${row.title}, ${row.body})`;
    });
    await sql`insert into agreement_search (agreement_id, reference, title, body) values ${sql.join(rows)}`.execute(db);
    indexed += agreements.length;
    after = ids[ids.length - 1]!;
  }
}

function byAgreement<T extends { agreement_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.agreement_id);
    if (list) list.push(row);
    else map.set(row.agreement_id, [row]);
  }
  return map;
}

/** FTS5 query text: every word must appear (as typed or prefix-stripped), as a word or a word prefix. */
export function ftsQuery(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const phrase = (t: string) => `"${t.replace(/"/g, "")}"*`;
  return terms
    .map((alternatives) =>
      alternatives.length === 1 ? phrase(alternatives[0]!) : `(${alternatives.map(phrase).join(" OR ")})`,
    )
    .join(" AND ");
}

/**
 * PostgreSQL's trigrams of Arabic words. Databases are created with lc_ctype 'C' (so that lower()
 * and sorting behave as SQLite's), and in that locale pg_trgm takes only ASCII letters and digits
 * for word characters: an Arabic word gives no trigram, and a LIKE over it read the whole table
 * (500 ms for 10,000 agreements). `words_latin` (migration 0015) is `words` with each Arabic
 * letter (as search-text.ts leaves them) written as a capital Latin letter, which the lower-case
 * indexed text never holds; the trigram index is on it. Three pairs of rare letters share a
 * capital (ث/ت is not one of them: ذ د, ظ ط, خ ك): a pattern then finds a few more candidates,
 * which the LIKE over `words` itself drops. Changing these needs a migration that rebuilds the column.
 */
export const ARABIC_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي";
export const LATIN_CAPITALS = "EABTVJHKDDRZSCXPUUIGFQKLMNWOY";

/** A LIKE pattern as `words_latin` holds its text: PostgreSQL's translate(), written in JS. */
export function latinPattern(pattern: string): string {
  let out = "";
  for (const c of pattern) {
    const i = ARABIC_LETTERS.indexOf(c);
    out += i < 0 ? c : LATIN_CAPITALS[i];
  }
  return out;
}

/**
 * PostgreSQL: LIKE patterns over `words` (every indexed word between spaces): every word of
 * the query must appear (one of its alternatives), as a word or a word prefix — FTS5's rule.
 * Query words are letters and digits only (queryTerms), so they hold no LIKE wildcard.
 */
export function likeConditions(query: string): string[][] | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return terms.map((alternatives) => alternatives.map((t) => `% ${t}%`));
}

/** A subquery of agreement ids matching the query, for `where("agreement.id", "in", …)`. */
export function agreementIdsMatching(db: Kysely<Database>, query: string): RawBuilder<string> | null {
  if (isPostgres(db)) {
    const patterns = likeConditions(query);
    if (!patterns) return null;
    // The trigram index finds candidates in `words_latin`; `words` itself decides.
    const all = patterns.map(
      (alternatives) =>
        sql`(${sql.join(
          alternatives.map((p) => sql`(words_latin like ${latinPattern(p)} and words like ${p})`),
          sql` or `,
        )})`,
    );
    return sql<string>`(select agreement_id from agreement_search where ${sql.join(all, sql` and `)})`;
  }
  const match = ftsQuery(query);
  if (!match) return null;
  // The index gives rowids; the ids come from the table (reading a column of the FTS table itself
  // would load each match's whole text).
  return sql<string>`(select agreement_id from agreement_search where id in (select rowid from agreement_search_fts where agreement_search_fts match ${match}))`;
}
