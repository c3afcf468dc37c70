import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { evidenceOf } from "~/domain/attachment/attachment.server";
import { transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import {
  addDeliverable,
  followUpSummary,
  getDeliverable,
  moveDeliverable,
  recordDelivery,
} from "~/domain/delivery/deliverables.server";
import {
  addObligation,
  attachObligationEvidence,
  listObligations,
  updateObligationStatus,
} from "~/domain/delivery/obligations.server";
import { staleDueDates } from "~/domain/delivery/due-dates.server";
import { beneficiariesDrift } from "~/domain/dashboard/beneficiaries.server";
import { storeFile } from "~/lib/uploads.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let agreementId = "";
/** The association's president and its partner on the agreement under test. */
let president: Actor;
let partner: Actor;
let ownerPartyId = "";
/** Another agreement, of other organizations, with its medical campaign. */
let other: TestAgreement;
let campaignId = "";
const meta = (a: Actor) => ({ actorUserId: a.userId, ip: null, userAgent: "vitest" });
const TODAY = "2026-11-23";

async function loadedFor(actor: Actor) {
  return (await findAgreement(db, actor, agreementId))!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const f = factories(db);
  // In force since September 2025; article 2 carries the partner's obligation, article 3 the association's two.
  const a = await f.agreement({
    status: "active",
    effectiveDate: "2025-09-01",
    clauses: ["Engagements du partenaire", "Engagements de l’association"],
    obligations: [
      {
        description: "Le partenaire équipe une salle informatique au centre de Hay Hassani",
        party: "partner",
        clause: 2,
        dueDate: "2025-10-31",
      },
      {
        description: "L’association distribue 325 cartables équipés aux enfants qu’elle accompagne",
        clause: 3,
        dueDate: "2025-10-15",
      },
      { description: "Rapport trimestriel d’exécution au partenaire", clause: 3, recurrence: "quarterly" },
    ],
  });
  agreementId = a.id;
  president = a.owner.actor;
  partner = a.partner.actor;
  ownerPartyId = (await a.parties()).find((p) => p.organizationId === a.owner.organizationId)!.id;
  other = await f.agreement({ status: "active", effectiveDate: "2022-01-01", durationMonths: 72 });
  campaignId = await f.deliverable(other, {
    by: "partner",
    kind: "medical_campaign",
    title: "Campagne médicale de Smara",
    target: 400,
    unit: "patients examinés",
    specialties: "Ophtalmologie, médecine générale",
    metrics: [
      { name: "orientations vers l’hôpital provincial", quantity: 40 },
      { name: "lunettes et médicaments remis", quantity: 300 },
    ],
    deliveries: [
      { deliveredOn: "2022-04-15", quantity: 230, beneficiaries: 230, metrics: [22, 160] },
      { deliveredOn: "2022-04-16", quantity: 190, beneficiaries: 190, metrics: [15, 150] },
    ],
  });
});
afterAll(() => t.close());

