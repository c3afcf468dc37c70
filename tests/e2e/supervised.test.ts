/**
 * A server that dies comes back: a fatal error ends the process with exit code 1 (so that a supervisor,
 * systemd's Restart=always, starts it again), logged as one JSON line, and what it leaves behind (the lock
 * file beside the database) never blocks the restart. Servers of their own, on their own files.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockFileFor } from "../../db/backup";
import { startAppServer, type AppServer } from "../support/app-server";
import { onPostgres } from "../support/db";
import { childPids } from "../support/processes";

const dirs: string[] = [];
const running: AppServer[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function keptDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-supervised-"));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>, dir: string, processes?: "default") {
  const server = await startAppServer({ LOG_LEVEL: "info", ...env }, { dir, processes });
  running.push(server);
  return server;
}

function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("a fatal error stops the server with a non-zero exit code", () => {
  for (const kind of ["exception", "rejection"] as const) {
    it(`an uncaught ${kind}: exit code 1, logged as a fatal JSON line`, async () => {
      const server = await start({ CHARAKA_TEST_CRASH: kind }, keptDir());
      server.child.kill("SIGHUP");
      expect(await server.exited).toBe(1);
      const fatal = jsonLines(server.output()).find((line) => line.level === "fatal");
      expect(fatal?.msg).toMatch(kind === "exception" ? /uncaught exception/ : /unhandled rejection/);
    });
  }

  it("a failed start (SMTP_URL without APP_URL) exits 1 with a message naming the setting", async () => {
    const child = spawn(process.execPath, ["build/index.js"], {
      env: {
        ...process.env,
        SMTP_URL: "smtp://127.0.0.1:1",
        APP_URL: "",
        DATABASE_PATH: path.join(keptDir(), "x.sqlite"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (d) => (output += d));
    child.stdout.on("data", (d) => (output += d));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("APP_URL: required when SMTP_URL is set");
  });
});

describe.skipIf(onPostgres)("a crash leaves nothing that blocks the restart", () => {
  it("killed outright (SIGKILL: no exit handler runs), its lock file stays behind and the next start goes on", async () => {
    const dir = keptDir();
    const first = await start({}, dir);
    const lock = lockFileFor(first.databasePath);
    expect(fs.readFileSync(lock, "utf8").split("\n")[0]).toBe(String(first.child.pid));
    first.child.kill("SIGKILL");
    await first.exited;
    expect(fs.existsSync(lock)).toBe(true); // stale: its process is gone

    const second = await start({}, dir);
    expect((await fetch(`${second.baseURL}/healthz`)).status).toBe(200);
    expect(fs.readFileSync(lock, "utf8").split("\n")[0]).toBe(String(second.child.pid));
  });

  it("a stale lock whose pid now belongs to another live process (a restart reused it) does not block the start", async () => {
    const dir = keptDir();
    const first = await start({}, dir);
    const lock = lockFileFor(first.databasePath);
    const written = fs.readFileSync(lock, "utf8");
    first.child.kill("SIGKILL");
    await first.exited;
    // Another process now has the pid the lock names: the lock is rewritten with a live pid and the
    // dead server's identity.
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lock, written.replace(/^\d+/, String(other.pid)));
      const second = await start({}, dir);
      expect((await fetch(`${second.baseURL}/healthz`)).status).toBe(200);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("a running server still holds its lock: a second one on the same database refuses to start", async () => {
    const dir = keptDir();
    await start({}, dir);
    await expect(startAppServer({}, { dir })).rejects.toThrow(/another Charaka server \(pid \d+\) is using/);
  });
});

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(os.availableParallelism() < 2)("every core serves requests", () => {
  it("one HTTP process per core by default; one that dies is replaced while the others answer", async () => {
    const server = await start({}, keptDir(), "default");
    const pid = server.child.pid!;
    const first = childPids(pid);
    expect(first).toHaveLength(os.availableParallelism());
    process.kill(first[0]!, "SIGKILL");
    // Once the primary knows (its log line), the others go on answering while it forks a replacement.
    // Not before: a connection Node's round-robin hands to a process in the instant it dies waits
    // for the client's timeout (docs/production.md), and this fetch would be that connection.
    await until(() => server.output().includes("an HTTP process stopped; starting another"), "the log line");
    expect((await fetch(`${server.baseURL}/healthz`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    await until(() => childPids(pid).length === first.length && !childPids(pid).includes(first[0]!), "a replacement");
    // The replacement is told the server is ready: every process answers /healthz?ready.
    for (let i = 0; i < 6; i++) expect((await fetch(`${server.baseURL}/healthz?ready`)).status).toBe(200);
    // SIGTERM stops them all, with exit code 0.
    const children = childPids(pid);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await until(() => children.every((child) => !fs.existsSync(`/proc/${child}`)), "the HTTP processes to end");
  });

  it("WEB_CONCURRENCY=1 runs a single process; killing a cluster's primary ends its HTTP processes too", async () => {
    const single = await start({ WEB_CONCURRENCY: "1" }, keptDir());
    expect(childPids(single.child.pid!)).toEqual([]);
    const clustered = await start({ WEB_CONCURRENCY: "2" }, keptDir());
    const children = childPids(clustered.child.pid!);
    expect(children).toHaveLength(2);
    clustered.child.kill("SIGKILL");
    await clustered.exited;
    await until(
      () => children.every((child) => !fs.existsSync(`/proc/${child}`)),
      "the orphaned HTTP processes to end",
    );
    // Two servers started on fresh databases: on PostgreSQL under a full suite's load that took over 60 s.
  }, 150_000);
});

describe("the error page names its request", () => {
  it("a 500 shows the request id, the same as the X-Request-Id header and the error's log line", async () => {
    const server = await start({}, keptDir());
    const login = await fetch(`${server.baseURL}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "president@sofara.example", password: "charaka-demo-2026" }).toString(),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    // A real failure: a table the notifications page reads is gone.
    const handle = server.openDatabase();
    await handle.db.schema.dropTable("notification_preference").ifExists().execute();
    await handle.close();
    const res = await fetch(`${server.baseURL}/notifications`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[a-z0-9]{16}$/);
    const html = await res.text();
    expect(html).toContain("Référence de l’erreur");
    expect(html).toContain(id);
    // The request's line is written once its answer is sent: wait for it to come through the pipe.
    const requestLine = () => jsonLines(server.output()).find((line) => line.reqId === id && line.msg === "request");
    for (let i = 0; i < 50 && !requestLine(); i++) await new Promise((r) => setTimeout(r, 100));
    const lines = jsonLines(server.output()).filter((line) => line.reqId === id);
    expect(lines.some((line) => line.msg === "unexpected error")).toBe(true);
    expect(lines.find((line) => line.msg === "request")).toMatchObject({
      method: "GET",
      path: "/notifications",
      status: 500,
      userId: expect.any(String),
      ms: expect.any(Number),
    });
  });
});

describe("security events are logged", () => {
  it("failed sign-ins, throttling and a 404 on another organization's record: one JSON line each, with the request", async () => {
    const server = await start({}, keptDir());
    const login = (email: string, password: string) =>
      fetch(`${server.baseURL}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.51.100.200" },
        body: new URLSearchParams({ email, password }).toString(),
      });
    for (let i = 0; i < 11; i++) await login("rse@kazyon.example", "wrong password");
    const ok = await fetch(`${server.baseURL}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "president@insaf.example", password: "charaka-demo-2026" }).toString(),
    });
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;
    const handle = server.openDatabase();
    const sofaras = await handle.db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    await handle.close();
    const refused = await fetch(`${server.baseURL}/agreements/${sofaras.id}`, { headers: { Cookie: cookie } });
    expect(refused.status).toBe(404);
    const refusedId = refused.headers.get("x-request-id");
    for (let i = 0; i < 50 && !server.output().includes(`"reqId":"${refusedId}"`); i++)
      await new Promise((r) => setTimeout(r, 100));
    const lines = jsonLines(server.output());
    const events = (name: string) => lines.filter((line) => line.event === name);
    expect(events("login.failed")).toHaveLength(10);
    expect(events("login.failed")[0]).toMatchObject({ reqId: expect.any(String), ip: "198.51.100.200" });
    expect(events("login.throttled")).toHaveLength(1);
    expect(events("access.refused").find((line) => line.reqId === refused.headers.get("x-request-id"))).toMatchObject({
      userId: expect.any(String),
    });
  });
});
