/** Answers that stop a loader or action: thrown Responses, caught by the error boundary. */
import { redirect } from "@remix-run/node";
import { appOrigin } from "./env.server";
import { securityEvent } from "./log.server";

/** A record that is not there, or not the reader's to see (another organization's): logged, then 404. */
export function notFound(): never {
  securityEvent("access.refused", { status: 404 });
  throw new Response("Not found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function badRequest(): never {
  throw new Response("Bad request", { status: 400 });
}

/**
 * The answer when the database cannot take a write (disk full, read-only, I/O error, lock
 * timeout): a Response to throw, shown by the error boundary as "cannot save right now".
 */
export function storageUnavailable(): Response {
  return new Response("Service unavailable: nothing was changed, try again in a moment.", {
    status: 503,
    headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Narrows `value`, or answers with `status` (404 by default). */
export function invariantResponse<T>(
  value: T,
  message = "Not found",
  init: { status: number } = { status: 404 },
): asserts value is NonNullable<T> {
  if (value === null || value === undefined || value === false) {
    throw new Response(message, init);
  }
}

/**
 * Only paths of this app: the target is resolved as a browser would (the URL parser drops tabs and
 * newlines and reads "\\" as "/", so "/\t/evil.example" is "//evil.example") against the app's origin,
 * and kept only if it stays there.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  try {
    const base = new URL(appOrigin());
    const url = new URL(to, base);
    if (url.origin !== base.origin) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export function redirectTo(path: string, init?: ResponseInit) {
  return redirect(path, init);
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The client's IP (from the server, respecting TRUST_PROXY) and user agent. */
export function clientInfo(request: Request, context: { clientIp?: string | null }): ClientInfo {
  return {
    ip: context.clientIp ?? null,
    userAgent: request.headers.get("user-agent"),
  };
}

/** A link handed over outside the browser (invitations, reset links, emails): absolute, on APP_URL, never the Host header. */
export function absoluteUrl(path: string): string {
  return `${appOrigin()}${path}`;
}
