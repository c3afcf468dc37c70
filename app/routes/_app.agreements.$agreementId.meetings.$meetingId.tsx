/**
 * One committee meeting, as its secretary runs it: agenda with each item's outcomes (information,
 * numbered decisions, action items), attendance and quorum, minutes with a live preview, their
 * circulation and approval by the parties, and addenda once locked.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ActionItemList } from "~/components/action-items";
import { Markdown } from "~/components/markdown";
import { MarkdownEditor } from "~/components/markdown-editor";
import { MeetingTime } from "~/components/meeting-time";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, asFailure, FormError, typed } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import { canEditMinutes, canRecordMeetings, canReopenMeeting } from "~/domain/access/access";
import type { Refusal } from "~/domain/agreement/agreement.commands.server";
import { listParties } from "~/domain/agreement/agreement.queries.server";
import { actionItemView, addActionItem, closeActionItem, linkTargets } from "~/domain/committee/action-items.server";
import {
  agendaItemText,
  ATTENDANCE,
  canRecordOutcomes,
  isAgendaEditable,
  isMinutesEditable,
  mayApprove,
} from "~/domain/committee/committee";
import {
  ActionItemSchema,
  AddendumSchema,
  AgendaItemSchema,
  ApproveMinutesSchema,
  AttendanceSchema,
  attendanceInput,
  CloseActionItemSchema,
  MeetingMoveSchema,
  MeetingParams,
  MinutesMoveSchema,
  MinutesSchema,
  MoveAgendaItemSchema,
  OutcomeSchema,
  RemoveAgendaItemSchema,
} from "~/domain/committee/committee.schema";
import { getCommittee, partyIds, seatOf } from "~/domain/committee/committee.server";
import {
  addAddendum,
  addAgendaItem,
  addOutcome,
  approveMinutes,
  currentApprovals,
  getMeeting,
  meetingQuorum,
  moveAgendaItem,
  moveMeeting,
  moveMinutes,
  recordAttendance,
  removeAgendaItem,
  saveMinutes,
  type MinutesConflict,
} from "~/domain/committee/meetings.server";
import { displayName } from "~/domain/organization/organization";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";
import { appOrigin } from "~/lib/env.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { createTranslator } from "~/lib/i18n/translate";
import { todayInMorocco } from "~/lib/time";
import { passwordRefusalError, type PasswordRefusal } from "~/domain/identity/login.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · ${data.titleText} · Charaka` : "Charaka" },
];

async function requireMeeting(request: Request, params: unknown, context: Parameters<typeof requireAgreement>[2]) {
  const who = await requireAgreement(request, params, context);
  const parsed = MeetingParams.safeParse(params);
  if (!parsed.success) notFound();
  const found = await getCommittee(db(), who.loaded.agreement.id);
  if (!found) notFound();
  const m = await getMeeting(db(), who.loaded.agreement.id, parsed.data.meetingId);
  if (!m) notFound();
  return { ...who, found, m, meetingId: parsed.data.meetingId };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, found, m, user } = await requireMeeting(request, params, context);
  const today = todayInMorocco();
  const seat = seatOf(found, actor);
  const parties = await listParties(db(), loaded.agreement.id);
  const q = meetingQuorum(found, m, await partyIds(db(), loaded.agreement.id));
  const canRecord = canRecordMeetings(seat) && canRecordOutcomes(m.meeting.status);
  const minutesEditable = canEditMinutes(seat) && isMinutesEditable(m.meeting.status, m.meeting.minutes_status);
  const approvals = currentApprovals(m);
  const targets = await linkTargets(db(), loaded.agreement.id);
  const toView = (a: (typeof m.actionItems)[number]) =>
    actionItemView(actor, found, a, today, {
      link: targets.find((x) => x.kind === a.linkKind && x.id === a.linkId) ?? null,
    });
  const locale = resolveLocale(request, user);
  const { t, formatMeetingTime } = createTranslator(locale);
  const when = formatMeetingTime(m.meeting.starts_at, m.meeting.time_zone);
  const invitation = [
    `${t("committee.title")} · ${loaded.agreement.reference}`,
    `${t("meeting.title", { number: m.meeting.number })} · ${when}`,
    m.meeting.location ?? m.meeting.video_url ?? "",
    `${appOrigin()}/agreements/${loaded.agreement.id}/meetings/${m.meeting.id}`,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    whatsapp: `https://wa.me/?text=${encodeURIComponent(invitation)}`,
    agreementId: loaded.agreement.id,
    reference: loaded.agreement.reference,
    titleText: `#${m.meeting.number}`,
    meeting: {
      id: m.meeting.id,
      number: m.meeting.number,
      startsAt: m.meeting.starts_at,
      timeZone: m.meeting.time_zone,
      when,
      durationMinutes: m.meeting.duration_minutes,
      location: m.meeting.location,
      videoUrl: m.meeting.video_url,
      status: m.meeting.status,
      guests: m.meeting.guests,
      // The Markdown source only to those who edit it; readers get the HTML (up to 50 KB less per view).
      minutes: minutesEditable ? m.meeting.minutes : null,
      minutesHtml: renderMarkdown(m.meeting.minutes),
      minutesStatus: m.meeting.minutes_status,
      minutesRevision: m.meeting.minutes_revision,
      minutesHash: m.meeting.minutes_hash,
      minutesEditedBy: m.minutesEditedBy,
    },
    rights: {
      record: canRecord,
      agenda: canRecordMeetings(seat) && isAgendaEditable(m.meeting.status),
      moveMeeting: canRecordMeetings(seat),
      reopen: canReopenMeeting(seat),
      minutes: minutesEditable,
      minutesSteps: canEditMinutes(seat),
      approve:
        seat !== null &&
        m.meeting.minutes_status === "circulated" &&
        mayApprove(found.committee.approval_rule, seat.role) &&
        !approvals.some((a) => a.memberId === seat.memberId),
      addendum: canEditMinutes(seat) && m.meeting.minutes_status === "approved",
    },
    approvalRule: found.committee.approval_rule,
    quorum: {
      met: q.met,
      present: q.present,
      required: q.required,
      missing: parties
        .filter((p) => q.missingPartyIds.includes(p.id))
        .map((p) => ({ nameFr: p.nameFr, nameAr: p.nameAr })),
      rule: found.committee.quorum_rule,
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
    agenda: m.agenda.map((item) => ({
      id: item.id,
      // What Charaka prepared reads in the reader's language; what people typed, as typed.
      title: agendaItemText(item, locale).title,
      html: renderMarkdown(agendaItemText(item, locale).body),
      source: item.source_kind,
      outcomes: m.outcomes
        .filter((o) => o.agenda_item_id === item.id)
        .map((o) => ({ id: o.id, kind: o.kind, number: o.number, html: renderMarkdown(o.body) })),
      actionItems: m.actionItems.filter((a) => a.agendaItemId === item.id).map(toView),
    })),
    otherOutcomes: m.outcomes
      .filter((o) => o.agenda_item_id === null)
      .map((o) => ({ id: o.id, kind: o.kind, number: o.number, html: renderMarkdown(o.body) })),
    otherActionItems: m.actionItems.filter((a) => a.agendaItemId === null).map(toView),
    decisions: m.outcomes
      .filter((o) => o.kind === "decision")
      .map((o) => ({ number: o.number!, html: renderMarkdown(o.body) })),
    addenda: m.addenda.map((a) => ({
      id: a.id,
      html: renderMarkdown(a.body),
      createdAt: a.createdAt,
      authorName: a.authorName,
    })),
    owners: canRecord
      ? [
          ...found.members.map((x) => ({ value: `member:${x.id}`, label: x.name, nameFr: null, nameAr: null })),
          ...parties.map((p) => ({ value: `party:${p.id}`, nameFr: p.nameFr, nameAr: p.nameAr, label: "" })),
        ]
      : [],
    links: canRecord ? targets : [],
  };
}

type Failure = FormFailure & { intent: string; target?: string; conflict?: MinutesConflict["current"] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded, meetingId } = await requireMeeting(request, params, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}/meetings/${meetingId}`;
  const target = String(formData.get("agendaItemId") ?? formData.get("itemId") ?? "");
  const answer = (result: { ok: true } | Refusal | PasswordRefusal, values: FormFailure["values"], anchor = "") => {
    if (result.ok) return redirect(here + anchor);
    if (result.error === "not_found") notFound();
    if (result.error === "password")
      return data(
        { ...failure(values, { password: passwordRefusalError(result, "signing.error.password") }), intent, target },
        { status: result.retryAfterMinutes !== undefined ? 429 : 400 },
      );
    return data(
      {
        ...failure(values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }),
        intent,
        target,
      },
      { status: 400 },
    );
  };
  const invalid = (form: FormFailure) => data({ ...form, intent, target }, { status: 400 });
  switch (intent) {
    case "addAgendaItem": {
      const form = parseForm(AgendaItemSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await addAgendaItem(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        "#agenda",
      );
    }
    case "moveAgendaItem": {
      const form = parseForm(MoveAgendaItemSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await moveAgendaItem(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        "#agenda",
      );
    }
    case "removeAgendaItem": {
      const form = parseForm(RemoveAgendaItemSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await removeAgendaItem(db(), actor, meta, loaded, { meetingId, itemId: form.data.itemId }),
        form.values,
        "#agenda",
      );
    }
    case "start":
    case "close":
    case "reopen": {
      const form = parseForm(MeetingMoveSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await moveMeeting(db(), actor, meta, loaded, { meetingId, move: form.data.intent, reason: form.data.reason }),
        form.values,
      );
    }
    case "attendance": {
      const form = parseForm(AttendanceSchema, formData, attendanceInput(formData));
      if (!form.ok) return invalid(form);
      return answer(
        await recordAttendance(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        "#attendance",
      );
    }
    case "addOutcome": {
      const form = parseForm(OutcomeSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await addOutcome(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        form.data.agendaItemId ? `#item-${form.data.agendaItemId}` : "",
      );
    }
    case "addActionItem": {
      const form = parseForm(ActionItemSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await addActionItem(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        form.data.agendaItemId ? `#item-${form.data.agendaItemId}` : "",
      );
    }
    case "closeActionItem": {
      const form = parseForm(CloseActionItemSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(await closeActionItem(db(), actor, meta, loaded, form.data), form.values);
    }
    case "saveMinutes": {
      const form = parseForm(MinutesSchema, formData);
      if (!form.ok) return invalid(form);
      const result = await saveMinutes(db(), actor, meta, loaded, { meetingId, ...form.data });
      if (!result.ok && result.error === "minutes_conflict") {
        // Nothing lost: the typed text comes back in the editor, theirs is shown beside it.
        return data(
          {
            ...failure(form.values, {}, { key: "minutes.error.conflict" }),
            intent,
            conflict: result.current,
            theirsHtml: renderMarkdown(result.current.text),
          },
          { status: 409 },
        );
      }
      return answer(result, form.values, "#minutes");
    }
    case "circulate":
    case "withdraw": {
      const form = parseForm(MinutesMoveSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await moveMinutes(db(), actor, meta, loaded, { meetingId, move: form.data.intent }),
        form.values,
        "#minutes",
      );
    }
    case "approve": {
      const form = parseForm(ApproveMinutesSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await approveMinutes(db(), actor, meta, loaded, { meetingId, ...form.data }),
        form.values,
        "#minutes",
      );
    }
    case "addendum": {
      const form = parseForm(AddendumSchema, formData);
      if (!form.ok) return invalid(form);
      return answer(
        await addAddendum(db(), actor, meta, loaded, { meetingId, body: form.data.body }),
        form.values,
        "#minutes",
      );
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

const STATUS_TONE = { planned: "blue", in_progress: "amber", closed: "green" } as const;

export default function Meeting() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (Failure & { theirsHtml?: string }) | undefined;
  const failed = asFailure(result) as (Failure & { theirsHtml?: string }) | null;
  const forIntent = (intent: string, target?: string) =>
    failed && failed.intent === intent && (target === undefined || failed.target === target) ? failed : null;
  const { t, locale } = useI18n();
  const { meeting, rights } = d;
  const base = `/agreements/${d.agreementId}/meetings/${meeting.id}`;
  const ownerOptions = d.owners.map((o) => ({
    value: o.value,
    label: o.value.startsWith("party:") ? `${t("actionItems.wholeParty")} ${displayName(o, locale)}` : o.label,
  }));
  const linkOptions = [
    { value: "", label: t("actionItems.noLink") },
    ...d.links.map((l) => ({
      value: `${l.kind}:${l.id}`,
      label: `${t(`actionItems.link.${l.kind}`)} · ${l.label.slice(0, 80)}`,
    })),
  ];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link to={`/agreements/${d.agreementId}/committee`} className="text-brand-700 hover:underline">
              {t("committee.title")}
            </Link>
          </p>
          <h2 className="text-xl font-semibold text-slate-900" data-testid="meeting-title">
            {t("meeting.title", { number: meeting.number })}
          </h2>
          <p className="text-sm text-slate-700">
            <MeetingTime startsAt={meeting.startsAt} timeZone={meeting.timeZone} text={meeting.when} /> ·{" "}
            {t("meeting.minutesLong", { count: meeting.durationMinutes })}
          </p>
          <p className="text-sm text-slate-700">
            {meeting.location ? <bdi>{meeting.location}</bdi> : null}
            {meeting.location && meeting.videoUrl ? " · " : null}
            {meeting.videoUrl ? (
              <a
                href={meeting.videoUrl}
                className="text-brand-700 underline"
                rel="noopener noreferrer nofollow"
                target="_blank"
                dir="ltr"
              >
                {t("meeting.joinOnline")}
              </a>
            ) : null}
          </p>
        </div>
        <div
          className="flex flex-wrap items-center gap-2"
          data-testid="meeting-status"
          data-status={meeting.status}
          data-minutes={meeting.minutesStatus}
        >
          <Badge tone={STATUS_TONE[meeting.status]}>{t(`meeting.status.${meeting.status}`)}</Badge>
          <Badge tone={meeting.minutesStatus === "approved" ? "green" : "slate"}>
            {t(`minutes.status.${meeting.minutesStatus}`)}
          </Badge>
          <a href={`${base}/calendar.ics`} className="text-sm text-brand-700 underline">
            {t("meeting.addToCalendar")}
          </a>
          <a href={`${base}/minutes.pdf`} className="text-sm text-brand-700 underline">
            {t("minutes.pdf")}
          </a>
          {meeting.status === "planned" ? (
            <a
              href={d.whatsapp}
              target="_blank"
              rel="noopener noreferrer"
              className="text-sm text-green-700 underline"
              data-testid="whatsapp-invite"
            >
              {t("notifications.whatsapp")}
            </a>
          ) : null}
        </div>
      </div>

      {rights.moveMeeting ? (
        <MeetingSteps
          status={meeting.status}
          canReopen={rights.reopen}
          failure={failed && ["start", "close", "reopen"].includes(failed.intent) ? failed : null}
        />
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("agenda.title")}>
            <ol className="space-y-4" id="agenda" data-testid="agenda">
              {d.agenda.map((item, index) => {
                const outcomeFailure = forIntent("addOutcome", item.id);
                const itemFailure = forIntent("addActionItem", item.id);
                return (
                  <li
                    key={item.id}
                    id={`item-${item.id}`}
                    className="rounded-md p-3 ring-1 ring-slate-200"
                    data-source={item.source ?? "manual"}
                  >
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <h3 className="font-medium" dir="auto">
                        {index + 1}. {item.title}
                      </h3>
                      {rights.agenda ? (
                        <div className="flex gap-1">
                          {(["up", "down"] as const).map((direction) => (
                            <AppForm key={direction}>
                              <input type="hidden" name="intent" value="moveAgendaItem" />
                              <input type="hidden" name="itemId" value={item.id} />
                              <input type="hidden" name="direction" value={direction} />
                              <Button
                                variant="ghost"
                                className="px-2 py-1"
                                aria-label={t(direction === "up" ? "clauses.moveUp" : "clauses.moveDown")}
                                disabled={direction === "up" ? index === 0 : index === d.agenda.length - 1}
                              >
                                {direction === "up" ? "↑" : "↓"}
                              </Button>
                            </AppForm>
                          ))}
                          {item.outcomes.length === 0 && item.actionItems.length === 0 ? (
                            <AppForm>
                              <input type="hidden" name="intent" value="removeAgendaItem" />
                              <input type="hidden" name="itemId" value={item.id} />
                              <Button
                                variant="ghost"
                                className="px-2 py-1 text-red-700"
                                aria-label={t("agenda.remove")}
                              >
                                ×
                              </Button>
                            </AppForm>
                          ) : null}
                        </div>
                      ) : null}
                    </div>
                    {item.html ? <Markdown html={item.html} className="text-sm text-slate-700" /> : null}
                    <Outcomes outcomes={item.outcomes} />
                    {item.actionItems.length ? (
                      <div className="mt-2">
                        <ActionItemList
                          items={item.actionItems}
                          agreementId={d.agreementId}
                          failure={forIntent("closeActionItem")}
                        />
                      </div>
                    ) : null}
                    {rights.record ? (
                      <div className="mt-3 grid gap-3 sm:grid-cols-2">
                        {/* Keyed by count: after a success the form comes back closed and empty. */}
                        <details key={`outcome-${item.outcomes.length}`} open={!!outcomeFailure}>
                          <summary className="cursor-pointer text-sm text-brand-700">{t("outcome.add")}</summary>
                          <AppForm failure={outcomeFailure} className="mt-2 space-y-2">
                            <input type="hidden" name="intent" value="addOutcome" />
                            <input type="hidden" name="agendaItemId" value={item.id} />
                            <SelectField
                              label={t("outcome.kind")}
                              name="kind"
                              defaultValue={typed(outcomeFailure?.values, "kind", "decision")}
                              options={[
                                { value: "decision", label: t("outcome.decision") },
                                { value: "information", label: t("outcome.information") },
                              ]}
                            />
                            <TextAreaField
                              label={t("outcome.text")}
                              name="body"
                              rows={3}
                              maxLength={5000}
                              required
                              defaultValue={typed(outcomeFailure?.values, "body")}
                              error={outcomeFailure?.fieldErrors.body}
                            />
                            <FormError failure={outcomeFailure} />
                            <Button variant="secondary">{t("outcome.save")}</Button>
                          </AppForm>
                        </details>
                        <details key={`action-${item.actionItems.length}`} open={!!itemFailure}>
                          <summary className="cursor-pointer text-sm text-brand-700">{t("actionItems.add")}</summary>
                          <AppForm failure={itemFailure} className="mt-2 space-y-2">
                            <input type="hidden" name="intent" value="addActionItem" />
                            <input type="hidden" name="agendaItemId" value={item.id} />
                            <TextField
                              label={t("actionItems.titleLabel")}
                              name="title"
                              required
                              maxLength={500}
                              defaultValue={typed(itemFailure?.values, "title")}
                              error={itemFailure?.fieldErrors.title}
                            />
                            <SelectField
                              label={t("actionItems.owner")}
                              name="owner"
                              defaultValue={typed(itemFailure?.values, "owner")}
                              error={itemFailure?.fieldErrors.owner}
                              options={ownerOptions}
                            />
                            <TextField
                              label={t("actionItems.dueDate")}
                              name="dueDate"
                              type="date"
                              optional
                              defaultValue={typed(itemFailure?.values, "dueDate")}
                              error={itemFailure?.fieldErrors.dueDate}
                            />
                            <SelectField
                              label={t("actionItems.linkLabel")}
                              name="link"
                              optional
                              defaultValue={typed(itemFailure?.values, "link")}
                              error={itemFailure?.fieldErrors.link}
                              options={linkOptions}
                            />
                            <FormError failure={itemFailure} />
                            <Button variant="secondary">{t("actionItems.add")}</Button>
                          </AppForm>
                        </details>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {d.agenda.length === 0 ? <p className="text-sm text-slate-600">{t("agenda.empty")}</p> : null}
            {d.otherOutcomes.length || d.otherActionItems.length ? (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <h3 className="text-sm font-semibold">{t("agenda.other")}</h3>
                <Outcomes outcomes={d.otherOutcomes} />
                <ActionItemList
                  items={d.otherActionItems}
                  agreementId={d.agreementId}
                  failure={forIntent("closeActionItem")}
                />
              </div>
            ) : null}
            {rights.agenda ? (
              <details key={`agenda-${d.agenda.length}`} className="mt-4" open={!!forIntent("addAgendaItem")}>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("agenda.add")}</summary>
                <AppForm failure={forIntent("addAgendaItem")} className="mt-2 space-y-2">
                  <input type="hidden" name="intent" value="addAgendaItem" />
                  <TextField
                    label={t("agenda.itemTitle")}
                    name="title"
                    required
                    maxLength={300}
                    defaultValue={typed(forIntent("addAgendaItem")?.values, "title")}
                    error={forIntent("addAgendaItem")?.fieldErrors.title}
                  />
                  <TextAreaField
                    label={t("agenda.itemBody")}
                    name="body"
                    rows={3}
                    maxLength={20_000}
                    optional
                    hint={t("agreement.field.markdownHint")}
                    defaultValue={typed(forIntent("addAgendaItem")?.values, "body")}
                    error={forIntent("addAgendaItem")?.fieldErrors.body}
                  />
                  <FormError failure={forIntent("addAgendaItem")} />
                  <Button variant="secondary">{t("agenda.add")}</Button>
                </AppForm>
              </details>
            ) : null}
          </Card>

          <Card title={t("minutes.title")}>
            <div id="minutes" className="space-y-4">
              {rights.minutes ? (
                <MinutesForm
                  key={failed?.conflict ? `conflict-${failed.conflict.revision}` : "minutes"}
                  meeting={meeting}
                  failed={forIntent("saveMinutes")}
                />
              ) : meeting.minutesHtml ? (
                <Markdown html={meeting.minutesHtml} />
              ) : (
                <p className="text-sm text-slate-600">{t("minutes.empty")}</p>
              )}

              {d.decisions.length ? (
                <div>
                  <h3 className="mb-1 font-semibold">{t("minutes.decisions")}</h3>
                  <ol className="space-y-1" data-testid="decisions">
                    {d.decisions.map((x) => (
                      <li key={x.number} id={`decision-${x.number}`} className="text-sm">
                        <span className="font-medium">{t("outcome.decisionNumber", { number: x.number })}</span>
                        <Markdown html={x.html} />
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}

              <Approvals d={d} forIntent={forIntent} />

              {d.addenda.length ? (
                <div>
                  <h3 className="mb-1 font-semibold">{t("minutes.addenda")}</h3>
                  <ul className="space-y-2" data-testid="addenda">
                    {d.addenda.map((a) => (
                      <li key={a.id} className="rounded-md bg-slate-50 p-2 text-sm">
                        <p className="text-xs text-slate-500">
                          <DateTimeText value={a.createdAt} /> · <bdi>{a.authorName ?? "—"}</bdi>
                        </p>
                        <Markdown html={a.html} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {rights.addendum ? (
                <details key={`addendum-${d.addenda.length}`} open={!!forIntent("addendum")}>
                  <summary className="cursor-pointer text-sm text-brand-700">{t("minutes.addAddendum")}</summary>
                  <AppForm failure={forIntent("addendum")} className="mt-2 space-y-2">
                    <input type="hidden" name="intent" value="addendum" />
                    <TextAreaField
                      label={t("minutes.addendum")}
                      name="body"
                      rows={3}
                      maxLength={20_000}
                      required
                      hint={t("minutes.addendumHint")}
                      defaultValue={typed(forIntent("addendum")?.values, "body")}
                      error={forIntent("addendum")?.fieldErrors.body}
                    />
                    <FormError failure={forIntent("addendum")} />
                    <Button variant="secondary">{t("minutes.addAddendum")}</Button>
                  </AppForm>
                </details>
              ) : null}
            </div>
          </Card>
        </div>

        <div className="space-y-6">
          <Attendance d={d} forIntent={forIntent} />
        </div>
      </div>
    </div>
  );
}

/**
 * The minutes being typed. The revision sent with a save is the one the text was started from:
 * data reloaded in the background (someone else's save) replaces the text only when nothing is
 * unsaved here, so a second person's save is refused with both texts shown, never overwritten.
 */
function MinutesForm({ meeting, failed }: { meeting: MeetingData["meeting"]; failed: Failure | null }) {
  const { t } = useI18n();
  const conflict = failed?.conflict;
  const source = meeting.minutes ?? "";
  const [base, setBase] = useState(
    conflict
      ? { revision: conflict.revision, text: conflict.text }
      : { revision: meeting.minutesRevision, text: source },
  );
  const [text, setText] = useState(failed ? typed(failed.values, "minutes") : source);
  useEffect(() => {
    // Our own save (the server now has our text) or nothing unsaved: follow the server.
    if (text === source || text === base.text) {
      setBase({ revision: meeting.minutesRevision, text: source });
      setText(source);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's minutes change
  }, [meeting.minutesRevision]);
  return (
    <AppForm failure={failed} className="space-y-3" data-testid="minutes-form" data-revision={base.revision}>
      <input type="hidden" name="intent" value="saveMinutes" />
      <input type="hidden" name="revision" value={base.revision} />
      {conflict ? (
        <div
          role="alert"
          data-testid="minutes-conflict"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <p className="font-medium">{t("minutes.conflict", { name: conflict.editedBy ?? "—" })}</p>
          <div className="rounded bg-white p-2 ring-1 ring-amber-200" data-testid="minutes-theirs">
            <Markdown html={(failed as Failure & { theirsHtml?: string }).theirsHtml ?? ""} />
          </div>
        </div>
      ) : null}
      <MarkdownEditor
        label={t("minutes.text")}
        name="minutes"
        maxLength={200_000}
        value={text}
        onChange={setText}
        initialHtml={failed ? null : meeting.minutesHtml}
        error={failed?.fieldErrors.minutes}
      />
      {!conflict ? <FormError failure={failed} /> : null}
      <Button>{t("minutes.save")}</Button>
    </AppForm>
  );
}

type MeetingData = ReturnType<typeof useLoaderData<typeof loader>>;
type ForIntent = (intent: string, target?: string) => Failure | null;

/** Top-level components (not defined inside Meeting): a re-render must never remount a form being filled. */
function Approvals({ d, forIntent }: { d: MeetingData; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const { meeting, rights } = d;
  return (
    <div className="rounded-md bg-slate-50 p-3" data-testid="approvals">
      <h3 className="mb-2 font-semibold">{t("minutes.approval")}</h3>
      <p className="mb-2 text-sm text-slate-600">{t(`committee.approval.${d.approvalRule}`)}</p>
      {meeting.minutesHash ? (
        <p className="mb-2 break-all text-xs text-slate-500" dir="ltr">
          SHA-256 {meeting.minutesHash}
        </p>
      ) : null}
      <ul className="space-y-1 text-sm">
        {d.approvals.map((a, i) => (
          <li key={i}>
            ✓ <bdi>{a.name}</bdi> ·{" "}
            <bdi>
              {displayName(d.parties.find((p) => p.id === a.partyId) ?? { nameFr: null, nameAr: null }, locale)}
            </bdi>{" "}
            · <DateTimeText value={a.approvedAt} />
          </li>
        ))}
        {d.approvals.length === 0 ? <li className="text-slate-600">{t("minutes.noApproval")}</li> : null}
      </ul>
      {rights.minutesSteps && meeting.minutesStatus !== "approved" && meeting.status === "closed" ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {meeting.minutesStatus === "draft" ? (
            <AppForm failure={forIntent("circulate")}>
              <input type="hidden" name="intent" value="circulate" />
              <FormError failure={forIntent("circulate")} />
              <Button variant="secondary">{t("minutes.circulate")}</Button>
            </AppForm>
          ) : (
            <AppForm failure={forIntent("withdraw")}>
              <input type="hidden" name="intent" value="withdraw" />
              <FormError failure={forIntent("withdraw")} />
              <Button variant="ghost">{t("minutes.withdraw")}</Button>
            </AppForm>
          )}
        </div>
      ) : null}
      {rights.approve ? (
        <AppForm failure={forIntent("approve")} className="mt-3 space-y-2">
          <input type="hidden" name="intent" value="approve" />
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="consent"
              className="mt-1 h-4 w-4"
              aria-invalid={forIntent("approve")?.fieldErrors.consent ? true : undefined}
            />
            <span>{t("minutes.consent")}</span>
          </label>
          {forIntent("approve")?.fieldErrors.consent ? (
            <p className="text-sm font-medium text-red-700">{t(forIntent("approve")!.fieldErrors.consent!.key)}</p>
          ) : null}
          <TextField
            label={t("signing.password")}
            name="password"
            type="password"
            maxLength={1024}
            autoComplete="current-password"
            required
            hint={t("signing.passwordHint")}
            error={forIntent("approve")?.fieldErrors.password}
          />
          <FormError failure={forIntent("approve")} />
          <Button>{t("minutes.approve")}</Button>
        </AppForm>
      ) : null}
    </div>
  );
}

function Attendance({ d, forIntent }: { d: MeetingData; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const { meeting, rights } = d;
  const attendanceFailure = forIntent("attendance");
  return (
    <Card title={t("attendance.title")}>
      <div id="attendance" className="space-y-3">
        <p
          data-testid="quorum"
          data-met={d.quorum.met ? "true" : "false"}
          className={`rounded-md p-2 text-sm ${d.quorum.met ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-900"}`}
        >
          {d.quorum.met ? `✓ ${t("quorum.met")}` : `⚠ ${t("quorum.notMet")}`} ·{" "}
          {t("quorum.present", { count: d.quorum.present })}
          {d.quorum.rule === "count" ? <> · {t("quorum.required", { count: d.quorum.required })}</> : null}
          {d.quorum.missing.length ? (
            <span className="block">
              {t("quorum.missing")} <bdi>{d.quorum.missing.map((p) => displayName(p, locale)).join(", ")}</bdi>
            </span>
          ) : null}
        </p>
        {rights.record ? (
          <AppForm failure={attendanceFailure} className="space-y-3">
            <input type="hidden" name="intent" value="attendance" />
            {d.parties.map((p) => (
              <fieldset key={p.id} className="space-y-2">
                <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <bdi>{displayName(p, locale)}</bdi>
                </legend>
                {d.members
                  .filter((x) => x.partyId === p.id)
                  .map((x) => (
                    <div key={x.id} className="text-sm" data-testid="attendance-row">
                      <p className="font-medium">
                        <bdi>{x.name}</bdi> <span className="text-slate-500">· {t(`committee.role.${x.role}`)}</span>
                      </p>
                      <div className="flex flex-wrap gap-3">
                        {ATTENDANCE.map((s) => (
                          <label key={s} className="flex items-center gap-1">
                            <input
                              type="radio"
                              name={`status.${x.id}`}
                              value={s}
                              defaultChecked={
                                (typed(attendanceFailure?.values, `status.${x.id}`) || x.attendance) === s
                              }
                            />
                            {t(`attendance.${s}`)}
                          </label>
                        ))}
                      </div>
                    </div>
                  ))}
              </fieldset>
            ))}
            <TextAreaField
              label={t("attendance.guests")}
              name="guests"
              rows={3}
              maxLength={5000}
              optional
              hint={t("attendance.guestsHint")}
              defaultValue={typed(attendanceFailure?.values, "guests", meeting.guests)}
              error={attendanceFailure?.fieldErrors.guests}
            />
            <FormError failure={attendanceFailure} />
            <Button variant="secondary" className="w-full">
              {t("attendance.save")}
            </Button>
          </AppForm>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="attendance-list">
            {d.members.map((x) => (
              <li key={x.id}>
                <bdi>{x.name}</bdi> ·{" "}
                <bdi>
                  {displayName(d.parties.find((p) => p.id === x.partyId) ?? { nameFr: null, nameAr: null }, locale)}
                </bdi>
                {x.attendance ? <> — {t(`attendance.${x.attendance}`)}</> : null}
              </li>
            ))}
            {meeting.guests.trim() ? (
              <li className="pt-2 text-slate-600">
                {t("attendance.guests")} : <bdi>{meeting.guests.split("\n").filter(Boolean).join(", ")}</bdi>
              </li>
            ) : null}
          </ul>
        )}
      </div>
    </Card>
  );
}

function Outcomes({
  outcomes,
}: {
  outcomes: ReadonlyArray<{ id: string; kind: "information" | "decision"; number: number | null; html: string }>;
}) {
  const { t } = useI18n();
  if (!outcomes.length) return null;
  return (
    <ul className="mt-2 space-y-2" data-testid="outcomes">
      {outcomes.map((o) => (
        <li
          key={o.id}
          className={`rounded-md p-2 text-sm ${o.kind === "decision" ? "bg-brand-50" : "bg-slate-50"}`}
          data-kind={o.kind}
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {o.kind === "decision" ? t("outcome.decisionNumber", { number: o.number ?? 0 }) : t("outcome.information")}
          </p>
          <Markdown html={o.html} />
        </li>
      ))}
    </ul>
  );
}

function MeetingSteps({
  status,
  canReopen,
  failure: failed,
}: {
  status: string;
  canReopen: boolean;
  failure: Failure | null;
}) {
  const { t } = useI18n();
  const moves = status === "planned" ? ["start"] : status === "in_progress" ? ["close"] : canReopen ? ["reopen"] : [];
  if (!moves.length) return null;
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-md bg-white p-3 ring-1 ring-slate-200">
      {moves.map((move) => (
        <AppForm
          key={move}
          failure={failed?.intent === move ? failed : null}
          className="flex flex-wrap items-end gap-2"
        >
          <input type="hidden" name="intent" value={move} />
          {move === "reopen" ? (
            <TextField
              label={t("meeting.reopenReason")}
              name="reason"
              required
              maxLength={1000}
              defaultValue={typed(failed?.values, "reason")}
            />
          ) : null}
          <Button variant={move === "reopen" ? "secondary" : "primary"}>
            {t(`meeting.move.${move}` as "meeting.move.start")}
          </Button>
          {failed?.intent === move ? <FormError failure={failed} /> : null}
        </AppForm>
      ))}
      <p className="text-sm text-slate-600">{t(`meeting.stepHint.${status}` as "meeting.stepHint.planned")}</p>
    </div>
  );
}
