/**
 * The built app (`node build/index.js`, built by `npm test` beforehand) as a child process on a
 * free port with its own database, uploads and backups folder, seeded with the demo data. Used
 * once for the whole e2e project (tests/support/server.ts) and by files that need a server of
 * their own (durability: signals, a full disk; two instances on one PostgreSQL database).
 *
 * When the suite runs on PostgreSQL (TEST_DATABASE_URL), the server gets a new PostgreSQL database
 * of its own (DATABASE_URL), dropped when it stops — unless `databaseUrl` names one to share.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { createPostgresDatabase, onPostgres } from "./db";
import { TEST_AUDIT_KEY } from "./audit-key";
import { freePort } from "./net";
import { serveNodeFlags } from "./serve-flags";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface AppServer {
  baseURL: string;
  child: ChildProcess;
  dir: string;
  /** The SQLite file, unused when `databaseUrl` is set. */
  databasePath: string;
  /** The PostgreSQL database the server uses, or "" on SQLite. */
  databaseUrl: string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** A handle of the test's own on the server's database (either engine); the caller closes it. */
  openDatabase(): DatabaseHandle;
  output(): string;
  stop(): Promise<void>;
}

/** A handle on a test server's database, whichever engine it runs on. */
export function openServerDatabaseAt(server: { databaseUrl: string; databasePath: string }): DatabaseHandle {
  return openDatabase(server.databaseUrl ? { url: server.databaseUrl, path: "" } : { path: server.databasePath });
}

/** Starts the server and waits until `/healthz?ready` answers: listening, and its first daily job done. */
export async function startAppServer(
  env: Record<string, string> = {},
  options: {
    databaseUrl?: string;
    /** A folder (database, uploads, backups) of an earlier server, kept on stop. */ dir?: string;
    /**
     * "default": the server's own default, one HTTP process per core (the shared e2e server, the crash
     * tests). Otherwise a single process (WEB_CONCURRENCY=1), which starts faster: most servers a test
     * starts for itself test something else than the processes. An explicit WEB_CONCURRENCY in `env` wins.
     */
    processes?: "default" | "single";
  } = {},
): Promise<AppServer> {
  for (const file of ["index.js", "pdf-worker.js"]) {
    if (!fs.existsSync(path.join(root, "build", file)))
      throw new Error(`build/${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "charaka-server-"));
  const port = await freePort();
  const databasePath = path.join(dir, "charaka.sqlite");
  const ownDatabase = !options.databaseUrl && onPostgres ? await createPostgresDatabase() : null;
  const databaseUrl = options.databaseUrl ?? ownDatabase?.url ?? "";
  let log = "";
  const child = spawn(process.execPath, [...serveNodeFlags(), "build/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      UPLOADS_PATH: path.join(dir, "uploads"),
      BACKUP_PATH: path.join(dir, "backups"),
      // Browser contexts come "from" other addresses (X-Forwarded-For below): a public demo, on purpose.
      // Tests of the demo safeguard pass CHARAKA_DEMO=1 (demo accounts from loopback only).
      CHARAKA_DEMO: "public",
      // Tests stand in for a reverse proxy to vary client IPs and HTTPS.
      TRUST_PROXY: "loopback",
      // The links it sends outside the browser (invitations, PDFs' QR codes) point at the test server.
      APP_URL: `http://127.0.0.1:${port}`,
      // The key the test processes seal with too (the global setup does not get vitest's test env).
      AUDIT_KEY: TEST_AUDIT_KEY,
      LOG_LEVEL: "error",
      // No throwaway agreement drawn by each PDF worker at start (~1.3 CPU-s each): the suites start a
      // few dozen servers, most drawing no PDF; the first PDF a test asks for loads the fonts itself.
      PDF_WARM_UP: "off",
      ...(options.processes === "default" ? {} : { WEB_CONCURRENCY: "1" }),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${log}`);
    try {
      if ((await fetch(`${baseURL}/healthz?ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The app was not ready within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    child,
    dir,
    databasePath,
    databaseUrl,
    exited,
    openDatabase: () => openServerDatabaseAt({ databaseUrl, databasePath }),
    output: () => log,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
      await ownDatabase?.drop();
    },
  };
}
