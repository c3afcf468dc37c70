/**
 * Global setup of the e2e project: starts the built app (`node build/index.js`, built by
 * `npm test` beforehand) once, on a free port with a fresh database and demo data, and
 * stops it afterwards. Tests reach it through `inject("baseURL")`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "./net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The e2e server's SQLite file, for tests that tamper with stored evidence. */
    databasePath: string;
  }
}


async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output()}`);
    try {
      // Ready: listening, and the first daily job (reminders the tests expect) has run.
      const res = await fetch(`${url}/healthz?ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The app did not answer /healthz within 30 s:\n${output()}`);
}

export default async function setup(project: TestProject) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
  if (!fs.existsSync(path.join(root, "build", "index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` before the e2e tests (npm test does).");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-e2e-"));
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(dir, "charaka.sqlite"),
      UPLOADS_PATH: path.join(dir, "uploads"),
      CHARAKA_DEMO: "1",
      // Tests stand in for a reverse proxy to vary client IPs and HTTPS.
      TRUST_PROXY: "loopback",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHealth(baseURL, child, () => log);
  project.provide("baseURL", baseURL);
  project.provide("databasePath", path.join(dir, "charaka.sqlite"));

  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    if (child.exitCode === null) child.kill("SIGKILL");
    if (process.env.CHARAKA_E2E_LOG) console.log(log);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
