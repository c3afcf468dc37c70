/**
 * The follow-up committee through its domain commands, on an agreement built by the factories (with
 * the demo's shape: a first meeting that adopted the plan, approved by both parties, and a next one
 * planned): who may do what (as a matrix), the next meeting's agenda carrying open action items
 * over, quorum before approval, approvals recorded like signatures, locking, addenda, concurrent
 * minutes, and the minutes PDF in Arabic and French.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { findAgreement, type LoadedAgreement } from "~/domain/agreement/agreement.queries.server";
import { addActionItem, closeActionItem, myActionItems } from "~/domain/committee/action-items.server";
import { actionItemsView } from "~/domain/committee/action-items-view.server";
import { addMember, getCommittee, updateSettings } from "~/domain/committee/committee.server";
import { agendaItemText } from "~/domain/committee/committee";
import {
  addAddendum,
  addAgendaItem,
  approveMinutes,
  getMeeting,
  moveMeeting,
  moveMinutes,
  recordAttendance,
  saveMinutes,
  scheduleMeeting,
} from "~/domain/committee/meetings.server";
import { minutesModel, renderMinutesPdf } from "~/domain/committee/minutes-pdf.server";
import { addAction, createPlan, movePlan } from "~/domain/plan/plan.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, FACTORY_PASSWORD, type Person, type TestAgreement, type TestCommittee } from "../support/factories";
import { pdfText, writeTemp } from "../support/pdf";

let t: TestDatabase;
let db: DB;
let agreementId = "";
let a: TestAgreement;
let c: TestCommittee;
/** A member of the partner who does not sit on the committee. */
let trainee: Person;
/** The president of an organization that is no party to the agreement. */
let outsider: Person;
const meta = { actorUserId: null, ip: "203.0.113.9", userAgent: "vitest" };

async function as(p: Person): Promise<{ who: Actor; loaded: LoadedAgreement }> {
  return { who: p.actor, loaded: await a.load(p) };
}
async function meetingNumbered(n: number) {
  const row = await db
    .selectFrom("meeting")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .where("number", "=", n)
    .executeTakeFirstOrThrow();
  return (await getMeeting(db, agreementId, row.id))!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const f = factories(db);
  a = await f.agreement({ status: "active", committee: true });
  agreementId = a.id;
  c = await f.committee(a, { secretaryName: "Salma Bouzid", partnerMemberName: "Nadia Amrani" });
  trainee = await f.person({ organizationId: a.partner.organizationId, role: "member" });
  outsider = await f.person();
  // The year's plan, submitted: the first meeting adopts it.
  const owner = a.owner;
  const plan = { year: 2026 };
  if (!(await createPlan(db, owner.actor, owner.meta, await a.load(), { ...plan, prefill: false })).ok)
    throw new Error("createPlan");
  await addAction(db, owner.actor, owner.meta, await a.load(), {
    ...plan,
    objective: "Deuxième campagne médicale à Smara",
    priority: "high",
    responsiblePartyId: c.ownerPartyId,
    startDate: "2026-03-01",
    endDate: "2026-04-30",
  });
  if (!(await movePlan(db, owner.actor, owner.meta, await a.load(), { ...plan, move: "submit" })).ok)
    throw new Error("submit plan");
  const first = await f.heldMeeting(a, c, {
    date: "2026-02-10",
    today: "2026-02-01",
    minutes:
      "Le plan d’action 2026 est adopté à l’unanimité.\n\n**ملخص بالعربية:** صادقت اللجنة على خطة العمل لسنة 2026.",
    decisions: [
      { body: "Le plan d’action 2026 est adopté à l’unanimité." },
      { body: "Organiser une campagne médicale d’ophtalmologie à Smara en avril." },
    ],
    actionItems: [
      {
        title: "Établir la liste des bénéficiaires avec les autorités locales",
        owner: "secretary",
        dueDate: "2026-03-31",
      },
      { title: "Mobiliser l’équipe médicale et les équipements optiques", owner: "partner", dueDate: "2026-04-01" },
      {
        title: "Transmettre le rapport de la campagne aux autorités provinciales",
        owner: "owner",
        dueDate: "2026-12-15",
      },
      {
        title: "Remettre le bilan chiffré de la campagne : consultations, lunettes remises, orientations",
        owner: "partner",
        dueDate: "2026-05-15",
      },
    ],
  });
  if (
    !(
      await movePlan(db, owner.actor, owner.meta, await a.load(), {
        ...plan,
        move: "adopt",
        adoptedOn: "2026-02-10",
        meetingId: first,
      })
    ).ok
  )
    throw new Error("adopt plan");
  // Two of the four were carried out before the next meeting was planned.
  for (const item of (await getMeeting(db, agreementId, first))!.actionItems.filter(
    (x) => x.dueDate! <= "2026-04-01",
  )) {
    const by = item.ownerPartyId ? c.partnerMember : c.secretary;
    const closed = await closeActionItem(db, by.actor, by.meta, await a.load(by), {
      actionItemId: item.id,
      to: "done",
      note: "Fait.",
      version: item.version,
    });
    if (!closed.ok) throw new Error(`close item: ${JSON.stringify(closed)}`);
  }
  await f.meeting(a, c, { date: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10) });
}, 60_000);
afterAll(() => t.close());

