/**
 * The joint follow-up committee: its members, rules and rhythm, meetings and open action items.
 * The view model is committeeView (domain/committee/committee-view.server.ts); the page's parts are
 * the files beside this one.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type * as z from "zod";
import { ActionItemList } from "~/components/action-items";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { AppForm, failureFor, FormError } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import { closeActionItem } from "~/domain/committee/action-items.server";
import {
  CloseActionItemSchema,
  CommitteeSettingsSchema,
  CreateCommitteeSchema,
  HandOverSchema,
  MeetingSchema,
  MemberRoleSchema,
  MemberSchema,
  RemoveMemberSchema,
} from "~/domain/committee/committee.schema";
import {
  addMember,
  changeMemberRole,
  createCommittee,
  handOverSeat,
  removeMember,
  updateSettings,
} from "~/domain/committee/committee.server";
import { committeeView } from "~/domain/committee/committee-view.server";
import { scheduleMeeting } from "~/domain/committee/meetings.server";
import type { Refusal } from "~/domain/result";
import { dispatch, invalid, readSubmission, refused, type Submission } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { Meetings } from "./meetings";
import { AddMember, Members } from "./members";
import { Schedule } from "./schedule";
import { Settings } from "./settings";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, user } = await requireAgreement(request, params, context);
  return committeeView(db(), actor, loaded, { today: todayInMorocco(), locale: resolveLocale(request, user) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded, user } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/committee`;
  /** The usual form: parse with its schema, run the command, back to the page or the refusal. */
  const step =
    <S extends z.ZodType>(schema: S, run: (data: z.output<S>) => Promise<{ ok: true } | Refusal>) =>
    async ({ formData, intent }: Submission) => {
      const form = parseForm(schema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await run(form.data);
      return result.ok ? redirect(here) : refused(result, form.values, intent);
    };
  return dispatch(await readSubmission(request), {
    createCommittee: step(CreateCommitteeSchema, () => createCommittee(db(), actor, meta, loaded)),
    settings: step(CommitteeSettingsSchema, (d) => updateSettings(db(), actor, meta, loaded, d)),
    addMember: step(MemberSchema, (d) => addMember(db(), actor, meta, loaded, d)),
    memberRole: step(MemberRoleSchema, (d) => changeMemberRole(db(), actor, meta, loaded, d)),
    handOver: step(HandOverSchema, (d) => handOverSeat(db(), actor, meta, loaded, d)),
    removeMember: step(RemoveMemberSchema, (d) => removeMember(db(), actor, meta, loaded, d)),
    closeActionItem: step(CloseActionItemSchema, (d) => closeActionItem(db(), actor, meta, loaded, d)),
    schedule: async ({ formData, intent }) => {
      const form = parseForm(MeetingSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await scheduleMeeting(db(), actor, meta, loaded, { ...form.data, locale: user.locale });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`/agreements/${loaded.agreement.id}/meetings/${result.meetingId}`);
    },
  });
}

export default function Committee() {
  const { agreementId, committee, canManage, parties } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const forIntent = (intent: string) => failureFor(answer, intent);
  const { t } = useI18n();

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
          <Meetings agreementId={agreementId} committee={committee} />

          <Card title={t("actionItems.open")}>
            <ActionItemList
              items={committee.actionItems}
              agreementId={agreementId}
              failure={forIntent("closeActionItem")}
              showMeeting
            />
          </Card>

          {committee.canRecord ? <Schedule failure={forIntent("schedule")} /> : null}
        </div>

        <div className="space-y-6">
          <Members
            committee={committee}
            canManage={canManage}
            failure={forIntent("memberRole") ?? forIntent("removeMember") ?? forIntent("handOver")}
          />
          {canManage ? <AddMember committee={committee} parties={parties} failure={forIntent("addMember")} /> : null}
          {canManage ? <Settings committee={committee} failure={forIntent("settings")} /> : null}
        </div>
      </div>
    </div>
  );
}
