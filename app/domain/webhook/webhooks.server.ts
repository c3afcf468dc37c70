/**
 * Webhook endpoints of an organization (added and removed by its presidents and administrators,
 * each with a secret of its own, shown on the page), and the sender: deliveries due are claimed
 * once (as the email outbox's: a second sender skips them), their body built at the first attempt
 * from what the receiving organization may see (an agreement it may no longer see is skipped, never
 * sent), POSTed signed with HMAC-SHA256 over "timestamp.body", retried with backoff on a failure, and
 * every attempt logged.
 *
 *   Charaka-Signature: t=1767225600,v1=<hex HMAC-SHA256(secret, "1767225600.<body>")>
 */
import { createHmac, randomBytes } from "node:crypto";
import { lookup } from "node:dns/promises";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { canManageOrganization, type Actor } from "../access/access";
import { findAgreement } from "../agreement/agreement.queries.server";
import { organizationActor } from "../api/tokens";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import {
  endpointUrlProblem,
  isPrivateAddress,
  MAX_ATTEMPTS,
  nextAttemptAt,
  SIGNATURE_HEADER,
  TEST_EVENT,
  type WebhookEvent,
} from "./webhook";

/** Minutes after which a claim is taken to be a sender that stopped, and the delivery is tried again. */
const CLAIM_MINUTES = 5;
const TIMEOUT_MS = 10_000;

/** `t=…,v1=…`: the signature of `body` sent at `timestamp` (seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

export async function listEndpoints(db: DB, actor: Actor, organizationId: string) {
  if (!canManageOrganization(actor, organizationId)) return null;
  const endpoints = await db
    .selectFrom("webhook_endpoint")
    .select(["id", "url", "events", "secret", "description", "created_at as createdAt"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .execute();
  return endpoints.map((e) => ({ ...e, events: JSON.parse(e.events) as string[] }));
}

/** The last deliveries of the organization's endpoints, newest first, with their attempts. */
export async function deliveryLog(db: DB, actor: Actor, organizationId: string, limit = 50) {
  if (!canManageOrganization(actor, organizationId)) return null;
  const deliveries = await db
    .selectFrom("webhook_delivery")
    .innerJoin("webhook_endpoint", "webhook_endpoint.id", "webhook_delivery.endpoint_id")
    .select([
      "webhook_delivery.id",
      "webhook_delivery.endpoint_id as endpointId",
      "webhook_delivery.event_type as eventType",
      "webhook_delivery.status",
      "webhook_delivery.attempts",
      "webhook_delivery.last_status_code as lastStatusCode",
      "webhook_delivery.last_error as lastError",
      "webhook_delivery.next_attempt_at as nextAttemptAt",
      "webhook_delivery.sent_at as sentAt",
      "webhook_delivery.created_at as createdAt",
    ])
    .where("webhook_endpoint.organization_id", "=", organizationId)
    .orderBy("webhook_delivery.created_at", "desc")
    .orderBy("webhook_delivery.id", "desc")
    .limit(limit)
    .execute();
  return deliveries;
}

export async function addEndpoint(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { organizationId: string; url: string; events: WebhookEvent[]; description?: string; allowPrivate: boolean },
): Promise<{ ok: true; id: string } | Refusal> {
  if (!canManageOrganization(actor, input.organizationId)) return NOT_FOUND;
  const problem = endpointUrlProblem(input.url, input.allowPrivate);
  if (problem) return ruleBroken({ key: problem });
  return inTransaction(db, async (trx) => {
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto("webhook_endpoint")
      .values({
        id,
        organization_id: input.organizationId,
        url: input.url,
        events: JSON.stringify(input.events),
        secret: `whsec_${randomBytes(24).toString("base64url")}`,
        description: input.description ?? null,
        created_by_user_id: meta.actorUserId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "webhook.endpoint_added",
      organizationId: input.organizationId,
      subjectId: id,
      data: { url: input.url, events: input.events },
    });
    return { ok: true as const, id };
  });
}

export async function removeEndpoint(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { organizationId: string; endpointId: string },
): Promise<{ ok: true } | Refusal> {
  if (!canManageOrganization(actor, input.organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const endpoint = await trx
      .selectFrom("webhook_endpoint")
      .select(["id", "url"])
      .where("id", "=", input.endpointId)
      .where("organization_id", "=", input.organizationId)
      .executeTakeFirst();
    if (!endpoint) return NOT_FOUND;
    await trx.deleteFrom("webhook_endpoint").where("id", "=", endpoint.id).execute();
    await appendAuditEvent(trx, meta, {
      type: "webhook.endpoint_removed",
      organizationId: input.organizationId,
      subjectId: endpoint.id,
      data: { url: endpoint.url },
    });
    return { ok: true as const };
  });
}

/** Queues a test event for one endpoint (the page's "send a test event"). */
export async function queueTestEvent(
  db: DB,
  actor: Actor,
  input: { organizationId: string; endpointId: string },
  now = new Date(),
): Promise<{ ok: true; id: string } | Refusal> {
  if (!canManageOrganization(actor, input.organizationId)) return NOT_FOUND;
  const endpoint = await db
    .selectFrom("webhook_endpoint")
    .select("id")
    .where("id", "=", input.endpointId)
    .where("organization_id", "=", input.organizationId)
    .executeTakeFirst();
  if (!endpoint) return NOT_FOUND;
  const id = newId();
  const at = nowIso(now);
  await db
    .insertInto("webhook_delivery")
    .values({
      id,
      endpoint_id: endpoint.id,
      event_id: id,
      event_key: `test:${id}`,
      event_type: TEST_EVENT,
      agreement_id: null,
      subject_id: null,
      data: "{}",
      occurred_at: at,
      body: null,
      next_attempt_at: at,
      claimed_at: null,
      last_status_code: null,
      last_error: null,
      sent_at: null,
      created_at: at,
    })
    .execute();
  return { ok: true as const, id };
}