describe("the committee set up on activation", () => {
  it("was set up when the agreement with a follow-up article came into force, with members from both parties", async () => {
    const found = (await getCommittee(db, agreementId))!;
    const parties = new Set(found.members.map((m) => m.partyId));
    expect(parties.size).toBe(2);
    expect(found.members.find((m) => m.role === "chair")?.name).toBe(a.owner.name);
    expect(found.members.find((m) => m.role === "secretary")?.name).toBe(c.secretary.name);
    const created = await db
      .selectFrom("audit_event")
      .select("type")
      .where("agreement_id", "=", agreementId)
      .where("type", "=", "committee.created")
      .execute();
    expect(created).toHaveLength(1);
  });

  it("held a meeting whose minutes both parties approved on the same text, and the year's plan links to it", async () => {
    const m = await meetingNumbered(1);
    expect(m.meeting.status).toBe("closed");
    expect(m.meeting.minutes_status).toBe("approved");
    expect(m.approvals.map((x) => x.name).sort()).toEqual([a.owner.name, c.partnerMember.name].sort());
    expect(new Set(m.approvals.map((x) => x.minutesHash))).toEqual(new Set([m.meeting.minutes_hash]));
    expect(m.outcomes.filter((o) => o.kind === "decision").map((o) => o.number)).toEqual([1, 2]);
    const plan = await db
      .selectFrom("action_plan")
      .select(["adopted_meeting_id"])
      .where("agreement_id", "=", agreementId)
      .executeTakeFirstOrThrow();
    expect(plan.adopted_meeting_id).toBe(m.meeting.id);
  });

  it("the next meeting's agenda carries the open action items over and lists, for the record, those done since", async () => {
    const m = await meetingNumbered(2);
    const carried = m.agenda.filter((i) => i.source_kind === "action_item");
    expect(carried.map((i) => i.title).sort()).toEqual([
      "Suivi : Remettre le bilan chiffré de la campagne : consultations, lunettes remises, orientations",
      "Suivi : Transmettre le rapport de la campagne aux autorités provinciales",
    ]);
    const done = m.agenda.find((i) => i.source_kind === "done_items");
    expect(done?.body).toContain("Établir la liste des bénéficiaires");
    expect(done?.body).toContain("Mobiliser l’équipe médicale");
  });
});

