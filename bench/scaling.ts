/**
 * The parts of issue #22 that each start servers of their own (after the main server stopped: one
 * server at a time holds a database):
 * - processes: req/s at 10 connections with 1 and with 2 HTTP processes (WEB_CONCURRENCY), ratio;
 * - overhead: CPU per request of page views on the app's own demo database (a fresh temp file, CHARAKA_DEMO=1);
 * - growth: the pages at scales 0.1 and 1 (and 3 with BENCH_SCALE_MAX=3), each scale's dataset
 *   generated to its own file when missing; how each page's p50 grows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDataset, type Manifest } from "./dataset/generate";
import { loadPage } from "./http";
import { cpuPerRequest, login, startServer, type RunningServer } from "./lib/server";
import { round } from "./lib/stats";
import { benchPages, type PageRow, type PageUser } from "./pages";
import { BENCH_DB, type BenchTarget } from "./paths";
import { DEMO_PASSWORD } from "../db/seed/demo-password";

type Log = (line: string) => void;

export async function loginAll(server: RunningServer, m: Manifest): Promise<Partial<Record<PageUser, string>>> {
  const cookies: Partial<Record<PageUser, string>> = {};
  for (const user of ["president", "partner", "smallPresident", "smallPartner"] as const) {
    const email = m.users[user] as string | undefined;
    if (email) cookies[user] = await login(server.url, email, m.password);
  }
  return cookies;
}

/** The CPU per request and req/s of one page at 10 connections, after a warm-up. */
function measure(server: RunningServer, pathname: string, cookie: string, seconds: number) {
  return cpuPerRequest(
    server,
    async () => {
      const warm = await fetch(server.url + pathname, { headers: { cookie } });
      await warm.arrayBuffer();
      if (!warm.ok) throw new Error(`${pathname} answered ${warm.status}`);
    },
    () => loadPage(server.url + pathname, cookie, seconds),
  );
}

/** The federation's and the small association's dashboards with 1 and with 2 HTTP processes. */
export async function benchProcesses(target: BenchTarget, m: Manifest, seconds: number, log: Log) {
  const pages = [
    { page: "dashboard (federation)", user: "president" as const, path: "/" },
    ...(m.small ? [{ page: "dashboard (small association)", user: "smallPresident" as const, path: "/" }] : []),
  ];
  const runs: Array<{
    processes: number;
    page: string;
    rps: number;
    p50: number;
    p95: number;
    cpuMsPerRequest: number;
  }> = [];
  for (const processes of [1, 2]) {
    log(`  ${processes} HTTP process${processes > 1 ? "es" : ""}…`);
    const server = await startServer(target, { processes });
    try {
      const cookies = await loginAll(server, m);
      for (const p of pages) {
        const r = await measure(server, p.path, cookies[p.user]!, seconds);
        runs.push({ processes, page: p.page, rps: r.rps, p50: r.p50, p95: r.p95, cpuMsPerRequest: r.cpuMsPerRequest });
      }
    } finally {
      await server.stop();
    }
  }
  const ratios = pages.map((p) => {
    const rps1 = runs.find((r) => r.page === p.page && r.processes === 1)!.rps;
    const rps2 = runs.find((r) => r.page === p.page && r.processes === 2)!.rps;
    return { page: p.page, rps1, rps2, ratio: rps1 > 0 ? round(rps2 / rps1) : NaN };
  });
  return { runs, ratios };
}

/** Page views on the demo database: the dashboard (the figure) and the agreements list. */
export async function benchOverhead(seconds: number, log: Log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-bench-demo-"));
  const file = path.join(dir, "demo.sqlite");
  log("  the demo database, seeded by the app at start-up…");
  const server = await startServer({ path: file, engine: "sqlite" }, { demo: true });
  try {
    const cookie = await login(server.url, "president@sofara.example", DEMO_PASSWORD);
    const rows = [];
    for (const p of [
      { page: "dashboard", path: "/" },
      { page: "agreements list", path: "/agreements" },
    ]) {
      const r = await measure(server, p.path, cookie, seconds);
      rows.push({ page: p.page, ...r });
    }
    return rows;
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The dataset file of a scale: the main one for its own scale, else charaka-bench-<scale>.sqlite beside it. */
export function scaleFile(scale: number, main: Manifest | null): string {
  if (main?.scale === scale) return BENCH_DB;
  return path.join(path.dirname(BENCH_DB), `charaka-bench-${scale}.sqlite`);
}

/**
 * Each page's p50 at each scale. `measured` holds the pages already measured on the main dataset (its
 * scale is then not run again). A scale's file is generated when missing (same seed as the main one).
 */
export async function benchGrowth(
  scales: readonly number[],
  main: Manifest | null,
  measured: readonly PageRow[],
  seconds: number,
  log: Log,
) {
  const byScale: Array<{ scale: number; generatedOn: string; pages: PageRow[] }> = [];
  for (const scale of scales) {
    if (main?.scale === scale && measured.length && !process.env.BENCH_DATABASE_URL) {
      byScale.push({ scale, generatedOn: main.generatedOn, pages: [...measured] });
      continue;
    }
    const file = scaleFile(scale, main);
    const manifestFile = file.replace(/\.sqlite$/, ".json");
    if (!fs.existsSync(manifestFile) || !fs.existsSync(file)) {
      log(`  generating the scale ${scale} dataset (${path.basename(file)})…`);
      const m = await generateDataset(file, { scale, seed: main?.seed ?? 20261123 });
      fs.writeFileSync(manifestFile, JSON.stringify(m, null, 2));
    }
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
    log(`  pages at scale ${scale}…`);
    const server = await startServer({ path: file, engine: "sqlite" });
    try {
      const cookies = await loginAll(server, m);
      const pages = await benchPages(
        server.url,
        cookies,
        m,
        seconds,
        server.cpuMs,
        (p) => p.compare?.side !== "association",
      );
      byScale.push({ scale, generatedOn: m.generatedOn, pages });
    } finally {
      await server.stop();
    }
  }
  // Pages named by their place (the search words and minutes' size are in some names): match by name
  // with the numbers of the meeting's minutes taken out.
  const key = (page: string) => page.replace(/\(\d+ KB minutes\)/, "(minutes)");
  const names = [
    ...new Set(
      byScale.flatMap((s) => s.pages.filter((p) => p.compare?.side !== "association").map((p) => key(p.page))),
    ),
  ];
  const series = names.map((page) => ({
    page,
    points: byScale.flatMap((s) => {
      const row = s.pages.find((p) => key(p.page) === page && p.compare?.side !== "association");
      return row ? [{ scale: s.scale, p50: row.p50, p95: row.p95, cpuMsPerRequest: row.cpuMsPerRequest }] : [];
    }),
  }));
  return { scales: byScale.map((s) => ({ scale: s.scale, generatedOn: s.generatedOn })), series };
}
