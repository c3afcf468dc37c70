/**
 * The organizations' kept totals (migration 0200, the database's triggers) and what reads them: the
 * counts by status of the dashboard, of the list as it opens and of the partner's view, and the
 * dashboard's beneficiaries per month. The totals are those the parties and monthly sums give from
 * scratch after every change that moves them (a status changing, a party added, a delivery recorded,
 * an agreement deleted); and the counts and months read are what count(distinct) over the parties
 * gave, for a member of one organization, of two that share no agreement, and of two that share one.
 * On both engines.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { addParty, transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { listAgreements } from "~/domain/agreement/agreement.queries.server";
import { AgreementListQuery } from "~/domain/agreement/agreement.schema";
import { staleStatusCounts } from "~/domain/agreement/agreement.queries.server";
import { dashboardCharts } from "~/domain/dashboard/charts.server";
import { countPartnerImpact } from "~/domain/dashboard/impact.server";
import { CHARTED } from "~/domain/dashboard/attention-entries.server";
import { monthlyBeneficiaries, staleOrganizationBeneficiaries } from "~/domain/dashboard/beneficiaries.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person } from "../support/factories";

let t: TestDatabase;
let db: DB;
beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

const stale = async () => [...(await staleStatusCounts(db)), ...(await staleOrganizationBeneficiaries(db))];

/** The counts by status as they were read before migration 0200: count(distinct) over the visible parties. */
async function countedFromParties(actor: Actor) {
  const orgs = actor.memberships.map((m) => m.organizationId);
  const rows = await db
    .selectFrom("agreement_party as p")
    .innerJoin("agreement", "agreement.id", "p.agreement_id")
    .select(["agreement.status", sql<number>`count(distinct agreement.id)`.as("n")])
    .where("p.organization_id", "in", orgs)
    .where((eb) => eb.or([eb("agreement.status", "!=", "draft"), eb("agreement.owner_organization_id", "in", orgs)]))
    .groupBy("agreement.status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The months as they were read before migration 0200: the monthly sums of the charted agreements. */
function monthsFromAgreements(actor: Actor) {
  const orgs = actor.memberships.map((m) => m.organizationId);
  const charted = db
    .selectFrom("agreement_party")
    .select("agreement_id as id")
    .where("organization_id", "in", orgs)
    .where("agreement_status", "in", CHARTED);
  return monthlyBeneficiaries(db, charted);
}

const counts = async (actor: Actor) => (await listAgreements(db, actor, AgreementListQuery.parse({}))).counts;
const both = (a: Person, b: Person): Actor => ({
  ...a.actor,
  memberships: [...a.actor.memberships, ...b.actor.memberships],
});

async function deliver(a: Awaited<ReturnType<ReturnType<typeof factories>["agreement"]>>, months: string[]) {
  await factories(db).deliverable(a, {
    target: 1000,
    deliveries: months.map((m, i) => ({ deliveredOn: `${m}-10`, quantity: 10, beneficiaries: 10 * (i + 1) })),
  });
}

describe("an organization's kept totals", () => {
  it("follow its agreements' statuses, a party added, deliveries and an agreement deleted", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    expect(await stale()).toEqual([]);
    await deliver(a, ["2026-03", "2026-04", "2026-04"]);
    expect(await stale()).toEqual([]);
    const kept = await db
      .selectFrom("organization_beneficiaries_by_month")
      .select(["month", "beneficiaries", "agreements"])
      .where("organization_id", "=", a.owner.organizationId)
      .orderBy("month")
      .execute();
    expect(kept.map((r) => [r.month, Number(r.beneficiaries), r.agreements])).toEqual([
      ["2026-03", 10, 1],
      ["2026-04", 50, 1],
    ]);

    for (const action of ["suspend", "resume", "terminate"] as const) {
      const moved = await transitionAgreement(db, a.owner.actor, a.owner.meta, {
        agreementId: a.id,
        action,
        reason: "Décision du comité de suivi.",
        date: "2026-06-30",
      });
      expect(moved.ok).toBe(true);
      expect(await stale()).toEqual([]);
    }
    // Terminated: out of the chart, its months gone from its parties' organizations.
    expect(await monthsFromAgreements(a.owner.actor)).toEqual([]);
    expect((await dashboardCharts(db, a.owner.actor)).beneficiariesByMonth).toEqual([]);

    const draft = await f.agreement({ status: "draft", owner: a.owner, partner: a.partner });
    const added = await addParty(db, a.owner.actor, a.owner.meta, await draft.load(), {
      organizationId: await f.organization({ kind: "company" }),
      role: "partner",
    });
    expect(added.ok).toBe(true);
    expect(await stale()).toEqual([]);

    // Deleted with its parties and months (the database's cascade), in whichever order it takes them.
    const gone = await f.agreement({ status: "active" });
    await deliver(gone, ["2026-05"]);
    await db.deleteFrom("agreement").where("id", "=", gone.id).execute();
    expect(await stale()).toEqual([]);
  });
});

describe("the counts by status and the beneficiaries per month", () => {
  it("count each agreement once, as the parties did, for one organization, two sharing none and two sharing one", async () => {
    const f = factories(db);
    const first = await f.agreement({ status: "active" });
    await deliver(first, ["2026-01", "2026-02"]);
    await f.agreement({ status: "draft", owner: first.owner });
    await f.agreement({ status: "negotiation", owner: first.owner });
    // A draft of its partner's, with it as a party: not counted for the association (drafts are the owner's).
    const theirs = await f.agreement({ status: "draft", owner: first.partner, partner: first.owner });
    const other = await f.agreement({ status: "active" });
    await deliver(other, ["2026-02", "2026-03"]);
    await f.agreement({ status: "awaiting_signatures", owner: other.owner });

    const one = first.owner.actor;
    const apart = both(first.owner, other.owner);
    const sharing = both(first.owner, first.partner);
    const signedAndBeyond = ["active", "suspended", "completed", "expired", "terminated"];
    for (const actor of [one, apart, sharing]) {
      const scratch = await countedFromParties(actor);
      expect(await counts(actor)).toEqual(scratch);
      expect(await countPartnerImpact(db, actor)).toBe(
        signedAndBeyond.reduce((sum, status) => sum + (scratch[status] ?? 0), 0),
      );
      expect((await dashboardCharts(db, actor)).beneficiariesByMonth).toEqual(await monthsFromAgreements(actor));
    }
    expect(await counts(one)).toEqual({ active: 1, draft: 1, negotiation: 1 });
    expect(await counts(apart)).toEqual({ active: 2, draft: 1, negotiation: 1, awaiting_signatures: 1 });
    // The shared agreement counted once, the partner's own draft seen by its member.
    expect(await counts(sharing)).toEqual({ active: 1, draft: 2, negotiation: 1 });
    expect((await dashboardCharts(db, apart)).beneficiariesByMonth).toEqual([
      { month: "2026-01", count: 10 },
      { month: "2026-02", count: 30 },
      { month: "2026-03", count: 20 },
    ]);
    expect((await dashboardCharts(db, sharing)).beneficiariesByMonth).toEqual([
      { month: "2026-01", count: 10 },
      { month: "2026-02", count: 20 },
    ]);
    expect(theirs.id).toBeTruthy();
  });
});
