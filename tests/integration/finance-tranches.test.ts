/**
 * Funding tranches once signed (issue #20): each condition makes its tranche due inside the command
 * that meets it (activation, a deliverable's confirmation, the decision's approved minutes, a report's
 * acceptance, the date by the daily job); the receiver calls, the payer pays with a proof, the
 * receiver confirms what reached the bank and the fees are kept; a mistake is reversed, never edited;
 * cancelling needs a decision; a payer based abroad makes the association's declaration obligation.
 * After every command the stored status is the state its events give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { inTransaction } from "../../db/transaction";
import { addTranche } from "~/domain/finance/budget.server";
import { trancheState } from "~/domain/finance/tranche";
import {
  callForFunds,
  cancelTranche,
  confirmReceipt,
  loadTranche,
  markConditionsMet,
  recordPayment,
  reverseTrancheEvent,
  tieTrancheToDecision,
} from "~/domain/finance/tranches.server";
import { trancheDocumentModel, renderCallForFundsPdf } from "~/domain/finance/call-for-funds-pdf.server";
import { renderAcknowledgementPdf } from "~/domain/finance/receipt-ack-pdf.server";
import { addDeliverable, moveDeliverable, recordDelivery } from "~/domain/delivery/deliverables.server";
import { attachObligationEvidence, listObligations } from "~/domain/delivery/obligations.server";
import { currentSnapshot } from "~/domain/agreement/agreement.queries.server";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { runDailyJobs } from "~/domain/jobs/daily.server";
import { notifyMoney } from "~/domain/notify/notify.server";
import { storeFile } from "~/lib/uploads.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement } from "../support/factories";
import { pdfText, writeTemp } from "../support/pdf";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
});
afterAll(() => t.close());

const proof = () => storeFile(Buffer.from("%PDF-1.4 preuve de virement"), "pdf", "virement.pdf");

/** A draft with one tranche per condition given (partner → association), then signed. */
async function signedWith(
  tranches: Array<{
    condition: "signature" | "date" | "deliverable_confirmed" | "report_accepted" | "committee_decision";
    plannedOn?: string;
    deliverable?: boolean;
    currency?: "MAD" | "EUR";
  }>,
  options: { partnerCountry?: string } = {},
) {
  const a = await f.agreement({ title: "Convention avec tranches" });
  if (options.partnerCountry)
    await db
      .updateTable("organization")
      .set({ country: options.partnerCountry })
      .where("id", "=", a.partner.organizationId)
      .execute();
  const parties = await a.parties();
  const association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
  const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
  let deliverableId: string | undefined;
  if (tranches.some((x) => x.deliverable)) {
    const d = await addDeliverable(db, a.owner.actor, a.owner.meta, await a.load(), {
      kind: "medical_campaign",
      title: "Campagne de Smara",
      responsiblePartyId: association,
      targetQuantity: 10,
      unit: "patients",
      items: [],
    });
    if (!d.ok) throw new Error("deliverable");
    deliverableId = d.id;
  }
  const ids: string[] = [];
  for (const x of tranches) {
    const added = await addTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
      payerPartyId: partner,
      receiverPartyId: association,
      amount: 9_000_000,
      currency: x.currency ?? "MAD",
      plannedOn: x.plannedOn,
      condition: x.condition,
      conditionDeliverableId: x.deliverable ? deliverableId : undefined,
      conditionOutcomeId: undefined,
      graceDays: 30,
    });
    if (!added.ok) throw new Error(`tranche ${JSON.stringify(added)}`);
    ids.push(added.id);
  }
  await a.moveTo("active");
  return { a, ids, association, partner, deliverableId };
}

/** The stored status is the state the events give (the rule every command keeps). */
async function state(a: TestAgreement, trancheId: string) {
  const tr = (await loadTranche(db, a.id, trancheId))!;
  expect(tr.status).toBe(trancheState(tr.events));
  return tr;
}

async function treasurerOf(organizationId: string): Promise<Person> {
  return f.person({ organizationId, role: "treasurer" });
}

