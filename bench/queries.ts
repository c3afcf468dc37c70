/**
 * Benchmark 2 — the database. Each page's queries, captured through the app's Kysely code, are
 * timed there (duration per query, as Kysely's log reports it, through the app's own connection: kept statements)
 * and as the same SQL and parameters through one prepared statement of the bare driver (the floor:
 * better-sqlite3, or a named `pg` statement). Every query's plan is checked for full scans of big
 * tables, as the database is, and with statistics (bench/lib/plans.ts).
 */
import type { Manifest } from "./dataset/generate";
import { capturingDatabase } from "./lib/plans";
import type { BenchTarget } from "./paths";
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

export async function benchQueries(
  target: BenchTarget,
  manifest: Manifest,
  reps = 15,
): Promise<{ pages: PageQueries[]; queries: QueryResult[] }> {
  const database = capturingDatabase(target);
  const { db, capture } = database;
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
    const pageResults: QueryResult[] = [];
    for (const [index, q] of first.entries()) {
      const kysely = runs.map((run) => run[index]?.ms ?? NaN).filter((x) => !Number.isNaN(x));
      const params = q.parameters as unknown[];
      await database.raw(q.sql, params); // warm-up (PostgreSQL: prepares the named statement)
      const raw: number[] = [];
      for (let r = 0; r < reps; r++) raw.push(await database.raw(q.sql, params));
      const kyselyP50 = percentile(kysely, 50);
      const rawP50 = percentile(raw, 50);
      const result = {
        page: scenario.name,
        index,
        sql: q.sql,
        kyselyP50: round(kyselyP50, 3),
        rawP50: round(rawP50, 3),
        ratio: round(kyselyP50 / Math.max(rawP50, 0.001)),
        scans: await database.fullScans(q.sql, params),
        scansAnalyzed: [] as string[],
      };
      parameters.set(result, params);
      pageResults.push(result);
    }
    results.push(...pageResults);
    const slowest = [...pageResults].sort((a, b) => b.kyselyP50 - a.kyselyP50)[0]!;
    pages.push({ page: scenario.name, queries: first.length, totalP50: round(percentile(totals, 50)), slowest });
  }

  // The same plans with statistics (SQLite: a sampled ANALYZE, rolled back; PostgreSQL: ANALYZE).
  await database.withStatistics(async () => {
    for (const r of results) r.scansAnalyzed = await database.fullScans(r.sql, parameters.get(r)!);
  });
  await database.close();
  return { pages, queries: results };
}
