/**
 * The verdict table of issue #22: each target, the figure measured, the floor it is compared with
 * (the small association's figure, one process, the bare node:http server, SQLite), their ratio, the
 * limit and whether it was met. A target whose part did not run says so ("not measured").
 */
import type { PageRow } from "./pages";
import { round } from "./lib/stats";

export interface VerdictRow {
  target: string;
  figure: string;
  floor: string;
  ratio: string;
  limit: string;
  verdict: string;
}

const ms = (x: number) => (Number.isFinite(x) ? `${round(x, x < 10 ? 2 : 0)} ms` : "—");
const times = (x: number) => (Number.isFinite(x) ? `${round(x)}×` : "—");
const met = (ok: boolean) => (ok ? "met" : "MISSED");
const NOT_MEASURED = (target: string, limit: string, how: string): VerdictRow => ({
  target,
  figure: "—",
  floor: "—",
  ratio: "—",
  limit,
  verdict: `not measured (${how})`,
});

export interface VerdictInputs {
  engine: "sqlite" | "postgres";
  pages: readonly PageRow[];
  sizes: ReadonlyArray<{ pair: string; federationCpuMs: number; associationCpuMs: number; ratio: number }>;
  processes: ReadonlyArray<{ page: string; rps1: number; rps2: number; ratio: number }>;
  overhead: ReadonlyArray<{ page: string; cpuMsPerRequest: number }>;
  /** The bare node:http server sending the dashboard's HTML at 10 connections (benchmark 1). */
  httpFloor?: { p50: number; p95: number };
  /** Queries of the measured pages that scan a big table (benchmark 2); undefined when it did not run. */
  fullScans?: number;
  documents?: ReadonlyArray<{
    document: string;
    firstMs: number;
    generation: { p50: number };
    eventLoopDelayP99Ms: number;
  }>;
  peakRssMb?: number;
  /** Benchmark 10: several PDFs at once. */
  concurrent?: { parallel: number; speedup: number; eventLoopDelayP99Ms: number; all: { p95: number } };
  /** Benchmark 11: the soak. */
  soak?: {
    seconds: number;
    requests: number;
    failures: number;
    processes: ReadonlyArray<{
      role: string;
      pid: number;
      warmMb: number;
      endMb: number;
      riseMb: number;
      flat: boolean;
    }>;
  };
  /**
   * The other engine's latest page figures (latest.json or latest-postgres.json), for "PostgreSQL
   * within 2×" — given only when measured within a day of this run (the same code and machine).
   */
  otherEngine?: { date: string; pages: ReadonlyArray<{ page: string; p95: number }> };
}

/** The pages the issue holds to p95 < 50 ms: the federation's (the small association's twins are for the ratio). */
const heldPages = (pages: readonly PageRow[]) => pages.filter((p) => p.compare?.side !== "association");

