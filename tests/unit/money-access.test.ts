/**
 * Who may do what with an agreement's money (issue #20), as a matrix: the payer's money handlers
 * (president, admin, treasurer) pay, the receiver's call for funds and confirm receipts, a plain
 * member reads, the spender records expenses and answers, the other parties question, a treasurer
 * may not edit the budget (it is the text), and nothing moves before signature.
 */
import { describe, expect, it } from "vitest";
import {
  canAnswerExpenseQuery,
  canCallForFunds,
  canConfirmReceipt,
  canEditBudget,
  canQueryExpense,
  canRecordExpense,
  canRecordPayment,
  canReverseTrancheEvent,
  type Actor,
  type AgreementAccessFacts,
} from "~/domain/access/access";

const ASSOCIATION = "sofara0000000000";
const PARTNER = "clearvision00000";
const OUTSIDER = "insaf00000000000";
type Role = "president" | "admin" | "treasurer" | "member";
const person = (organizationId: string, role: Role): Actor => ({
  userId: `${organizationId}-${role}`,
  isPlatformAdmin: false,
  memberships: [{ organizationId, role }],
});
const agreement = (status: AgreementAccessFacts["status"]): AgreementAccessFacts => ({
  ownerOrganizationId: ASSOCIATION,
  partyOrganizationIds: [ASSOCIATION, PARTNER],
  status,
});
const tranche = { payerOrganizationId: PARTNER, receiverOrganizationId: ASSOCIATION };

describe("the money's rights matrix (agreement in force)", () => {
  const a = agreement("active");
  const cases: Array<{
    who: string;
    actor: Actor;
    pay: boolean;
    call: boolean;
    receive: boolean;
    spend: boolean;
    query: boolean;
    answer: boolean;
    editBudget: boolean;
  }> = [
    {
      who: "association president",
      actor: person(ASSOCIATION, "president"),
      pay: false,
      call: true,
      receive: true,
      spend: true,
      query: false,
      answer: true,
      editBudget: false,
    },
    {
      who: "association treasurer",
      actor: person(ASSOCIATION, "treasurer"),
      pay: false,
      call: true,
      receive: true,
      spend: true,
      query: false,
      answer: true,
      editBudget: false,
    },
    {
      who: "association member",
      actor: person(ASSOCIATION, "member"),
      pay: false,
      call: false,
      receive: false,
      spend: false,
      query: false,
      answer: false,
      editBudget: false,
    },
    {
      who: "partner admin (CSR officer)",
      actor: person(PARTNER, "admin"),
      pay: true,
      call: false,
      receive: false,
      spend: false,
      query: true,
      answer: false,
      editBudget: false,
    },
    {
      who: "partner treasurer",
      actor: person(PARTNER, "treasurer"),
      pay: true,
      call: false,
      receive: false,
      spend: false,
      query: true,
      answer: false,
      editBudget: false,
    },
    {
      who: "partner member",
      actor: person(PARTNER, "member"),
      pay: false,
      call: false,
      receive: false,
      spend: false,
      query: true,
      answer: false,
      editBudget: false,
    },
    {
      who: "another organization's president",
      actor: person(OUTSIDER, "president"),
      pay: false,
      call: false,
      receive: false,
      spend: false,
      query: false,
      answer: false,
      editBudget: false,
    },
  ];
  for (const c of cases) {
    it(`${c.who}: pay=${c.pay} call=${c.call} receive=${c.receive} spend=${c.spend} query=${c.query} answer=${c.answer}`, () => {
      expect(canRecordPayment(c.actor, a, tranche)).toBe(c.pay);
      expect(canReverseTrancheEvent(c.actor, a, tranche, "paid")).toBe(c.pay);
      expect(canCallForFunds(c.actor, a, tranche)).toBe(c.call);
      expect(canConfirmReceipt(c.actor, a, tranche)).toBe(c.receive);
      expect(canReverseTrancheEvent(c.actor, a, tranche, "received")).toBe(c.receive);
      expect(canRecordExpense(c.actor, a, ASSOCIATION)).toBe(c.spend);
      expect(canQueryExpense(c.actor, a, ASSOCIATION)).toBe(c.query);
      expect(canAnswerExpenseQuery(c.actor, a, ASSOCIATION)).toBe(c.answer);
      expect(canEditBudget(c.actor, a)).toBe(c.editBudget);
    });
  }
});

describe("before signature", () => {
  it("the budget is drafted by the association's president, not its treasurer; no money moves", () => {
    const draft = agreement("draft");
    expect(canEditBudget(person(ASSOCIATION, "president"), draft)).toBe(true);
    expect(canEditBudget(person(ASSOCIATION, "treasurer"), draft)).toBe(false);
    expect(canRecordPayment(person(PARTNER, "admin"), draft, tranche)).toBe(false);
    expect(canConfirmReceipt(person(ASSOCIATION, "treasurer"), draft, tranche)).toBe(false);
    expect(canRecordExpense(person(ASSOCIATION, "treasurer"), draft, ASSOCIATION)).toBe(false);
  });
});
