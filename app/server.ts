/**
 * The production server: Express around the Remix request handler. Compiled with the app
 * into build/index.js (see remix.config.js), so `node build/index.js` starts everything:
 * configuration check, migrations, demo seed on an empty database, then HTTP.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as build from "@remix-run/dev/server-build";
import compression from "compression";
import express from "express";
import { createBackup, holdDatabaseLock, pruneBackups } from "../db/backup";
import { prepareDatabase } from "../db/setup";
import { runDailyJobs } from "./domain/jobs/daily.server";
import { sealUnsealedAuditLog } from "./domain/audit/audit.server";
import { auditKey, auditKeyPath } from "./lib/audit-key.server";
import { sendOutbox } from "./domain/notify/notify.server";
import { sendDueWebhooks } from "./domain/webhook/webhooks.server";
import { mailTransport } from "./lib/mail.server";
import { demoAccountsTable, DEMO_PASSWORD, hasDemoAccounts } from "../db/seed/demo";
import { databaseDescription, databaseHandle, db } from "./lib/db.server";
import { appOrigin, env, trustProxySetting } from "./lib/env.server";
import { isReady, markReady } from "./lib/readiness.server";
import { remixHandler } from "./lib/remix-express.server";
import { pdfWorkersPerProcess, startWorkers } from "./lib/worker-tasks.server";
import {
  isCrossSiteRequest,
  isLoopbackClient,
  newNonce,
  securityHeaders,
  strictTransportSecurity,
} from "./lib/security.server";
import { demoStartupWarning } from "./domain/demo/demo";
import { newId } from "./lib/crypto.server";
import { log } from "./lib/log.server";
import { runWithRequestContext } from "./lib/request-context.server";

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDir = path.resolve(here, "..", "public");

/**
 * A fatal error ends the process with exit code 1, logged first, so that a supervisor (systemd's
 * Restart=always, a container runtime) sees it and starts the server again. Nothing is left half-done:
 * every write is one transaction, and the lock file beside the database names this process, so the next
 * start (or `npm run restore`) recognises it as stale.
 */
function fatal(kind: string, error: unknown): never {
  try {
    log().fatal({ err: error, kind }, `Charaka stopped: ${kind}`);
  } catch {
    console.error(`Charaka stopped: ${kind}`, error);
  }
  process.exit(1);
}
process.on("uncaughtException", (error) => fatal("uncaught exception", error));
process.on("unhandledRejection", (reason) => fatal("unhandled rejection", reason));

type Config = ReturnType<typeof env>;
const info = (line: string) => log().info(line);
/** The message the primary process sends its HTTP processes once the first daily job is done. */
const READY_MESSAGE = "charaka:ready";

/**
 * One process per core by default (WEB_CONCURRENCY overrides). With more than one, this is the
 * primary: it holds the lock, migrates and seeds, runs the daily job, the outbox and the backups,
 * and forks the processes that serve HTTP (app/server.ts again, as cluster workers). Writes stay
 * serialised by the database (SQLite: BEGIN IMMEDIATE in every transaction, db/sqlite.ts).
 */
async function main() {
  const config = env();
  if (cluster.isWorker) return serveAsWorker(config);
  // React chooses its build when it is first loaded, from the process's own NODE_ENV.
  if (process.env.NODE_ENV !== "production") {
    log().warn(
      "NODE_ENV is not set to production: pages render with React's development build, several times slower (npm start and npm run serve set it).",
    );
  }
  const processes = config.WEB_CONCURRENCY ?? os.availableParallelism();
  // PDFs are drawn in worker threads: build/pdf-worker.js, built from app/pdf-worker.ts beside this
  // bundle. A cluster's primary serves no page: its own start only if a job draws a PDF.
  startWorkers(new URL("./pdf-worker.js", import.meta.url), new URL(import.meta.url), {
    workers: pdfWorkersPerProcess(processes),
    eager: processes <= 1,
  });
  const backupOptions = await prepare(config);
  installCrashHook(config);
  if (processes > 1) {
    const http = startCluster(config, processes);
    await http.listening;
    info(`Charaka is running on http://localhost:${config.PORT} (${processes} processes)`);
    startJobs(config, backupOptions, http.markReady);
    return;
  }
  installFullDiskHook(config);
  const server = listen(config, createApp(config), () => startJobs(config, backupOptions, markReady));
  onShutdown(() => server.close(() => process.exit(0))); // the lock file is removed on exit
}

