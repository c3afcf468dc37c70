/**
 * Query capture and plans, on either engine: a Kysely instance on the app's own setup for the
 * benchmark database that records every compiled query (SQL, parameters, duration); the floor (the
 * same SQL and parameters as one prepared statement of the bare driver: better-sqlite3, or a named
 * statement of `pg`); and the check that no query's plan scans a whole big table.
 */
import type SQLite from "better-sqlite3";
import type { Kysely, LogEvent } from "kysely";
import pg from "pg";
import { createPostgresKysely } from "../../db/postgres";
import type { Database } from "../../db/schema";
import { createSqliteKysely } from "../../db/sqlite";
import type { BenchTarget } from "../paths";

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export interface CapturingDatabase {
  db: Kysely<Database>;
  /** Runs fn and returns the queries it sent, in order. */
  capture(fn: () => Promise<unknown>): Promise<CapturedQuery[]>;
  /** The floor: runs the SQL once as a prepared statement of the bare driver; returns milliseconds. */
  raw(sql: string, parameters: readonly unknown[]): Promise<number>;
  /** Plan lines that read a whole big table, as the planner sees the database now. */
  fullScans(sql: string, parameters: readonly unknown[]): Promise<string[]>;
  /** The same once statistics exist (SQLite: a sampled ANALYZE, rolled back; PostgreSQL: ANALYZE, kept). */
  withStatistics<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Tables that hold more than 10,000 rows on the large dataset (scale 1). */
export const BIG_TABLES = [
  "agreement",
  "agreement_search",
  "agreement_party",
  "clause",
  "agreement_version",
  "signature",
  "obligation",
  "deliverable",
  "delivery",
  "committee_member",
  "meeting",
  "meeting_outcome",
  "agenda_item",
  "action_item",
  "audit_event",
  "agreement_money",
  "budget_line",
  "budget_share",
  "tranche",
  "tranche_event",
  "expense",
  "expense_query",
  "report",
  "report_version",
] as const;

export function capturingDatabase(target: BenchTarget): CapturingDatabase {
  let sink: CapturedQuery[] | null = null;
  const log = (event: LogEvent) => {
    if (sink && event.level === "query")
      sink.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  };
  const capture = async (fn: () => Promise<unknown>) => {
    const queries: CapturedQuery[] = [];
    sink = queries;
    try {
      await fn();
    } finally {
      sink = null;
    }
    return queries;
  };
  return target.url ? capturingPostgres(target.url, log, capture) : capturingSqlite(target.path, log, capture);
}

function capturingSqlite(
  file: string,
  log: (event: LogEvent) => void,
  capture: CapturingDatabase["capture"],
): CapturingDatabase {
  // The app's own connection (kept statements, page cache), with Kysely's log to time each query.
  const { db, sqlite } = createSqliteKysely(file, { log });
  return {
    db,
    capture,
    async raw(sql, parameters) {
      const stmt = sqlite.prepare(sql);
      const start = performance.now();
      if (stmt.reader) stmt.all(...(parameters as unknown[]));
      else stmt.run(...(parameters as unknown[]));
      return performance.now() - start;
    },
    async fullScans(sql, parameters) {
      return sqliteFullScans(sqlitePlan(sqlite, sql, parameters), BIG_TABLES, sql);
    },
    async withStatistics(fn) {
      sqlite.exec("pragma analysis_limit = 1000; begin; analyze;");
      try {
        return await fn();
      } finally {
        sqlite.exec("rollback");
      }
    },
    close: () => db.destroy(),
  };
}

function capturingPostgres(
  url: string,
  log: (event: LogEvent) => void,
  capture: CapturingDatabase["capture"],
): CapturingDatabase {
  const { db } = createPostgresKysely(url, { log });
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const names = new Map<string, string>();
  return {
    db,
    capture,
    async raw(sql, parameters) {
      await connected;
      // A named statement is parsed and planned once per connection, then only executed: the driver's floor.
      let name = names.get(sql);
      if (!name) names.set(sql, (name = `bench_${names.size}`));
      const start = performance.now();
      await client.query({ name, text: sql, values: parameters as unknown[] });
      return performance.now() - start;
    },
    async fullScans(sql, parameters) {
      await connected;
      if (!/^\s*(select|with)\b/i.test(sql)) return [];
      const { rows } = await client.query(`explain (format json) ${sql}`, parameters as unknown[]);
      return postgresFullScans((rows[0] as { "QUERY PLAN": unknown })["QUERY PLAN"]);
    },
    async withStatistics(fn) {
      await connected;
      await client.query("analyze");
      return fn();
    },
    async close() {
      await client.end();
      await db.destroy();
    },
  };
}

export function sqlitePlan(sqlite: SQLite.Database, sql: string, parameters: readonly unknown[]): string[] {
  return (
    sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>
  ).map((r) => r.detail);
}

/**
 * SQLite plan lines that read a whole big table (an index scan in order counts: it is still every row).
 * SQLite names a table by its alias in the query (`deliverable as d` scans as "SCAN d"): with the
 * query's text, aliases count as their tables.
 */
export function sqliteFullScans(plan: string[], big: readonly string[] = BIG_TABLES, sql = ""): string[] {
  const tableOf = new Map([...sql.matchAll(/"(\w+)" as "(\w+)"/g)].map((m) => [m[2]!, m[1]!]));
  return plan.filter((line) => {
    const match = /^SCAN (\w+)/.exec(line);
    if (!match || line.includes("VIRTUAL TABLE")) return false;
    return big.includes(tableOf.get(match[1]!) ?? match[1]!);
  });
}

/** PostgreSQL plan nodes (EXPLAIN's JSON) that read a whole big table: sequential scans. */
export function postgresFullScans(plan: unknown, big: readonly string[] = BIG_TABLES): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    const relation = n["Relation Name"];
    if (n["Node Type"] === "Seq Scan" && typeof relation === "string" && big.includes(relation))
      found.push(`Seq Scan on ${relation}`);
    if (n.Plan) visit(n.Plan);
    if (n.Plans) visit(n.Plans);
  };
  visit(plan);
  return found;
}
