/**
 * Every query a benchmarked page runs (dashboard, lists, search, overview, meeting, partner's
 * view, finances, reports) must not read a whole big table: checked on a small generated dataset through SQLite's
 * EXPLAIN QUERY PLAN. Without statistics (the app never runs ANALYZE) the planner assumes large
 * tables, so the plans here are those of a large database; `npm run bench` checks them again on
 * the large dataset, with and without ANALYZE.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataset, type Manifest } from "../../bench/dataset/generate";
import { capturingDatabase, type CapturingDatabase } from "../../bench/lib/plans";
import { actorFor, scenarios } from "../../bench/lib/scenarios";
import { reindexAgreement } from "../../db/search";
import { onPostgres } from "../support/db";

let dir: string;
let file: string;
let manifest: Manifest;
let handle: CapturingDatabase;

beforeAll(async () => {
  if (onPostgres) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-plans-"));
  file = path.join(dir, "bench.sqlite");
  manifest = await generateDataset(file, { scale: 0.005 });
  handle = capturingDatabase({ path: file, engine: "sqlite" });
}, 60_000);

afterAll(async () => {
  await handle?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// SQLite only: without statistics SQLite plans as for large tables, so a small file shows the large
// database's plans. PostgreSQL plans by statistics (a small table is read whole, rightly): its plans
// are checked on the large dataset by `BENCH_DATABASE_URL=… npm run bench`.
describe.skipIf(onPostgres)("query plans of the benchmarked pages", () => {
  it("finds no full scan of a big table", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const scenario of scenarios(manifest)) {
      const actor = await actorFor(handle.db, manifest.users[scenario.user]);
      const queries = await handle.capture(() => scenario.run(handle.db, actor));
      for (const q of queries) {
        checked += 1;
        for (const scan of await handle.fullScans(q.sql, q.parameters))
          problems.push(`${scenario.name}: ${scan}\n  ${q.sql}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  it("re-indexes one agreement's text without reading the others'", async () => {
    const queries = await handle.capture(() => reindexAgreement(handle.db, manifest.pdfAgreementId));
    expect(queries.filter((q) => q.sql.includes("agreement_search")).length).toBeGreaterThan(0);
    const scans = [];
    for (const q of queries) scans.push(...(await handle.fullScans(q.sql, q.parameters)));
    expect(scans).toEqual([]);
  });

  it("would flag a query that filters on a column without an index", async () => {
    expect(await handle.fullScans("select id from obligation where description = ?", ["x"])).toEqual([
      "SCAN obligation",
    ]);
    expect(await handle.fullScans("select id from obligation where agreement_id = ?", ["x"])).toEqual([]);
  });

  it("would flag a full scan of a big table under an alias", async () => {
    expect(
      await handle.fullScans('select "o"."id" from "obligation" as "o" where "o"."description" = ?', ["x"]),
    ).toEqual(["SCAN o"]);
  });
});