describe("who may do what on the committee", () => {
  // who, sees, manages the committee, records meetings, edits minutes
  const cases = [
    ["the chair (association's president)", () => c.chair, true, true, true, true],
    ["the secretary (association's member)", () => c.secretary, true, false, true, true],
    ["the partner's member on the committee", () => c.partnerMember, true, false, true, false],
    ["a partner's member not on the committee", () => trainee, true, false, false, false],
    ["another organization's president", () => outsider, false, false, false, false],
  ] as const;
  for (const [label, person, sees, manages, records, editsMinutes] of cases) {
    it(`${label}: sees=${sees} manages=${manages} records=${records} edits minutes=${editsMinutes}`, async () => {
      const who = person().actor;
      const loaded = await findAgreement(db, who, agreementId);
      expect(loaded !== null).toBe(sees);
      if (!loaded) return;
      const found = (await getCommittee(db, agreementId))!;
      const settings = await updateSettings(db, who, meta, loaded, {
        rhythm: "quarterly",
        quorumRule: "each_party",
        approvalRule: "each_party",
        version: found.committee.version,
      });
      expect(settings.ok).toBe(manages);
      if (!manages) expect(settings).toEqual({ ok: false, error: "not_found" });
      const scheduled = await scheduleMeeting(db, who, meta, loaded, {
        date: "2027-06-01",
        time: "10:00",
        timeZone: "Africa/Casablanca",
        durationMinutes: 60,
        location: "Smara",
        locale: "fr",
      });
      expect(scheduled.ok).toBe(records);
      const m = await meetingNumbered(2);
      const saved = await saveMinutes(db, who, meta, loaded, {
        meetingId: m.meeting.id,
        minutes: m.meeting.minutes,
        revision: m.meeting.minutes_revision,
      });
      // Meeting 2 is still planned: its minutes cannot be written yet, but only those who may edit get that answer.
      expect(saved.ok).toBe(false);
      expect(saved).toEqual(
        editsMinutes
          ? { ok: false, error: "rule", errors: [{ key: "minutes.error.locked" }] }
          : { ok: false, error: "not_found" },
      );
    });
  }
});