describe("conditions", () => {
  it("on signature: due the day it is signed, in the activation's transaction, audited in the chain", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }, { condition: "date", plannedOn: "2099-01-01" }]);
    const first = await state(a, ids[0]!);
    expect(first.status).toBe("due");
    expect(first.due_since).toBe((await a.load()).agreement.signed_on);
    expect((await state(a, ids[1]!)).status).toBe("planned");
    const due = await db
      .selectFrom("audit_event")
      .select("data")
      .where("agreement_id", "=", a.id)
      .where("type", "=", "tranche.due")
      .execute();
    expect(due.map((e) => JSON.parse(e.data).number)).toEqual([1]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("on a date: the daily job makes it due once the date has come, once", async () => {
    const { a, ids } = await signedWith([{ condition: "date", plannedOn: "2027-03-01" }]);
    await runDailyJobs(db, new Date("2027-02-28T10:00:00Z"));
    expect((await state(a, ids[0]!)).status).toBe("planned");
    const report = await runDailyJobs(db, new Date("2027-03-01T10:00:00Z"));
    expect(report.tranchesDue).toBeGreaterThanOrEqual(1);
    const tr = await state(a, ids[0]!);
    expect([tr.status, tr.due_since]).toEqual(["due", "2027-03-01"]);
    await runDailyJobs(db, new Date("2027-03-02T10:00:00Z"));
    expect((await state(a, ids[0]!)).events.filter((e) => e.kind === "due")).toHaveLength(1);
  });

  it("when a deliverable is confirmed by the partner", async () => {
    const { a, ids, deliverableId } = await signedWith([{ condition: "deliverable_confirmed", deliverable: true }]);
    await recordDelivery(db, a.owner.actor, a.owner.meta, await a.load(), {
      deliverableId: deliverableId!,
      deliveredOn: "2026-04-15",
      quantity: 10,
      beneficiaries: 10,
      itemQuantities: {},
    });
    await moveDeliverable(db, a.owner.actor, a.owner.meta, await a.load(), {
      deliverableId: deliverableId!,
      action: "markDelivered",
    });
    expect((await state(a, ids[0]!)).status).toBe("planned");
    expect(
      (
        await moveDeliverable(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
          deliverableId: deliverableId!,
          action: "confirm",
        })
      ).ok,
    ).toBe(true);
    expect((await state(a, ids[0]!)).status).toBe("due");
  });

  it("when the committee decides: tied to the decision, due once its minutes are approved", async () => {
    const { a, ids } = await signedWith([{ condition: "committee_decision" }]);
    const circulated = await f.decision(a.id, { approved: false });
    expect(
      (
        await tieTrancheToDecision(db, a.owner.actor, a.owner.meta, await a.load(), {
          trancheId: ids[0]!,
          outcomeId: circulated.outcomeId,
        })
      ).ok,
    ).toBe(true);
    expect((await state(a, ids[0]!)).status).toBe("planned");
    // The minutes are approved (by approveMinutes, which calls the same hook in its transaction).
    await db
      .updateTable("meeting")
      .set({ minutes_status: "approved" })
      .where("id", "=", circulated.meetingId)
      .execute();
    await inTransaction(db, (trx) =>
      markConditionsMet(trx, { kind: "committee_decision", meetingId: circulated.meetingId }),
    );
    expect((await state(a, ids[0]!)).status).toBe("due");
    // A partner may not tie a tranche to a decision.
    expect(
      await tieTrancheToDecision(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        trancheId: ids[0]!,
        outcomeId: circulated.outcomeId,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });

  it("when a report is accepted: the hook the reports call (issue #21) makes its tranche due", async () => {
    const { a, ids } = await signedWith([{ condition: "report_accepted" }]);
    await db
      .updateTable("tranche")
      .set({ condition_report_id: "report0000000001" })
      .where("id", "=", ids[0]!)
      .execute();
    await inTransaction(db, (trx) =>
      markConditionsMet(trx, { kind: "report_accepted", agreementId: a.id, reportId: "report0000000002" }),
    );
    expect((await state(a, ids[0]!)).status).toBe("planned");
    const made = await inTransaction(db, (trx) =>
      markConditionsMet(trx, { kind: "report_accepted", agreementId: a.id, reportId: "report0000000001" }),
    );
    expect(made).toEqual([ids[0]]);
    expect((await state(a, ids[0]!)).status).toBe("due");
  });

  it("tranches planned 'on report accepted' before any report exists are released one per accepted report, in order", async () => {
    const { a, ids } = await signedWith([{ condition: "report_accepted" }, { condition: "report_accepted" }]);
    const accept = (reportId: string) =>
      inTransaction(db, (trx) => markConditionsMet(trx, { kind: "report_accepted", agreementId: a.id, reportId }));
    expect(await accept("report0000000010")).toEqual([ids[0]]);
    expect((await state(a, ids[1]!)).status).toBe("planned");
    // The same report accepted again (a second partner's acceptance) releases nothing more.
    expect(await accept("report0000000010")).toEqual([]);
    expect(await accept("report0000000011")).toEqual([ids[1]]);
    const linked = await db
      .selectFrom("tranche")
      .select(["id", "condition_report_id"])
      .where("id", "in", ids)
      .execute();
    expect(Object.fromEntries(linked.map((r) => [r.id, r.condition_report_id]))).toEqual({
      [ids[0]!]: "report0000000010",
      [ids[1]!]: "report0000000011",
    });
  });
});

