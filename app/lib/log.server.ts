/**
 * The server's log: one JSON object a line on standard output (pino), so a supervisor (journald, a
 * container runtime) can keep and search it. Every request is logged once when it ends, with its id,
 * method, path, status, duration and the signed-in user's id; security events (failed sign-ins,
 * throttling, refused access, password and two-factor changes, removals) are logged with `securityEvent`
 * under `event`. LOG_LEVEL (`silent`, `error`, `warn`, `info`, `debug`) chooses what is written.
 * Passwords, cookies and tokens are never logged: request lines carry the path, never the query string.
 */
import pino, { type Logger } from "pino";
import { env } from "./env.server";
import { currentRequest } from "./request-context.server";

let logger: Logger | undefined;

export function log(): Logger {
  logger ??= pino({
    level: safeLevel(),
    base: { service: "charaka" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  return logger;
}

function safeLevel(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}

/** The security events the log names; each is one line with `event` and its details. */
export type SecurityEvent =
  | "login.failed"
  | "login.throttled"
  | "password.failed"
  | "password.throttled"
  | "password.changed"
  | "two_factor.changed"
  | "access.refused"
  | "integrity.failed"
  | "integrity.throttled"
  | "removal"
  | "proxy.untrusted_forwarded_for";

/** One line for a security event, with the request's id and user (when there is a request). */
export function securityEvent(event: SecurityEvent, details: Record<string, unknown> = {}): void {
  const request = currentRequest();
  log().warn({ event, ...(request ? { reqId: request.requestId, userId: request.userId } : {}), ...details }, event);
}
