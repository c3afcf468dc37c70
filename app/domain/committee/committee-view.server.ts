/**
 * The committee page's view model: the committee's rules and rhythm, its members by party (and who
 * may take over the seat of someone who left), its meetings and open action items, and what the
 * reader may do, read in one place for the route. `committee` is null before it is set up.
 */
import type { DB } from "../../../db/client";
import type { Locale } from "../../../db/schema";
import { canManageCommittee, canRecordMeetings, type Actor } from "../access/access";
import { listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { departed } from "../organization/members.server";
import { createTranslator } from "~/lib/i18n/translate";
import { actionItemView } from "./action-items.server";
import { isActionItemOpen, isHeadCountQuorum, isMeetingHeld, seatCandidates } from "./committee";
import { committeeRhythm, getCommittee, seatablePeople, seatOf } from "./committee.server";
import { listActionItems, listMeetings } from "./meetings.server";

export async function committeeView(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  options: { today: string; locale: Locale },
) {
  const { today, locale } = options;
  const agreementId = loaded.agreement.id;
  const { formatMeetingTime } = createTranslator(locale);
  const found = await getCommittee(db, agreementId);
  const seat = seatOf(found, actor);
  const canManage = canManageCommittee(actor, loaded.access, seat);
  const parties = (await listParties(db, agreementId)).map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr }));
  if (!found) return { agreementId, committee: null, canManage, parties };
  // Those who left the organization they sat for: their seat can be handed over.
  const left = await departed(
    db,
    found.members.flatMap((m) => (m.userId ? [{ userId: m.userId, organizationId: m.organizationId }] : [])),
  );
  const hasLeft = (m: { userId: string | null; organizationId: string }) =>
    m.userId !== null && left.has(`${m.userId}:${m.organizationId}`);
  const leftMemberIds = new Set(found.members.filter(hasLeft).map((m) => m.id));
  const [meetings, actionItems, rhythm, people] = await Promise.all([
    listMeetings(db, found.committee.id),
    listActionItems(db, found.committee.id),
    committeeRhythm(db, found, today),
    canManage ? seatablePeople(db, agreementId) : Promise.resolve([]),
  ]);
  const members = found.members.map((m) => ({
    id: m.id,
    partyId: m.partyId,
    name: m.name,
    role: m.role,
    userId: m.userId,
    external: m.userId === null,
    organizationName: m.organizationName,
    // Email addresses of external people are shown only to those who manage the committee.
    email: canManage ? m.email : null,
    left: hasLeft(m),
    handOverTo: hasLeft(m)
      ? seatCandidates(people, found.members, m.partyId).map((p) => ({ userId: p.userId, name: p.name }))
      : [],
  }));
  return {
    agreementId,
    canManage,
    parties,
    committee: {
      id: found.committee.id,
      version: found.committee.version,
      rhythm: found.committee.rhythm,
      quorumRule: found.committee.quorum_rule,
      quorumCount: found.committee.quorum_count,
      headCount: isHeadCountQuorum(found.committee.quorum_rule),
      approvalRule: found.committee.approval_rule,
      canRecord: canRecordMeetings(seat),
      late: rhythm.late,
      nextDue: rhythm.nextDue,
      lastHeld: rhythm.lastHeld,
      // Each party with its members (a party with none is shown as missing).
      seats: parties.map((p) => ({ ...p, members: members.filter((m) => m.partyId === p.id) })),
      memberCount: members.length,
      meetings: meetings.map((m) => ({
        ...m,
        held: isMeetingHeld(m.status),
        when: formatMeetingTime(m.startsAt, m.timeZone, "medium"),
        decisions: Number(m.decisions ?? 0),
        actionItems: Number(m.actionItems ?? 0),
      })),
      actionItems: actionItems
        .filter((a) => isActionItemOpen(a.status))
        .map((a) => ({
          ...actionItemView(actor, found, a, today),
          ownerLeft: a.ownerMemberId !== null && leftMemberIds.has(a.ownerMemberId),
        })),
      people: people.map((p) => ({ partyId: p.partyId, userId: p.userId, name: p.name })),
    },
  };
}

export type CommitteeView = Awaited<ReturnType<typeof committeeView>>;
export type CommitteeData = NonNullable<CommitteeView["committee"]>;