describe("called, paid, received", () => {
  it("the receiver calls, the payer pays with its proof, the receiver confirms with 15 MAD of fees; PDFs in French and Arabic", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }]);
    const treasurer = await treasurerOf(a.owner.organizationId);
    const id = ids[0]!;
    // The payer cannot call; the receiver's treasurer does.
    expect(
      await callForFunds(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
        trancheId: id,
        calledOn: "2026-02-01",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      (
        await callForFunds(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
          trancheId: id,
          calledOn: "2026-02-01",
        })
      ).ok,
    ).toBe(true);
    expect((await state(a, id)).status).toBe("called");
    const model = (await trancheDocumentModel(db, a.id, id))!;
    const call = pdfText(writeTemp(await renderCallForFundsPdf(model, "fr")));
    expect(call).toContain("Appel de fonds");
    expect(call).toMatch(/90\D000,00\sMAD/);
    const callAr = pdfText(writeTemp(await renderCallForFundsPdf(model, "ar")));
    expect(callAr).toContain("طلب صرف الدفعة");

    // The receiver cannot record the payer's payment.
    const pay = {
      trancheId: id,
      paidOn: "2026-02-05",
      amount: 9_000_000,
      method: "transfer",
      reference: "VIR-0205",
      proof: proof(),
    };
    expect(await recordPayment(db, treasurer.actor, treasurer.meta, await a.load(treasurer), pay)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), pay)).ok).toBe(true);
    expect((await state(a, id)).status).toBe("paid");
    expect(await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), pay)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.notPayable" }],
    });

    const received = await confirmReceipt(db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
      trancheId: id,
      receivedOn: "2026-02-07",
      amountMad: 8_998_500,
    });
    expect(received).toEqual({ ok: true, declarationId: null });
    const tr = await state(a, id);
    expect(tr.status).toBe("received");
    expect(tr.events.at(-1)).toMatchObject({ kind: "received", amountMadMinor: 8_998_500, feeMinor: 1_500 });
    const ack = pdfText(writeTemp(await renderAcknowledgementPdf((await trancheDocumentModel(db, a.id, id))!, "fr")));
    expect(ack).toContain("Accusé de réception de fonds");
    expect(ack).toMatch(/15,00\sMAD/);
    const proofs = await db.selectFrom("attachment").select("purpose").where("owner_id", "=", id).execute();
    expect(proofs.map((p) => p.purpose)).toEqual(["payment_proof"]);
  });

  it("a mistake is reversed by the side that recorded it, then recorded again; nothing is edited", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }]);
    const id = ids[0]!;
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: id,
      paidOn: "2026-02-05",
      amount: 900_000,
      method: "transfer",
      proof: null,
    });
    const wrong = (await state(a, id)).events.at(-1)!;
    // The receiver may not reverse the payer's entry.
    expect(
      await reverseTrancheEvent(db, a.owner.actor, a.owner.meta, await a.load(), {
        trancheId: id,
        eventId: wrong.id,
        reason: "x",
        today: "2026-02-06",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      (
        await reverseTrancheEvent(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
          trancheId: id,
          eventId: wrong.id,
          reason: "Montant erroné (un zéro manquant)",
          today: "2026-02-06",
        })
      ).ok,
    ).toBe(true);
    expect((await state(a, id)).status).toBe("due");
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: id,
      paidOn: "2026-02-05",
      amount: 9_000_000,
      method: "transfer",
      proof: null,
    });
    const tr = await state(a, id);
    expect(tr.status).toBe("paid");
    expect(tr.events.map((e) => [e.kind, e.amountMinor])).toEqual([
      ["due", null],
      ["paid", 900_000],
      ["reversed", null],
      ["paid", 9_000_000],
    ]);
    // The reversed entry is not reversible again, nor is Charaka's 'due'.
    expect(
      (
        await reverseTrancheEvent(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
          trancheId: id,
          eventId: wrong.id,
          reason: "x",
          today: "2026-02-06",
        })
      ).ok,
    ).toBe(false);
  });

  it("cancelling needs the reason and a decision of approved minutes, by the owner's managers, before payment", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }, { condition: "date", plannedOn: "2099-01-01" }]);
    const circulated = await f.decision(a.id, { approved: false });
    const input = { trancheId: ids[1]!, reason: "Projet réduit", outcomeId: circulated.outcomeId, today: "2026-05-01" };
    expect(await cancelTranche(db, a.owner.actor, a.owner.meta, await a.load(), input)).toEqual({
      ok: false,
      error: "rule",
      errors: [{ key: "finance.error.decisionNotApproved" }],
    });
    const { outcomeId } = await f.decision(a.id);
    expect(
      await cancelTranche(db, a.partner.actor, a.partner.meta, await a.load(a.partner), { ...input, outcomeId }),
    ).toEqual({ ok: false, error: "not_found" });
    expect((await cancelTranche(db, a.owner.actor, a.owner.meta, await a.load(), { ...input, outcomeId })).ok).toBe(
      true,
    );
    const tr = await state(a, ids[1]!);
    expect([tr.status, tr.cancelled_reason, tr.cancelled_outcome_id]).toEqual([
      "cancelled",
      "Projet réduit",
      outcomeId,
    ]);
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: ids[0]!,
      paidOn: "2026-02-05",
      amount: 9_000_000,
      method: "cheque",
      proof: null,
    });
    expect(
      (
        await cancelTranche(db, a.owner.actor, a.owner.meta, await a.load(), {
          ...input,
          trancheId: ids[0]!,
          outcomeId,
        })
      ).ok,
    ).toBe(false);
  });
});