export function verdicts(v: VerdictInputs): VerdictRow[] {
  const rows: VerdictRow[] = [];
  if (v.sizes.length === 0)
    rows.push(NOT_MEASURED("cost independent of size (CPU/request, federation ÷ association)", "≤ 2×", "pages"));
  for (const s of v.sizes)
    rows.push({
      target: `cost independent of size: ${s.pair}, CPU/request federation ÷ association`,
      figure: ms(s.federationCpuMs),
      floor: ms(s.associationCpuMs),
      ratio: times(s.ratio),
      limit: "≤ 2×",
      verdict: met(s.ratio <= 2),
    });
  if (v.processes.length === 0)
    rows.push(NOT_MEASURED("every core used: req/s at 10 connections, 2 ÷ 1 processes", "≥ 1.8×", "processes"));
  for (const p of v.processes)
    rows.push({
      target: `every core used: ${p.page}, req/s at 10 connections, 2 ÷ 1 processes`,
      figure: `${p.rps2} req/s`,
      floor: `${p.rps1} req/s`,
      ratio: times(p.ratio),
      limit: "≥ 1.8×",
      verdict: Number.isFinite(p.ratio) ? met(p.ratio >= 1.8) : "MISSED (no answer with 1 process)",
    });
  const held = heldPages(v.pages);
  if (held.length === 0) rows.push(NOT_MEASURED("pages at 10 connections: p95", "< 50 ms", "pages"));
  for (const p of held)
    rows.push({
      target: `page p95 at 10 connections: ${p.page}`,
      figure: `${ms(p.p95)}${p.errors + p.non2xx ? ` (${p.errors + p.non2xx} errors)` : ""}`,
      floor: v.httpFloor ? `${ms(v.httpFloor.p95)} (node:http)` : "—",
      ratio: v.httpFloor ? times(p.p95 / Math.max(v.httpFloor.p95, 0.01)) : "—",
      limit: "< 50 ms",
      verdict: met(p.p95 < 50),
    });
  if (!v.otherEngine || held.length === 0)
    rows.push(
      NOT_MEASURED(
        "PostgreSQL p95 within 2× of SQLite",
        "≤ 2×",
        "needs this run's pages and the other engine's results of the last 24 h",
      ),
    );
  else
    for (const p of held) {
      const other = v.otherEngine.pages.find((o) => o.page === p.page);
      if (!other) continue;
      const [pg, lite] = v.engine === "postgres" ? [p.p95, other.p95] : [other.p95, p.p95];
      rows.push({
        target: `PostgreSQL within 2× of SQLite: ${p.page} p95 (other engine: ${v.otherEngine.date.slice(0, 10)})`,
        figure: ms(pg),
        floor: `${ms(lite)} (SQLite)`,
        ratio: times(pg / lite),
        limit: "≤ 2×",
        verdict: met(pg <= 2 * lite),
      });
    }
  rows.push(
    v.fullScans === undefined
      ? NOT_MEASURED("no full scan of a big table in any page's plan", "0", "db")
      : {
          target: `no ${v.engine === "postgres" ? "sequential" : "full"} scan of a big table in any page's plan`,
          figure: `${v.fullScans} queries`,
          floor: "—",
          ratio: "—",
          limit: "0",
          verdict: met(v.fullScans === 0),
        },
  );
  if (v.overhead.length === 0)
    rows.push(NOT_MEASURED("per-request overhead: CPU of a page view, demo database", "< 4 ms", "overhead"));
  for (const o of v.overhead)
    rows.push({
      target: `per-request overhead: CPU of ${o.page}, demo database`,
      figure: ms(o.cpuMsPerRequest),
      floor: "—",
      ratio: times(o.cpuMsPerRequest / 4),
      limit: "< 4 ms",
      verdict: met(o.cpuMsPerRequest < 4),
    });
  const pdf = v.documents?.find((d) => d.document.startsWith("agreement"));
  if (!pdf) rows.push(NOT_MEASURED("documents: agreement PDF", "first < 300 ms, p50 < 150 ms", "documents"));
  else
    rows.push(
      {
        target: "documents: first agreement PDF",
        figure: ms(pdf.firstMs),
        floor: "—",
        ratio: times(pdf.firstMs / 300),
        limit: "< 300 ms",
        verdict: met(pdf.firstMs < 300),
      },
      {
        target: "documents: agreement PDF p50",
        figure: ms(pdf.generation.p50),
        floor: "—",
        ratio: times(pdf.generation.p50 / 150),
        limit: "< 150 ms",
        verdict: met(pdf.generation.p50 < 150),
      },
    );
  for (const d of v.documents ?? [])
    rows.push({
      target: `documents: event-loop delay p99 while drawing ${d.document}`,
      figure: ms(d.eventLoopDelayP99Ms),
      floor: "—",
      ratio: times(d.eventLoopDelayP99Ms / 50),
      limit: "< 50 ms",
      verdict: met(d.eventLoopDelayP99Ms < 50),
    });
  const c = v.concurrent;
  rows.push(
    !c
      ? NOT_MEASURED("documents: several PDFs at once drawn in parallel", "event-loop delay p99 < 50 ms", "concurrent")
      : {
          target: `documents: ${c.parallel} PDFs at once, throughput ÷ one at a time`,
          figure: `${c.speedup}×`,
          floor: "1× (one at a time)",
          ratio: times(c.speedup),
          limit: "> 1.5×",
          verdict: met(c.speedup > 1.5),
        },
  );
  if (c)
    rows.push({
      target: `documents: event-loop delay p99 while ${c.parallel} PDFs are drawn at once`,
      figure: ms(c.eventLoopDelayP99Ms),
      floor: "—",
      ratio: times(c.eventLoopDelayP99Ms / 50),
      limit: "< 50 ms",
      verdict: met(c.eventLoopDelayP99Ms < 50),
    });
  rows.push(
    v.peakRssMb === undefined
      ? NOT_MEASURED("memory: peak RSS per process", "< 300 MB", "the main server did not run")
      : {
          target: "memory: peak RSS per process, whole run",
          figure: `${v.peakRssMb} MB`,
          floor: "—",
          ratio: times(v.peakRssMb / 300),
          limit: "< 300 MB",
          verdict: met(v.peakRssMb < 300),
        },
  );
  const soak = v.soak;
  if (!soak)
    rows.push(
      NOT_MEASURED(
        "memory: 10-minute soak of the 95/5 mix (BENCH_SOAK=600), RSS flat, no failure",
        "flat, 0 failures",
        "soak, BENCH_SOAK > 0",
      ),
    );
  else {
    const short = soak.seconds < 600 ? ` (${soak.seconds} s: the target's 10 minutes need BENCH_SOAK=600)` : "";
    const flat = soak.processes.every((p) => p.flat);
    rows.push({
      target: `memory: soak of the 95/5 mix, ${soak.seconds} s, RSS after warm-up → end per process (rise)`,
      figure: soak.processes.map((p) => `${p.role} ${p.warmMb} → ${p.endMb} MB (${p.riseMb})`).join("; "),
      floor: "—",
      ratio: "—",
      limit: "rise < 10 % of RSS after warm-up, 0 failures",
      verdict: `${met(flat && soak.failures === 0 && soak.requests > 0)}${soak.failures ? ` (${soak.failures} failures)` : ""}${short}`,
    });
  }
  return rows;
}
