/**
 * Global setup of the e2e project: starts the built app once (tests/support/app-server.ts) with a
 * fresh database and demo data, and one Chromium the files connect to, and stops both afterwards.
 * Tests reach the app through `inject("baseURL")`, its database through `openServerDatabase()`
 * (tests/support/e2e-db.ts), and the browser through `launchBrowser()` (tests/support/browser.ts).
 */
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";
import { launchBrowserServer } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The e2e server's SQLite file, for tests that tamper with stored evidence… */
    databasePath: string;
    /** …or its PostgreSQL database when the suite runs there ("" on SQLite): see openServerDatabase. */
    databaseUrl: string;
    /** The shared Chromium's address, for `launchBrowser()` (tests/support/browser.ts). */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  // One HTTP process per core, as in production: every browser test also runs across processes.
  const [server, browser] = await Promise.all([startAppServer({}, { processes: "default" }), launchBrowserServer()]);
  project.provide("baseURL", server.baseURL);
  project.provide("databasePath", server.databasePath);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("browserEndpoint", browser.wsEndpoint());
  return async () => {
    if (process.env.CHARAKA_E2E_LOG) console.log(server.output());
    await Promise.all([server.stop(), browser.close()]);
  };
}