describe("funds from abroad", () => {
  it("receiving from a payer based abroad creates the declaration obligation, due in 30 days, prefilled, closed by the proof", async () => {
    const { a, ids, association } = await signedWith([{ condition: "signature", currency: "EUR" }], {
      partnerCountry: "HK",
    });
    const id = ids[0]!;
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: id,
      paidOn: "2026-02-18",
      amount: 2_750_000,
      method: "transfer",
      proof: null,
    });
    const result = await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: id,
      receivedOn: "2026-02-21",
      amountMad: 29_942_000,
      fee: 31_000,
      locale: "fr",
    });
    if (!result.ok || !result.declarationId) throw new Error("no declaration");
    const obligation = await db
      .selectFrom("obligation")
      .selectAll()
      .where("id", "=", result.declarationId)
      .executeTakeFirstOrThrow();
    expect(obligation).toMatchObject({
      kind: "foreign_funding_declaration",
      tranche_id: id,
      responsible_party_id: association,
      due_date: "2026-03-23",
      status: "pending",
    });
    expect(obligation.description).toMatch(/299\D420,00\sMAD/);
    expect(obligation.description).toContain("HK");
    expect(obligation.description).toContain("21 février 2026");
    expect(obligation.description).toContain("32 bis");
    // Not part of the signed text.
    expect(JSON.stringify(await currentSnapshot(db, (await a.load()).agreement))).not.toContain("32 bis");
    expect(await listObligations(db, a.id, "2026-03-24")).toContainEqual(
      expect.objectContaining({ id: obligation.id, overdue: true }),
    );
    expect(
      (await attachObligationEvidence(db, a.owner.actor, a.owner.meta, await a.load(), obligation.id, proof())).ok,
    ).toBe(true);
    expect(
      (
        await db
          .selectFrom("obligation")
          .select(["status", "completed_on"])
          .where("id", "=", obligation.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("done");
  });

  it("a payer in Morocco makes none", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }]);
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: ids[0]!,
      paidOn: "2026-02-18",
      amount: 9_000_000,
      method: "transfer",
      proof: null,
    });
    const result = await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: ids[0]!,
      receivedOn: "2026-02-21",
      amountMad: 9_000_000,
    });
    expect(result).toEqual({ ok: true, declarationId: null });
  });
});

describe("notices", () => {
  it("a tranche due tells the payer, a payment the receiver, a receipt the payer — once each, with an email queued", async () => {
    const { a, ids } = await signedWith([{ condition: "signature" }]);
    const noticesOf = (p: Person, kind: string) =>
      db
        .selectFrom("notification")
        .select(["params", "link"])
        .where("user_id", "=", p.userId)
        .where("kind", "=", kind as "tranche_due")
        .execute();
    expect(await notifyMoney(db, a.id, "https://charaka.test")).toBeGreaterThanOrEqual(1);
    expect(await notifyMoney(db, a.id, "https://charaka.test")).toBe(0);
    const due = await noticesOf(a.partner, "tranche_due");
    expect(due).toHaveLength(1);
    expect(JSON.parse(due[0]!.params)).toMatchObject({ number: 1, amountMinor: 9_000_000, currency: "MAD" });
    await recordPayment(db, a.partner.actor, a.partner.meta, await a.load(a.partner), {
      trancheId: ids[0]!,
      paidOn: todayIso(),
      amount: 9_000_000,
      method: "transfer",
      proof: null,
    });
    await notifyMoney(db, a.id, "https://charaka.test");
    expect(await noticesOf(a.owner, "payment_recorded")).toHaveLength(1);
    await confirmReceipt(db, a.owner.actor, a.owner.meta, await a.load(), {
      trancheId: ids[0]!,
      receivedOn: todayIso(),
      amountMad: 8_998_500,
    });
    await notifyMoney(db, a.id, "https://charaka.test");
    expect(await noticesOf(a.partner, "receipt_confirmed")).toHaveLength(1);
    const mail = await db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("to_email", "=", a.partner.email)
      .execute();
    expect(mail.map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/réception de la tranche n° 1 confirmée — .*89\D985,00\sMAD/),
    );
  });
});

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}
