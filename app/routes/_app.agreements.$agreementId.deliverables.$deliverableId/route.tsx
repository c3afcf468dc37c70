/**
 * One deliverable: its progress, deliveries (with receipts and evidence) and named beneficiaries;
 * the responsible party records deliveries and declares it delivered, the other parties confirm,
 * dispute or reopen it. The view model comes from deliverableView; the action uses the action kit.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { failureFor } from "~/components/ui/form";
import { addBeneficiary, openBeneficiaryList } from "~/domain/delivery/beneficiaries.server";
import { attachReceipt, getDeliverable, moveDeliverable, recordDelivery } from "~/domain/delivery/deliverables.server";
import { deliverableView } from "~/domain/delivery/deliverables-view.server";
import {
  BeneficiarySchema,
  DeliverableActionSchema,
  deliverySchema,
  OpenListSchema,
} from "~/domain/delivery/delivery.schema";
import { notifyDeliveryToConfirm } from "~/domain/notify/notify.server";
import {
  dispatch,
  fieldRejected,
  invalid,
  readSubmission,
  refused,
  uploadedFile,
  type Submission,
} from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { BeneficiaryList } from "./beneficiary-list";
import { DeliveriesCard } from "./deliveries-card";
import { DeliveryForm } from "./delivery-form";
import { PartnerCheckCards } from "./partner-check";
import { SummaryCard } from "./summary-card";

const Params = z.object({ deliverableId: recordId });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const view = await deliverableView(db(), actor, loaded, parsed.data.deliverableId);
  if (!view) notFound();
  return view;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const found = await getDeliverable(db(), loaded.agreement.id, parsed.data.deliverableId);
  if (!found) notFound();
  const deliverableId = found.deliverable.id;
  const here = `/agreements/${loaded.agreement.id}/deliverables/${deliverableId}`;
  // Declaring it delivered, confirming, disputing and reopening: one form each, one command.
  const move = async ({ formData, intent }: Submission) => {
    const form = parseForm(DeliverableActionSchema, formData);
    if (!form.ok) return invalid(form, intent);
    const action = form.data.intent;
    const note = form.data.note ?? form.data.overDeliveryNote;
    const result = await moveDeliverable(db(), actor, meta, loaded, { deliverableId, action, note });
    if (!result.ok) return refused(result, form.values, intent);
    // After the commit: the other parties are asked to confirm (in-app, and by email for those who want it).
    if (action === "markDelivered") await notifyDeliveryToConfirm(db(), loaded.agreement.id);
    return redirect(here);
  };
  return dispatch(await readSubmission(request), {
    recordDelivery: async (submission) => {
      const { formData, intent } = submission;
      const schema = deliverySchema(
        found.items.map((i) => i.id),
        found.metrics.map((m) => m.id),
      );
      const form = parseForm(schema, formData);
      const upload = await uploadedFile(submission, "evidence", {
        kinds: ["png", "jpeg", "pdf"],
        wrongType: "upload.error.wrongTypeEvidence",
      });
      // Every field in error at once: the form's and the evidence's.
      if (!upload.ok)
        return fieldRejected(form.values, intent, { ...(form.ok ? {} : form.fieldErrors), evidence: upload.error });
      if (!form.ok) return invalid(form, intent);
      const evidence = upload.file ? storeFile(upload.file.bytes, upload.file.kind, upload.file.name) : null;
      const result = await recordDelivery(db(), actor, meta, loaded, { ...form.data, deliverableId, evidence });
      if (result.ok) return redirect(here);
      if (evidence) discardFile(evidence.storedName);
      return refused(result, form.values, intent);
    },
    openList: async ({ formData, intent }) => {
      const form = parseForm(OpenListSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await openBeneficiaryList(db(), actor, meta, loaded, { ...form.data, deliverableId });
      return result.ok ? redirect(here) : refused(result, form.values, intent);
    },
    addBeneficiary: async ({ formData, intent }) => {
      const form = parseForm(BeneficiarySchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addBeneficiary(db(), actor, meta, loaded, { ...form.data, deliverableId });
      return result.ok ? redirect(here) : refused(result, form.values, intent);
    },
    receipt: async (submission) => {
      const deliveryId = recordId.safeParse(submission.formData.get("deliveryId"));
      if (!deliveryId.success) notFound();
      const upload = await uploadedFile(submission, "receipt", {
        kinds: ["pdf", "png", "jpeg"],
        wrongType: "upload.error.wrongTypeEvidence",
        required: true,
      });
      if (!upload.ok) return fieldRejected({}, submission.intent, { receipt: upload.error }, deliveryId.data);
      const file = upload.file!;
      const stored = storeFile(file.bytes, file.kind, file.name);
      const result = await attachReceipt(db(), actor, meta, loaded, { deliveryId: deliveryId.data, stored });
      if (result.ok) return redirect(here);
      discardFile(stored.storedName);
      return refused(result, {}, submission.intent, deliveryId.data);
    },
    markDelivered: move,
    confirm: move,
    dispute: move,
    reopen: move,
  });
}

export default function DeliverablePage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const forIntent = (intent: string, target?: string) => failureFor(result, intent, target);
  const list = view.beneficiaryList;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <SummaryCard view={view} />
        <DeliveriesCard
          agreementId={view.agreementId}
          unit={view.deliverable.unit}
          deliveries={view.deliveries}
          failureFor={forIntent}
        />
      </div>
      <div className="space-y-4">
        {view.canRecord ? (
          <DeliveryForm
            key={view.deliveries.length}
            deliverable={view.deliverable}
            items={view.items}
            metrics={view.metrics}
            failure={forIntent("recordDelivery")}
          />
        ) : null}
        {list && (list.exists || list.canKeep) ? (
          <BeneficiaryList list={list} openFailure={forIntent("openList")} addFailure={forIntent("addBeneficiary")} />
        ) : null}
        <PartnerCheckCards view={view} failureFor={forIntent} />
      </div>
    </div>
  );
}
