/**
 * The demo accounts as routes see them. Through a `.server` module, which Remix leaves out of the
 * browser's bundle: importing db/seed/demo.ts from a route put the whole seed, and pdf-lib that draws
 * the demo's documents, into the scripts of every page (525 KB).
 */
export { DEMO_ACCOUNTS, DEMO_PASSWORD, hasDemoAccounts } from "../../db/seed/demo";
