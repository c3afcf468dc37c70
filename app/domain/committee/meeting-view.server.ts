/**
 * The meeting page's view model: the meeting, its agenda with each item's outcomes and action items,
 * attendance and quorum, minutes with their approvals and addenda, and what the reader may do (every
 * flag from access.ts and committee.ts), read in one place for the route. Null when the agreement has
 * no committee or no such meeting (the page answers 404).
 */
import type { DB } from "../../../db/client";
import type { Locale } from "../../../db/schema";
import { canEditMinutes, canRecordMeetings, canReopenMeeting, type Actor } from "../access/access";
import { listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { appOrigin } from "~/lib/env.server";
import { createTranslator } from "~/lib/i18n/translate";
import { renderMarkdown } from "~/lib/markdown.server";
import { actionItemView, linkTargets } from "./action-items.server";
import {
  acceptsAddendum,
  agendaItemText,
  canApproveMinutes,
  canRecordOutcomes,
  isAgendaEditable,
  isDecision,
  isHeadCountQuorum,
  isMeetingHeld,
  isMinutesEditable,
  meetingSteps,
  minutesSteps,
} from "./committee";
import { getCommittee, partyIds, seatOf } from "./committee.server";
import { currentApprovals, getMeeting, meetingQuorum } from "./meetings.server";

export async function meetingView(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  meetingId: string,
  options: { today: string; locale: Locale },
) {
  const { today, locale } = options;
  const agreementId = loaded.agreement.id;
  const found = await getCommittee(db, agreementId);
  if (!found) return null;
  const m = await getMeeting(db, agreementId, meetingId);
  if (!m) return null;
  const seat = seatOf(found, actor);
  const [parties, committeeParties, targets] = await Promise.all([
    listParties(db, agreementId),
    partyIds(db, agreementId),
    linkTargets(db, agreementId),
  ]);
  const q = meetingQuorum(found, m, committeeParties);
  const { meeting } = m;
  const canRecord = canRecordMeetings(seat) && canRecordOutcomes(meeting.status);
  const minutesEditable = canEditMinutes(seat) && isMinutesEditable(meeting.status, meeting.minutes_status);
  const approvals = currentApprovals(m);
  const toView = (a: (typeof m.actionItems)[number]) =>
    actionItemView(actor, found, a, today, {
      link: targets.find((x) => x.kind === a.linkKind && x.id === a.linkId) ?? null,
    });
  const outcomeView = (o: (typeof m.outcomes)[number]) => ({
    id: o.id,
    kind: o.kind,
    decision: isDecision(o.kind),
    number: o.number,
    html: renderMarkdown(o.body),
  });
  const { t, formatMeetingTime } = createTranslator(locale);
  const when = formatMeetingTime(meeting.starts_at, meeting.time_zone);
  const invitation = [
    `${t("committee.title")} · ${loaded.agreement.reference}`,
    `${t("meeting.title", { number: meeting.number })} · ${when}`,
    meeting.location ?? meeting.video_url ?? "",
    `${appOrigin()}/agreements/${agreementId}/meetings/${meeting.id}`,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    agreementId,
    reference: loaded.agreement.reference,
    titleText: `#${meeting.number}`,
    // The invitation is sent before the meeting is held.
    whatsapp: isMeetingHeld(meeting.status) ? null : `https://wa.me/?text=${encodeURIComponent(invitation)}`,
    meeting: {
      id: meeting.id,
      number: meeting.number,
      startsAt: meeting.starts_at,
      timeZone: meeting.time_zone,
      when,
      durationMinutes: meeting.duration_minutes,
      location: meeting.location,
      videoUrl: meeting.video_url,
      status: meeting.status,
      guests: meeting.guests,
      // The Markdown source only to those who edit it; readers get the HTML (up to 50 KB less per view).
      minutes: minutesEditable ? meeting.minutes : null,
      minutesHtml: renderMarkdown(meeting.minutes),
      minutesStatus: meeting.minutes_status,
      minutesRevision: meeting.minutes_revision,
      minutesHash: meeting.minutes_hash,
      minutesEditedBy: m.minutesEditedBy,
    },
    rights: {
      record: canRecord,
      agenda: canRecordMeetings(seat) && isAgendaEditable(meeting.status),
      steps: canRecordMeetings(seat) ? meetingSteps(meeting.status, canReopenMeeting(seat)) : [],
      minutes: minutesEditable,
      minutesSteps: canEditMinutes(seat) ? minutesSteps(meeting.status, meeting.minutes_status) : [],
      approve: canApproveMinutes(seat, {
        approvalRule: found.committee.approval_rule,
        minutesStatus: meeting.minutes_status,
        approvedBy: approvals.map((a) => a.memberId),
      }),
      addendum: canEditMinutes(seat) && acceptsAddendum(meeting.minutes_status),
    },
    approvalRule: found.committee.approval_rule,
    quorum: {
      met: q.met,
      present: q.present,
      required: q.required,
      headCount: isHeadCountQuorum(found.committee.quorum_rule),
      missing: parties
        .filter((p) => q.missingPartyIds.includes(p.id))
        .map((p) => ({ nameFr: p.nameFr, nameAr: p.nameAr })),
    },
    parties: parties.map((p) => ({
      id: p.id,
      nameFr: p.nameFr,
      nameAr: p.nameAr,
      approval: approvals.find((a) => a.partyId === p.id) ?? null,
    })),
    members: found.members.map((x) => ({
      id: x.id,
      name: x.name,
      role: x.role,
      partyId: x.partyId,
      organizationName: x.organizationName,
      attendance: m.attendance.find((a) => a.memberId === x.id)?.status ?? null,
    })),
    approvals: approvals.map((a) => ({ name: a.name, partyId: a.partyId, approvedAt: a.approvedAt })),
    agenda: m.agenda.map((item) => {
      // What Charaka prepared reads in the reader's language; what people typed, as typed.
      const text = agendaItemText(item, locale);
      return {
        id: item.id,
        title: text.title,
        html: renderMarkdown(text.body),
        source: item.source_kind,
        outcomes: m.outcomes.filter((o) => o.agenda_item_id === item.id).map(outcomeView),
        actionItems: m.actionItems.filter((a) => a.agendaItemId === item.id).map(toView),
      };
    }),
    otherOutcomes: m.outcomes.filter((o) => o.agenda_item_id === null).map(outcomeView),
    otherActionItems: m.actionItems.filter((a) => a.agendaItemId === null).map(toView),
    decisions: m.outcomes
      .filter((o) => isDecision(o.kind))
      .map((o) => ({ number: o.number!, html: renderMarkdown(o.body) })),
    addenda: m.addenda.map((a) => ({
      id: a.id,
      html: renderMarkdown(a.body),
      createdAt: a.createdAt,
      authorName: a.authorName,
    })),
    // Who an action item can be given to: a member, or a whole party.
    owners: canRecord
      ? [
          ...found.members.map((x) => ({ value: `member:${x.id}`, name: x.name, party: null })),
          ...parties.map((p) => ({
            value: `party:${p.id}`,
            name: null,
            party: { nameFr: p.nameFr, nameAr: p.nameAr },
          })),
        ]
      : [],
    links: canRecord ? targets : [],
  };
}

export type MeetingView = NonNullable<Awaited<ReturnType<typeof meetingView>>>;
