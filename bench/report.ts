/** Prints the results as tables (against targets and floors) and writes bench/results/<date>.json. */
import fs from "node:fs";
import path from "node:path";
import { RESULTS_DIR } from "./paths";

export function table(title: string, rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? "")));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    `\n### ${title}\n`,
    line(columns),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...cells.map(line),
  ].join("\n");
}

export function verdict(ok: boolean): string {
  return ok ? "ok" : "MISSED";
}

/**
 * Writes <date>.json and latest.json, or only <name>.json for a partial run (BENCH_ONLY); on
 * PostgreSQL the names end in -postgres (latest-postgres.json, partial-postgres.json).
 */
export function writeResults(results: unknown, engine: "sqlite" | "postgres", name?: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const suffix = engine === "postgres" ? "-postgres" : "";
  if (name) {
    const partial = path.join(RESULTS_DIR, `${name}${suffix}.json`);
    fs.writeFileSync(partial, JSON.stringify(results, null, 2));
    return partial;
  }
  const file = path.join(RESULTS_DIR, `${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}${suffix}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(RESULTS_DIR, `latest${suffix}.json`), JSON.stringify(results, null, 2));
  return file;
}
