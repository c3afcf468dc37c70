/**
 * The webhook outbox's writing side, called by appendAuditEvent in the transaction of the change:
 * an audit entry of a webhook event becomes one pending delivery per endpoint that chose it, of the
 * agreement's party organizations. It commits with the change or not at all, and is sent after the
 * commit (webhooks.server.ts). This module reads only the database: the audit log imports it.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { newId } from "~/lib/crypto.server";
import { isWebhookEvent } from "./webhook";

export interface EnqueuedEvent {
  /** The audit entry's id: the event's id and what makes it exist once per endpoint. */
  id: string;
  type: string;
  agreementId: string | null;
  subjectId: string | null;
  data: string;
  createdAt: string;
}

export async function enqueueWebhookEvent(trx: Transaction<Database>, event: EnqueuedEvent): Promise<number> {
  if (!isWebhookEvent(event.type) || !event.agreementId) return 0;
  const endpoints = await trx
    .selectFrom("webhook_endpoint")
    .innerJoin("agreement_party", "agreement_party.organization_id", "webhook_endpoint.organization_id")
    .select(["webhook_endpoint.id", "webhook_endpoint.events"])
    .where("agreement_party.agreement_id", "=", event.agreementId)
    .execute();
  const chosen = [...new Map(endpoints.map((e) => [e.id, e])).values()].filter((e) =>
    (JSON.parse(e.events) as string[]).includes(event.type),
  );
  if (!chosen.length) return 0;
  await trx
    .insertInto("webhook_delivery")
    .values(
      chosen.map((e) => ({
        id: newId(),
        endpoint_id: e.id,
        event_id: event.id,
        event_key: event.id,
        event_type: event.type,
        agreement_id: event.agreementId,
        subject_id: event.subjectId,
        data: event.data,
        occurred_at: event.createdAt,
        body: null,
        next_attempt_at: event.createdAt,
        claimed_at: null,
        last_status_code: null,
        last_error: null,
        sent_at: null,
        created_at: event.createdAt,
      })),
    )
    .onConflict((oc) => oc.columns(["endpoint_id", "event_key"]).doNothing())
    .execute();
  return chosen.length;
}
