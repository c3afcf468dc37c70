/**
 * One committee meeting, as its secretary runs it: agenda with each item's outcomes (information,
 * numbered decisions, action items), attendance and quorum, minutes with a live preview, their
 * circulation and approval by the parties, and addenda once locked. The view model is meetingView
 * (domain/committee/meeting-view.server.ts); the page's parts are the files beside this one.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type * as z from "zod";
import { MeetingStatusBadge, MinutesStatusBadge } from "~/components/meeting-status";
import { MeetingTime } from "~/components/meeting-time";
import { failureFor } from "~/components/ui/form";
import { addActionItem, closeActionItem } from "~/domain/committee/action-items.server";
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
import { meetingView } from "~/domain/committee/meeting-view.server";
import {
  addAddendum,
  addAgendaItem,
  addOutcome,
  approveMinutes,
  meetingExists,
  moveAgendaItem,
  moveMeeting,
  moveMinutes,
  recordAttendance,
  removeAgendaItem,
  saveMinutes,
} from "~/domain/committee/meetings.server";
import { dispatch, invalid, passwordRefused, readSubmission, refused, type Submission } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type ActionFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";
import { todayInMorocco } from "~/lib/time";
import type { Refusal } from "~/domain/result";
import { Agenda } from "./agenda";
import { Attendance } from "./attendance";
import { MeetingSteps } from "./meeting-steps";
import { Minutes } from "./minutes";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.reference} · ${data.titleText} · Charaka` : "Charaka" },
];

async function requireMeeting(request: Request, params: unknown, context: AppLoadContext) {
  const who = await requireAgreement(request, params, context);
  const parsed = MeetingParams.safeParse(params);
  if (!parsed.success) notFound();
  return { ...who, meetingId: parsed.data.meetingId };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, user, meetingId } = await requireMeeting(request, params, context);
  const view = await meetingView(db(), actor, loaded, meetingId, {
    today: todayInMorocco(),
    locale: resolveLocale(request, user),
  });
  if (!view) notFound();
  return view;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded, meetingId } = await requireMeeting(request, params, context);
  if (!(await meetingExists(db(), loaded.agreement.id, meetingId))) notFound();
  const here = `/agreements/${loaded.agreement.id}/meetings/${meetingId}`;
  /** The usual form: parse with its schema, run the command, back to the page (at `anchor`) or the refusal. */
  const step =
    <S extends z.ZodType>(
      schema: S,
      run: (data: z.output<S>) => Promise<{ ok: true } | Refusal>,
      anchor: (data: z.output<S>) => string = () => "",
      raw?: (formData: FormData) => Record<string, unknown>,
    ) =>
    async ({ formData, intent }: Submission) => {
      const target = String(formData.get("agendaItemId") ?? "") || undefined;
      const form = parseForm(schema, formData, raw?.(formData));
      if (!form.ok) return invalid(form, intent, target);
      const result = await run(form.data);
      return result.ok ? redirect(here + anchor(form.data)) : refused(result, form.values, intent, target);
    };
  const atItem = (d: { agendaItemId?: string }) => (d.agendaItemId ? `#item-${d.agendaItemId}` : "");
  const move = step(MeetingMoveSchema, (d) =>
    moveMeeting(db(), actor, meta, loaded, { meetingId, move: d.intent, reason: d.reason }),
  );
  const minutesMove = step(
    MinutesMoveSchema,
    (d) => moveMinutes(db(), actor, meta, loaded, { meetingId, move: d.intent }),
    () => "#minutes",
  );
  return dispatch(await readSubmission(request), {
    addAgendaItem: step(
      AgendaItemSchema,
      (d) => addAgendaItem(db(), actor, meta, loaded, { meetingId, ...d }),
      () => "#agenda",
    ),
    moveAgendaItem: step(
      MoveAgendaItemSchema,
      (d) => moveAgendaItem(db(), actor, meta, loaded, { meetingId, ...d }),
      () => "#agenda",
    ),
    removeAgendaItem: step(
      RemoveAgendaItemSchema,
      (d) => removeAgendaItem(db(), actor, meta, loaded, { meetingId, itemId: d.itemId }),
      () => "#agenda",
    ),
    start: move,
    close: move,
    reopen: move,
    attendance: step(
      AttendanceSchema,
      (d) => recordAttendance(db(), actor, meta, loaded, { meetingId, ...d }),
      () => "#attendance",
      attendanceInput,
    ),
    addOutcome: step(OutcomeSchema, (d) => addOutcome(db(), actor, meta, loaded, { meetingId, ...d }), atItem),
    addActionItem: step(ActionItemSchema, (d) => addActionItem(db(), actor, meta, loaded, { meetingId, ...d }), atItem),
    closeActionItem: step(CloseActionItemSchema, (d) => closeActionItem(db(), actor, meta, loaded, d)),
    saveMinutes: async ({ formData, intent }) => {
      const form = parseForm(MinutesSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await saveMinutes(db(), actor, meta, loaded, { meetingId, ...form.data });
      if (result.ok) return redirect(`${here}#minutes`);
      if (result.error !== "minutes_conflict") return refused(result, form.values, intent);
      // Nothing lost: the typed text comes back in the editor, theirs is shown beside it.
      return data(
        {
          ...failure(form.values, {}, { key: "minutes.error.conflict" }),
          intent,
          conflict: { ...result.current, theirsHtml: renderMarkdown(result.current.text) },
        } satisfies ActionFailure & { conflict: unknown },
        { status: 409 },
      );
    },
    circulate: minutesMove,
    withdraw: minutesMove,
    approve: async ({ formData, intent }) => {
      const form = parseForm(ApproveMinutesSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await approveMinutes(db(), actor, meta, loaded, { meetingId, ...form.data });
      if (result.ok) return redirect(`${here}#minutes`);
      if (result.error === "password") return passwordRefused(result, form.values, intent, "signing.error.password");
      return refused(result, form.values, intent);
    },
    addendum: step(
      AddendumSchema,
      (d) => addAddendum(db(), actor, meta, loaded, { meetingId, body: d.body }),
      () => "#minutes",
    ),
  });
}

export default function Meeting() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const forIntent = (intent: string, target?: string) => failureFor(answer, intent, target);
  const conflict = answer && "conflict" in answer ? answer.conflict : null;
  const { t } = useI18n();
  const { meeting, rights } = d;
  const base = `/agreements/${d.agreementId}/meetings/${meeting.id}`;
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
          <MeetingStatusBadge status={meeting.status} />
          <MinutesStatusBadge status={meeting.minutesStatus} />
          <a href={`${base}/calendar.ics`} className="text-sm text-brand-700 underline">
            {t("meeting.addToCalendar")}
          </a>
          <a href={`${base}/minutes.pdf`} className="text-sm text-brand-700 underline">
            {t("minutes.pdf")}
          </a>
          {d.whatsapp ? (
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

      <MeetingSteps status={meeting.status} steps={rights.steps} forIntent={forIntent} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Agenda d={d} forIntent={forIntent} />
          <Minutes d={d} forIntent={forIntent} conflict={conflict} />
        </div>

        <div className="space-y-6">
          <Attendance d={d} forIntent={forIntent} />
        </div>
      </div>
    </div>
  );
}
