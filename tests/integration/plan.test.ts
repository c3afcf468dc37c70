import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { addDeliverable } from "~/domain/delivery/deliverables.server";
import { comparePlans } from "~/domain/plan/plan";
import {
  addAction,
  addIndicator,
  createPlan,
  getPlan,
  movePlan,
  planVersions,
  recordActionProgress,
} from "~/domain/plan/plan.server";
import { planView } from "~/domain/plan/plan-view.server";
import { transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
let db: DB;
let agreementId = "";
const meta = (a: Actor) => ({ actorUserId: a.userId, ip: null, userAgent: "vitest" });

/** The association's president and its partner on the agreement under test. */
let president: Actor;
let partner: Actor;
/** The president of an organization that is no party to it. */
let outsider: Actor;
let insafParty = "";
const loaded = async (a: Actor) => (await findAgreement(db, a, agreementId))!;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  // In force for three years from September 2025, with a quarterly report to the partner.
  const a = await factories(db).agreement({
    status: "active",
    effectiveDate: "2025-09-01",
    durationMonths: 36,
    obligations: [{ description: "Rapport trimestriel d’exécution au partenaire", recurrence: "quarterly" }],
  });
  agreementId = a.id;
  president = a.owner.actor;
  partner = a.partner.actor;
  outsider = (await factories(db).person()).actor;
  insafParty = (await a.parties()).find((p) => p.organizationId === a.owner.organizationId)!.id;
});
afterAll(() => t.close());

describe("the annual action plan", () => {
  it("is drafted with actions and indicators, submitted, adopted with a date, then revised into a second version", async () => {
    expect(
      (await createPlan(db, president, meta(president), await loaded(president), { year: 2026, prefill: false })).ok,
    ).toBe(true);
    expect(
      await movePlan(db, president, meta(president), await loaded(president), { year: 2026, move: "submit" }),
    ).toMatchObject({
      ok: false,
      errors: [{ key: "plan.error.noAction" }],
    });
    await addAction(db, president, meta(president), await loaded(president), {
      year: 2026,
      objective: "Équiper 325 enfants de cartables",
      priority: "high",
      responsiblePartyId: insafParty,
      startDate: "2026-09-01",
      endDate: "2026-10-15",
    });
    await addAction(db, president, meta(president), await loaded(president), {
      year: 2026,
      objective: "Ateliers numériques",
      priority: "medium",
      responsiblePartyId: insafParty,
      startDate: "2026-02-01",
      endDate: "2026-12-31",
      budget: 2_000_000,
    });
    const plan = (await getPlan(db, agreementId, 2026))!;
    await addIndicator(db, president, meta(president), await loaded(president), {
      actionId: plan.actions[0]!.id,
      name: "enfants équipés de cartables",
      unit: "enfants",
      baseline: 0,
      target: 325,
    });
    expect(
      (await movePlan(db, president, meta(president), await loaded(president), { year: 2026, move: "submit" })).ok,
    ).toBe(true);
    expect(
      await addAction(db, president, meta(president), await loaded(president), {
        year: 2026,
        objective: "Trop tard",
        priority: "low",
        responsiblePartyId: insafParty,
        startDate: "2026-01-01",
        endDate: "2026-01-02",
      }),
    ).toMatchObject({ ok: false, error: "rule" });
    expect(
      await movePlan(db, president, meta(president), await loaded(president), { year: 2026, move: "adopt" }),
    ).toMatchObject({
      ok: false,
      errors: [{ key: "plan.error.adoptionDate" }],
    });
    expect(
      (
        await movePlan(db, president, meta(president), await loaded(president), {
          year: 2026,
          move: "adopt",
          adoptedOn: "2026-02-10",
          meeting: "Comité du 10 février",
        })
      ).ok,
    ).toBe(true);

    // Progress is recorded on the adopted plan.
    const adopted = (await getPlan(db, agreementId, 2026))!;
    expect(adopted.plan).toMatchObject({ status: "adopted", revision: 1, adopted_on: "2026-02-10" });
    const bags = adopted.actions.find((a) => a.objective.startsWith("Équiper"))!;
    await recordActionProgress(db, president, meta(president), await loaded(president), {
      actionId: bags.id,
      status: "in_progress",
      indicatorId: bags.indicators[0]!.id,
      achieved: 200,
    });
    expect((await getPlan(db, agreementId, 2026))!.actions.find((a) => a.id === bags.id)!.indicators[0]!.achieved).toBe(
      200,
    );

    // A revision adopted later makes a second version, and the two compare.
    await movePlan(db, president, meta(president), await loaded(president), { year: 2026, move: "revise" });
    await addAction(db, president, meta(president), await loaded(president), {
      year: 2026,
      objective: "Formation des animateurs",
      priority: "low",
      responsiblePartyId: insafParty,
      startDate: "2026-06-01",
      endDate: "2026-06-30",
    });
    await movePlan(db, president, meta(president), await loaded(president), { year: 2026, move: "submit" });
    await movePlan(db, president, meta(president), await loaded(president), {
      year: 2026,
      move: "adopt",
      adoptedOn: "2026-06-05",
    });
    const versions = await planVersions(db, plan.plan.id);
    expect(versions.map((v) => v.revision)).toEqual([1, 2]);
    expect(comparePlans(versions[0]!.actions, versions[1]!.actions)).toEqual([
      { kind: "added", objective: "Formation des animateurs" },
    ]);
  });

  it("next year's plan is prefilled from this year's unfinished actions", async () => {
    const result = await createPlan(db, president, meta(president), await loaded(president), {
      year: 2027,
      prefill: true,
    });
    expect(result).toEqual({ ok: true, prefilled: 3 });
    const next = (await getPlan(db, agreementId, 2027))!;
    const bags = next.actions.find((a) => a.objective.startsWith("Équiper"))!;
    expect(bags).toMatchObject({ start_date: "2027-09-01", end_date: "2027-10-15", status: "in_progress" });
    expect(bags.indicators[0]).toMatchObject({ baseline: 200, achieved: 200, target: 325 });
  });

  it("next year's plan also gets an action for each recurring deliverable due this year", async () => {
    const reports = await db
      .selectFrom("obligation")
      .select("id")
      .where("agreement_id", "=", agreementId)
      .where("recurrence", "=", "quarterly")
      .executeTakeFirstOrThrow();
    const created = await addDeliverable(db, president, meta(president), await loaded(president), {
      kind: "service",
      title: "Rapports trimestriels d’exécution",
      startDate: "2027-01-01",
      dueDate: "2027-12-31",
      responsiblePartyId: insafParty,
      obligationId: reports.id,
      targetQuantity: 4,
      unit: "rapports",
      items: [],
    });
    expect(created.ok).toBe(true);
    // 2027 carries the three unfinished actions into 2028, plus the reports.
    expect(
      await createPlan(db, president, meta(president), await loaded(president), { year: 2028, prefill: true }),
    ).toEqual({
      ok: true,
      prefilled: 4,
    });
    const reportsAction = (await getPlan(db, agreementId, 2028))!.actions.find((a) => a.obligation_id === reports.id)!;
    expect(reportsAction).toMatchObject({
      objective: "Rapports trimestriels d’exécution",
      status: "planned",
      start_date: "2028-01-01",
      end_date: "2028-12-31",
      responsible_party_id: insafParty,
    });
    expect(reportsAction.indicators).toMatchObject([{ unit: "rapports", baseline: 0, target: 4, achieved: 0 }]);
  });

  it("only the drafting organization's managers prepare it; a partner cannot; an outsider sees nothing", async () => {
    expect(await createPlan(db, partner, meta(partner), await loaded(partner), { year: 2029, prefill: false })).toEqual(
      {
        ok: false,
        error: "not_found",
      },
    );
    expect(await findAgreement(db, outsider, agreementId)).toBeNull();
  });
});

