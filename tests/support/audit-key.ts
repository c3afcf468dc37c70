/**
 * The audit key every test process and every server a test starts use (app/lib/audit-key.server.ts):
 * records a test writes through the app's code on a server's database are sealed as the server seals
 * them. Fixed, so no key file is written.
 */
export const TEST_AUDIT_KEY = "7e57".repeat(16);
