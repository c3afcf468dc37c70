/** The joint follow-up committee: its members, rules and rhythm, meetings and open action items. */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionItemList } from "~/components/action-items";
import { MeetingTime } from "~/components/meeting-time";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, asFailure, FormError, typed } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import { canManageCommittee, canRecordMeetings } from "~/domain/access/access";
import { departed } from "~/domain/organization/members.server";
import type { Refusal } from "~/domain/agreement/agreement.commands.server";
import { listParties } from "~/domain/agreement/agreement.queries.server";
import { actionItemView, closeActionItem } from "~/domain/committee/action-items.server";
import {
  APPROVAL_RULES,
  COMMITTEE_ROLES,
  DEFAULT_TIME_ZONE,
  QUORUM_RULES,
  RHYTHMS,
} from "~/domain/committee/committee";
import {
  CloseActionItemSchema,
  CommitteeSettingsSchema,
  CreateCommitteeSchema,
  MeetingSchema,
  MemberRoleSchema,
  MemberSchema,
  HandOverSchema,
  RemoveMemberSchema,
} from "~/domain/committee/committee.schema";
import {
  addMember,
  changeMemberRole,
  committeeRhythm,
  createCommittee,
  getCommittee,
  removeMember,
  handOverSeat,
  seatablePeople,
  seatOf,
  updateSettings,
} from "~/domain/committee/committee.server";
import { listActionItems, listMeetings, scheduleMeeting } from "~/domain/committee/meetings.server";
import { displayName } from "~/domain/organization/organization";
import { requireAgreement } from "~/lib/context.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { createTranslator } from "~/lib/i18n/translate";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";

/** Zones offered for a meeting: Morocco first, then where partners' people often connect from. */
const TIME_ZONES = [
  "Africa/Casablanca",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Africa/Algiers",
  "Africa/Tunis",
  "UTC",
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, user } = await requireAgreement(request, params, context);
  const today = todayInMorocco();
  const { formatMeetingTime } = createTranslator(resolveLocale(request, user));
  const found = await getCommittee(db(), loaded.agreement.id);
  const seat = seatOf(found, actor);
  const canManage = canManageCommittee(actor, loaded.access, seat);
  const parties = (await listParties(db(), loaded.agreement.id)).map((p) => ({
    id: p.id,
    nameFr: p.nameFr,
    nameAr: p.nameAr,
  }));
  if (!found) return { agreementId: loaded.agreement.id, committee: null, canManage, today, parties };
  // Those who left the organization they sat for: their seat can be handed over.
  const left = await departed(
    db(),
    found.members.flatMap((m) => (m.userId ? [{ userId: m.userId, organizationId: m.organizationId }] : [])),
  );
  const hasLeft = (m: { userId: string | null; organizationId: string }) =>
    m.userId !== null && left.has(`${m.userId}:${m.organizationId}`);
  const leftMemberIds = new Set(found.members.filter(hasLeft).map((m) => m.id));
  const [meetings, actionItems, rhythm, people] = await Promise.all([
    listMeetings(db(), found.committee.id),
    listActionItems(db(), found.committee.id),
    committeeRhythm(db(), found, today),
    canManage ? seatablePeople(db(), loaded.agreement.id) : Promise.resolve([]),
  ]);
  return {
    agreementId: loaded.agreement.id,
    today,
    canManage,
    parties,
    committee: {
      id: found.committee.id,
      version: found.committee.version,
      rhythm: found.committee.rhythm,
      quorumRule: found.committee.quorum_rule,
      quorumCount: found.committee.quorum_count,
      approvalRule: found.committee.approval_rule,
      canRecord: canRecordMeetings(seat),
      seatRole: seat?.role ?? null,
      late: rhythm.late,
      nextDue: rhythm.nextDue,
      lastHeld: rhythm.lastHeld,
      members: found.members.map((m) => ({
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
      })),
      meetings: meetings.map((m) => ({
        ...m,
        when: formatMeetingTime(m.startsAt, m.timeZone, "medium"),
        decisions: Number(m.decisions ?? 0),
        actionItems: Number(m.actionItems ?? 0),
      })),
      actionItems: actionItems
        .filter((a) => a.status === "open")
        .map((a) => ({
          ...actionItemView(actor, found, a, today),
          ownerLeft: a.ownerMemberId !== null && leftMemberIds.has(a.ownerMemberId),
        })),
      people: people.map((p) => ({ partyId: p.partyId, userId: p.userId, name: p.name })),
    },
  };
}

