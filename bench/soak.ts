/**
 * Benchmark 11 — the soak (issue #22): the 95/5 read/write mix of benchmark 4 at 10 connections for
 * BENCH_SOAK seconds (600 for the figure), while every process of the server (the primary and
 * each HTTP process; their PDF workers are threads of theirs) has its resident memory (VmRSS) sampled
 * every few seconds. Reported per process: RSS after warm-up (the first fifth of the run, at least
 * 30 s, at most 2 min) and at the end, the slope of a least-squares line through the samples after
 * warm-up, and the run's requests and failures. "Flat": that line rises by less than 10 % of the RSS
 * after warm-up over the rest of the run.
 */
import fs from "node:fs";
import type { Manifest } from "./dataset/generate";
import type { RunningServer } from "./lib/server";
import { round } from "./lib/stats";
import { benchWrites } from "./writes";

export interface SoakProcess {
  pid: number;
  role: "primary" | "http";
  warmMb: number;
  endMb: number;
  peakMb: number;
  /** Slope of RSS over the samples after warm-up, MB per minute. */
  slopeMbPerMin: number;
  /** What that line rises over the run after warm-up, MB. */
  riseMb: number;
  flat: boolean;
}

export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** The least-squares slope of y over x. */
function slope(points: ReadonlyArray<[number, number]>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : NaN;
}

export async function benchSoak(
  server: Pick<RunningServer, "url" | "pids">,
  cookies: Record<"president" | "signer", string>,
  m: Manifest,
  seconds: number,
  everySeconds = 5,
) {
  const start = Date.now();
  const samples = new Map<number, Array<[number, number]>>();
  const sample = () => {
    const t = (Date.now() - start) / 1000;
    for (const pid of server.pids()) {
      const mb = rssMb(pid);
      if (!Number.isFinite(mb)) continue;
      if (!samples.has(pid)) samples.set(pid, []);
      samples.get(pid)!.push([t, mb]);
    }
  };
  sample();
  const timer = setInterval(sample, everySeconds * 1000);
  let mix: Awaited<ReturnType<typeof benchWrites>>;
  try {
    mix = await benchWrites(server.url, cookies, m, seconds);
  } finally {
    clearInterval(timer);
  }
  sample();
  const warmUpS = Math.min(120, Math.max(30, seconds / 5));
  const primary = server.pids()[0];
  const processes: SoakProcess[] = [...samples].map(([pid, points]) => {
    const after = points.filter(([t]) => t >= warmUpS);
    const warm = after[0]?.[1] ?? NaN;
    const end = points.at(-1)?.[1] ?? NaN;
    const perSecond = slope(after);
    const span = after.length ? after.at(-1)![0] - after[0]![0] : 0;
    const rise = perSecond * span;
    return {
      pid,
      role: pid === primary ? "primary" : "http",
      warmMb: round(warm, 1),
      endMb: round(end, 1),
      peakMb: round(Math.max(...points.map(([, mb]) => mb)), 1),
      slopeMbPerMin: round(perSecond * 60, 2),
      riseMb: round(rise, 1),
      flat: Number.isFinite(rise) && rise < 0.1 * warm,
    };
  });
  const requests = mix.reads.n + mix.signatures.n + mix.deliveries.n;
  return {
    seconds,
    warmUpSeconds: warmUpS,
    sampleEverySeconds: everySeconds,
    requests,
    requestsPerSecond: round(requests / seconds, 1),
    failures: mix.failures,
    failed: mix.failed,
    reads: mix.reads,
    signatures: mix.signatures,
    deliveries: mix.deliveries,
    processes,
    /** Every process's RSS samples, [seconds since the start, MB]. */
    samples: Object.fromEntries([...samples].map(([pid, points]) => [pid, points])),
  };
}
