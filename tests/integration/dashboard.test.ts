/**
 * The dashboard's "what needs my attention" on agreements built by the factories (the demo's shapes): each person sees their own
 * committee meetings, action items, overdue obligations and agreements ending soon — and
 * nothing of organizations they do not belong to.
 */
import { keepAttention } from "~/domain/dashboard/attention-entries.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { closeActionItem } from "~/domain/committee/action-items.server";
import { getMeeting } from "~/domain/committee/meetings.server";
import { attention } from "~/domain/dashboard/attention.server";
import { endsSoon } from "~/domain/agreement/lifecycle";
import { indicatorProgress } from "~/domain/plan/plan";
import { refreshDueDates } from "~/domain/delivery/due-dates.server";
import { todayInMorocco } from "~/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement, type TestCommittee } from "../support/factories";

let t: TestDatabase;
let db: DB;
const today = todayInMorocco();
const year = Number(today.slice(0, 4));
const TITLE = "Convention de partenariat et de coopération";
/** An association's agreement in force with a foundation: committee, plan, a medical campaign. */
let sofara: TestAgreement;
let c: TestCommittee;
/** The same association's draft with the same foundation. */
let draftWithPartner: TestAgreement;
/** Another association's agreement in force, with overdue obligations and no committee. */
let insaf: TestAgreement;
/** A third agreement's president, of organizations of their own. */
let ams: Person;

function forUser(p: Person) {
  return attention(db, p.actor, today);
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const f = factories(db);
  sofara = await f.agreement({
    status: "active",
    committee: true,
    title: TITLE,
    titleSecondary: "اتفاقية شراكة وتعاون",
    effectiveDate: "2022-01-01",
    durationMonths: 72,
    tacitRenewal: true,
  });
  c = await f.committee(sofara);
  // The February meeting: four action items; two are done since, the foundation's figures are late.
  const first = await f.heldMeeting(sofara, c, {
    date: `${year}-02-10`,
    today: `${year}-02-01`,
    actionItems: [
      {
        title: "Établir la liste des bénéficiaires avec les autorités locales",
        owner: "secretary",
        dueDate: `${year}-03-31`,
      },
      { title: "Mobiliser l’équipe médicale et les équipements optiques", owner: "partner", dueDate: `${year}-04-01` },
      {
        title: "Transmettre le rapport de la campagne aux autorités provinciales",
        owner: "owner",
        dueDate: `${year}-12-15`,
      },
      {
        title: "Remettre le bilan chiffré de la campagne : consultations, lunettes remises, orientations",
        owner: "partner",
        dueDate: `${year}-05-15`,
      },
    ],
  });
  for (const item of (await getMeeting(db, sofara.id, first))!.actionItems.filter(
    (x) => x.dueDate! <= `${year}-04-01`,
  )) {
    const by = item.ownerPartyId ? c.partnerMember : c.secretary;
    const closed = await closeActionItem(db, by.actor, by.meta, await sofara.load(by), {
      actionItemId: item.id,
      to: "done",
      note: "Fait.",
      version: item.version,
    });
    if (!closed.ok) throw new Error(`closeActionItem: ${JSON.stringify(closed)}`);
  }
  await f.plan(sofara, {
    year,
    actions: [
      {
        objective: "Deuxième campagne médicale (ophtalmologie) à Smara",
        by: "partner",
        start: `${year}-04-01`,
        end: `${year}-04-30`,
        indicator: { name: "patients examinés", unit: "patients", target: 500, achieved: 480 },
      },
      {
        objective: "Suivi des malades chroniques orientés lors de la campagne",
        start: `${year}-05-01`,
        end: `${year}-12-15`,
        indicator: { name: "malades suivis", unit: "personnes", target: 120, achieved: 45 },
      },
    ],
    adopt: { adoptedOn: `${year}-02-10`, meetingId: first },
  });
  await f.meeting(sofara, c, { date: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10) });
  await f.deliverable(sofara, {
    by: "partner",
    kind: "medical_campaign",
    title: "Campagne médicale de Smara",
    target: 400,
    unit: "patients examinés",
    deliveries: [
      { deliveredOn: "2022-04-15", quantity: 230, beneficiaries: 230 },
      { deliveredOn: "2022-04-16", quantity: 190, beneficiaries: 190 },
    ],
    delivered: "Affluence plus forte que prévu",
    confirmed: true,
  });
  // The association's draft with the same foundation.
  draftWithPartner = await f.agreement({
    owner: sofara.owner,
    partner: sofara.partner,
    title: "Convention spécifique – campagne médicale de Smara",
  });
  insaf = await f.agreement({
    status: "active",
    title: "Convention de partenariat stratégique pour l’éducation et l’inclusion des enfants",
    effectiveDate: "2025-09-01",
    clauses: ["Engagements du partenaire", "Engagements de l’association"],
    obligations: [
      {
        description: "Le partenaire équipe une salle informatique",
        party: "partner",
        clause: 2,
        dueDate: "2025-10-31",
      },
      { description: "L’association distribue 325 cartables équipés", clause: 3, dueDate: "2025-10-15" },
      { description: "Rapport trimestriel d’exécution au partenaire", clause: 3, recurrence: "quarterly" },
    ],
  });
  ams = (await f.agreement({ status: "active" })).owner;
}, 60_000);
afterAll(() => t.close());

