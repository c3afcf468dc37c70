import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { defineConfig } from "vitest/config";
import { TEST_AUDIT_KEY } from "./support/audit-key";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Files run at a time. Vitest's default is one fewer than the cores: a single file on a 2-core machine,
 * the other core idle while that file waits for a child process, a server or PostgreSQL.
 * CHARAKA_TEST_WORKERS sets it for unit and integration, CHARAKA_E2E_WORKERS for e2e.
 */
const workers = (fallback: number, name = "CHARAKA_TEST_WORKERS") => Number(process.env[name] ?? fallback);

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    // Files uploaded by tests (scans, stamps) go to a temporary folder, never into the project.
    // The log (JSON lines) stays quiet in tests; servers started by tests choose their own LOG_LEVEL.
    env: {
      UPLOADS_PATH: path.join(os.tmpdir(), `charaka-test-uploads-${process.pid}`),
      LOG_LEVEL: "silent",
      // The audit log's sealing key (app/lib/audit-key.server.ts): fixed, so no key file is written.
      AUDIT_KEY: TEST_AUDIT_KEY,
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", maxWorkers: workers(2) },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          // A file's database is made in its beforeAll: with the demo data on PostgreSQL (money and reports
          // written through the domain's commands) that took over vitest's default 10 s on a loaded machine.
          hookTimeout: 60_000,
          // On PostgreSQL a file spends much of its time waiting for the database server: one more.
          maxWorkers: workers(process.env.TEST_DATABASE_URL ? 3 : 2),
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/server.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Three files at a time, sharing one server and one Chromium (tests/support/server.ts). A browser
          // file is a chain (test → Chromium → server) keeping at most one core busy, and some files mostly
          // wait (supervised.test.ts: processes killed and restarted): with two, the 2-core machine was
          // 45 % idle (918 CPU-seconds in 826 s, 2026-12-02). On a machine loaded by other work each file
          // gets less CPU (a run at load ~20 timed out in six tests): CHARAKA_E2E_WORKERS=2 there. On
          // PostgreSQL its server takes a share of the cores too: two there (three timed out in two tests).
          maxWorkers: workers(process.env.TEST_DATABASE_URL ? 2 : 3, "CHARAKA_E2E_WORKERS"),
          fileParallelism: true,
        },
      },
    ],
  },
});
