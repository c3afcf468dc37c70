/**
 * Benchmark 2 — the database. Each page's queries, captured through the app's Kysely code, are
 * timed there (duration per query, as Kysely's log reports it: statement preparation included)
 * and as the same SQL and parameters through one prepared better-sqlite3 statement (the floor).
 * Every query's plan is checked for full scans of big tables, without statistics (as the app's
 * database is) and after ANALYZE (sampled, rolled back).
 */
import type { Manifest } from "./dataset/generate";
import { capturingDatabase, fullScans, queryPlan } from "./lib/plans";
import { actorFor, scenarios } from "./lib/scenarios";
import { percentile, round } from "./lib/stats";

export interface QueryResult {
  page: string;
  index: number;
  sql: string;
  kyselyP50: number;
  rawP50: number;
  ratio: number;
  scans: string[];
  scansAnalyzed: string[];
}

export interface PageQueries {
  page: string;
  queries: number;
  totalP50: number;
  slowest: QueryResult;
}

export async function benchQueries(file: string, manifest: Manifest, reps = 15): Promise<{ pages: PageQueries[]; queries: QueryResult[] }> {
  const { db, sqlite, capture } = capturingDatabase(file);
  const results: QueryResult[] = [];
  const parameters = new Map<QueryResult, unknown[]>();
  const pages: PageQueries[] = [];
  for (const scenario of scenarios(manifest)) {
    const actor = await actorFor(db, manifest.users[scenario.user]);
    await scenario.run(db, actor); // warm-up
    const runs: Array<Awaited<ReturnType<typeof capture>>> = [];
    const totals: number[] = [];
    for (let r = 0; r < reps; r++) {
      const start = performance.now();
      runs.push(await capture(() => scenario.run(db, actor)));
      totals.push(performance.now() - start);
    }
    const first = runs[0]!;
    const pageResults: QueryResult[] = first.map((q, index) => {
      const kysely = runs.map((run) => run[index]?.ms ?? NaN).filter((x) => !Number.isNaN(x));
      const stmt = sqlite.prepare(q.sql);
      const params = q.parameters as unknown[];
      const raw: number[] = [];
      for (let r = 0; r < reps; r++) {
        const start = performance.now();
        if (stmt.reader) stmt.all(...params);
        else stmt.run(...params);
        raw.push(performance.now() - start);
      }
      const kyselyP50 = percentile(kysely, 50);
      const rawP50 = percentile(raw, 50);
      const result = { page: scenario.name, index, sql: q.sql, kyselyP50: round(kyselyP50, 3), rawP50: round(rawP50, 3), ratio: round(kyselyP50 / Math.max(rawP50, 0.001)), scans: fullScans(queryPlan(sqlite, q.sql, params)), scansAnalyzed: [] as string[] };
      parameters.set(result, params);
      return result;
    });
    results.push(...pageResults);
    const slowest = [...pageResults].sort((a, b) => b.kyselyP50 - a.kyselyP50)[0]!;
    pages.push({ page: scenario.name, queries: first.length, totalP50: round(percentile(totals, 50)), slowest });
  }

  // The same plans with statistics, as after ANALYZE (sampled), in a transaction rolled back.
  sqlite.exec("pragma analysis_limit = 1000; begin; analyze;");
  for (const r of results) r.scansAnalyzed = fullScans(queryPlan(sqlite, r.sql, parameters.get(r)!));
  sqlite.exec("rollback");
  await db.destroy();
  return { pages, queries: results };
}