describe("ending soon", () => {
  it("is within the renewal notice, or 90 days when the notice is shorter or unset; never once past", () => {
    expect(endsSoon("2027-02-20", "2026-11-23", null)).toBe(true);
    expect(endsSoon("2027-02-22", "2026-11-23", null)).toBe(false);
    expect(endsSoon("2027-05-01", "2026-11-23", 180)).toBe(true);
    expect(endsSoon("2026-11-22", "2026-11-23", 90)).toBe(false);
    expect(endsSoon(null, "2026-11-23", 90)).toBe(false);
  });
});

describe("what needs my attention", () => {
  it("the committee secretary sees her next meeting and the action item of her association", async () => {
    const mine = await forUser(c.secretary);
    expect(mine.meetings.map((m) => m.number)).toEqual([2]);
    expect(mine.actionItems.map((a) => a.title)).toEqual([
      "Transmettre le rapport de la campagne aux autorités provinciales",
    ]);
  });

  it("the partner's officer sees the meeting she sits in and her foundation's late action item, not the association's", async () => {
    const mine = await forUser(c.partnerMember);
    expect(mine.meetings.map((m) => m.number)).toEqual([2]);
    expect(mine.actionItems.map((a) => [a.title, a.overdue])).toEqual([
      ["Remettre le bilan chiffré de la campagne : consultations, lunettes remises, orientations", true],
    ]);
  });

  it("INSAF's president sees her own overdue obligations, and nothing of Sofara's committee", async () => {
    const mine = await forUser(insaf.owner);
    expect(mine.meetings).toEqual([]);
    expect(mine.overdueObligations.length).toBeGreaterThan(0);
    expect(mine.overdueObligations.every((o) => o.reference === mine.overdueObligations[0]!.reference)).toBe(true);
    expect(mine.overdueObligations.map((o) => o.reference)).not.toContain(sofara.reference);
    expect(mine.overdueObligations.map((o) => o.due)).toEqual([...mine.overdueObligations.map((o) => o.due)].sort());
  });

  it("an agreement in force ending within its notice is listed for its parties, with whether it renews tacitly", async () => {
    const agreement = sofara;
    const inSixtyDays = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    await db.updateTable("agreement").set({ end_date: inSixtyDays }).where("id", "=", agreement.id).execute();
    // What a command changing the end date does in its transaction: its dates, then its dashboard entries.
    await refreshDueDates(db, agreement.id);
    await db.transaction().execute((trx) => keepAttention(trx, agreement.id));
    const mine = await forUser(sofara.owner);
    expect(mine.expiring).toEqual([
      expect.objectContaining({ reference: agreement.reference, end: inSixtyDays, tacitRenewal: true, days: 60 }),
    ]);
    expect((await forUser(insaf.owner)).expiring.map((a) => a.reference)).not.toContain(agreement.reference);
  });
});

