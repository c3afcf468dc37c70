/**
 * The money and the reports through the API: tranches, expenses and reports read as the pages show
 * them to a member of the token's organization (another organization gets 404, another party's draft
 * report is never listed), the dossier's status on /organization, and recording a payment through
 * the page's command and form — only with the `payments` scope, only on the payer's side, audited
 * under the token's account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerApi } from "~/domain/api/handler.server";
import { apiOperation } from "~/domain/api/operations.server";
import { createToken } from "~/domain/api/tokens.server";
import type { TokenAccess } from "~/domain/api/tokens";
import { addBudgetLine, addTranche } from "~/domain/finance/budget.server";
import { recordExpense } from "~/domain/finance/expenses.server";
import { startReport } from "~/domain/report/report.server";
import { addDaysTo, todayInMorocco } from "~/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let f: ReturnType<typeof factories>;
let a: TestAgreement;
let trancheId = "";
let lineId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  f = factories(t.db);
  a = await f.agreement({ title: "Convention financée (API)" });
  const parties = await a.parties();
  const association = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
  const partner = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
  const tranche = await addTranche(t.db, a.owner.actor, a.owner.meta, await a.load(), {
    payerPartyId: partner,
    receiverPartyId: association,
    amount: 9_000_000,
    currency: "MAD",
    plannedOn: undefined,
    condition: "signature",
    conditionDeliverableId: undefined,
    conditionOutcomeId: undefined,
    graceDays: 30,
  });
  if (!tranche.ok) throw new Error(JSON.stringify(tranche));
  trancheId = tranche.id;
  const line = await addBudgetLine(t.db, a.owner.actor, a.owner.meta, await a.load(), {
    category: "transport",
    description: "Transport",
    planActionId: undefined,
    partyId: partner,
    kind: "cash",
    amount: 1_500_000,
    hours: undefined,
    hourlyRate: undefined,
    deliverableId: undefined,
    note: undefined,
  });
  if (!line.ok) throw new Error(JSON.stringify(line));
  lineId = line.id;
  await a.moveTo("active");
});
afterAll(() => t.close());

async function tokenOf(person: Person, access: TokenAccess) {
  const created = await createToken(t.db, person.actor, person.meta, {
    organizationId: person.organizationId,
    name: `API ${access}`,
    access,
    expiresOn: addDaysTo(todayInMorocco(), 30),
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created;
}

function call(
  id: string,
  token: string,
  params: Record<string, string>,
  init: { path?: string; body?: unknown; query?: string; locale?: string } = {},
) {
  const op = apiOperation(id);
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
  return answerApi(t.db, op, {
    request: new Request(`http://charaka.test/api/v1${path}${init.query ?? ""}`, {
      method: op.method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.locale ? { "Accept-Language": init.locale } : {}),
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
    params,
  });
}

const payment = { paidOn: todayInMorocco(), amount: "90000.00", method: "transfer", reference: "VIR-2026-118" };

describe("reading the money and the reports", () => {
  it("both parties' tokens read the tranches, expenses and reports; another organization's token gets 404", async () => {
    const treasurer = await f.person({ organizationId: a.owner.organizationId, role: "treasurer" });
    expect(
      (
        await recordExpense(t.db, treasurer.actor, treasurer.meta, await a.load(treasurer), {
          budgetLineId: lineId,
          partyId: undefined,
          spentOn: "2026-05-10",
          supplier: "Transports Atlas",
          description: "Location d'un minibus",
          amount: 250_000,
          method: "transfer",
          receipt: null,
        })
      ).ok,
    ).toBe(true);
    const owner = await tokenOf(a.owner, "read");
    const partner = await tokenOf(a.partner, "read");
    const outsider = await tokenOf(await f.person({ role: "president" }), "read");
    const params = { agreementId: a.id };
    for (const token of [owner, partner]) {
      const tranches = await call("listTranches", token.secret, params);
      expect(tranches.status).toBe(200);
      expect(await tranches.json()).toMatchObject({
        data: [{ id: trancheId, number: 1, status: "due", amountMinor: 9_000_000, currency: "MAD", canPay: false }],
        nextCursor: null,
      });
      const expenses = (await (await call("listExpenses", token.secret, params)).json()) as {
        data: { supplier: string; amountMinor: number; budgetLineId: string }[];
      };
      expect(expenses.data).toMatchObject([
        { supplier: "Transports Atlas", amountMinor: 250_000, budgetLineId: lineId },
      ]);
    }
    for (const id of ["listTranches", "listExpenses", "listReports"])
      expect((await call(id, outsider.secret, params)).status).toBe(404);
  });

  it("filters and cursors: tranches by status, expenses by date", async () => {
    const token = await tokenOf(a.partner, "read");
    const params = { agreementId: a.id };
    const planned = (await (await call("listTranches", token.secret, params, { query: "?status=planned" })).json()) as {
      data: unknown[];
    };
    expect(planned.data).toEqual([]);
    const later = (await (await call("listExpenses", token.secret, params, { query: "?from=2026-05-11" })).json()) as {
      data: unknown[];
    };
    expect(later.data).toEqual([]);
    const bad = await call("listExpenses", token.secret, params, { query: "?from=10/05/2026" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["from"]);
  });

  it("another party's draft report is not listed; its own is", async () => {
    const b = await f.agreement({ status: "active" });
    const started = await startReport(t.db, b.owner.actor, b.owner.meta, await b.load(), {
      kind: "progress",
      periodFrom: "2026-01-01",
      periodTo: "2026-06-30",
    });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const own = (await (
      await call("listReports", (await tokenOf(b.owner, "read")).secret, { agreementId: b.id })
    ).json()) as {
      data: { id: string; status: string }[];
    };
    expect(own.data).toMatchObject([{ id: started.reportId, status: "draft", kind: "progress" }]);
    const partner = (await (
      await call("listReports", (await tokenOf(b.partner, "read")).secret, { agreementId: b.id })
    ).json()) as { data: unknown[] };
    expect(partner.data).toEqual([]);
  });

  it("the organization answers its dossier's status: what is missing", async () => {
    const token = await tokenOf(a.owner, "read");
    const res = await call("getOrganization", token.secret, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: a.owner.organizationId,
      dossier: { complete: false, valid: false, missing: expect.arrayContaining(["statutes", "tax_certificate"]) },
    });
  });
});

describe("recording a payment", () => {
  it("a write token without the payments scope gets 403, and nothing is recorded", async () => {
    const token = await tokenOf(a.partner, "read write");
    const res = await call("recordPayment", token.secret, { agreementId: a.id, trancheId }, { body: payment });
    expect(res.status).toBe(403);
    const events = await t.db.selectFrom("tranche_event").select("kind").where("tranche_id", "=", trancheId).execute();
    expect(events.map((e) => e.kind)).toEqual(["due"]);
  });

  it("the receiver's payments token may not record the payer's payment: 404, as the page's rule says", async () => {
    const token = await tokenOf(a.owner, "read write payments");
    const res = await call("recordPayment", token.secret, { agreementId: a.id, trancheId }, { body: payment });
    expect(res.status).toBe(404);
  });

  it("the body is checked by the page's payment form: 400 with each field's path, in the client's language", async () => {
    const token = await tokenOf(a.partner, "read write payments");
    const res = await call(
      "recordPayment",
      token.secret,
      { agreementId: a.id, trancheId },
      { body: { paidOn: "hier", amount: "-5", method: "bitcoin" }, locale: "fr" },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { errors: { path: string; detail: string }[] };
    expect([...new Set(body.errors.map((e) => e.path))].sort()).toEqual(["amount", "method", "paidOn"]);
    expect(body.errors.find((e) => e.path === "method")!.detail).toBe("Choisissez l’une des options.");
  });

  it("the payer's payments token records the payment with the page's command, audited under the token's account", async () => {
    const token = await tokenOf(a.partner, "read write payments");
    const listed = (await (await call("listTranches", token.secret, { agreementId: a.id })).json()) as {
      data: { canPay: boolean }[];
    };
    expect(listed.data[0]!.canPay).toBe(true);
    const res = await call("recordPayment", token.secret, { agreementId: a.id, trancheId }, { body: payment });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      id: trancheId,
      status: "paid",
      canPay: false,
      events: [
        { kind: "due" },
        { kind: "paid", amountMinor: 9_000_000, method: "transfer", reference: "VIR-2026-118" },
      ],
    });
    const audit = await t.db
      .selectFrom("audit_event")
      .select(["type", "actor_user_id"])
      .where("subject_id", "=", trancheId)
      .where("type", "=", "tranche.paid")
      .executeTakeFirstOrThrow();
    const tokenRow = await t.db
      .selectFrom("api_token")
      .select("user_id")
      .where("id", "=", token.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(tokenRow.user_id);
    // The state machine of the page: a paid tranche is not paid twice.
    const again = await call("recordPayment", token.secret, { agreementId: a.id, trancheId }, { body: payment });
    expect(again.status).toBe(422);
  });
});