describe("obligations", () => {
  it("are derived overdue from their date, never stored as such", async () => {
    const rows = await listObligations(db, agreementId, TODAY);
    const bags = rows.find((o) => o.description.includes("325 cartables"))!;
    expect(bags).toMatchObject({ status: "pending", nextDue: "2025-10-15", overdue: true });
    expect((await listObligations(db, agreementId, "2025-10-01")).find((o) => o.id === bags.id)!.overdue).toBe(false);
  });

  it("appear in the signed text under their article (the frozen version carries them)", async () => {
    const { getVersionSnapshot } = await import("~/domain/agreement/agreement.queries.server");
    const agreement = (await loadedFor(president)).agreement;
    const snapshot = (await getVersionSnapshot(db, agreementId, agreement.text_version))!;
    const article3 = snapshot.clauses.find((c) => c.number === 3)!;
    expect(article3.obligations?.map((o) => o.description)).toEqual([
      "L’association distribue 325 cartables équipés aux enfants qu’elle accompagne",
      "Rapport trimestriel d’exécution au partenaire",
    ]);
    expect(snapshot.clauses.find((c) => c.number === 1)!.obligations).toBeUndefined();
  });

  it("cannot be added once the text is signed: only their follow-up changes", async () => {
    const result = await addObligation(db, president, meta(president), await loadedFor(president), {
      description: "Nouvel engagement",
      responsiblePartyId: ownerPartyId,
      recurrence: "none",
    });
    expect(result).toMatchObject({ ok: false, error: "rule" });
  });

  it("the responsible party updates the status; done records the completion date and clears overdue", async () => {
    const bags = (await listObligations(db, agreementId, TODAY)).find((o) => o.description.includes("325 cartables"))!;
    expect(
      (
        await updateObligationStatus(db, president, meta(president), await loadedFor(president), {
          obligationId: bags.id,
          version: bags.version,
          status: "done",
          completedOn: "2025-10-10",
          today: TODAY,
        })
      ).ok,
    ).toBe(true);
    const after = (await listObligations(db, agreementId, TODAY)).find((o) => o.id === bags.id)!;
    expect(after).toMatchObject({ status: "done", completedOn: "2025-10-10", overdue: false });
    // A stale version is refused.
    expect(
      await updateObligationStatus(db, president, meta(president), await loadedFor(president), {
        obligationId: bags.id,
        version: bags.version,
        status: "pending",
        today: TODAY,
      }),
    ).toEqual({ ok: false, error: "conflict" });
  });

  it("a recurring obligation done for its last occurrence is shown pending (and overdue) for the next one", async () => {
    const report = (await listObligations(db, agreementId, TODAY)).find((o) => o.description.includes("Rapport"))!;
    await updateObligationStatus(db, president, meta(president), await loadedFor(president), {
      obligationId: report.id,
      version: report.version,
      status: "done",
      completedOn: "2025-09-20",
      today: TODAY,
    });
    const after = (await listObligations(db, agreementId, TODAY)).find((o) => o.id === report.id)!;
    expect(after).toMatchObject({ status: "done", currentStatus: "pending", nextDue: "2025-12-01", overdue: true });
  });

  it("each change stores the next due date the dashboard filters on: the one the obligations page shows", async () => {
    const rows = await listObligations(db, agreementId, TODAY);
    const stored = await db
      .selectFrom("obligation")
      .select(["id", "next_due_on"])
      .where("agreement_id", "=", agreementId)
      .execute();
    expect(Object.fromEntries(stored.map((o) => [o.id, o.next_due_on]))).toEqual(
      Object.fromEntries(rows.map((o) => [o.id, o.nextDue])),
    );
    expect(stored.find((o) => o.id === rows.find((r) => r.description.includes("Rapport"))!.id)!.next_due_on).toBe(
      "2025-12-01",
    );
    expect(
      stored.find((o) => o.id === rows.find((r) => r.description.includes("325 cartables"))!.id)!.next_due_on,
    ).toBeNull();
    expect(await staleDueDates(db)).toEqual([]);
  });

  it("a partner cannot update an obligation it is not responsible for", async () => {
    const report = (await listObligations(db, agreementId, TODAY)).find((o) => o.description.includes("Rapport"))!;
    expect(
      await updateObligationStatus(db, partner, meta(partner), await loadedFor(partner), {
        obligationId: report.id,
        version: report.version,
        status: "done",
        today: TODAY,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });
});

describe("deliverables", () => {
  let roomId = "";

  it("an itemised deliverable progresses with each round; quantities come from the items", async () => {
    const created = await addDeliverable(db, president, meta(president), await loadedFor(president), {
      kind: "equipment",
      title: "Salle informatique",
      responsiblePartyId: ownerPartyId,
      targetQuantity: 14,
      unit: "équipements",
      items: [
        { name: "ordinateurs", quantity: 4 },
        { name: "tablettes", quantity: 4 },
        { name: "routeur", quantity: 1 },
        { name: "switch", quantity: 1 },
        { name: "imprimantes", quantity: 4 },
      ],
    });
    if (!created.ok) throw new Error("create failed");
    roomId = created.id;
    const items = (await getDeliverable(db, agreementId, roomId))!.items;
    const q = (name: string) => items.find((i) => i.name === name)!.id;
    await recordDelivery(db, president, meta(president), await loadedFor(president), {
      deliverableId: roomId,
      deliveredOn: "2025-09-20",
      beneficiaries: 60,
      quantity: 999,
      itemQuantities: { [q("ordinateurs")]: 2, [q("tablettes")]: 4 },
    });
    let found = (await getDeliverable(db, agreementId, roomId))!;
    expect(found.progress).toMatchObject({ delivered: 6, target: 14, percent: 42, over: false });
    expect(found.deliverable.status).toBe("in_progress");
    expect(found.items.find((i) => i.name === "tablettes")!.progress.percent).toBe(100);
    await recordDelivery(db, president, meta(president), await loadedFor(president), {
      deliverableId: roomId,
      deliveredOn: "2025-09-26",
      itemQuantities: { [q("ordinateurs")]: 2, [q("routeur")]: 1, [q("switch")]: 1, [q("imprimantes")]: 4 },
    });
    found = (await getDeliverable(db, agreementId, roomId))!;
    expect(found.progress).toMatchObject({ delivered: 14, percent: 100 });
    expect(found.beneficiaries).toBe(60);
  });

  it("only the other parties confirm; the responsible party cannot confirm its own delivery", async () => {
    expect(
      await moveDeliverable(db, partner, meta(partner), await loadedFor(partner), {
        deliverableId: roomId,
        action: "markDelivered",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      (
        await moveDeliverable(db, president, meta(president), await loadedFor(president), {
          deliverableId: roomId,
          action: "markDelivered",
        })
      ).ok,
    ).toBe(true);
    expect(
      await moveDeliverable(db, president, meta(president), await loadedFor(president), {
        deliverableId: roomId,
        action: "confirm",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      await moveDeliverable(db, partner, meta(partner), await loadedFor(partner), {
        deliverableId: roomId,
        action: "dispute",
      }),
    ).toMatchObject({ ok: false, error: "rule" });
    expect(
      (
        await moveDeliverable(db, partner, meta(partner), await loadedFor(partner), {
          deliverableId: roomId,
          action: "dispute",
          note: "Une imprimante manque",
        })
      ).ok,
    ).toBe(true);
    expect((await getDeliverable(db, agreementId, roomId))!.deliverable).toMatchObject({
      status: "disputed",
      dispute_note: "Une imprimante manque",
    });
    await moveDeliverable(db, president, meta(president), await loadedFor(president), {
      deliverableId: roomId,
      action: "markDelivered",
    });
    expect(
      (
        await moveDeliverable(db, partner, meta(partner), await loadedFor(partner), {
          deliverableId: roomId,
          action: "confirm",
        })
      ).ok,
    ).toBe(true);
    expect(
      await recordDelivery(db, president, meta(president), await loadedFor(president), {
        deliverableId: roomId,
        deliveredOn: "2025-10-01",
        quantity: 1,
        itemQuantities: {},
      }),
    ).toMatchObject({ ok: false, error: "rule" });
  });

  it("over-delivery stays at 100 % and needs a note to be declared delivered", async () => {
    const created = await addDeliverable(db, president, meta(president), await loadedFor(president), {
      kind: "distribution",
      title: "Cartables",
      responsiblePartyId: ownerPartyId,
      targetQuantity: 325,
      unit: "cartables",
      items: [],
    });
    if (!created.ok) throw new Error("create failed");
    await recordDelivery(db, president, meta(president), await loadedFor(president), {
      deliverableId: created.id,
      deliveredOn: "2025-09-15",
      quantity: 340,
      beneficiaries: 340,
      itemQuantities: {},
    });
    expect((await getDeliverable(db, agreementId, created.id))!.progress).toMatchObject({ percent: 100, over: true });
    expect(
      await moveDeliverable(db, president, meta(president), await loadedFor(president), {
        deliverableId: created.id,
        action: "markDelivered",
      }),
    ).toMatchObject({ ok: false, error: "rule" });
    expect(
      (
        await moveDeliverable(db, president, meta(president), await loadedFor(president), {
          deliverableId: created.id,
          action: "markDelivered",
          note: "Dons supplémentaires",
        })
      ).ok,
    ).toBe(true);
  });

  it("the roll-up weights deliverables by target and counts beneficiaries; completing is blocked while some are open", async () => {
    const summary = await followUpSummary(db, agreementId, TODAY);
    expect(summary.deliverables).toBe(2);
    expect(summary.deliverablesConfirmed).toBe(1);
    expect(summary.progressPercent).toBe(100);
    expect(summary.beneficiaries).toBe(400);
    // The monthly sums the dashboard's chart reads: September 2025's deliveries (60 + 340), added as recorded.
    expect(
      await db
        .selectFrom("beneficiaries_by_month")
        .select(["month", "beneficiaries"])
        .where("agreement_id", "=", agreementId)
        .where("month", "=", "2025-09")
        .execute(),
    ).toEqual([{ month: "2025-09", beneficiaries: 400 }]);
    expect(await beneficiariesDrift(db)).toEqual([]);
    const completing = await transitionAgreement(db, president, meta(president), {
      agreementId: agreementId,
      action: "complete",
    });
    expect(completing.ok).toBe(false);
    if (!completing.ok && completing.error === "rule") {
      expect(completing.errors.map((e) => e.key)).toEqual([
        "lifecycle.error.openObligations",
        "lifecycle.error.openDeliverables",
      ]);
    }
  });

  it("a medical campaign carries typed metrics with targets, summed over its days", async () => {
    const found = (await getDeliverable(db, other.id, campaignId))!;
    expect(found.deliverable.specialties).toBe("Ophtalmologie, médecine générale");
    expect(found.metrics.map((m) => [m.name, m.progress.delivered, m.target])).toEqual([
      ["orientations vers l’hôpital provincial", 37, 40],
      ["lunettes et médicaments remis", 310, 300],
    ]);
    expect(found.metrics[1]!.progress).toMatchObject({ percent: 100, over: true });
  });

  it("someone from another organization cannot see or touch them", async () => {
    expect(await findAgreement(db, other.owner.actor, agreementId)).toBeNull();
  });

  it("an evidence file is served only through the agreement it belongs to", async () => {
    const photo = storeFile(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      "png",
      "salle.png",
    );
    const bags = await db
      .selectFrom("obligation")
      .select("id")
      .where("agreement_id", "=", agreementId)
      .where("description", "like", "%325 cartables%")
      .executeTakeFirstOrThrow();
    expect(
      await attachObligationEvidence(db, president, meta(president), await loadedFor(president), bags.id, photo),
    ).toEqual({ ok: true });
    const attachment = await db
      .selectFrom("attachment")
      .select("id")
      .where("owner_type", "=", "obligation")
      .where("sha256", "=", photo.sha256)
      .executeTakeFirstOrThrow();
    expect(await evidenceOf(db, agreementId, attachment.id)).toMatchObject({ mimeType: "image/png" });
    // The other agreement is one its president may open; the file still is not found through it.
    expect(await findAgreement(db, other.owner.actor, other.id)).not.toBeNull();
    expect(await evidenceOf(db, other.id, attachment.id)).toBeNull();
  });
});

describe("named beneficiary lists (law 09-08)", () => {
  it("are kept by the responsible association with masked IDs; partners see counts only; names are erased after retention", async () => {
    const { addBeneficiary, beneficiaryListView, openBeneficiaryList } =
      await import("~/domain/delivery/beneficiaries.server");
    const { runDailyJobs } = await import("~/domain/jobs/daily.server");
    const created = await addDeliverable(db, president, meta(president), await loadedFor(president), {
      kind: "distribution",
      title: "Paniers alimentaires",
      responsiblePartyId: ownerPartyId,
      targetQuantity: 100,
      unit: "familles",
      items: [],
    });
    if (!created.ok) throw new Error("create failed");
    expect(
      (
        await openBeneficiaryList(db, president, meta(president), await loadedFor(president), {
          deliverableId: created.id,
          purpose: "Liste exigée par l’autorité locale",
          retentionUntil: "2027-06-30",
        })
      ).ok,
    ).toBe(true);
    await addBeneficiary(db, president, meta(president), await loadedFor(president), {
      deliverableId: created.id,
      fullName: "Fatima Zahra B.",
      nationalId: "BE 987654",
      householdSize: 5,
    });
    const stored = await db.selectFrom("beneficiary").selectAll().execute();
    expect(stored.map((b) => b.national_id_masked)).toEqual(["••••7654"]);
    expect(JSON.stringify(stored)).not.toContain("987654");
    const audit = await db.selectFrom("audit_event").select("data").where("type", "=", "beneficiaries.added").execute();
    expect(JSON.stringify(audit)).not.toContain("Fatima");

    const keeper = await beneficiaryListView(db, president, agreementId, created.id);
    expect(keeper).toMatchObject({ exists: true, count: 1, canKeep: true });
    const partnerView = await beneficiaryListView(db, partner, agreementId, created.id);
    expect(partnerView).toMatchObject({ exists: true, count: 1, canKeep: false, people: null });
    expect(JSON.stringify(partnerView)).not.toContain("Fatima");
    expect(
      await addBeneficiary(db, partner, meta(partner), await loadedFor(partner), {
        deliverableId: created.id,
        fullName: "X",
      }),
    ).toEqual({ ok: false, error: "not_found" });

    const report = await runDailyJobs(db, new Date("2027-07-01T12:00:00Z"));
    expect(report.erasedBeneficiaries).toBe(1);
    const after = await beneficiaryListView(db, president, agreementId, created.id);
    expect(after).toMatchObject({ count: 1 });
    if (after?.exists && after.people) expect(after.people[0]).toMatchObject({ fullName: null, nationalId: null });
  });
});

describe("a deliverable and the plan", () => {
  it("is linked to the action of its agreement's plan it carries out, never to another agreement's", async () => {
    const { addAction, createPlan, getPlan } = await import("~/domain/plan/plan.server");
    const loaded = await loadedFor(president);
    expect((await createPlan(db, president, meta(president), loaded, { year: 2027, prefill: false })).ok).toBe(true);
    const responsiblePartyId = ownerPartyId;
    expect(
      (
        await addAction(db, president, meta(president), loaded, {
          year: 2027,
          objective: "Équiper une deuxième salle informatique",
          priority: "high",
          responsiblePartyId,
          startDate: "2027-01-10",
          endDate: "2027-06-30",
        })
      ).ok,
    ).toBe(true);
    const action = (await getPlan(db, agreementId, 2027))!.actions[0]!;
    const input = {
      kind: "equipment" as const,
      title: "Deuxième salle informatique",
      responsiblePartyId,
      targetQuantity: 10,
      unit: "équipements",
      items: [],
    };

    const created = await addDeliverable(db, president, meta(president), loaded, { ...input, planActionId: action.id });
    if (!created.ok) throw new Error("create failed");
    expect((await getDeliverable(db, agreementId, created.id))!.planAction).toMatchObject({
      id: action.id,
      year: 2027,
      objective: "Équiper une deuxième salle informatique",
    });

    const otherLoaded = await other.load();
    expect(
      (await createPlan(db, other.owner.actor, other.owner.meta, otherLoaded, { year: 2027, prefill: false })).ok,
    ).toBe(true);
    expect(
      (
        await addAction(db, other.owner.actor, other.owner.meta, await other.load(), {
          year: 2027,
          objective: "Campagne médicale 2027",
          priority: "high",
          responsiblePartyId: (await other.parties())[0]!.id,
          startDate: "2027-03-01",
          endDate: "2027-04-30",
        })
      ).ok,
    ).toBe(true);
    const otherAgreementsAction = await db
      .selectFrom("plan_action")
      .innerJoin("action_plan", "action_plan.id", "plan_action.plan_id")
      .select("plan_action.id")
      .where("action_plan.agreement_id", "!=", agreementId)
      .executeTakeFirstOrThrow();
    expect(
      await addDeliverable(db, president, meta(president), loaded, {
        ...input,
        planActionId: otherAgreementsAction.id,
      }),
    ).toEqual({ ok: false, error: "not_found" });
  });
});