describe("recent activity", () => {
  it("shows events of the agreements one can see, never another organization's nor a partner's draft", async () => {
    const { recentActivity } = await import("~/domain/agreement/agreement.queries.server");
    const draft = draftWithPartner.reference;
    const active = sofara.reference;

    const president = await recentActivity(db, sofara.owner.actor, 500);
    expect(president.map((e) => e.reference)).toEqual(expect.arrayContaining([draft, active]));
    const partner = (await recentActivity(db, c.partnerMember.actor, 500)).map((e) => e.reference);
    expect(partner).toContain(active);
    expect(partner).not.toContain(draft);
    const outsider = (await recentActivity(db, insaf.owner.actor, 500)).map((e) => e.reference);
    expect(outsider).not.toContain(active);
    expect(outsider).not.toContain(draft);
    const seqs = president.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it("the latest few, read from the newest events with visibility checked per event, are the first of the whole list", async () => {
    const { recentActivity } = await import("~/domain/agreement/agreement.queries.server");
    for (const [email, person] of [
      ["the association's president", sofara.owner],
      ["the foundation's committee member", c.partnerMember],
      ["the other association's president", insaf.owner],
      ["a third agreement's president", ams],
    ] as const) {
      const actor = person.actor;
      const all = await recentActivity(db, actor, 500); // more than the demo has: the search through every visible agreement
      expect(all.length, email).toBeGreaterThan(3);
      expect(
        (await recentActivity(db, actor, 3, "newest")).map((e) => e.seq),
        email,
      ).toEqual(all.slice(0, 3).map((e) => e.seq));
    }
  });

  it("reading agreement by agreement gives the same latest events as reading the newest first", async () => {
    const { recentActivity } = await import("~/domain/agreement/agreement.queries.server");
    for (const person of [sofara.owner, c.partnerMember, insaf.owner, ams]) {
      for (const limit of [3, 10, 500]) {
        const byAgreement = await recentActivity(db, person.actor, limit, "agreements");
        expect(byAgreement.length).toBeGreaterThan(0);
        expect(await recentActivity(db, person.actor, limit, "newest")).toEqual(byAgreement);
        expect(await recentActivity(db, person.actor, limit)).toEqual(byAgreement);
      }
    }
  });
});

describe("the partner's view", () => {
  const ALLOWED = new Set([
    // agreement
    "id",
    "reference",
    "title",
    "titleSecondary",
    "status",
    "beneficiaries",
    "deliverables",
    "meetings",
    "actionItems",
    // deliverable
    "kind",
    "unit",
    "dueDate",
    "nameFr",
    "nameAr",
    "delivered",
    "target",
    "percent",
    "over",
    "evidenceFiles",
    // meeting and action item
    "number",
    "startsAt",
    "timeZone",
    "minutesApproved",
    "meetingId",
    "meetingNumber",
    "overdue",
  ]);
  function keysOf(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) keysOf(v, into);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        into.add(k);
        keysOf(v, into);
      }
    return into;
  }
  async function impactFor(p: Person) {
    const { partnerImpact } = await import("~/domain/dashboard/impact.server");
    return partnerImpact(db, p.actor, today);
  }

  it("shows a partner what its agreements delivered, with only allowed fields: no drafts, comments, names or unapproved minutes", async () => {
    const impact = await impactFor(c.partnerMember);
    expect(impact.map((a) => a.title)).toEqual(["Convention de partenariat et de coopération"]);
    const [agreement] = impact;
    expect(agreement!.deliverables.map((d) => [d.title, d.percent, d.evidenceFiles >= 0])).toEqual([
      ["Campagne médicale de Smara", 100, true],
    ]);
    expect(agreement!.beneficiaries).toBe(420);
    expect(agreement!.meetings.map((m) => [m.number, m.minutesApproved])).toEqual([[1, true]]);
    expect([...keysOf(impact)].filter((k) => !ALLOWED.has(k))).toEqual([]);
    const text = JSON.stringify(impact);
    // The association's draft with Clear Vision, and the minutes' own text, stay out.
    expect(text).not.toContain("Convention spécifique");
    expect(text).not.toContain("La réunion s’est tenue");
  });

  it("another organization's agreements never appear", async () => {
    const impact = await impactFor(insaf.owner);
    expect(impact.map((a) => a.title)).not.toContain("Convention de partenariat et de coopération");
    expect(impact.every((a) => a.deliverables.every((d) => d.title !== "Campagne médicale de Smara"))).toBe(true);
  });
});

