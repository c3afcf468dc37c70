/**
 * Real processes for the durability tests: the crash writer bundled once with esbuild (so each of
 * the many restarts costs ~0.2 s on an idle machine, not the ~1.5 s of tsx), the built server started on its own port
 * with its own database, and a seeded random number generator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { seedDemoIfEmpty } from "../../db/seed/demo";

import { root } from "./app-server";

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
  for (const { stored_name } of stored)
    fs.copyFileSync(path.join(process.env.UPLOADS_PATH!, stored_name), path.join(dir, "uploads", stored_name));
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
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
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

export async function startWriter(
  databasePath: string,
  env: Record<string, string> = {},
  limit?: number,
): Promise<Writer> {
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

/** The processes a process forked (a server's HTTP processes when it runs one per core), from /proc. */
export function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
}
