/**
 * "What has been delivered with our money?" — for every agreement in force (or ended) that the
 * actor's organizations are party to: deliverables with their progress and evidence, the
 * beneficiaries reached, meetings held with their approved minutes, and the open action items
 * that concern the actor's organizations.
 *
 * Built field by field from allow-lists: drafts, negotiation comments, named beneficiaries and
 * minutes not yet approved never leave this module (the loader test checks every key).
 */
import { inOrderOf } from "~/lib/ids";
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { isActionItemOverdue } from "../committee/committee";
import { listDeliverablesOf } from "../delivery/deliverables.server";
import { shareAnAgreement } from "../organization/organization.server";
import { countSubjects, firstSubjects, keptEntries } from "./attention-entries.server";

/** Agreements per page of the partner's view: a foundation may follow hundreds. */
export const IMPACT_PAGE_SIZE = 10;

/** The agreements the partner's view follows (REVIEWED), kept per organization by reference. */
const reviewed = (db: DB, orgs: readonly string[]) => keptEntries(db, orgs, "reviewed_agreement");

/** How many agreements the partner's view has in all (for its pages). */
export async function countPartnerImpact(db: DB, actor: Actor): Promise<number> {
  const orgs = organizationIds(actor);
  if (!orgs.length) return 0;
  return countSubjects(reviewed(db, orgs), !(await shareAnAgreement(db, orgs)));
}

export async function partnerImpact(
  db: DB,
  actor: Actor,
  today: string,
  page: { limit: number; offset: number } = { limit: IMPACT_PAGE_SIZE, offset: 0 },
) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return [];
  // The page's agreements by reference: the first rows of the organizations' kept entries.
  const ids = (
    await firstSubjects(
      reviewed(db, orgs).orderBy("sort_key").orderBy("subject_id"),
      page.offset + page.limit,
      orgs.length,
    )
  ).slice(page.offset);
  if (!ids.length) return [];
  const found = await db
    .selectFrom("agreement")
    .select([
      "agreement.id",
      "agreement.reference",
      "agreement.title",
      "agreement.title_secondary as titleSecondary",
      "agreement.status",
    ])
    .where("agreement.id", "in", ids)
    .execute();
  const agreements = inOrderOf(ids, found);

  // The page's follow-up, each part read once for all its agreements.
  const [deliverablesOf, evidence, meetings, actionItems] = await Promise.all([
    listDeliverablesOf(db, ids),
    db
      .selectFrom("attachment")
      .innerJoin("delivery", "delivery.id", "attachment.owner_id")
      .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
      .select(["deliverable.id as deliverableId", (eb) => eb.fn.countAll<number>().as("files")])
      .where("attachment.owner_type", "=", "delivery")
      .where("deliverable.agreement_id", "in", ids)
      .groupBy("deliverable.id")
      .execute(),
    db
      .selectFrom("meeting")
      .select([
        "id",
        "agreement_id as agreementId",
        "number",
        "starts_at as startsAt",
        "time_zone as timeZone",
        "status",
        "minutes_status as minutesStatus",
      ])
      .where("agreement_id", "in", ids)
      .where("status", "!=", "planned")
      .orderBy("starts_at", "desc")
      .execute(),
    db
      .selectFrom("action_item")
      .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
      .leftJoin("committee_member", "committee_member.id", "action_item.owner_member_id")
      .leftJoin("agreement_party", "agreement_party.id", "action_item.owner_party_id")
      .select([
        "action_item.id",
        "action_item.agreement_id as agreementId",
        "action_item.title",
        "action_item.due_date as dueDate",
        "action_item.status",
        "meeting.id as meetingId",
        "meeting.number as meetingNumber",
      ])
      .where("action_item.agreement_id", "in", ids)
      .where("action_item.status", "=", "open")
      .where((eb) =>
        eb.or([eb("agreement_party.organization_id", "in", orgs), eb("committee_member.user_id", "=", actor.userId)]),
      )
      .orderBy(sql`action_item.due_date is null`) // undated last, on both engines
      .orderBy("action_item.due_date")
      .execute(),
  ]);
  const files = new Map(evidence.map((e) => [e.deliverableId, Number(e.files)]));

  return agreements.map((a) => {
    const deliverables = deliverablesOf.get(a.id) ?? [];
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      titleSecondary: a.titleSecondary,
      status: a.status,
      beneficiaries: deliverables.reduce((sum, d) => sum + d.beneficiaries, 0),
      deliverables: deliverables.map((d) => ({
        id: d.id,
        title: d.title,
        kind: d.kind,
        unit: d.unit,
        status: d.status,
        dueDate: d.dueDate,
        nameFr: d.nameFr,
        nameAr: d.nameAr,
        delivered: d.progress.delivered,
        target: d.progress.target,
        percent: d.progress.percent,
        over: d.progress.over,
        beneficiaries: d.beneficiaries,
        evidenceFiles: files.get(d.id) ?? 0,
      })),
      meetings: meetings
        .filter((m) => m.agreementId === a.id)
        .map((m) => ({
          id: m.id,
          number: m.number,
          startsAt: m.startsAt,
          timeZone: m.timeZone,
          minutesApproved: m.minutesStatus === "approved",
        })),
      actionItems: actionItems
        .filter((x) => x.agreementId === a.id)
        .map((x) => ({
          id: x.id,
          title: x.title,
          dueDate: x.dueDate,
          meetingId: x.meetingId,
          meetingNumber: x.meetingNumber,
          overdue: isActionItemOverdue(x, today),
        })),
    };
  });
}
