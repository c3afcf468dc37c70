/**
 * Webhooks, pure: the events an endpoint may choose (the audit entries partners act on, under their
 * audit names), the retry schedule, and which addresses a webhook may never target (server-side
 * request forgery: the server's own loopback, private and link-local ranges) unless the operator
 * allows them (WEBHOOK_ALLOW_PRIVATE, for a receiver on the same machine or network).
 */
import type { MessageKey } from "~/lib/i18n/translate";

export const WEBHOOK_EVENTS = [
  "agreement.signed",
  "agreement.transitioned",
  "agreement.amendment_applied",
  "delivery.recorded",
  "deliverable.delivered",
  "deliverable.confirmed",
  "deliverable.disputed",
  "plan.progress_updated",
  "minutes.approved",
  "action_item.added",
  "action_item.closed",
  "action_item.due",
  "tranche.due",
  "tranche.paid",
  "tranche.received",
  "report.submitted",
  "report.accepted",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event the "send a test event" button sends. */
export const TEST_EVENT = "webhook.test";

export function isWebhookEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}

/** Seconds before each retry after a failed attempt; after the last, the delivery is failed. */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600, 6 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** When to try again after `attempts` attempts, or null when there is no attempt left. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 1000);
}

/** The signature header's name and the tolerance a receiver should allow on its timestamp. */
export const SIGNATURE_HEADER = "Charaka-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function ipv4Parts(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified, unique-local and mapped addresses. */
export function isPrivateAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, "").toLowerCase();
  const v4 = ipv4Parts(host.startsWith("::ffff:") ? host.slice(7) : host);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (!host.includes(":")) return false;
  return (
    host === "::" ||
    host === "::1" ||
    host.startsWith("fc") ||
    host.startsWith("fd") ||
    host.startsWith("fe8") ||
    host.startsWith("fe9") ||
    host.startsWith("fea") ||
    host.startsWith("feb") ||
    host.startsWith("::ffff:")
  );
}

/** Why a URL may not be a webhook's (null: it may). Names that resolve to a private address are refused when sending. */
export function endpointUrlProblem(url: string, allowPrivate: boolean): MessageKey | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "webhook.error.url";
  }
  if (parsed.username || parsed.password) return "webhook.error.url";
  if (parsed.protocol !== "https:" && !(allowPrivate && parsed.protocol === "http:")) return "webhook.error.https";
  const host = parsed.hostname.toLowerCase();
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)))
    return "webhook.error.private";
  return null;
}
