/**
 * Where the benchmark's database, manifest and results live. The database is the generated SQLite
 * file, or — with BENCH_DATABASE_URL=postgres://… — a PostgreSQL database that `npm run bench:data`
 * fills with a copy of that file (db/copy.ts), so both engines are measured on the same rows.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_DB = process.env.BENCH_DATABASE_PATH ?? path.join(ROOT, "bench", "data", "charaka-bench.sqlite");
export const BENCH_MANIFEST = BENCH_DB.replace(/\.sqlite$/, ".json");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

/** The database the benchmarks run on: the SQLite file, or a PostgreSQL URL. */
export interface BenchTarget {
  path: string;
  url?: string;
  engine: "sqlite" | "postgres";
}

const url = process.env.BENCH_DATABASE_URL || undefined;
if (url && !/^postgres(ql)?:\/\//.test(url))
  throw new Error("BENCH_DATABASE_URL must start with postgres:// or postgresql://");
export const BENCH_TARGET: BenchTarget = url
  ? { path: BENCH_DB, url, engine: "postgres" }
  : { path: BENCH_DB, engine: "sqlite" };
