/**
 * The demo safeguard (issue #19), pure. Demo accounts have a password printed in the README, so a
 * server that was started without CHARAKA_DEMO=0 by mistake must not hand them out to the world:
 * they sign in only from a browser on the server's own machine (loopback), unless the deployer
 * says CHARAKA_DEMO=public (a public demo, on purpose). The same rule decides whether the demo
 * password is shown (login page, banner).
 */
export type DemoMode = "off" | "local" | "public";

export function demoSignInAllowed(mode: DemoMode, clientIsLocal: boolean): boolean {
  return mode === "public" || clientIsLocal;
}

/** The start-up warning while demo accounts exist, or null when there are none. */
export function demoStartupWarning(mode: DemoMode, demoAccountsExist: boolean): string | null {
  if (!demoAccountsExist) return null;
  if (mode === "public")
    return "WARNING: CHARAKA_DEMO=public: the demo accounts, whose password is published in the README, can sign in from anywhere. Never use this on an instance with real data.";
  return "WARNING: this database holds demo accounts whose password is published in the README. They can sign in only from a browser on this machine (loopback). Before opening Charaka to others, remove the demo data: `npm run demo:remove`, or Settings → Demo data as platform administrator.";
}