/** Lock, migrations, demo seed, audit seal and start-up warnings: once, before any request. */
async function prepare(config: Config) {
  // SQLite only (PostgreSQL, DATABASE_URL, is backed up with pg_dump and has no file to lock):
  // a lock file (pid inside) next to the database, `npm run restore` refuses while it is held.
  const sqliteFile = databaseHandle().path;
  if (sqliteFile) holdDatabaseLock(sqliteFile);
  const backupOptions = sqliteFile
    ? { databasePath: sqliteFile, uploadsPath: config.UPLOADS_PATH, backupRoot: config.BACKUP_PATH }
    : undefined;
  // Pending migrations on a database with data: a backup first; a failing migration changes nothing.
  const { applied, seeded, backupFolder } = await prepareDatabase(db(), {
    demo: config.CHARAKA_DEMO !== "off",
    backup: backupOptions,
  });
  // The audit log's key (AUDIT_KEY, or generated beside the database on first start), and the entries
  // written before it existed sealed once (app/domain/audit/audit.server.ts).
  auditKey();
  const sealed = await sealUnsealedAuditLog(db());
  if (sealed) info(`Audit log: ${sealed} earlier entries sealed with the audit key (${auditKeyPath()})`);
  if (backupFolder) info(`Backup before migrations: ${backupFolder}`);
  info(`Database: ${databaseDescription()}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
  if (seeded) {
    info(`Demo data seeded. Demo accounts (password "${DEMO_PASSWORD}"):\n${demoAccountsTable()}`);
  }
  // Loud, whatever LOG_LEVEL says but "silent": a deployer who forgot CHARAKA_DEMO=0 must see it.
  const demoWarning = demoStartupWarning(config.CHARAKA_DEMO, await hasDemoAccounts(db()));
  if (demoWarning && config.LOG_LEVEL !== "silent") console.warn(`\n${demoWarning}\n`);
  return backupOptions;
}

/** The daily job, the outbox and the backups: in the primary process only. */
function startJobs(config: Config, backupOptions: Awaited<ReturnType<typeof prepare>>, onFirstDailyJob: () => void) {
  // The daily job (agreements past their end expire, stale sessions and login attempts go):
  // just after the server starts listening (a large database takes a while: requests are served
  // meanwhile; `/healthz?ready` answers 200 once the state it changes is current), then every 24 hours. Idempotent, so
  // restarts or a second process change nothing more.
  let first = true;
  const daily = async () => {
    try {
      const transport = mailTransport();
      const report = await runDailyJobs(db(), new Date(), {
        appUrl: appOrigin(),
        mail: transport ? { transport, from: config.MAIL_FROM } : undefined,
        // Ready once what pages show is current; the notices and the chain's check follow.
        onStateCurrent: () => {
          if (first) onFirstDailyJob();
          first = false;
        },
      });
      if (report.expiredAgreements > 0 || report.reminders > 0) log().info({ report }, "daily job");
    } catch (error) {
      log().error({ err: error }, "daily job failed");
    }
  };
  setInterval(daily, 24 * 60 * 60 * 1000).unref();
  // Emails that failed (server down, network) are retried every few minutes.
  const transport = mailTransport();
  if (transport) {
    setInterval(
      () => {
        sendOutbox(db(), transport, config.MAIL_FROM).catch((error) =>
          log().error({ err: error }, "sending emails failed"),
        );
      },
      5 * 60 * 1000,
    ).unref();
  }

  // Webhooks (app/domain/webhook): what the commands queued is sent every few seconds, each delivery
  // claimed once across instances, failures retried on their own schedule.
  let sendingWebhooks = false;
  setInterval(() => {
    if (sendingWebhooks) return;
    sendingWebhooks = true;
    sendDueWebhooks(db(), { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE })
      .catch((error) => log().error({ err: error }, "sending webhooks failed"))
      .finally(() => (sendingWebhooks = false));
  }, config.WEBHOOK_INTERVAL_SECONDS * 1000).unref();

  // Scheduled backups (BACKUP_INTERVAL_HOURS), keeping the last BACKUP_KEEP.
  if (config.BACKUP_INTERVAL_HOURS > 0 && backupOptions) {
    setInterval(
      () => {
        try {
          const { folder } = createBackup({ ...backupOptions, reason: "scheduled" });
          pruneBackups(config.BACKUP_PATH, config.BACKUP_KEEP);
          info(`Backup written: ${folder}`);
        } catch (error) {
          log().error({ err: error }, "scheduled backup failed");
        }
      },
      config.BACKUP_INTERVAL_HOURS * 60 * 60 * 1000,
    ).unref();
  }
  // A job that failed before its state was current still lets the server become ready.
  void daily().finally(() => {
    if (first) onFirstDailyJob();
    first = false;
  });
}

/** Forks the HTTP processes and replaces one that dies; resolves once each listens. */
function startCluster(config: Config, processes: number) {
  let ready = false;
  let stopping = false;
  let listened = 0;
  const restarts: number[] = [];
  let resolveListening: () => void = () => {};
  const listening = new Promise<void>((resolve) => (resolveListening = resolve));
  const fork = () => {
    // glibc gives each thread (PDF workers, libuv, SQLite) malloc arenas that keep what was freed: two
    // cut an HTTP process's resident memory by ~50–90 MB under load (docs/benchmarks.md, Memory).
    const worker = cluster.fork({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" });
    worker.once("listening", () => {
      if (ready) worker.send(READY_MESSAGE);
      if (++listened === processes) resolveListening();
    });
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // One that dies is replaced; one that cannot start (or dies over and over) stops the whole server.
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && now - restarts[0]! > 60_000) restarts.shift();
    if (listened < processes || restarts.length > 5)
      fatal("an HTTP process could not start or keeps dying", new Error(`exit code ${code}, signal ${signal}`));
    log().error({ pid: worker.process.pid, code, signal }, "an HTTP process stopped; starting another");
    fork();
  });
  for (let i = 0; i < processes; i++) fork();
  const forward = (signal: NodeJS.Signals) => () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  // TEST ONLY: the full-disk signals go to the processes that write for requests.
  if (config.CHARAKA_TEST_MAX_PAGE_COUNT !== undefined) {
    process.on("SIGUSR1", forward("SIGUSR1"));
    process.on("SIGUSR2", forward("SIGUSR2"));
  }
  onShutdown(() => {
    stopping = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    forward("SIGTERM")();
  });
  return {
    listening,
    markReady() {
      ready = true;
      markReady();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send(READY_MESSAGE);
    },
  };
}

/** An HTTP process of the cluster: serves requests; ready when the primary says so; ends with it. */
function serveAsWorker(config: Config) {
  startWorkers(new URL("./pdf-worker.js", import.meta.url), new URL(import.meta.url), {
    workers: pdfWorkersPerProcess(config.WEB_CONCURRENCY ?? os.availableParallelism()),
  });
  installFullDiskHook(config);
  installCrashHook(config);
  process.on("message", (message) => {
    if (message === READY_MESSAGE) markReady();
  });
  const server = listen(config, createApp(config), () => {});
  // The primary is gone (stopped, or killed): nothing would hand this process connections any more.
  process.on("disconnect", () => process.exit(0));
  onShutdown(() => server.close(() => process.exit(0)));
}

function installFullDiskHook(config: Config) {
  // TEST ONLY: act out a full disk (see CHARAKA_TEST_MAX_PAGE_COUNT in env.server.ts).
  const testPages = config.CHARAKA_TEST_MAX_PAGE_COUNT;
  if (testPages !== undefined) {
    process.on("SIGUSR1", () => databaseHandle().limitGrowth(testPages));
    process.on("SIGUSR2", () => databaseHandle().limitGrowth(null));
  }
}

function installCrashHook(config: Config) {
  // TEST ONLY: SIGHUP raises a fatal error of the kind named (see CHARAKA_TEST_CRASH in env.server.ts).
  const testCrash = config.CHARAKA_TEST_CRASH;
  if (testCrash !== undefined) {
    process.on("SIGHUP", () => {
      if (testCrash === "rejection") void Promise.reject(new Error("test: an unhandled rejection"));
      else
        setImmediate(() => {
          throw new Error("test: an uncaught exception");
        });
    });
  }
}

function createApp(config: Config) {
  const app = express();
  app.disable("x-powered-by");
  const trustProxy = trustProxySetting(config.TRUST_PROXY);
  app.set("trust proxy", trustProxy);

  // Every request: an id (X-Request-Id, the error page, every log line), one log line when it ends.
  let warnedUntrustedProxy = false;
  app.use((req, res, next) => {
    const context = { requestId: newId(), userId: null };
    const started = process.hrtime.bigint();
    // Whether the server was ready when the request came, not when its answer was finished: the first
    // daily job may end in between, and a probe answered "starting" must not then be logged as an error.
    const readyAtStart = isReady();
    res.locals.requestId = context.requestId;
    res.setHeader("X-Request-Id", context.requestId);
    res.on("finish", () => {
      const line = {
        reqId: context.requestId,
        userId: context.userId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      };
      // A readiness probe answered "starting" (503) is the expected answer while the first job runs.
      const starting = req.path === "/healthz" && !readyAtStart;
      if (res.statusCode >= 500 && !starting) log().error(line, "request");
      else log().info(line, "request");
    });
    // Behind a proxy that is not trusted every client has the proxy's address: one login throttle for all.
    if (!trustProxy && !warnedUntrustedProxy && req.get("x-forwarded-for")) {
      warnedUntrustedProxy = true;
      log().warn(
        { event: "proxy.untrusted_forwarded_for", reqId: context.requestId },
        "Requests carry X-Forwarded-For but TRUST_PROXY is not set: every client is seen with the proxy's address (one login throttle for all, no HTTPS detection). Set TRUST_PROXY (e.g. loopback) if Charaka runs behind a reverse proxy.",
      );
    }
    runWithRequestContext(context, next);
  });

  app.use((req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce))) res.setHeader(name, value);
    // Over HTTPS (req.secure follows X-Forwarded-Proto only from a trusted proxy), browsers keep to HTTPS.
    if (req.secure) res.setHeader("Strict-Transport-Security", strictTransportSecurity());
    next();
  });

  app.use((req, res, next) => {
    const crossSite = isCrossSiteRequest({
      method: req.method,
      host: req.get("host"),
      protocol: req.protocol,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
    });
    if (crossSite) {
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    next();
  });

  // Level 3 (zlib's fastest family): the demo dashboard's 29.8 KB of HTML in 7.3 KB of gzip for 0.18 ms of
  // CPU, against 6.8 KB for 0.31 ms at the default level 6.
  app.use(compression({ level: 3 }));
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(express.static(publicDir, { maxAge: "1h" })));

  app.all(
    "*",
    remixHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        requestId: String(res.locals.requestId),
        clientIp: req.ip ?? req.socket.remoteAddress ?? null,
        clientIsLocal: isLoopbackClient({
          socketAddress: req.socket.remoteAddress,
          host: req.get("host"),
          forwardedHeaders: Boolean(req.get("x-forwarded-for") ?? req.get("forwarded") ?? req.get("x-real-ip")),
        }),
      }),
    }),
  );
  return app;
}

/**
 * The files of public/ (favicon.ico, docs/): served only for a path under one of public/'s own entries,
 * read once at start. Asking serve-static for every page view cost a stat() and a 404 error object with
 * its stack trace (7 % of a page view's CPU) for the file that is never there.
 */
function publicFiles(serve: express.RequestHandler): express.RequestHandler {
  const entries = new Set(fs.readdirSync(publicDir));
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    // An encoded name (%xx) is decoded by serve-static itself: let it decide.
    if (entries.has(first) || first.includes("%")) serve(req, res, next);
    else next();
  };
}

function listen(config: Config, app: express.Express, onListening: () => void) {
  const server = app.listen(config.PORT, config.HOST, () => {
    if (cluster.isPrimary) {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : config.PORT;
      info(`Charaka is running on http://localhost:${port}`);
    }
    onListening();
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${config.PORT} is already in use (another server is listening there; stop it or set PORT)`
        : error.message;
    log().fatal(`Charaka could not start: ${reason}`);
    process.exit(1);
  });
  return server;
}

/** SIGTERM and SIGINT: stop taking requests, finish those under way (at most 5 s), exit 0. */
function onShutdown(stop: () => void) {
  const shutdown = () => {
    stop();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  const message = `Charaka could not start: ${error instanceof Error ? error.message : String(error)}`;
  try {
    log().fatal(message);
  } catch {
    // the configuration itself is invalid: no logger
  }
  console.error(message);
  process.exit(1);
});
