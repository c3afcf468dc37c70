/**
 * An agreement's overview: one card per concern (summary, follow-up, parties, details, documents,
 * next steps, amendments), each in its own file beside this one. The view model comes from
 * agreementOverviewView; the action sends each form to its command through the action kit.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { failureFor, FormError } from "~/components/ui/form";
import {
  addParty,
  createAmendment,
  removeParty,
  transitionAgreement,
  updateAgreementDetails,
  updateParty,
} from "~/domain/agreement/agreement.commands.server";
import {
  AddPartySchema,
  AmendmentSchema,
  RemovePartySchema,
  TransitionSchema,
  UpdateDetailsSchema,
  UpdatePartySchema,
} from "~/domain/agreement/agreement.schema";
import { agreementOverviewView } from "~/domain/agreement/overview-view.server";
import { dispatch, fieldRejected, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { badRequest, notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { createTranslator } from "~/lib/i18n/translate";
import { todayInMorocco } from "~/lib/time";
import { AmendmentsCard } from "./amendments-card";
import { DetailsCard } from "./details-card";
import { DocumentsCard, VersionsNotice } from "./documents-card";
import { FollowUpCard } from "./follow-up-card";
import { NextStepsCard } from "./next-steps-card";
import { PartiesCard } from "./parties-card";
import { SummaryCard } from "./summary-card";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, user } = await requireAgreement(request, params, context);
  const partySearch = (new URL(request.url).searchParams.get("partySearch") ?? "").trim().slice(0, 120);
  const view = await agreementOverviewView(db(), actor, loaded, { today: todayInMorocco(), partySearch });
  // The next meeting's time as the server formats it (see MeetingTime).
  const { formatMeetingTime } = createTranslator(resolveLocale(request, user));
  const next = view.followUp.nextMeeting;
  const nextMeeting = next && { ...next, when: formatMeetingTime(next.startsAt, next.timeZone, "medium") };
  return { ...view, followUp: { ...view.followUp, nextMeeting } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}`;
  return dispatch(await readSubmission(request), {
    details: async ({ formData, intent }) => {
      const form = parseForm(UpdateDetailsSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await updateAgreementDetails(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}?saved=details`);
    },
    addParty: async ({ formData, intent }) => {
      const form = parseForm(AddPartySchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addParty(db(), actor, meta, loaded, form.data);
      if (result.ok) return redirect(here);
      if (result.error === "duplicate")
        return fieldRejected(form.values, intent, { organizationId: { key: "agreement.error.duplicateParty" } });
      return refused(result, form.values, intent);
    },
    updateParty: async ({ formData, intent }) => {
      const form = parseForm(UpdatePartySchema, formData);
      if (!form.ok) {
        // The party is named by a hidden field: a malformed one names no party, as an unknown one.
        if (form.fieldErrors.partyId) notFound();
        return invalid(form, intent, String(formData.get("partyId")));
      }
      const result = await updateParty(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, form.data.partyId);
      return redirect(here);
    },
    removeParty: async ({ formData, intent }) => {
      const form = parseForm(RemovePartySchema, formData);
      if (!form.ok) notFound(); // its only field is the hidden party id
      const result = await removeParty(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent, form.data.partyId);
      return redirect(here);
    },
    transition: async ({ formData, intent }) => {
      const form = parseForm(TransitionSchema, formData);
      if (!form.ok) {
        // The step comes from the button pressed, never typed: an unknown one is a malformed request.
        if (form.fieldErrors.action) badRequest();
        return invalid(form, intent, String(formData.get("action")));
      }
      const { action, reason, date } = form.data;
      const result = await transitionAgreement(db(), actor, meta, {
        agreementId: loaded.agreement.id,
        action,
        reason,
        date,
      });
      if (!result.ok) return refused(result, form.values, intent, action);
      return redirect(here);
    },
    amend: async ({ formData, intent }) => {
      const form = parseForm(AmendmentSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await createAmendment(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`/agreements/${result.id}/clauses`);
    },
  });
}

export default function AgreementOverview() {
  const view = useLoaderData<typeof loader>();
  const { agreement, form, parties, addParty, steps, canEdit, canManage, amendments, documents, followUp } = view;
  const result = useActionData<typeof action>();
  const forIntent = (intent: string, target?: string) => failureFor(result, intent, target);
  // A refusal whose form is not on this page (a step no longer offered, a form sent from an old
  // page or forged) is shown at the top, so that every refusal says why.
  const failed = result && !result.ok ? failureFor(result, result.intent) : null;
  const shownWithItsForm =
    !!failed &&
    ((failed.intent === "details" && !!form) ||
      (failed.intent === "addParty" && !!addParty) ||
      (failed.intent === "updateParty" && canEdit && parties.some((p) => p.id === failed.target)) ||
      (failed.intent === "transition" && steps.some((s) => s.action === failed.target)) ||
      (failed.intent === "amend" && amendments.canAmend));

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <FormError failure={shownWithItsForm ? null : failed} />
        <SummaryCard agreement={agreement} />
        <FollowUpCard followUp={followUp} />
        <PartiesCard
          parties={parties}
          currency={agreement.currency}
          canEdit={canEdit}
          addParty={addParty}
          failureFor={forIntent}
        />
        {form ? (
          <DetailsCard
            version={agreement.version}
            isAmendment={agreement.isAmendment}
            initial={form}
            failure={forIntent("details")}
          />
        ) : null}
      </div>

      <div className="space-y-6">
        <DocumentsCard agreementId={agreement.id} documents={documents} />
        {canManage ? <NextStepsCard steps={steps} failureFor={forIntent} /> : null}
        <AmendmentsCard amendments={amendments} failure={forIntent("amend")} />
        {agreement.textVersion > 0 ? <VersionsNotice agreementId={agreement.id} count={agreement.textVersion} /> : null}
      </div>
    </div>
  );
}