describe("a meeting from agenda to locked minutes", () => {
  let meetingId = "";
  it("records attendance while the meeting is held, and shows the quorum missing a party", async () => {
    const secretary = await as(c.secretary);
    meetingId = (await meetingNumbered(2)).meeting.id;
    expect(
      await recordAttendance(db, secretary.who, meta, secretary.loaded, { meetingId, statuses: {} }),
    ).toMatchObject({ ok: false, errors: [{ key: "meeting.error.notInProgress" }] });
    expect((await moveMeeting(db, secretary.who, meta, secretary.loaded, { meetingId, move: "start" })).ok).toBe(true);
    const members = (await getCommittee(db, agreementId))!.members;
    const statuses = Object.fromEntries(
      members.map((m) => [
        m.id,
        m.organizationId === members.find((x) => x.role === "chair")!.organizationId
          ? ("present" as const)
          : ("excused" as const),
      ]),
    );
    expect((await recordAttendance(db, secretary.who, meta, secretary.loaded, { meetingId, statuses })).ok).toBe(true);
    const saved = await saveMinutes(db, secretary.who, meta, secretary.loaded, {
      meetingId,
      minutes: "Point sur le rapport de campagne.",
      revision: 0,
    });
    expect(saved.ok).toBe(true);
    expect((await moveMeeting(db, secretary.who, meta, secretary.loaded, { meetingId, move: "close" })).ok).toBe(true);
    expect((await moveMinutes(db, secretary.who, meta, secretary.loaded, { meetingId, move: "circulate" })).ok).toBe(
      true,
    );
  });

  it("minutes cannot be approved without the quorum", async () => {
    const chair = await as(c.chair);
    const refused = await approveMinutes(db, chair.who, meta, chair.loaded, { meetingId, password: FACTORY_PASSWORD });
    expect(refused).toEqual({ ok: false, error: "rule", errors: [{ key: "minutes.error.quorum" }] });
  });

  it("a closed meeting is reopened only by the chair, with a reason in the history", async () => {
    const secretary = await as(c.secretary);
    expect(
      await moveMeeting(db, secretary.who, meta, secretary.loaded, {
        meetingId,
        move: "reopen",
        reason: "Présences à corriger",
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "meeting.error.chairOnly" }] });
    const chair = await as(c.chair);
    expect(await moveMeeting(db, chair.who, meta, chair.loaded, { meetingId, move: "reopen" })).toMatchObject({
      ok: false,
      errors: [{ key: "meeting.error.reason" }],
    });
    expect(
      (
        await moveMeeting(db, chair.who, meta, chair.loaded, {
          meetingId,
          move: "reopen",
          reason: "Présences à corriger",
        })
      ).ok,
    ).toBe(true);
    const m = (await getMeeting(db, agreementId, meetingId))!;
    expect(m.meeting.status).toBe("in_progress");
    expect(m.meeting.minutes_status).toBe("draft");
    const event = await db
      .selectFrom("audit_event")
      .select("data")
      .where("subject_id", "=", meetingId)
      .where("type", "=", "meeting.moved")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data)).toMatchObject({ from: "closed", to: "in_progress", reason: "Présences à corriger" });
  });

  it("each party's approval records who, when, from where and the hash of the text; both make the minutes approved and locked", async () => {
    const secretary = await as(c.secretary);
    const members = (await getCommittee(db, agreementId))!.members;
    expect(
      (
        await recordAttendance(db, secretary.who, meta, secretary.loaded, {
          meetingId,
          statuses: Object.fromEntries(members.map((m) => [m.id, "present" as const])),
        })
      ).ok,
    ).toBe(true);
    expect((await moveMeeting(db, secretary.who, meta, secretary.loaded, { meetingId, move: "close" })).ok).toBe(true);
    expect((await moveMinutes(db, secretary.who, meta, secretary.loaded, { meetingId, move: "circulate" })).ok).toBe(
      true,
    );

    const chair = await as(c.chair);
    expect(await approveMinutes(db, chair.who, meta, chair.loaded, { meetingId, password: "wrong" })).toEqual({
      ok: false,
      error: "password",
    });
    expect(await approveMinutes(db, chair.who, meta, chair.loaded, { meetingId, password: FACTORY_PASSWORD })).toEqual({
      ok: true,
      approved: false,
    });
    expect(
      await approveMinutes(db, chair.who, meta, chair.loaded, { meetingId, password: FACTORY_PASSWORD }),
    ).toMatchObject({ ok: false, errors: [{ key: "minutes.error.alreadyApproved" }] });
    const partner = await as(c.partnerMember);
    expect(
      await approveMinutes(db, partner.who, meta, partner.loaded, { meetingId, password: FACTORY_PASSWORD }),
    ).toEqual({ ok: true, approved: true });

    const m = (await getMeeting(db, agreementId, meetingId))!;
    expect(m.meeting.minutes_status).toBe("approved");
    const rows = await db.selectFrom("minutes_approval").selectAll().where("meeting_id", "=", meetingId).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.minutes_hash).toBe(m.meeting.minutes_hash);
      expect(r.ip).toBe("203.0.113.9");
      expect(r.approved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it("approved minutes never change: a save is refused, a correction is an addendum", async () => {
    const secretary = await as(c.secretary);
    const m = (await getMeeting(db, agreementId, meetingId))!;
    expect(
      await saveMinutes(db, secretary.who, meta, secretary.loaded, {
        meetingId,
        minutes: "Autre texte",
        revision: m.meeting.minutes_revision,
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "minutes.error.locked" }] });
    expect(
      (
        await addAddendum(db, secretary.who, meta, secretary.loaded, {
          meetingId,
          body: "Rectificatif : Hicham Masfar était excusé.",
        })
      ).ok,
    ).toBe(true);
    const after = (await getMeeting(db, agreementId, meetingId))!;
    expect(after.meeting.minutes).toBe("Point sur le rapport de campagne.");
    expect(after.addenda.map((a) => a.body)).toEqual(["Rectificatif : Hicham Masfar était excusé."]);
    const chair = await as(c.chair);
    expect(
      await moveMeeting(db, chair.who, meta, chair.loaded, { meetingId, move: "reopen", reason: "Erreur" }),
    ).toMatchObject({
      ok: false,
      errors: [{ key: "meeting.error.minutesLocked" }],
    });
  });
});

