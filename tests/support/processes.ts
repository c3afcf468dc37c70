/**
 * Real processes for the durability tests: the crash writer bundled once with esbuild (so each of
 * the many restarts costs ~0.2 s on an idle machine, not the ~1.5 s of tsx), the built server started on its own port
 * with its own database, and a seeded random number generator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { freePort } from "./net";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** mulberry32: the same seed gives the same sequence, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `charaka-${prefix}-`));
}

/**
 * A migrated database with the demo data in `dir`, closed again (children open their own
 * handles); the demo's stored files are copied to `dir/uploads` beside it.
 */
export async function seededDatabaseFile(dir: string): Promise<string> {
  const file = path.join(dir, "charaka.sqlite");
  const handle = openDatabase({ path: file });
  await migrateToLatest(handle.db);
  await seedDemoIfEmpty(handle.db);
  const stored = await handle.db.selectFrom("attachment").select("stored_name").execute();
  await handle.close();
  fs.mkdirSync(path.join(dir, "uploads"), { recursive: true });
  for (const { stored_name } of stored) fs.copyFileSync(path.join(process.env.UPLOADS_PATH!, stored_name), path.join(dir, "uploads", stored_name));
  return file;
}

let bundled: Promise<string> | undefined;
/** tests/support/crash-writer.ts as one ES module (only native packages stay external). */
export function crashWriterScript(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(root, "node_modules", ".cache", "charaka-tests", `crash-writer-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(root, "tests", "support", "crash-writer.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      // Everything in one file (loads 2-3× faster than from node_modules) but the native driver.
      external: ["better-sqlite3", "@node-rs/*"],
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      alias: { "~": path.join(root, "app") },
      logLevel: "error",
    });
    return outfile;
  })();
  return bundled;
}

export interface Writer {
  child: ChildProcess;
  acks: string[];
  ready: Promise<void>;
  /** Resolves when the process has exited and its output has been read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export async function startWriter(databasePath: string, env: Record<string, string> = {}, limit?: number): Promise<Writer> {
  const script = await crashWriterScript();
  const child = spawn(process.execPath, [script, databasePath, ...(limit !== undefined ? [String(limit)] : [])], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acks: string[] = [];
  let buffer = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line === "ready") markReady();
      else if (line.startsWith("ack ")) acks.push(line.slice(4));
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => {
      markReady();
      resolve({ code, signal, stderr });
    }),
  );
  return { child, acks, ready, closed };
}


export interface AppServer {
  baseURL: string;
  child: ChildProcess;
  dir: string;
  databasePath: string;
  output(): string;
  stop(): Promise<void>;
}

/** `node build/index.js` (built by `npm test` beforehand) on a free port, its own database and uploads. */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) throw new Error("build/index.js is missing: run `npm run build` first (npm test does).");
  const dir = tempDir("server");
  const port = await freePort();
  const databasePath = path.join(dir, "charaka.sqlite");
  let log = "";
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      UPLOADS_PATH: path.join(dir, "uploads"),
      BACKUP_PATH: path.join(dir, "backups"),
      CHARAKA_DEMO: "1",
      TRUST_PROXY: "loopback",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${log}`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The app did not answer /healthz within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    child,
    dir,
    databasePath,
    output: () => log,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
