/**
 * Agreement search — the only module that knows the index exists. On both engines the text,
 * normalised by app/lib/search-text.ts (accents, Arabic diacritics and prefixes), is a row of
 * the plain table `agreement_search`, keyed by agreement id, so a query finds the same
 * agreements on both. SQLite matches it through the FTS5 index `agreement_search_fts` (external
 * content, rowid = agreement_search.id, kept in step by triggers; migration 0012); PostgreSQL
 * matches its words by prefix (LIKE, trigram index; migration 0002).
 * Domain commands call `reindexAgreement` in the transaction that changes the text;
 * list queries use `agreementIdsMatching` as a where-clause subquery.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "./dialect";
import type { Database } from "./schema";
import { indexText, queryTerms } from "../app/lib/search-text";

export async function reindexAgreement(db: Kysely<Database>, agreementId: string): Promise<void> {
  const agreement = await db
    .selectFrom("agreement")
    .select(["reference", "title", "title_secondary", "purpose", "territory", "signing_place"])
    .where("id", "=", agreementId)
    .executeTakeFirst();
  await sql`delete from agreement_search where agreement_id = ${agreementId}`.execute(db);
  if (!agreement) return;
  const clauses = await db.selectFrom("clause").select(["heading", "body"]).where("agreement_id", "=", agreementId).execute();
  const parties = await db
    .selectFrom("agreement_party")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .select(["organization.name_fr", "organization.name_ar", "agreement_party.signatory_name"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .execute();
  const body = indexText(
    agreement.purpose,
    agreement.territory,
    agreement.signing_place,
    ...parties.flatMap((p) => [p.name_fr, p.name_ar, p.signatory_name]),
    ...clauses.flatMap((c) => [c.heading, c.body]),
  );
  await sql`insert into agreement_search (agreement_id, reference, title, body) values (${agreementId}, ${indexText(agreement.reference)}, ${indexText(agreement.title, agreement.title_secondary)}, ${body})`.execute(db);
}

/** FTS5 query text: every word must appear (as typed or prefix-stripped), as a word or a word prefix. */
export function ftsQuery(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  const phrase = (t: string) => `"${t.replace(/"/g, "")}"*`;
  return terms.map((alternatives) => (alternatives.length === 1 ? phrase(alternatives[0]!) : `(${alternatives.map(phrase).join(" OR ")})`)).join(" AND ");
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
    const all = patterns.map((alternatives) => sql`(${sql.join(alternatives.map((p) => sql`words like ${p}`), sql` or `)})`);
    return sql<string>`(select agreement_id from agreement_search where ${sql.join(all, sql` and `)})`;
  }
  const match = ftsQuery(query);
  if (!match) return null;
  // The index gives rowids; the ids come from the table (reading a column of the FTS table itself
  // would load each match's whole text).
  return sql<string>`(select agreement_id from agreement_search where id in (select rowid from agreement_search_fts where agreement_search_fts match ${match}))`;
}