describe("minutes edited by two people at once", () => {
  it("of saves made from the same revision exactly one succeeds; the others get the saved text back, nothing lost", async () => {
    const secretary = await as(c.secretary);
    const chair = await as(c.chair);
    const scheduled = await scheduleMeeting(db, secretary.who, meta, secretary.loaded, {
      date: "2027-01-20",
      time: "15:30",
      timeZone: "Africa/Casablanca",
      durationMinutes: 90,
      videoUrl: "https://meet.example.org/sofara",
      locale: "ar",
    });
    if (!scheduled.ok) throw new Error("schedule");
    await moveMeeting(db, secretary.who, meta, secretary.loaded, { meetingId: scheduled.meetingId, move: "start" });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        saveMinutes(db, i % 2 ? chair.who : secretary.who, meta, i % 2 ? chair.loaded : secretary.loaded, {
          meetingId: scheduled.meetingId,
          minutes: `Version ${i}`,
          revision: 0,
        }),
      ),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const saved = (await getMeeting(db, agreementId, scheduled.meetingId))!.meeting.minutes;
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ ok: false, error: "minutes_conflict", current: { text: saved, revision: 1 } });
    }
    const events = await db
      .selectFrom("audit_event")
      .select("id")
      .where("subject_id", "=", scheduled.meetingId)
      .where("type", "=", "minutes.saved")
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe("action items", () => {
  it("are closed by their owner's party, not by another party, and once; cancelling needs a note", async () => {
    const secretary = await as(c.secretary);
    const m = await meetingNumbered(3);
    await moveMeeting(db, secretary.who, meta, secretary.loaded, { meetingId: m.meeting.id, move: "start" });
    const found = (await getCommittee(db, agreementId))!;
    const clearVisionParty = found.members.find((x) => x.name === c.partnerMember.name)!.partyId;
    expect(
      (
        await addActionItem(db, secretary.who, meta, secretary.loaded, {
          meetingId: m.meeting.id,
          title: "Envoyer les photos de la campagne",
          owner: `party:${clearVisionParty}`,
          dueDate: "2027-02-01",
        })
      ).ok,
    ).toBe(true);
    const item = (await getMeeting(db, agreementId, m.meeting.id))!.actionItems.find(
      (a) => a.title === "Envoyer les photos de la campagne",
    )!;

    expect(await myActionItems(db, outsider.actor, "all", "2027-01-01")).not.toContainEqual(
      expect.objectContaining({ id: item.id }),
    );
    const partner = await as(c.partnerMember);
    expect((await myActionItems(db, partner.who, "open", "2027-01-01")).map((a) => a.id)).toContain(item.id);
    const closable = async () =>
      (await actionItemsView(db, partner.who, { filter: "all", today: "2027-01-01" })).items.find(
        (a) => a.id === item.id,
      )?.canClose;
    expect(await closable()).toBe(true);
    expect(
      await closeActionItem(db, partner.who, meta, partner.loaded, {
        actionItemId: item.id,
        to: "cancelled",
        version: item.version,
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "actionItem.error.note" }] });

    const traineeSeat = await as(trainee);
    const sofaraItem = (await meetingNumbered(1)).actionItems.find((a) => a.status === "open")!;
    expect(
      await closeActionItem(db, traineeSeat.who, meta, traineeSeat.loaded, {
        actionItemId: sofaraItem.id,
        to: "done",
        version: sofaraItem.version,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      (
        await closeActionItem(db, traineeSeat.who, meta, traineeSeat.loaded, {
          actionItemId: item.id,
          to: "done",
          note: "Photos envoyées",
          version: item.version,
        })
      ).ok,
    ).toBe(true);
    expect(
      await closeActionItem(db, partner.who, meta, partner.loaded, {
        actionItemId: item.id,
        to: "done",
        version: item.version,
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "actionItem.error.closed" }] });
    // Closed once: "my action items" offers no close form on it any more.
    expect(await closable()).toBe(false);
  });

  it("a member with an account joins only for the party of their organization", async () => {
    const chair = await as(c.chair);
    const found = (await getCommittee(db, agreementId))!;
    const sofaraParty = found.members.find((x) => x.role === "chair")!.partyId;
    expect(
      await addMember(db, chair.who, meta, chair.loaded, {
        partyId: sofaraParty,
        userId: trainee.userId,
        role: "member",
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "committee.error.notInParty" }] });
    expect(
      await addMember(db, chair.who, meta, chair.loaded, {
        partyId: sofaraParty,
        name: "Ahmed Lahbib",
        organizationName: "Délégation provinciale de la santé",
        role: "chair",
      }),
    ).toMatchObject({ ok: false, errors: [{ key: "committee.error.oneChair" }] });
    expect(
      (
        await addMember(db, chair.who, meta, chair.loaded, {
          partyId: sofaraParty,
          name: "Ahmed Lahbib",
          organizationName: "Délégation provinciale de la santé",
          role: "member",
        })
      ).ok,
    ).toBe(true);
  });
});

