/**
 * Benchmark 1 — the HTTP floor: the dashboard's exact HTML served by a bare node:http server,
 * against the real dashboard request with a session, at 1 and 10 connections (autocannon).
 * Also used by the page benchmarks: `load(url, cookie, connections)`.
 */
import http from "node:http";
import autocannon from "autocannon";
import { freePort } from "./lib/server";
import { percentile, round } from "./lib/stats";

export interface LoadResult {
  connections: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  /** Requests sent, answered or not when the run ended (the server may still finish them). */
  sent: number;
  errors: number;
  non2xx: number;
}

/**
 * A page at 10 connections for `seconds`; when that answered fewer than 20 requests (a slow page on
 * a busy machine), then exactly 20 more, whose percentiles and req/s are kept. `sent` counts both
 * runs' requests: the CPU of the requests cut off by the end of the first is still the page's.
 */
export async function loadPage(url: string, cookie: string, seconds: number): Promise<LoadResult> {
  const timed = await load(url, { cookie, connections: 10, seconds });
  if (timed.requests >= 20) return timed;
  const counted = await load(url, { cookie, connections: 10, amount: 20 });
  return { ...counted, sent: timed.sent + counted.sent };
}

export async function load(
  url: string,
  options: { cookie?: string; connections: number; seconds?: number; amount?: number },
): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
        // A slow page (the federation's /finances) may take longer than autocannon's default 10 s under load.
        timeout: 120,
        headers: options.cookie ? { cookie: options.cookie, "accept-encoding": "gzip" } : { "accept-encoding": "gzip" },
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    // Every response's time, for exact percentiles (autocannon's own list has no p95).
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
  return {
    connections: options.connections,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    // Answers per second over the run (autocannon's own average is rounded to whole requests per second).
    rps: result.duration > 0 ? round(result.requests.total / result.duration, 1) : NaN,
    requests: result.requests.total,
    sent: (result.requests as { sent?: number }).sent ?? result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Serves the given body for every request, as fast as node:http can. */
export async function floorServer(body: Buffer, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": contentType, "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function benchHttpFloor(appUrl: string, cookie: string, seconds: number) {
  const res = await fetch(`${appUrl}/`, { headers: { cookie } });
  if (!res.ok) throw new Error(`The dashboard answered ${res.status}`);
  const html = Buffer.from(await res.arrayBuffer());
  const floor = await floorServer(html, "text/html; charset=utf-8");
  const rows = [];
  try {
    for (const connections of [1, 10]) {
      rows.push({
        target: "floor (node:http, same HTML)",
        bytes: html.length,
        ...(await load(floor.url, { connections, seconds })),
      });
      rows.push({
        target: "dashboard (app, with session)",
        bytes: html.length,
        ...(await load(`${appUrl}/`, { cookie, connections, seconds })),
      });
    }
  } finally {
    await floor.close();
  }
  return rows;
}
