/**
 * The Sofara Al-Khair × Clear Vision follow-up committee, as its secretary would have kept it:
 * members from both parties, the February meeting that adopted the year's action plan and decided
 * the second medical campaign (attendance, decisions, action items, minutes approved by both
 * parties), and the next meeting planned with its agenda prepared. Built through the domain's
 * own commands, like the rest of the demo.
 */
import type { DB } from "../client";
import type { Actor } from "../../app/domain/access/access";
import { findAgreement } from "../../app/domain/agreement/agreement.queries.server";
import { addActionItem, closeActionItem } from "../../app/domain/committee/action-items.server";
import { addMember, getCommittee } from "../../app/domain/committee/committee.server";
import {
  addAgendaItem,
  addOutcome,
  approveMinutes,
  getMeeting,
  moveMeeting,
  moveMinutes,
  recordAttendance,
  saveMinutes,
  scheduleMeeting,
} from "../../app/domain/committee/meetings.server";
import { todayInMorocco } from "../../app/lib/time";
import { DEMO_PASSWORD } from "./demo-password";

const meta = { actorUserId: null, ip: null, userAgent: "charaka-seed" };

async function actorFor(db: DB, userId: string): Promise<Actor> {
  const memberships = await db
    .selectFrom("membership")
    .select(["organization_id as organizationId", "role"])
    .where("user_id", "=", userId)
    .execute();
  return { userId, isPlatformAdmin: false, memberships };
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: committee: ${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const MINUTES = (
  year: number,
) => `La réunion s’est tenue au siège de l’association à Smara, sous la présidence de M. Mustapha El Harma.

**1. Plan d’action ${year}.** Le plan préparé par l’association a été présenté. La Fondation Clear Vision a demandé que le suivi des malades chroniques orientés lors de la campagne soit mesuré. Le plan est adopté à l’unanimité.

**2. Deuxième campagne médicale.** Les membres conviennent d’organiser une campagne ophtalmologique à Smara au mois d’avril, au profit de 500 personnes démunies. L’association identifie les bénéficiaires avec les autorités locales ; la Fondation mobilise l’équipe médicale et les équipements optiques.

---

**ملخص بالعربية:** انعقد اجتماع اللجنة المشتركة للتتبع بمقر الجمعية بالسمارة. صادقت اللجنة على خطة العمل لسنة ${year}، وقررت تنظيم حملة طبية لطب العيون بالسمارة خلال شهر أبريل لفائدة 500 شخص من المعوزين.`;

/** Called once the agreement is active and its plan submitted; returns the meeting that adopts the plan. */
export async function seedCommittee(
  db: DB,
  agreementId: string,
  userIds: Map<string, string>,
  now: Date,
): Promise<{ meetingId: string; adoptedOn: string }> {
  const president = await actorFor(db, userIds.get("president@sofara.example")!);
  const secretary = await actorFor(db, userIds.get("membre@sofara.example")!);
  const partner = await actorFor(db, userIds.get("rse@clearvision.example")!);
  const loaded = (await findAgreement(db, president, agreementId))!;
  const year = Number(todayInMorocco(now).slice(0, 4));

  // Set up when the agreement came into force (its article on the committee); the two other members join.
  const found = await getCommittee(db, agreementId);
  if (!found) throw new Error("demo seed: the committee was not set up on activation");
  const party = (email: string) => found.members.find((m) => m.userId === userIds.get(email))?.partyId;
  const sofaraParty = party("president@sofara.example")!;
  const clearVisionParty = party("directeur@clearvision.example")!;
  must(
    await addMember(db, president, meta, loaded, {
      partyId: sofaraParty,
      userId: userIds.get("membre@sofara.example"),
      role: "secretary",
    }),
    "secretary",
  );
  must(
    await addMember(db, president, meta, loaded, {
      partyId: clearVisionParty,
      userId: userIds.get("rse@clearvision.example"),
      role: "member",
    }),
    "partner member",
  );

  // The February meeting.
  const first = must(
    await scheduleMeeting(db, secretary, meta, loaded, {
      date: `${year}-02-10`,
      time: "10:00",
      timeZone: "Africa/Casablanca",
      durationMinutes: 120,
      location: "Siège de l’association Sofara Al-Khair, Smara",
      locale: "fr",
      today: `${year}-02-01`,
    }),
    "schedule",
  );
  const meetingId = first.meetingId;
  must(
    await addAgendaItem(db, secretary, meta, loaded, {
      meetingId,
      title: "Deuxième campagne médicale à Smara",
      body: "Dates, spécialités, nombre de bénéficiaires, répartition des tâches.",
    }),
    "agenda",
  );
  must(await moveMeeting(db, secretary, meta, loaded, { meetingId, move: "start" }), "start");
  const members = (await getCommittee(db, agreementId))!.members;
  must(
    await recordAttendance(db, secretary, meta, loaded, {
      meetingId,
      statuses: Object.fromEntries(members.map((m) => [m.id, "present" as const])),
      guests: "Dr Ahmed Lahbib — Délégation provinciale de la santé, Es-Semara",
    }),
    "attendance",
  );
  let meeting = (await getMeeting(db, agreementId, meetingId))!;
  const planItem = meeting.agenda.find((i) => i.source_kind === "plan");
  const campaignItem = meeting.agenda.find((i) => i.title.startsWith("Deuxième campagne"))!;
  if (planItem)
    must(
      await addOutcome(db, secretary, meta, loaded, {
        meetingId,
        agendaItemId: planItem.id,
        kind: "decision",
        body: `Le plan d’action ${year} est adopté à l’unanimité.`,
      }),
      "plan decision",
    );
  must(
    await addOutcome(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      kind: "decision",
      body: "Organiser une campagne médicale d’ophtalmologie à Smara en avril, au profit de 500 personnes démunies.",
    }),
    "campaign decision",
  );
  must(
    await addOutcome(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      kind: "information",
      body: "La Délégation provinciale de la santé met une salle du centre de santé à disposition.",
    }),
    "information",
  );
  const secretaryMember = members.find((m) => m.userId === userIds.get("membre@sofara.example"))!;
  must(
    await addActionItem(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      title: "Établir la liste des bénéficiaires avec les autorités locales",
      owner: `member:${secretaryMember.id}`,
      dueDate: `${year}-03-31`,
    }),
    "action item 1",
  );
  must(
    await addActionItem(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      title: "Mobiliser l’équipe médicale et les équipements optiques",
      owner: `party:${clearVisionParty}`,
      dueDate: `${year}-04-01`,
    }),
    "action item 2",
  );
  must(
    await addActionItem(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      title: "Transmettre le rapport de la campagne aux autorités provinciales",
      owner: `party:${sofaraParty}`,
      dueDate: `${year}-12-15`,
    }),
    "action item 3",
  );
  must(
    await addActionItem(db, secretary, meta, loaded, {
      meetingId,
      agendaItemId: campaignItem.id,
      title: "Remettre le bilan chiffré de la campagne : consultations, lunettes remises, orientations",
      owner: `party:${clearVisionParty}`,
      dueDate: `${year}-05-15`,
    }),
    "action item 4",
  );
  meeting = (await getMeeting(db, agreementId, meetingId))!;
  must(
    await saveMinutes(db, secretary, meta, loaded, {
      meetingId,
      minutes: MINUTES(year),
      revision: meeting.meeting.minutes_revision,
    }),
    "minutes",
  );
  must(await moveMeeting(db, secretary, meta, loaded, { meetingId, move: "close" }), "close");
  must(await moveMinutes(db, secretary, meta, loaded, { meetingId, move: "circulate" }), "circulate");
  must(await approveMinutes(db, president, meta, loaded, { meetingId, password: DEMO_PASSWORD }), "approval by Sofara");
  must(
    await approveMinutes(db, partner, meta, loaded, { meetingId, password: DEMO_PASSWORD }),
    "approval by Clear Vision",
  );

  // Two of the four were carried out; the foundation's figures are late, the report is not due yet.
  meeting = (await getMeeting(db, agreementId, meetingId))!;
  for (const item of meeting.actionItems.filter((a) => a.dueDate! <= `${year}-04-01`)) {
    const by = item.ownerPartyId === clearVisionParty ? partner : secretary;
    must(
      await closeActionItem(db, by, meta, loaded, {
        actionItemId: item.id,
        to: "done",
        note: item.ownerPartyId
          ? "Équipe de 6 médecins et 2 opticiens mobilisée."
          : "Liste de 500 bénéficiaires arrêtée avec l’autorité locale.",
        version: item.version,
      }),
      "close item",
    );
  }
  return { meetingId, adoptedOn: `${year}-02-10` };
}

/** The next meeting, planned three weeks ahead: its agenda carries the open action item over. */
export async function seedNextMeeting(
  db: DB,
  agreementId: string,
  userIds: Map<string, string>,
  now: Date,
): Promise<void> {
  const secretary = await actorFor(db, userIds.get("membre@sofara.example")!);
  const loaded = (await findAgreement(db, secretary, agreementId))!;
  const date = new Date(now.getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
  must(
    await scheduleMeeting(db, secretary, meta, loaded, {
      date,
      time: "10:00",
      timeZone: "Africa/Casablanca",
      durationMinutes: 120,
      location: "Siège de l’association Sofara Al-Khair, Smara",
      locale: "fr",
      today: todayInMorocco(now),
    }),
    "next meeting",
  );
}
