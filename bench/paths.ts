/** Where the benchmark's database, manifest and results live. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_DB = process.env.BENCH_DATABASE_PATH ?? path.join(ROOT, "bench", "data", "charaka-bench.sqlite");
export const BENCH_MANIFEST = BENCH_DB.replace(/\.sqlite$/, ".json");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");
