/**
 * Webhooks to a real receiver started by the test on loopback (allowed here as WEBHOOK_ALLOW_PRIVATE
 * allows it): an event recorded by a command is queued in its transaction, sent once, signed with
 * HMAC-SHA256 over "timestamp.body" (checked here with node:crypto, not with the app's code), retried
 * after the receiver answers 500, logged attempt by attempt; an organization that is not a party gets
 * nothing; and private addresses are refused unless allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDeliverable, recordDelivery } from "~/domain/delivery/deliverables.server";
import {
  addEndpoint,
  deliveryLog,
  listEndpoints,
  queueTestEvent,
  removeEndpoint,
  sendDueWebhooks,
} from "~/domain/webhook/webhooks.server";
import { RETRY_DELAYS_SECONDS } from "~/domain/webhook/webhook";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement } from "../support/factories";
import { startReceiver as receiver, verifySignature as verify, type Received } from "../support/webhook-receiver";

let t: TestDatabase;
let agreement: TestAgreement;
let deliverableId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  const f = factories(t.db);
  agreement = await f.agreement({ status: "active" });
  const ownerParty = (await agreement.parties()).find((p) => p.organizationId === agreement.owner.organizationId)!;
  const added = await addDeliverable(t.db, agreement.owner.actor, agreement.owner.meta, await agreement.load(), {
    kind: "service",
    title: "Ateliers d’alphabétisation",
    responsiblePartyId: ownerParty.id,
    targetQuantity: 10,
    unit: "ateliers",
    items: [],
  });
  if (!added.ok) throw new Error(JSON.stringify(added));
  deliverableId = added.id;
});
afterAll(() => t.close());

async function record(deliveredOn: string) {
  const { owner } = agreement;
  const result = await recordDelivery(t.db, owner.actor, owner.meta, await agreement.load(), {
    deliveredOn,
    quantity: 1,
    itemQuantities: {},
    deliverableId,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
}

describe("webhook deliveries", () => {
  it("an event is sent once, signed; after a 500 it is retried with the same id and body, and each attempt is logged", async () => {
    const rx = await receiver([500]);
    const partner = agreement.partner;
    const added = await addEndpoint(t.db, partner.actor, partner.meta, {
      organizationId: partner.organizationId,
      url: rx.url,
      events: ["delivery.recorded"],
      allowPrivate: true,
    });
    if (!added.ok) throw new Error(JSON.stringify(added));
    // Another organization's endpoint, not a party: it never hears of this agreement.
    const outsider = await factories(t.db).person({ role: "president" });
    const otherRx = await receiver();
    expect(
      (
        await addEndpoint(t.db, outsider.actor, outsider.meta, {
          organizationId: outsider.organizationId,
          url: otherRx.url,
          events: ["delivery.recorded"],
          allowPrivate: true,
        })
      ).ok,
    ).toBe(true);

    await record("2026-03-02");
    const start = new Date();
    const first = await sendDueWebhooks(t.db, { allowPrivate: true, now: () => start });
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    expect(rx.received).toHaveLength(1);
    // Not due yet: nothing is sent again before the first retry delay.
    await sendDueWebhooks(t.db, { allowPrivate: true, now: () => new Date(start.getTime() + 5_000) });
    expect(rx.received).toHaveLength(1);

    const later = new Date(start.getTime() + (RETRY_DELAYS_SECONDS[0] + 1) * 1000);
    const second = await sendDueWebhooks(t.db, { allowPrivate: true, now: () => later });
    expect(second).toMatchObject({ sent: 1 });
    expect(rx.received).toHaveLength(2);
    await sendDueWebhooks(t.db, { allowPrivate: true, now: () => new Date(later.getTime() + 3_600_000) });
    expect(rx.received).toHaveLength(2);
    expect(otherRx.received).toHaveLength(0);

    const [a, b] = rx.received as [Received, Received];
    expect(a.headers["charaka-delivery"]).toBe(b.headers["charaka-delivery"]);
    expect(a.body).toBe(b.body);
    expect(a.headers["charaka-event"]).toBe("delivery.recorded");
    const secret = (await listEndpoints(t.db, partner.actor, partner.organizationId))!.find(
      (e) => e.id === added.id,
    )!.secret;
    for (const req of rx.received) {
      const check = verify(secret, String(req.headers["charaka-signature"]), req.body);
      expect(check.ok).toBe(true);
    }
    expect(verify(secret, String(b.headers["charaka-signature"]), b.body).timestamp).toBe(
      Math.floor(later.getTime() / 1000),
    );
    // A body changed in transit no longer matches.
    expect(verify(secret, String(b.headers["charaka-signature"]), b.body.replace("2026", "2027")).ok).toBe(false);
    expect(verify("whsec_wrong", String(b.headers["charaka-signature"]), b.body).ok).toBe(false);

    const payload = JSON.parse(b.body) as {
      type: string;
      organizationId: string;
      agreement: { id: string; reference: string };
      data: { quantity: number };
    };
    expect(payload).toMatchObject({
      type: "delivery.recorded",
      organizationId: partner.organizationId,
      agreement: { id: agreement.id, reference: agreement.reference },
      data: { quantity: 1 },
    });

    const log = (await deliveryLog(t.db, partner.actor, partner.organizationId))!;
    expect(log[0]).toMatchObject({ eventType: "delivery.recorded", status: "sent", attempts: 2, lastStatusCode: 200 });
    const attempts = await t.db
      .selectFrom("webhook_attempt")
      .select("status_code")
      .where("delivery_id", "=", log[0]!.id)
      .orderBy("attempted_at")
      .execute();
    expect(attempts.map((x) => x.status_code)).toEqual([500, 200]);
    await removeEndpoint(t.db, partner.actor, partner.meta, {
      organizationId: partner.organizationId,
      endpointId: added.id,
    });
    await rx.close();
    await otherRx.close();
  });

  it("two senders at once send each delivery once", async () => {
    const rx = await receiver();
    const { owner } = agreement;
    const added = await addEndpoint(t.db, owner.actor, owner.meta, {
      organizationId: owner.organizationId,
      url: rx.url,
      events: ["delivery.recorded"],
      allowPrivate: true,
    });
    if (!added.ok) throw new Error(JSON.stringify(added));
    await record("2026-03-03");
    await record("2026-03-04");
    await Promise.all([
      sendDueWebhooks(t.db, { allowPrivate: true }),
      sendDueWebhooks(t.db, { allowPrivate: true }),
      sendDueWebhooks(t.db, { allowPrivate: true }),
    ]);
    expect(rx.received).toHaveLength(2);
    expect(new Set(rx.received.map((r) => r.headers["charaka-delivery"])).size).toBe(2);
    // The test button: one event of its own, agreement-free.
    const queued = await queueTestEvent(t.db, owner.actor, {
      organizationId: owner.organizationId,
      endpointId: added.id,
    });
    expect(queued.ok).toBe(true);
    await sendDueWebhooks(t.db, { allowPrivate: true });
    expect(rx.received).toHaveLength(3);
    expect(JSON.parse(rx.received[2]!.body)).toMatchObject({ type: "webhook.test", agreement: null });
    await removeEndpoint(t.db, owner.actor, owner.meta, { organizationId: owner.organizationId, endpointId: added.id });
    await rx.close();
  });
});

describe("server-side request forgery", () => {
  it("plain HTTP, loopback and private addresses are refused unless the operator allows them", async () => {
    const { owner } = agreement;
    const add = (url: string, allowPrivate = false) =>
      addEndpoint(t.db, owner.actor, owner.meta, {
        organizationId: owner.organizationId,
        url,
        events: ["delivery.recorded"],
        allowPrivate,
      });
    expect(await add("http://erp.example.org/hook")).toMatchObject({ errors: [{ key: "webhook.error.https" }] });
    for (const url of [
      "https://127.0.0.1/hook",
      "https://localhost/hook",
      "https://10.1.2.3/hook",
      "https://192.168.0.10/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[fd00::1]/hook",
    ])
      expect(await add(url)).toMatchObject({ errors: [{ key: "webhook.error.private" }] });
    expect(await add("not a url")).toMatchObject({ errors: [{ key: "webhook.error.url" }] });
    expect((await add("https://erp.example.org/hook")).ok).toBe(true);
  });

  it("an endpoint on loopback is not sent to when private addresses are not allowed", async () => {
    const rx = await receiver();
    const { owner } = agreement;
    const added = await addEndpoint(t.db, owner.actor, owner.meta, {
      organizationId: owner.organizationId,
      url: rx.url,
      events: ["delivery.recorded"],
      allowPrivate: true,
    });
    if (!added.ok) throw new Error(JSON.stringify(added));
    await record("2026-03-05");
    const outcome = await sendDueWebhooks(t.db, { allowPrivate: false });
    expect(outcome.retrying + outcome.failed).toBeGreaterThanOrEqual(1);
    expect(rx.received).toHaveLength(0);
    const log = (await deliveryLog(t.db, owner.actor, owner.organizationId))!;
    expect(log.find((d) => d.endpointId === added.id)?.lastError).toContain("private");
    await rx.close();
  });
});
