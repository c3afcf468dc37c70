/**
 * The money, report and action-item webhook events, from the one place each state changes: a
 * tranche made due (activation), paid and received (the finance commands), a report submitted and
 * accepted (the report commands), an action item coming due (the daily job). Each reaches a real
 * receiver on loopback once per endpoint that chose it, signed (checked with node:crypto), with the
 * agreement as the receiving organization sees it; an organization that is not a party gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTranche } from "~/domain/finance/budget.server";
import { confirmReceipt, recordPayment } from "~/domain/finance/tranches.server";
import { runDailyJobs } from "~/domain/jobs/daily.server";
import { acceptReport, getReport, saveReport, startReport, submitReport } from "~/domain/report/report.server";
import { addEndpoint, listEndpoints, sendDueWebhooks } from "~/domain/webhook/webhooks.server";
import type { WebhookEvent } from "~/domain/webhook/webhook";
import { addDaysTo, todayInMorocco } from "~/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { FACTORY_PASSWORD, factories, type Person, type TestAgreement } from "../support/factories";
import { startReceiver, verifySignature, type Received } from "../support/webhook-receiver";

const EVENTS: WebhookEvent[] = [
  "tranche.due",
  "tranche.paid",
  "tranche.received",
  "report.submitted",
  "report.accepted",
  "action_item.due",
];

let t: TestDatabase;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await createTestDatabase();
  f = factories(t.db);
});
afterAll(() => t.close());

function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result;
}

async function endpointFor(person: Person) {
  const rx = await startReceiver();
  const added = must(
    await addEndpoint(t.db, person.actor, person.meta, {
      organizationId: person.organizationId,
      url: rx.url,
      events: EVENTS,
      allowPrivate: true,
    }),
    "addEndpoint",
  );
  const secret = (await listEndpoints(t.db, person.actor, person.organizationId))!.find(
    (e) => e.id === (added as { id: string }).id,
  )!.secret;
  return { rx, secret };
}

async function reportAccepted(a: TestAgreement) {
  const started = await startReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
    kind: "progress",
    periodFrom: "2026-01-01",
    periodTo: "2026-06-30",
  });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const { reportId } = started;
  const draft = (await getReport(t.db, a.id, reportId))!;
  must(
    await saveReport(t.db, a.owner.actor, a.owner.meta, await a.load(), {
      reportId,
      version: draft.version,
      summary: "Trois journées de consultation à Smara.",
      activities: "",
      difficulties: "",
      nextPeriod: "",
      deliveriesComment: "",
      financialComment: "",
      indicators: {},
    }),
    "saveReport",
  );
  const saved = (await getReport(t.db, a.id, reportId))!;
  must(
    await submitReport(t.db, a.owner.actor, a.owner.meta, await a.load(), { reportId, version: saved.version }),
    "submitReport",
  );
  must(
    await acceptReport(t.db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      reportId,
      decision: "accepted",
      password: FACTORY_PASSWORD,
    }),
    "acceptReport",
  );
  return reportId;
}

describe("money, report and action-item events", () => {
  it("each event is delivered once to each party's endpoint, signed, and never to another organization's", async () => {
    const today = todayInMorocco();
    const a = await f.agreement({ title: "Convention suivie par webhooks", committee: true });
    const parties = await a.parties();
    const association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
    const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
    const tranche = must(
      await addTranche(t.db, a.owner.actor, a.owner.meta, await a.load(), {
        payerPartyId: partner,
        receiverPartyId: association,
        amount: 5_000_000,
        currency: "MAD",
        plannedOn: undefined,
        condition: "signature",
        conditionDeliverableId: undefined,
        conditionOutcomeId: undefined,
        graceDays: 30,
      }),
      "addTranche",
    ) as { id: string };
    const receivers = [await endpointFor(a.owner), await endpointFor(a.partner)];
    const outsider = await endpointFor(await f.person({ role: "president" }));

    await a.moveTo("active"); // tranche.due, in the activation's transaction
    const payer = await f.person({ organizationId: a.partner.organizationId, role: "treasurer" });
    must(
      await recordPayment(t.db, payer.actor, payer.meta, await a.load(payer), {
        trancheId: tranche.id,
        paidOn: today,
        amount: 5_000_000,
        method: "transfer",
        reference: "VIR-77",
        proof: null,
      }),
      "recordPayment",
    );
    const receiver = await f.person({ organizationId: a.owner.organizationId, role: "treasurer" });
    must(
      await confirmReceipt(t.db, receiver.actor, receiver.meta, await a.load(receiver), {
        trancheId: tranche.id,
        receivedOn: today,
        amountMad: 5_000_000,
      }),
      "confirmReceipt",
    );
    const reportId = await reportAccepted(a);
    const c = await f.committee(a);
    await f.heldMeeting(a, c, {
      date: today,
      today,
      actionItems: [{ title: "Envoyer la liste des bénéficiaires", owner: "owner", dueDate: addDaysTo(today, 3) }],
      approve: false,
    });
    // The daily job announces the item due once, however often it runs.
    expect((await runDailyJobs(t.db)).actionItemsDue).toBe(1);
    expect((await runDailyJobs(t.db)).actionItemsDue).toBe(0);

    await sendDueWebhooks(t.db, { allowPrivate: true });
    await sendDueWebhooks(t.db, { allowPrivate: true });

    for (const { rx, secret } of receivers) {
      const types = rx.received.map((r) => String(r.headers["charaka-event"]));
      expect(types.sort()).toEqual([...EVENTS].sort());
      for (const req of rx.received)
        expect(verifySignature(secret, String(req.headers["charaka-signature"]), req.body).ok).toBe(true);
      const body = (type: string) =>
        JSON.parse(rx.received.find((r) => r.headers["charaka-event"] === type)!.body) as {
          agreement: { id: string };
          subjectId: string;
          data: Record<string, unknown>;
        };
      expect(body("tranche.paid")).toMatchObject({
        agreement: { id: a.id },
        subjectId: tranche.id,
        data: { number: 1, method: "transfer", reference: "VIR-77" },
      });
      expect(body("report.accepted")).toMatchObject({ subjectId: reportId, data: { complete: true } });
      expect(body("action_item.due").data).toMatchObject({
        title: "Envoyer la liste des bénéficiaires",
        dueDate: addDaysTo(today, 3),
      });
      await rx.close();
    }
    expect(outsider.rx.received).toEqual([] as Received[]);
    await outsider.rx.close();
  });
});
