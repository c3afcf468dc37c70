/**
 * `npm run bench:data`: generates the large benchmark database into bench/data/ (gitignored),
 * with a manifest naming the accounts and records the benchmarks use.
 * BENCH_SCALE (default 1) shrinks or grows every count; BENCH_SEED changes the rows.
 */
import fs from "node:fs";
import path from "node:path";
import { generateDataset } from "./dataset/generate";
import { BENCH_DB, BENCH_MANIFEST } from "./paths";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const seed = Number(process.env.BENCH_SEED ?? 20261123);
const started = Date.now();
const manifest = await generateDataset(BENCH_DB, { scale, seed, log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`) });
fs.writeFileSync(BENCH_MANIFEST, JSON.stringify(manifest, null, 2));
const size = fs.statSync(BENCH_DB).size;
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), BENCH_DB)} (${(size / 1e6).toFixed(0)} MB)`);
console.log(Object.entries(manifest.counts).map(([t, c]) => `  ${t}: ${c}`).join("\n"));