type Failure = FormFailure & { intent: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded, user } = await requireAgreement(request, params, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}/committee`;
  const answer = (result: { ok: true } | Refusal, values: FormFailure["values"], to = here) => {
    if (result.ok) return redirect(to);
    if (result.error === "not_found") notFound();
    return data(
      { ...failure(values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }), intent },
      { status: 400 },
    );
  };
  switch (intent) {
    case "createCommittee": {
      const form = parseForm(CreateCommitteeSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await createCommittee(db(), actor, meta, loaded), form.values);
    }
    case "settings": {
      const form = parseForm(CommitteeSettingsSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await updateSettings(db(), actor, meta, loaded, form.data), form.values);
    }
    case "addMember": {
      const form = parseForm(MemberSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await addMember(db(), actor, meta, loaded, form.data), form.values);
    }
    case "memberRole": {
      const form = parseForm(MemberRoleSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await changeMemberRole(db(), actor, meta, loaded, form.data), form.values);
    }
    case "handOver": {
      const form = parseForm(HandOverSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await handOverSeat(db(), actor, meta, loaded, form.data), form.values);
    }
    case "removeMember": {
      const form = parseForm(RemoveMemberSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await removeMember(db(), actor, meta, loaded, form.data), form.values);
    }
    case "schedule": {
      const form = parseForm(MeetingSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await scheduleMeeting(db(), actor, meta, loaded, { ...form.data, locale: user.locale });
      return answer(
        result,
        form.values,
        result.ok ? `/agreements/${loaded.agreement.id}/meetings/${result.meetingId}` : here,
      );
    }
    case "closeActionItem": {
      const form = parseForm(CloseActionItemSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      return answer(await closeActionItem(db(), actor, meta, loaded, form.data), form.values);
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

const ROLE_TONE = { chair: "blue", secretary: "amber", member: "slate" } as const;

export default function Committee() {
  const { agreementId, committee, canManage, parties } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const failed = asFailure(result) as Failure | null;
  const forIntent = (intent: string) => (failed && failed.intent === intent ? failed : null);
  const { t, locale } = useI18n();

  if (!committee) {
    return (
      <Card title={t("committee.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("committee.none")}</p>
        {canManage ? (
          <AppForm failure={forIntent("createCommittee")}>
            <input type="hidden" name="intent" value="createCommittee" />
            <FormError failure={forIntent("createCommittee")} />
            <Button>{t("committee.create")}</Button>
          </AppForm>
        ) : null}
      </Card>
    );
  }

  const scheduleFailure = forIntent("schedule");
  const memberFailure = forIntent("addMember");
  const settingsFailure = forIntent("settings");
  return (
    <div className="space-y-6">
      {committee.late ? (
        <div
          role="alert"
          data-testid="committee-late"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {t("committee.late", { rhythm: t(`committee.rhythm.${committee.rhythm}`) })}{" "}
          {committee.nextDue ? <DateText value={committee.nextDue} /> : null}
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("committee.meetings")}>
            {!committee.late && committee.nextDue ? (
              <p className="mb-2 text-sm text-slate-600" data-testid="next-due">
                {t("committee.nextDue")} <DateText value={committee.nextDue} /> (
                {t(`committee.rhythm.${committee.rhythm}`)})
              </p>
            ) : null}
            {committee.meetings.length === 0 ? (
              <p className="text-sm text-slate-600">{t("committee.noMeeting")}</p>
            ) : null}
            <ul className="divide-y divide-slate-100" data-testid="meetings">
              {committee.meetings.map((m) => (
                <li
                  key={m.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-3"
                  data-status={m.status}
                >
                  <div className="min-w-0">
                    <Link
                      to={`/agreements/${agreementId}/meetings/${m.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {t("meeting.title", { number: m.number })}
                    </Link>
                    <p className="text-sm text-slate-600">
                      <MeetingTime startsAt={m.startsAt} timeZone={m.timeZone} text={m.when} />
                      {m.location ? (
                        <>
                          {" "}
                          · <bdi>{m.location}</bdi>
                        </>
                      ) : null}
                      {m.videoUrl && !m.location ? <> · {t("meeting.online")}</> : null}
                    </p>
                    <p className="text-xs text-slate-500">
                      {t("meeting.decisionsCount", { count: m.decisions })} ·{" "}
                      {t("meeting.actionItemsCount", { count: m.actionItems })}
                    </p>
                  </div>
                  <div className="flex gap-1">
                    <Badge tone={m.status === "closed" ? "green" : m.status === "in_progress" ? "amber" : "blue"}>
                      {t(`meeting.status.${m.status}`)}
                    </Badge>
                    {m.status !== "planned" ? (
                      <Badge tone={m.minutesStatus === "approved" ? "green" : "slate"}>
                        {t(`minutes.status.${m.minutesStatus}`)}
                      </Badge>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </Card>

          <Card title={t("actionItems.open")}>
            <ActionItemList
              items={committee.actionItems}
              agreementId={agreementId}
              failure={forIntent("closeActionItem")}
              showMeeting
            />
          </Card>

          {committee.canRecord ? (
            <Card title={t("meeting.schedule")}>
              <AppForm failure={scheduleFailure} className="grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="intent" value="schedule" />
                <TextField
                  label={t("meeting.date")}
                  name="date"
                  type="date"
                  required
                  defaultValue={typed(scheduleFailure?.values, "date")}
                  error={scheduleFailure?.fieldErrors.date}
                />
                <TextField
                  label={t("meeting.time")}
                  name="time"
                  type="time"
                  required
                  defaultValue={typed(scheduleFailure?.values, "time", "10:00")}
                  error={scheduleFailure?.fieldErrors.time}
                />
                <SelectField
                  label={t("meeting.timeZone")}
                  name="timeZone"
                  defaultValue={typed(scheduleFailure?.values, "timeZone", DEFAULT_TIME_ZONE)}
                  error={scheduleFailure?.fieldErrors.timeZone}
                  options={TIME_ZONES.map((z) => ({
                    value: z,
                    label: z === DEFAULT_TIME_ZONE ? t("meeting.morocco") : z,
                  }))}
                />
                <TextField
                  label={t("meeting.duration")}
                  name="durationMinutes"
                  inputMode="numeric"
                  optional
                  defaultValue={typed(scheduleFailure?.values, "durationMinutes", "120")}
                  error={scheduleFailure?.fieldErrors.durationMinutes}
                />
                <TextField
                  label={t("meeting.location")}
                  name="location"
                  optional
                  maxLength={300}
                  hint={t("meeting.locationHint")}
                  defaultValue={typed(scheduleFailure?.values, "location")}
                  error={scheduleFailure?.fieldErrors.location}
                />
                <TextField
                  label={t("meeting.videoUrl")}
                  name="videoUrl"
                  type="url"
                  optional
                  dir="ltr"
                  maxLength={500}
                  defaultValue={typed(scheduleFailure?.values, "videoUrl")}
                  error={scheduleFailure?.fieldErrors.videoUrl}
                />
                <p className="text-sm text-slate-600 sm:col-span-2">{t("meeting.agendaPrepared")}</p>
                <div className="sm:col-span-2">
                  <FormError failure={scheduleFailure} />
                  <Button>{t("meeting.scheduleButton")}</Button>
                </div>
              </AppForm>
            </Card>
          ) : null}
        </div>

        <div className="space-y-6">
          <Card title={t("committee.members")}>
            <ul className="space-y-3" data-testid="committee-members">
              {parties.map((p) => (
                <li key={p.id}>
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <bdi>{displayName(p, locale)}</bdi>
                  </p>
                  <ul className="mt-1 space-y-1">
                    {committee.members
                      .filter((m) => m.partyId === p.id)
                      .map((m) => (
                        <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                          <span>
                            <bdi>{m.name}</bdi>
                            {m.external ? (
                              <span className="text-slate-500">
                                {" "}
                                · {m.organizationName ? <bdi>{m.organizationName}</bdi> : t("committee.external")}
                              </span>
                            ) : null}
                            {m.email && m.external ? (
                              <span className="block text-xs text-slate-500" dir="ltr">
                                {m.email}
                              </span>
                            ) : null}
                          </span>
                          <span className="flex items-center gap-1">
                            <Badge tone={ROLE_TONE[m.role]}>{t(`committee.role.${m.role}`)}</Badge>
                            {m.left ? <Badge tone="red">{t("members.left")}</Badge> : null}
                            {canManage ? (
                              <details className="relative">
                                <summary className="cursor-pointer text-xs text-brand-700">
                                  {t("committee.editMember")}
                                </summary>
                                <div className="absolute end-0 z-10 mt-1 w-56 space-y-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
                                  <AppForm className="space-y-2">
                                    <input type="hidden" name="intent" value="memberRole" />
                                    <input type="hidden" name="memberId" value={m.id} />
                                    <SelectField
                                      label={t("committee.roleLabel")}
                                      name="role"
                                      defaultValue={m.role}
                                      options={COMMITTEE_ROLES.map((r) => ({
                                        value: r,
                                        label: t(`committee.role.${r}`),
                                      }))}
                                    />
                                    <Button variant="secondary" className="w-full">
                                      {t("form.save")}
                                    </Button>
                                  </AppForm>
                                  {m.left ? (
                                    <AppForm className="space-y-2 border-t border-slate-100 pt-2">
                                      <input type="hidden" name="intent" value="handOver" />
                                      <input type="hidden" name="memberId" value={m.id} />
                                      <SelectField
                                        label={t("members.handOver")}
                                        name="userId"
                                        hint={t("members.handOverHint")}
                                        options={committee.people
                                          .filter(
                                            (p) =>
                                              p.partyId === m.partyId &&
                                              !committee.members.some((x) => x.userId === p.userId),
                                          )
                                          .map((p) => ({ value: p.userId, label: p.name }))}
                                      />
                                      <Button variant="secondary" className="w-full">
                                        {t("members.handOverSubmit")}
                                      </Button>
                                    </AppForm>
                                  ) : null}
                                  <AppForm>
                                    <input type="hidden" name="intent" value="removeMember" />
                                    <input type="hidden" name="memberId" value={m.id} />
                                    <Button variant="danger" className="w-full">
                                      {t("committee.remove")}
                                    </Button>
                                  </AppForm>
                                </div>
                              </details>
                            ) : null}
                          </span>
                        </li>
                      ))}
                    {committee.members.every((m) => m.partyId !== p.id) ? (
                      <li className="text-sm text-amber-800">{t("committee.partyMissing")}</li>
                    ) : null}
                  </ul>
                </li>
              ))}
            </ul>
            {(forIntent("memberRole") ?? forIntent("removeMember") ?? forIntent("handOver")) ? (
              <div className="mt-3">
                <FormError failure={forIntent("memberRole") ?? forIntent("removeMember") ?? forIntent("handOver")} />
              </div>
            ) : null}
            <dl className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm text-slate-700">
              <div>
                <dt className="text-xs font-semibold text-slate-500">{t("committee.rhythmLabel")}</dt>
                <dd>{t(`committee.rhythm.${committee.rhythm}`)}</dd>
              </div>
              <div>
                <dt className="text-xs font-semibold text-slate-500">{t("committee.quorumLabel")}</dt>
                <dd>
                  {committee.quorumRule === "count"
                    ? t("committee.quorum.countN", { count: committee.quorumCount ?? 1 })
                    : t("committee.quorum.each_party")}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-semibold text-slate-500">{t("committee.approvalLabel")}</dt>
                <dd>{t(`committee.approval.${committee.approvalRule}`)}</dd>
              </div>
            </dl>
          </Card>

          {canManage ? (
            <Card title={t("committee.addMember")}>
              <AppForm key={`member-${committee.members.length}`} failure={memberFailure} className="space-y-3">
                <input type="hidden" name="intent" value="addMember" />
                <SelectField
                  label={t("committee.party")}
                  name="partyId"
                  defaultValue={typed(memberFailure?.values, "partyId")}
                  error={memberFailure?.fieldErrors.partyId}
                  options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
                />
                <SelectField
                  label={t("committee.account")}
                  name="userId"
                  optional
                  defaultValue={typed(memberFailure?.values, "userId")}
                  error={memberFailure?.fieldErrors.userId}
                  options={[
                    { value: "", label: t("committee.externalPerson") },
                    ...committee.people.map((p) => ({
                      value: p.userId,
                      label: `${p.name} — ${displayName(parties.find((x) => x.id === p.partyId) ?? { nameFr: null, nameAr: null }, locale)}`,
                    })),
                  ]}
                />
                <TextField
                  label={t("committee.name")}
                  name="name"
                  optional
                  maxLength={200}
                  hint={t("committee.nameHint")}
                  defaultValue={typed(memberFailure?.values, "name")}
                  error={memberFailure?.fieldErrors.name}
                />
                <TextField
                  label={t("account.email")}
                  name="email"
                  type="email"
                  maxLength={254}
                  optional
                  dir="ltr"
                  defaultValue={typed(memberFailure?.values, "email")}
                  error={memberFailure?.fieldErrors.email}
                />
                <TextField
                  label={t("committee.organizationName")}
                  name="organizationName"
                  optional
                  maxLength={200}
                  defaultValue={typed(memberFailure?.values, "organizationName")}
                  error={memberFailure?.fieldErrors.organizationName}
                />
                <SelectField
                  label={t("committee.roleLabel")}
                  name="role"
                  defaultValue={typed(memberFailure?.values, "role", "member")}
                  options={COMMITTEE_ROLES.map((r) => ({ value: r, label: t(`committee.role.${r}`) }))}
                />
                <FormError failure={memberFailure} />
                <Button className="w-full">{t("committee.addMember")}</Button>
              </AppForm>
            </Card>
          ) : null}

          {canManage ? (
            <Card title={t("committee.settings")}>
              <AppForm failure={settingsFailure} className="space-y-3">
                <input type="hidden" name="intent" value="settings" />
                <input type="hidden" name="version" value={committee.version} />
                <SelectField
                  label={t("committee.rhythmLabel")}
                  name="rhythm"
                  defaultValue={typed(settingsFailure?.values, "rhythm", committee.rhythm)}
                  options={RHYTHMS.map((r) => ({ value: r, label: t(`committee.rhythm.${r}`) }))}
                />
                <SelectField
                  label={t("committee.quorumLabel")}
                  name="quorumRule"
                  defaultValue={typed(settingsFailure?.values, "quorumRule", committee.quorumRule)}
                  options={QUORUM_RULES.map((r) => ({ value: r, label: t(`committee.quorum.${r}`) }))}
                />
                <TextField
                  label={t("committee.quorumCount")}
                  name="quorumCount"
                  inputMode="numeric"
                  optional
                  defaultValue={typed(
                    settingsFailure?.values,
                    "quorumCount",
                    committee.quorumCount ? String(committee.quorumCount) : "",
                  )}
                  error={settingsFailure?.fieldErrors.quorumCount}
                />
                <SelectField
                  label={t("committee.approvalLabel")}
                  name="approvalRule"
                  defaultValue={typed(settingsFailure?.values, "approvalRule", committee.approvalRule)}
                  options={APPROVAL_RULES.map((r) => ({ value: r, label: t(`committee.approval.${r}`) }))}
                />
                <FormError failure={settingsFailure} />
                <Button variant="secondary" className="w-full">
                  {t("form.save")}
                </Button>
              </AppForm>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
