/**
 * Runs the built app (`node build/index.js`) on the benchmark database as a child process, logs
 * in through the real login form, and reads its processes' memory and CPU time from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT, type BenchTarget } from "../paths";
import { serveNodeFlags } from "../../tests/support/serve-flags";
import { childPids } from "../../tests/support/processes";

export interface RunningServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn until /healthz answered (listening), and until /healthz?ready did (first daily job done). */
  listeningMs: number;
  readyMs: number;
  stop(): Promise<void>;
  /** Peak and current resident memory (VmHWM, VmRSS) in MB of the biggest process (primary or HTTP process). */
  memory(): { peakMb: number; rssMb: number };
  /**
   * CPU time (user + system, ms) used so far by the server: the primary and every HTTP process
   * (/proc/<pid>/stat utime + stime; worker threads are part of their process), plus what its
   * children that already exited used (the primary's cutime + cstime). A difference of two readings
   * divided by the requests served in between is the CPU per request.
   */
  cpuMs(): number;
  /** The primary's pid, then each HTTP process's. */
  pids(): number[];
}

export interface ServerOptions {
  /** HTTP processes (WEB_CONCURRENCY); default BENCH_PROCESSES, else the server's default (one per core). */
  processes?: number;
  /** CHARAKA_DEMO=1: the app seeds its demo data into an empty database (default: off). */
  demo?: boolean;
}

let clockTicks = 0;
/** Clock ticks per second of /proc/<pid>/stat's times (getconf CLK_TCK; 100 on Linux). */
function ticksPerSecond(): number {
  if (!clockTicks) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime, stime, cutime, cstime of a process in clock ticks (zeros once it is gone). */
function cpuTicks(pid: number): [number, number, number, number] {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: the fields after it start past its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 of stat(5) are the 12th–15th after the name.
    return [Number(fields[11]), Number(fields[12]), Number(fields[13]), Number(fields[14])];
  } catch {
    return [0, 0, 0, 0];
  }
}

export function processCpuMs(pid: number): number {
  const [, , cutime, cstime] = cpuTicks(pid);
  let ticks = cutime + cstime;
  for (const p of [pid, ...childPids(pid)]) {
    const [utime, stime] = cpuTicks(p);
    ticks += utime + stime;
  }
  return (ticks * 1000) / ticksPerSecond();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function readStatusMb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

export async function startServer(target: BenchTarget, options: ServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, "build", "index.js")))
    throw new Error("build/index.js is missing: run `npm run build` first (npm run bench does).");
  const port = await freePort();
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-bench-uploads-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [...serveNodeFlags(), "build/index.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: target.path,
      ...(target.url ? { DATABASE_URL: target.url } : {}),
      UPLOADS_PATH: uploads,
      CHARAKA_DEMO: options.demo ? "1" : "0",
      // BENCH_PROCESSES: the server's HTTP processes (unset: one per core, the server's default).
      ...(options.processes
        ? { WEB_CONCURRENCY: String(options.processes) }
        : process.env.BENCH_PROCESSES
          ? { WEB_CONCURRENCY: process.env.BENCH_PROCESSES }
          : {}),
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The benchmark failing (or interrupted) never leaves its server running, holding the lock.
  process.once("exit", () => child.kill("SIGTERM"));
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let stopping = false;
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`The app exited (code ${code}, signal ${signal}):\n${output.slice(-4000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  // The first start runs the daily job (reminders) over the whole dataset: allow time.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The app did not answer /healthz:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const listeningMs = Date.now() - (deadline - 180_000);
  // Then wait for the first daily job (run in the background after listening) to finish, so that
  // the benchmarks measure the server at rest.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during its first daily job:\n${output}`);
    // On a busy shared machine the first daily job over the whole dataset can take minutes.
    if (Date.now() > deadline + 900_000) throw new Error(`The first daily job did not finish:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz?ready`)).ok) break;
    } catch {
      // a connection reset while a single process's daily job held its event loop: ask again
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const readyMs = Date.now() - (deadline - 180_000);
  const pid = child.pid!;
  // The work that follows the start is over before any measure: the other HTTP processes' start and
  // compilation, and the rest of the first daily job (the day's notices, the audit chain's full check:
  // tens of seconds at scale 1, which the first page measured used to absorb).
  await untilQuiet({ cpuMs: () => processCpuMs(pid) }, 300_000);
  return {
    url,
    pid,
    listeningMs,
    readyMs,
    memory: () => {
      const pids = [pid, ...childPids(pid)];
      return {
        peakMb: Math.max(...pids.map((p) => readStatusMb(p, "VmHWM"))),
        rssMb: Math.max(...pids.map((p) => readStatusMb(p, "VmRSS"))),
      };
    },
    cpuMs: () => processCpuMs(pid),
    pids: () => [pid, ...childPids(pid)],
    async stop() {
      stopping = true;
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the server is at rest: its CPU time grows by less than 10 % of a core over two
 * successive quarter-seconds (background work after start-up done, requests cut off by the end of a
 * load run finished), or `maxMs` passed.
 */
export async function untilQuiet(server: Pick<RunningServer, "cpuMs">, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  let last = server.cpuMs();
  while (quiet < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = server.cpuMs();
    quiet = now - last < 25 ? quiet + 1 : 0;
    last = now;
  }
}

/**
 * The server's CPU per request during a load: the page is first asked a few times (warm-up), the
 * server left to rest, then `run` loads it; the CPU time from its start until the server is at rest
 * again (requests cut off by the end of the run are still computed) is divided by the requests sent.
 */
export async function cpuPerRequest<R extends { sent: number }>(
  server: Pick<RunningServer, "cpuMs">,
  warmUp: () => Promise<void>,
  run: () => Promise<R>,
): Promise<R & { cpuMsPerRequest: number }> {
  for (let i = 0; i < 3; i++) await warmUp();
  await untilQuiet(server);
  const before = server.cpuMs();
  const result = await run();
  await untilQuiet(server);
  const used = server.cpuMs() - before;
  return { ...result, cpuMsPerRequest: result.sent ? Math.round((used / result.sent) * 100) / 100 : NaN };
}

/** Logs in through the real form; returns the Cookie header to send. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const body = new URLSearchParams({ email, password, redirectTo: "/" });
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.includes("charaka_session"));
  if (!cookie) throw new Error(`Login as ${email} failed (HTTP ${res.status}).`);
  return cookie;
}