describe("the dashboard's charts", () => {
  it("show each agreement's delivered against target and the beneficiaries reached per month, for one's own agreements only", async () => {
    const { dashboardCharts } = await import("~/domain/dashboard/charts.server");
    const mine = await dashboardCharts(db, c.secretary.actor);
    expect(mine.progress.map((p) => [p.title, p.percent, p.delivered, p.target])).toEqual([
      ["Convention de partenariat et de coopération", 100, 400, 400],
    ]);
    expect(mine.beneficiariesByMonth).toEqual([{ month: "2022-04", count: 420 }]);
    const theirs = await dashboardCharts(db, insaf.owner.actor);
    expect(theirs.progress.map((p) => p.title)).not.toContain("Convention de partenariat et de coopération");
    expect(theirs.beneficiariesByMonth).not.toContainEqual({ month: "2022-04", count: 420 });
  });

  it("the beneficiaries chart holds the last 12 months that have deliveries, recent or sparse", async () => {
    const { monthlyBeneficiaries } = await import("~/domain/dashboard/beneficiaries.server");
    const months = async (list: string[]) => {
      const a = await factories(db).agreement({ status: "active" });
      // The monthly sums as recordDelivery keeps them (beneficiaries.server.ts), written directly for brevity.
      await db
        .insertInto("beneficiaries_by_month")
        .values(list.map((month, i) => ({ agreement_id: a.id, month, beneficiaries: i + 1 })))
        .execute();
      const only = db.selectFrom("agreement").select("agreement.id as id").where("agreement.id", "=", a.id);
      const found = await monthlyBeneficiaries(db, only, 12, "2026-12-01");
      await db.deleteFrom("beneficiaries_by_month").where("agreement_id", "=", a.id).execute();
      return found.map((m) => m.month);
    };
    const everyMonth = Array.from(
      { length: 24 },
      (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    );
    // Every month of the last two years: the last twelve.
    expect(await months(everyMonth)).toEqual(everyMonth.slice(12));
    // A few recent months and older ones: the twelve latest, reaching back past the last calendar year.
    const sparse = [
      "2023-01",
      "2023-05",
      "2024-02",
      "2024-03",
      "2024-07",
      "2024-09",
      "2024-11",
      "2025-02",
      "2025-06",
      "2026-03",
      "2026-10",
      "2026-11",
      "2026-12",
    ];
    expect(await months(sparse)).toEqual(sparse.slice(1));
  });
});

describe("the annual impact report", () => {
  it("shows the year's plan, deliveries, beneficiaries and meetings, in French and in Arabic", async () => {
    const { renderImpactReport } = await import("~/domain/dashboard/impact-report.server");
    const { findAgreement } = await import("~/domain/agreement/agreement.queries.server");
    const { pdfText, writeTemp } = await import("../support/pdf");
    const partner = c.partnerMember.actor;
    const loaded = (await findAgreement(db, partner, sofara.id))!;

    const fr = pdfText(writeTemp(await renderImpactReport(db, loaded, year, "fr"), "impact-fr.pdf"));
    expect(fr).toContain(`Rapport d’impact ${year}`);
    expect(fr).toContain("Deuxième campagne médicale (ophtalmologie) à Smara");
    expect(fr).toContain("Réunion n° 1");
    expect(fr).toContain("PV approuvé");

    const campaignYear = pdfText(writeTemp(await renderImpactReport(db, loaded, 2022, "fr"), "impact-2022.pdf"));
    expect(campaignYear).toContain("Bénéficiaires atteints en 2022 : 420");
    expect(campaignYear).toContain("Pas de plan d’action pour cette année.");

    const ar = pdfText(writeTemp(await renderImpactReport(db, loaded, year, "ar"), "impact-ar.pdf"));
    expect(ar).toContain("تقرير الأثر");
    expect(ar).toContain("ما تم إنجازه");
    expect(ar).toContain("اتفاقية شراكة وتعاون");
  });

  it("is drawn by the PDF worker (build/pdf-worker.js), off the thread that answers requests", async () => {
    const { impactReportModel } = await import("~/domain/dashboard/impact-report.server");
    const { findAgreement } = await import("~/domain/agreement/agreement.queries.server");
    const { pdfText, writeTemp } = await import("../support/pdf");
    const { Worker } = await import("node:worker_threads");
    const partner = c.partnerMember.actor;
    const model = await impactReportModel(db, (await findAgreement(db, partner, sofara.id))!, 2022);
    // The worker the server starts, sent the task by name as the server sends it.
    const worker = new Worker(new URL("../../build/pdf-worker.js", import.meta.url), { env: process.env });
    try {
      const answer = await new Promise<{ bytes?: Uint8Array; error?: string }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage({ id: 1, name: "impact-report-pdf", args: [model, "fr"] });
      });
      expect(answer.error).toBeUndefined();
      expect(pdfText(writeTemp(answer.bytes!, "impact-worker.pdf"))).toContain("Bénéficiaires atteints en 2022 : 420");
    } finally {
      await worker.terminate();
    }
  });
});

