/**
 * `npm run bench:data`: generates the large benchmark database into bench/data/ (gitignored),
 * with a manifest naming the accounts and records the benchmarks use.
 * BENCH_SCALE (default 1) shrinks or grows every count; BENCH_SEED changes the rows.
 * With BENCH_DATABASE_URL=postgres://… (an empty database), the generated file is then copied
 * there by `npm run db:copy`'s own code (db/copy.ts, verification included), so that
 * `npm run bench` with the same URL measures PostgreSQL on the same rows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { copySqliteToPostgres, formatCopyReport } from "../db/copy";
import { generateDataset } from "./dataset/generate";
import { BENCH_DB, BENCH_MANIFEST, BENCH_TARGET } from "./paths";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const seed = Number(process.env.BENCH_SEED ?? 20261123);
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
const manifest = await generateDataset(BENCH_DB, { scale, seed, log });
fs.writeFileSync(BENCH_MANIFEST, JSON.stringify(manifest, null, 2));
const size = fs.statSync(BENCH_DB).size;
console.log(
  `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), BENCH_DB)} (${(size / 1e6).toFixed(0)} MB)`,
);
console.log(
  Object.entries(manifest.counts)
    .map(([t, c]) => `  ${t}: ${c}`)
    .join("\n"),
);

if (BENCH_TARGET.url) {
  log("Copying it into PostgreSQL (BENCH_DATABASE_URL)…");
  // The dataset has no uploaded files: an empty folder stands for UPLOADS_PATH.
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-bench-uploads-"));
  try {
    const report = await copySqliteToPostgres({
      sourcePath: BENCH_DB,
      targetUrl: BENCH_TARGET.url,
      uploadsPath: uploads,
      log,
    });
    console.log(formatCopyReport(report).join("\n"));
    if (!report.ok) process.exitCode = 1;
  } finally {
    fs.rmSync(uploads, { recursive: true, force: true });
  }
}