describe("the minutes PDF", () => {
  it("shows the attendance by party, decisions, action items and approvals, in Arabic and in French", async () => {
    const found = (await getCommittee(db, agreementId))!;
    const m = await meetingNumbered(1);
    const model = await minutesModel(db, agreementId, found, m);
    const ar = pdfText(writeTemp(await renderMinutesPdf(model, "ar"), "minutes-ar.pdf"));
    // Letters come back from the shaped glyphs; numbers sit in their own visual run.
    expect(ar).toContain("محضر الاجتماع رقم");
    expect(ar).toContain("الحضور");
    expect(ar).toContain("حاضر");
    expect(ar).toContain("القرار رقم");
    expect(ar).toContain("صادقت اللجنة");
    expect(ar).toContain(c.partnerMember.name);
    const fr = pdfText(writeTemp(await renderMinutesPdf(model, "fr"), "minutes-fr.pdf"));
    expect(fr).toContain("Procès-verbal de la réunion n° 1");
    expect(fr).toContain("Décision n° 2");
    expect(fr).toContain("Établir la liste des bénéficiaires");
    expect(fr).toContain(a.owner.name);
    expect(fr).toContain(m.meeting.minutes_hash!);
  });
});

describe("a prepared agenda in each reader's language", () => {
  it("what Charaka prepared reads in French and in Arabic, whoever scheduled it; typed items and older ones as stored", async () => {
    const secretary = await as(c.secretary);
    const scheduled = await scheduleMeeting(db, secretary.who, meta, secretary.loaded, {
      date: "2027-02-10",
      time: "10:00",
      timeZone: "Africa/Casablanca",
      durationMinutes: 60,
      location: "Smara",
      locale: "fr",
    });
    if (!scheduled.ok) throw new Error("schedule");
    await addAgendaItem(db, secretary.who, meta, secretary.loaded, {
      meetingId: scheduled.meetingId,
      title: "نقطة كتبتها الكاتبة",
    });
    const agenda = (await getMeeting(db, agreementId, scheduled.meetingId))!.agenda;
    const carried = agenda.find((i) => i.source_kind === "action_item")!;
    expect(carried.title).toMatch(/^Suivi : /);
    expect(agendaItemText(carried, "fr").title).toMatch(/^Suivi : /);
    expect(agendaItemText(carried, "ar").title).toMatch(/^تتبع: /);
    expect(agendaItemText(carried, "en").title).toMatch(/^Follow-up: /);
    const typed = agenda.find((i) => i.source_kind === null)!;
    expect(agendaItemText(typed, "fr").title).toBe("نقطة كتبتها الكاتبة");
    // An item prepared before texts were kept reads as it was stored.
    expect(agendaItemText({ ...carried, texts: null }, "ar").title).toBe(carried.title);
  });
});