describe("the plan's rules, as the page and the commands apply them", () => {
  it("progress is recorded against the adopted plan only: a draft or a submitted plan refuses it, and the page offers no form", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active" });
    const { owner } = a;
    const party = (await a.parties()).find((p) => p.organizationId === owner.organizationId)!.id;
    expect((await createPlan(db, owner.actor, owner.meta, await a.load(), { year: 2026, prefill: false })).ok).toBe(
      true,
    );
    await addAction(db, owner.actor, owner.meta, await a.load(), {
      year: 2026,
      objective: "Distribuer 1 000 paniers",
      priority: "high",
      responsiblePartyId: party,
      startDate: "2026-03-01",
      endDate: "2026-04-30",
    });
    const action = (await getPlan(db, a.id, 2026))!.actions[0]!;
    const record = async () =>
      recordActionProgress(db, owner.actor, owner.meta, await a.load(), { actionId: action.id, status: "done" });
    const refusal = { ok: false, error: "rule", errors: [{ key: "plan.error.notAdopted" }] };
    expect(await record()).toEqual(refusal);
    const view = async () => (await planView(db, owner.actor, await a.load(), { year: 2026 })).plan!;
    expect((await view()).actions[0]!.canProgress).toBe(false);
    await movePlan(db, owner.actor, owner.meta, await a.load(), { year: 2026, move: "submit" });
    expect(await record()).toEqual(refusal);
    await movePlan(db, owner.actor, owner.meta, await a.load(), { year: 2026, move: "adopt", adoptedOn: "2026-02-10" });
    expect((await view()).actions[0]!.canProgress).toBe(true);
    expect(await record()).toEqual({ ok: true });
    expect((await getPlan(db, a.id, 2026))!.actions[0]!.status).toBe("done");
  });

  it("once the agreement is closed the page offers no plan to create nor any step, as the commands refuse them", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active" });
    const { owner } = a;
    expect((await planView(db, owner.actor, await a.load(), { year: 2026 })).canManage).toBe(true);
    const ended = await transitionAgreement(db, owner.actor, owner.meta, {
      agreementId: a.id,
      action: "terminate",
      reason: "Fin anticipée",
      date: "2026-06-30",
    });
    expect(ended.ok).toBe(true);
    const view = await planView(db, owner.actor, await a.load(), { year: 2026 });
    expect(view.canManage).toBe(false);
    expect(await createPlan(db, owner.actor, owner.meta, await a.load(), { year: 2026, prefill: false })).toEqual({
      ok: false,
      error: "not_found",
    });
  });
});
