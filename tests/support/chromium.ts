/**
 * How the tests start Debian's Chromium (playwright-core; no browser is ever downloaded): once for the
 * whole e2e project by its global setup (`launchBrowserServer`), which every file connects to
 * (`launchBrowser` in tests/support/browser.ts). Apart from browser.ts, which imports vitest's test API,
 * so that the global setup can load it.
 */
import { chromium, type BrowserServer } from "playwright-core";

export const chromiumOptions = () => ({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
});

/** The Chromium the e2e files share, started once by the global setup (tests/support/server.ts). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumOptions());
}