type DeliveryRow = {
  id: string;
  event_id: string;
  event_type: string;
  agreement_id: string | null;
  subject_id: string | null;
  data: string;
  occurred_at: string;
  organization_id: string;
};

/** The JSON sent: the event, and the agreement as the receiving organization sees it; null when it may not. */
async function buildBody(db: DB, d: DeliveryRow): Promise<string | null> {
  let agreement: Record<string, unknown> | null = null;
  if (d.agreement_id) {
    const loaded = await findAgreement(db, organizationActor(d.organization_id), d.agreement_id);
    if (!loaded) return null;
    const a = loaded.agreement;
    agreement = { id: a.id, reference: a.reference, title: a.title, status: a.status, version: a.version };
  }
  return JSON.stringify({
    id: d.event_id,
    type: d.event_type,
    occurredAt: d.occurred_at,
    organizationId: d.organization_id,
    agreement,
    subjectId: d.subject_id,
    data: JSON.parse(d.data) as unknown,
  });
}

/** Refuses a host that resolves to a private address (a public name pointed at the server's own network). */
async function privateTarget(url: string): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isPrivateAddress(host)) return true;
  const addresses = await lookup(host, { all: true });
  return addresses.some((a) => isPrivateAddress(a.address));
}

export interface SendOptions {
  now?: () => Date;
  allowPrivate?: boolean;
  limit?: number;
}

/** Sends the deliveries due; answers how many were sent, failed for now (retried later), and given up or skipped. */
export async function sendDueWebhooks(db: DB, options: SendOptions = {}) {
  const now = options.now ?? (() => new Date());
  const stale = () => new Date(now().getTime() - CLAIM_MINUTES * 60_000).toISOString();
  const due = await db
    .selectFrom("webhook_delivery")
    .innerJoin("webhook_endpoint", "webhook_endpoint.id", "webhook_delivery.endpoint_id")
    .select([
      "webhook_delivery.id",
      "webhook_delivery.event_id",
      "webhook_delivery.event_type",
      "webhook_delivery.agreement_id",
      "webhook_delivery.subject_id",
      "webhook_delivery.data",
      "webhook_delivery.occurred_at",
      "webhook_delivery.body",
      "webhook_delivery.attempts",
      "webhook_endpoint.organization_id",
      "webhook_endpoint.url",
      "webhook_endpoint.secret",
    ])
    .where("webhook_delivery.status", "=", "pending")
    .where("webhook_delivery.next_attempt_at", "<=", nowIso(now()))
    .where((eb) =>
      eb.or([eb("webhook_delivery.claimed_at", "is", null), eb("webhook_delivery.claimed_at", "<", stale())]),
    )
    .orderBy("webhook_delivery.created_at")
    .limit(options.limit ?? 50)
    .execute();
  const outcome = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const d of due) {
    const claim = await db
      .updateTable("webhook_delivery")
      .set({ attempts: d.attempts + 1, claimed_at: nowIso(now()) })
      .where("id", "=", d.id)
      .where("status", "=", "pending")
      .where("attempts", "=", d.attempts)
      .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", stale())]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const body = d.body ?? (await buildBody(db, d));
    if (body === null) {
      await db
        .updateTable("webhook_delivery")
        .set({ status: "skipped", claimed_at: null, last_error: "not visible to the endpoint's organization" })
        .where("id", "=", d.id)
        .execute();
      outcome.skipped += 1;
      continue;
    }
    const started = now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      if (!options.allowPrivate && (await privateTarget(d.url))) throw new Error("private address refused");
      const timestamp = Math.floor(started.getTime() / 1000);
      const res = await fetch(d.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Charaka-Webhooks/1",
          [SIGNATURE_HEADER]: signatureHeader(d.secret, timestamp, body),
          "Charaka-Event": d.event_type,
          "Charaka-Delivery": d.id,
        },
        body,
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = String((e as Error).message ?? e).slice(0, 500);
    }
    const finished = now();
    const attempts = d.attempts + 1;
    const retryAt = error ? nextAttemptAt(attempts, finished) : null;
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto("webhook_attempt")
        .values({
          id: newId(),
          delivery_id: d.id,
          attempted_at: nowIso(started),
          status_code: statusCode,
          error,
          duration_ms: Math.max(0, finished.getTime() - started.getTime()),
        })
        .execute();
      await trx
        .updateTable("webhook_delivery")
        .set({
          body,
          status: !error ? "sent" : retryAt && attempts < MAX_ATTEMPTS ? "pending" : "failed",
          next_attempt_at: retryAt ? nowIso(retryAt) : nowIso(finished),
          claimed_at: null,
          last_status_code: statusCode,
          last_error: error,
          ...(!error ? { sent_at: nowIso(finished) } : {}),
        })
        .where("id", "=", d.id)
        .execute();
    });
    if (!error) outcome.sent += 1;
    else if (retryAt) outcome.retrying += 1;
    else outcome.failed += 1;
  }
  return outcome;
}
