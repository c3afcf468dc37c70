import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { defineConfig } from "vitest/config";
import { TEST_AUDIT_KEY } from "./support/audit-key";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
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
          // One browser per file; two files at a time on a 2-core machine.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
