/**
 * Global setup of the e2e project: starts the built app once (tests/support/app-server.ts) with a
 * fresh database and demo data, and stops it afterwards. Tests reach it through
 * `inject("baseURL")`, and its database through `openServerDatabase()` (tests/support/e2e-db.ts).
 */
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The e2e server's SQLite file, for tests that tamper with stored evidence… */
    databasePath: string;
    /** …or its PostgreSQL database when the suite runs there ("" on SQLite): see openServerDatabase. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // One HTTP process per core, as in production: every browser test also runs across processes.
  const server = await startAppServer({}, { processes: "default" });
  project.provide("baseURL", server.baseURL);
  project.provide("databasePath", server.databasePath);
  project.provide("databaseUrl", server.databaseUrl);
  return async () => {
    if (process.env.CHARAKA_E2E_LOG) console.log(server.output());
    await server.stop();
  };
}
