/**
 * "What has been delivered with our money?" — for every agreement in force (or ended) that the
 * actor's organizations are party to: deliverables with their progress and evidence, the
 * beneficiaries reached, meetings held with their approved minutes, and the open action items
 * that concern the actor's organizations.
 *
 * Built field by field from allow-lists: drafts, negotiation comments, named beneficiaries and
 * minutes not yet approved never leave this module (the loader test checks every key).
 */
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { isActionItemOverdue } from "../committee/committee";
import { listDeliverables } from "../delivery/deliverables.server";
import { shareAnAgreement } from "../organization/organization.server";

/** Agreement states whose follow-up a partner reviews: signed and beyond, never a draft or a text under negotiation. */
const REVIEWED = ["active", "suspended", "completed", "expired", "terminated"] as const;

/** Agreements per page of the partner's view: a foundation may follow hundreds. */
export const IMPACT_PAGE_SIZE = 10;

function reviewedAgreements(db: DB, orgs: string[]) {
  return (
    db
      .selectFrom("agreement")
      // The organizations' parties of reviewed agreements, read from their index.
      .where("agreement.id", "in", (eb) =>
        eb
          .selectFrom("agreement_party")
          .select("agreement_party.agreement_id")
          .where("agreement_party.organization_id", "in", orgs)
          .where("agreement_party.agreement_status", "in", REVIEWED),
      )
  );
}

/**
 * How many agreements the partner's view has in all (for its pages): added up from the organizations'
 * kept counts by status (migration 0200) when they share no agreement, counted otherwise.
 */
export async function countPartnerImpact(db: DB, actor: Actor): Promise<number> {
  const orgs = organizationIds(actor);
  if (!orgs.length) return 0;
  const row = (await shareAnAgreement(db, orgs))
    ? await reviewedAgreements(db, orgs)
        .select(sql<number>`count(*)`.as("n"))
        .executeTakeFirst()
    : await db
        .selectFrom("organization_status_count")
        .select(sql<number>`coalesce(sum(agreements), 0)`.as("n"))
        .where("organization_id", "in", orgs)
        .where("agreement_status", "in", REVIEWED)
        .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function partnerImpact(
  db: DB,
  actor: Actor,
  today: string,
  page: { limit: number; offset: number } = { limit: IMPACT_PAGE_SIZE, offset: 0 },
) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return [];
  const agreements = await reviewedAgreements(db, orgs)
    .select([
      "agreement.id",
      "agreement.reference",
      "agreement.title",
      "agreement.title_secondary as titleSecondary",
      "agreement.status",
    ])
    .orderBy("agreement.reference")
    .limit(page.limit)
    .offset(page.offset)
    .execute();

  const result = [];
  for (const a of agreements) {
    const deliverables = await listDeliverables(db, a.id);
    const evidence = await db
      .selectFrom("attachment")
      .innerJoin("delivery", "delivery.id", "attachment.owner_id")
      .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
      .select(["deliverable.id as deliverableId", (eb) => eb.fn.countAll<number>().as("files")])
      .where("attachment.owner_type", "=", "delivery")
      .where("deliverable.agreement_id", "=", a.id)
      .groupBy("deliverable.id")
      .execute();
    const meetings = await db
      .selectFrom("meeting")
      .select([
        "id",
        "number",
        "starts_at as startsAt",
        "time_zone as timeZone",
        "status",
        "minutes_status as minutesStatus",
      ])
      .where("agreement_id", "=", a.id)
      .where("status", "!=", "planned")
      .orderBy("starts_at", "desc")
      .execute();
    const actionItems = await db
      .selectFrom("action_item")
      .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
      .leftJoin("committee_member", "committee_member.id", "action_item.owner_member_id")
      .leftJoin("agreement_party", "agreement_party.id", "action_item.owner_party_id")
      .select([
        "action_item.id",
        "action_item.title",
        "action_item.due_date as dueDate",
        "action_item.status",
        "meeting.id as meetingId",
        "meeting.number as meetingNumber",
      ])
      .where("action_item.agreement_id", "=", a.id)
      .where("action_item.status", "=", "open")
      .where((eb) =>
        eb.or([eb("agreement_party.organization_id", "in", orgs), eb("committee_member.user_id", "=", actor.userId)]),
      )
      .orderBy(sql`action_item.due_date is null`) // undated last, on both engines
      .orderBy("action_item.due_date")
      .execute();
    result.push({
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
        evidenceFiles: Number(evidence.find((e) => e.deliverableId === d.id)?.files ?? 0),
      })),
      meetings: meetings.map((m) => ({
        id: m.id,
        number: m.number,
        startsAt: m.startsAt,
        timeZone: m.timeZone,
        minutesApproved: m.minutesStatus === "approved",
      })),
      actionItems: actionItems.map((x) => ({
        id: x.id,
        title: x.title,
        dueDate: x.dueDate,
        meetingId: x.meetingId,
        meetingNumber: x.meetingNumber,
        overdue: isActionItemOverdue(x, today),
      })),
    });
  }
  return result;
}