describe("an agreement's progress at a glance", () => {
  it("an indicator from baseline 40 to target 100 with 40 achieved is at 0 %, as on the plan page", async () => {
    const { agreementProgress } = await import("~/domain/dashboard/agreement-progress.server");
    const action = await db
      .selectFrom("plan_action as a")
      .innerJoin("action_plan as p", "p.id", "a.plan_id")
      .select("a.id")
      .where("p.agreement_id", "=", sofara.id)
      .where("p.year", "=", Number(today.slice(0, 4)))
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await db
      .insertInto("indicator")
      .values({
        id: "baselineforty000",
        action_id: action.id,
        name: "Élèves suivis",
        unit: "élèves",
        baseline: 40,
        target: 100,
        achieved: 40,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const p = await agreementProgress(db, sofara.id, today);
    expect(p.indicators.find((i) => i.name === "Élèves suivis")?.percent).toBe(0);
    await db.deleteFrom("indicator").where("id", "=", "baselineforty000").execute();
  });

  it("counts the committee's action items (the late one too), shows this year's indicators against their targets and the next meeting", async () => {
    const { agreementProgress } = await import("~/domain/dashboard/agreement-progress.server");
    const p = await agreementProgress(db, sofara.id, today);
    expect(p.actionItems).toEqual({ total: 4, done: 2, open: 2, overdue: 1 });
    expect(p.nextMeeting?.number).toBe(2);
    expect(p.indicators.length).toBeGreaterThan(0);
    // The plan page's computation (from the baseline), not achieved / target.
    for (const i of p.indicators) expect(i.percent).toBe(indicatorProgress(i));
    expect(p.planYear).toBe(Number(today.slice(0, 4)));

    const q = await agreementProgress(db, insaf.id, today);
    expect(q.actionItems.total).toBe(0);
    expect(q.nextMeeting).toBeNull();
    expect(q.overdue).toBeGreaterThan(0);
  });
});
