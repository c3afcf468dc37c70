/**
 * Which database engine a Kysely instance talks to. Code that must differ between SQLite and
 * PostgreSQL (a migration creating the search index, the search query itself) asks here, so
 * every branch on the engine can be found by searching for `isPostgres`.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

export function isPostgres(db: Kysely<any>): boolean {
  return dialectOf(db) === "postgres";
}

/**
 * A column the planner should not reach through its index: SQLite's documented hint is a unary
 * `+` (`+agreement.status`), which PostgreSQL does not accept on text; there it is the plain column
 * (its planner weighs the indexes by statistics).
 */
export function unindexed(db: Kysely<any>, column: string) {
  return isPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`;
}
