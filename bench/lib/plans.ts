/**
 * Query capture and plans: a Kysely instance on the app's SQLite setup that records every
 * compiled query (SQL, parameters, duration), and the check that no query's plan scans a
 * whole big table.
 */
import type SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type LogEvent } from "kysely";
import { openSqlite } from "../../db/sqlite";
import type { Database } from "../../db/schema";

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export function capturingDatabase(file: string) {
  const sqlite = openSqlite(file);
  let sink: CapturedQuery[] | null = null;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event: LogEvent) => {
      if (sink && event.level === "query") sink.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  return {
    db,
    sqlite,
    /** Runs fn and returns the queries it sent, in order. */
    async capture(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
      const queries: CapturedQuery[] = [];
      sink = queries;
      try {
        await fn();
      } finally {
        sink = null;
      }
      return queries;
    },
  };
}

/** Tables that hold more than 10,000 rows on the large dataset (scale 1). */
export const BIG_TABLES = ["agreement", "agreement_search", "agreement_party", "clause", "agreement_version", "signature", "obligation", "deliverable", "delivery", "committee_member", "meeting", "action_item", "audit_event"] as const;

export function queryPlan(sqlite: SQLite.Database, sql: string, parameters: readonly unknown[]): string[] {
  return (sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>).map((r) => r.detail);
}

/** Plan lines that read a whole big table (an index scan in order counts: it is still every row). */
export function fullScans(plan: string[], big: readonly string[] = BIG_TABLES): string[] {
  return plan.filter((line) => {
    const match = /^SCAN (\w+)/.exec(line);
    return !!match && big.includes(match[1]!) && !line.includes("VIRTUAL TABLE");
  });
}
