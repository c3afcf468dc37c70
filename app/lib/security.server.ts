/**
 * Request-level protections, as plain functions the server applies to every request:
 * the Content-Security-Policy (with a per-request nonce), the other security headers,
 * and the cross-site (CSRF) rule for state-changing requests.
 */
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}

/** Sent over HTTPS only: browsers then refuse plain HTTP to this host for a year. */
export function strictTransportSecurity(): string {
  return "max-age=31536000; includeSubDomains";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request is refused when the browser says it comes from another site:
 * `Sec-Fetch-Site` other than same-origin/none, or an `Origin` that is not this host.
 * Requests with neither header do not come from a browser page (curl, scripts) and pass,
 * as in Go's CrossOriginProtection.
 */
export function isCrossSiteRequest(req: {
  method: string;
  host: string | undefined;
  protocol: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.secFetchSite) {
    return req.secFetchSite !== "same-origin" && req.secFetchSite !== "none";
  }
  if (req.origin) {
    if (req.origin === "null" || !req.host) return true;
    try {
      const origin = new URL(req.origin);
      return origin.host !== req.host || origin.protocol !== `${req.protocol}:`;
    } catch {
      return true;
    }
  }
  return false;
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Whether a request comes from a browser on the server's own machine: its connection is from a
 * loopback address, no proxy forwarded it (no X-Forwarded-For, Forwarded or X-Real-IP header, which
 * any proxy that says whom it serves adds), and it asked for a loopback host name (a proxy that
 * passes the public Host on is seen here too). A proxy on the same machine that adds none of these
 * and rewrites Host to 127.0.0.1 cannot be told apart: docs/production.md says to remove demo data first.
 */
export function isLoopbackClient(req: {
  socketAddress: string | undefined;
  host: string | undefined;
  forwardedHeaders: boolean;
}): boolean {
  const address = (req.socketAddress ?? "").replace(/^::ffff:/, "");
  const loopbackSocket = address === "::1" || /^127\./.test(address);
  return loopbackSocket && !req.forwardedHeaders && LOOPBACK_HOST.test(req.host ?? "");
}
