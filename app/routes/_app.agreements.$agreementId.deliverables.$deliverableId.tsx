import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { StatusBadgeDeliverable } from "~/components/deliverable-status";
import { ProgressBar } from "~/components/progress-bar";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { DateText } from "~/components/ui/formatted";
import { AppForm, asFailure, FormError, typed } from "~/components/ui/form";
import { canConfirmDelivery, canRecordProgress, canReopenDeliverable } from "~/domain/access/access";
import { nextDeliverableStatus } from "~/domain/delivery/delivery";
import {
  BeneficiarySchema,
  DeliverableActionSchema,
  deliverySchema,
  OpenListSchema,
} from "~/domain/delivery/delivery.schema";
import { addBeneficiary, beneficiaryListView, openBeneficiaryList } from "~/domain/delivery/beneficiaries.server";
import {
  attachReceipt,
  getDeliverable,
  moveDeliverable,
  recordDelivery,
  type DeliveryInput,
} from "~/domain/delivery/deliverables.server";
import { displayName } from "~/domain/organization/organization";
import { requireAgreement } from "~/lib/context.server";
import { notifyDeliveryToConfirm } from "~/domain/notify/notify.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FieldError, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";
import { checkUpload, discardFile, fileField, readFormData, storeFile, uploadError } from "~/lib/uploads.server";

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

async function load(request: Request, params: unknown, context: Parameters<typeof requireAgreement>[2]) {
  const ctx = await requireAgreement(request, params, context);
  const parsed = z.object({ deliverableId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const found = await getDeliverable(db(), ctx.loaded.agreement.id, parsed.data.deliverableId);
  if (!found) notFound();
  return { ...ctx, found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, found } = await load(request, params, context);
  const d = found.deliverable;
  const responsible = d.responsibleOrganizationId;
  return {
    agreementId: loaded.agreement.id,
    deliverable: {
      id: d.id,
      title: d.title,
      kind: d.kind,
      description: d.description,
      location: d.location,
      dueDate: d.due_date,
      unit: d.unit,
      status: d.status,
      disputeNote: d.dispute_note,
      overDeliveryNote: d.over_delivery_note,
      confirmedAt: d.confirmed_at,
      specialties: d.specialties,
      nameFr: d.nameFr,
      nameAr: d.nameAr,
    },
    obligation: found.obligation,
    planAction: found.planAction,
    items: found.items,
    metrics: found.metrics,
    deliveries: found.deliveries.map((x) => ({
      id: x.id,
      deliveredOn: x.delivered_on,
      quantity: x.quantity,
      beneficiaries: x.beneficiaries,
      women: x.beneficiaries_women,
      men: x.beneficiaries_men,
      children: x.beneficiaries_children,
      place: x.place,
      note: x.note,
      items: x.items,
      evidence: x.evidence.map((e) => ({
        id: e.id,
        name: e.name,
        purpose: e.purpose,
        isImage: e.mimeType.startsWith("image/"),
      })),
    })),
    progress: found.progress,
    beneficiaries: found.beneficiaries,
    canRecord:
      canRecordProgress(actor, loaded.access, responsible) && nextDeliverableStatus(d.status, "record") !== null,
    canAttach: canRecordProgress(actor, loaded.access, responsible),
    beneficiaryList: await beneficiaryListView(db(), actor, loaded.agreement.id, d.id),
    canMarkDelivered:
      canRecordProgress(actor, loaded.access, responsible) && nextDeliverableStatus(d.status, "markDelivered") !== null,
    canConfirm:
      canConfirmDelivery(actor, loaded.access, responsible) && nextDeliverableStatus(d.status, "confirm") !== null,
    canDispute:
      canConfirmDelivery(actor, loaded.access, responsible) && nextDeliverableStatus(d.status, "dispute") !== null,
    canReopen:
      canReopenDeliverable(actor, loaded.access, responsible) && nextDeliverableStatus(d.status, "reopen") !== null,
  };
}

type Failure = FormFailure & { intent: string; target?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded, found } = await load(request, params, context);
  const { formData, tooLarge } = await readFormData(request, MAX_EVIDENCE_BYTES);
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}/deliverables/${found.deliverable.id}`;
  if (intent === "recordDelivery") {
    const form = parseForm(
      deliverySchema(
        found.items.map((i) => i.id),
        found.metrics.map((m) => m.id),
      ),
      formData,
    );
    const fieldErrors: Record<string, FieldError> = form.ok ? {} : { ...form.fieldErrors };
    const file = await fileField(formData, "evidence");
    let kind: "pdf" | "png" | "jpeg" | null = null;
    if (tooLarge) fieldErrors.evidence = { key: "upload.error.tooLarge" };
    else if (file) {
      const check = checkUpload(file.bytes, ["png", "jpeg", "pdf"], MAX_EVIDENCE_BYTES);
      if (check.ok) kind = check.kind;
      else fieldErrors.evidence = uploadError(check, "upload.error.wrongTypeEvidence");
    }
    if (!form.ok || Object.keys(fieldErrors).length)
      return data({ ...failure(form.values, fieldErrors), intent }, { status: 400 });
    const values = form.data as Record<string, unknown>;
    const itemQuantities = Object.fromEntries(found.items.map((i) => [i.id, Number(values[`item.${i.id}`] ?? 0)]));
    const metricValues = Object.fromEntries(found.metrics.map((m) => [m.id, Number(values[`metric.${m.id}`] ?? 0)]));
    const stored = file && kind ? storeFile(file.bytes, kind, file.name) : null;
    const input = { ...(form.data as unknown as Omit<DeliveryInput, "itemQuantities">), itemQuantities, metricValues };
    const result = await recordDelivery(db(), actor, meta, loaded, found.deliverable.id, input, stored);
    if (result.ok) return redirect(here);
    if (stored) discardFile(stored.storedName);
    if (result.error === "not_found") notFound();
    return data(
      {
        ...failure(form.values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }),
        intent,
      },
      { status: 400 },
    );
  }
  if (intent === "openList" || intent === "addBeneficiary") {
    const form = intent === "openList" ? parseForm(OpenListSchema, formData) : parseForm(BeneficiarySchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result =
      form.data.intent === "openList"
        ? await openBeneficiaryList(db(), actor, meta, loaded, found.deliverable.id, form.data)
        : await addBeneficiary(db(), actor, meta, loaded, found.deliverable.id, form.data);
    if (result.ok) return redirect(here);
    notFound();
  }
  if (intent === "receipt") {
    const deliveryId = recordId.safeParse(formData.get("deliveryId"));
    if (!deliveryId.success) notFound();
    const file = await fileField(formData, "receipt");
    const check = tooLarge
      ? ({ ok: false, error: "tooLarge" } as const)
      : file
        ? checkUpload(file.bytes, ["pdf", "png", "jpeg"], MAX_EVIDENCE_BYTES)
        : ({ ok: false, error: "empty" } as const);
    if (!check.ok || !file)
      return data(
        {
          ...failure({}, { receipt: uploadError(check, "upload.error.wrongTypeEvidence") }),
          intent,
          target: deliveryId.data,
        },
        { status: 400 },
      );
    const stored = storeFile(file.bytes, check.kind, file.name);
    const result = await attachReceipt(db(), actor, meta, loaded, deliveryId.data, stored);
    if (result.ok) return redirect(here);
    discardFile(stored.storedName);
    notFound();
  }
  const form = parseForm(DeliverableActionSchema, formData);
  if (!form.ok) return data({ ...form, intent }, { status: 400 });
  const result = await moveDeliverable(
    db(),
    actor,
    meta,
    loaded,
    found.deliverable.id,
    form.data.intent,
    form.data.note ?? form.data.overDeliveryNote,
  );
  // After the commit: the other parties are asked to confirm (in-app, and by email for those who want it).
  if (result.ok && form.data.intent === "markDelivered") await notifyDeliveryToConfirm(db(), loaded.agreement.id);
  if (result.ok) return redirect(here);
  if (result.error === "not_found") notFound();
  return data(
    {
      ...failure(form.values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }),
      intent,
    },
    { status: 400 },
  );
}

export default function DeliverablePage() {
  const {
    agreementId,
    deliverable,
    obligation,
    planAction,
    items,
    metrics,
    deliveries,
    progress,
    beneficiaries,
    canRecord,
    canAttach,
    canMarkDelivered,
    canConfirm,
    canReopen,
    canDispute,
    beneficiaryList,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const failed = asFailure(result) as Failure | null;
  const forIntent = (intent: string) => (failed?.intent === intent ? failed : null);
  const deliveryFailure = forIntent("recordDelivery");
  const { t, locale, formatNumber } = useI18n();
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Card>
          <p className="mb-1 text-sm">
            <Link to={`/agreements/${agreementId}/deliverables`} className="text-brand-700 hover:underline">
              {t("agreement.tabs.deliverables")}
            </Link>
          </p>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h2 className="text-xl font-semibold" dir="auto" data-testid="deliverable-title">
              {deliverable.title}
            </h2>
            <StatusBadgeDeliverable status={deliverable.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {t(`deliverable.kind.${deliverable.kind}`)} · <bdi>{displayName(deliverable, locale)}</bdi>
            {deliverable.location ? (
              <>
                {" · "}
                <bdi>{deliverable.location}</bdi>
              </>
            ) : null}
          </p>
          <div className="mt-4">
            <ProgressBar
              percent={progress.percent}
              over={progress.over}
              label={t("deliverables.progressOf", { title: deliverable.title })}
            />
            <p className="mt-1 text-sm text-slate-700" data-testid="deliverable-total" suppressHydrationWarning>
              {formatNumber(progress.delivered)} / {formatNumber(progress.target)} <bdi>{deliverable.unit}</bdi>
              {beneficiaries > 0 ? <> · {t("deliverables.beneficiaries", { count: beneficiaries })}</> : null}
            </p>
            {progress.over ? (
              <p className="mt-1 text-sm text-amber-800">
                {t("deliverables.overDelivered")}{" "}
                {deliverable.overDeliveryNote ? <bdi>« {deliverable.overDeliveryNote} »</bdi> : null}
              </p>
            ) : null}
            {deliverable.disputeNote ? (
              <p className="mt-2 rounded-md bg-red-50 p-2 text-sm text-red-800" data-testid="dispute-note">
                {t("deliverables.disputed")} <bdi>« {deliverable.disputeNote} »</bdi>
              </p>
            ) : null}
          </div>
          {obligation || planAction ? (
            <ul className="mt-3 space-y-1 text-sm" data-testid="deliverable-links">
              {planAction ? (
                <li>
                  <span className="text-slate-500">{t("deliverables.planAction")} — </span>
                  <Link
                    to={`/agreements/${agreementId}/plan?year=${planAction.year}`}
                    className="text-brand-700 hover:underline"
                  >
                    {planAction.year} · <bdi>{planAction.objective}</bdi>
                  </Link>
                </li>
              ) : null}
              {obligation ? (
                <li>
                  <span className="text-slate-500">{t("deliverables.obligation")} — </span>
                  <Link to={`/agreements/${agreementId}/obligations`} className="text-brand-700 hover:underline">
                    <bdi>{obligation.description}</bdi>
                  </Link>
                </li>
              ) : null}
            </ul>
          ) : null}
          {deliverable.specialties ? (
            <p className="mt-3 text-sm">
              <span className="text-slate-500">{t("deliverables.specialties")} :</span>{" "}
              <bdi>{deliverable.specialties}</bdi>
            </p>
          ) : null}
          {metrics.length ? (
            <ul className="mt-4 space-y-2" data-testid="metrics">
              {metrics.map((m) => (
                <li key={m.id} className="text-sm">
                  <p>
                    <bdi>{m.name}</bdi> ·{" "}
                    <span suppressHydrationWarning>
                      {formatNumber(m.progress.delivered)} / {formatNumber(m.target)}
                    </span>
                  </p>
                  <ProgressBar percent={m.progress.percent} over={m.progress.over} label={m.name} />
                </li>
              ))}
            </ul>
          ) : null}
          {items.length ? (
            <table className="mt-4 w-full text-sm" data-testid="items">
              <thead>
                <tr className="text-slate-500">
                  <th className="py-1 text-start font-medium">{t("deliverables.item")}</th>
                  <th className="py-1 text-end font-medium">{t("deliverables.itemProgress")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className="border-t border-slate-100">
                    <td className="py-1" dir="auto">
                      {item.name}
                    </td>
                    <td className="py-1 text-end tabular-nums" suppressHydrationWarning>
                      {formatNumber(item.progress.delivered)} / {formatNumber(item.target)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Card>
        <Card title={t("deliveries.title")}>
          {deliveries.length === 0 ? <p className="text-sm text-slate-600">{t("deliveries.empty")}</p> : null}
          <ol className="space-y-3" data-testid="deliveries">
            {deliveries.map((x, i) => (
              <li key={x.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {t("deliveries.round", { number: i + 1 })} · <DateText value={x.deliveredOn} /> ·{" "}
                  <span suppressHydrationWarning>{formatNumber(x.quantity)}</span> <bdi>{deliverable.unit}</bdi>
                </p>
                <p className="text-slate-600" data-testid="delivery-details">
                  {/* A delivery without beneficiaries (equipment) says nothing about them. */}
                  {x.beneficiaries > 0 ? t("deliverables.beneficiaries", { count: x.beneficiaries }) : null}
                  {x.beneficiaries > 0 && (x.women !== null || x.men !== null || x.children !== null) ? (
                    <>
                      {" "}
                      (
                      {[
                        x.women !== null ? `${t("deliveries.women")} ${x.women}` : null,
                        x.men !== null ? `${t("deliveries.men")} ${x.men}` : null,
                        x.children !== null ? `${t("deliveries.children")} ${x.children}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                      )
                    </>
                  ) : null}
                  {x.place ? (
                    <>
                      {x.beneficiaries > 0 ? " · " : null}
                      <bdi>{x.place}</bdi>
                    </>
                  ) : null}
                </p>
                {x.note ? (
                  <p className="text-slate-700" dir="auto">
                    {x.note}
                  </p>
                ) : null}
                <p className="mt-2 flex flex-wrap items-center gap-3">
                  <a
                    href={`/agreements/${agreementId}/deliveries/${x.id}/receipt.pdf`}
                    className="text-brand-700 underline"
                    data-testid="receipt-link"
                  >
                    {t("receipt.download")}
                  </a>
                  {x.evidence.some((e) => e.purpose === "receipt") ? (
                    <span className="text-green-700">✓ {t("receipt.attached")}</span>
                  ) : null}
                </p>
                {canAttach && !x.evidence.some((e) => e.purpose === "receipt") ? (
                  <AppForm
                    encType="multipart/form-data"
                    failure={failed?.intent === "receipt" && failed.target === x.id ? failed : null}
                    className="mt-2 flex flex-wrap items-end gap-2"
                  >
                    <input type="hidden" name="intent" value="receipt" />
                    <input type="hidden" name="deliveryId" value={x.id} />
                    <FileField
                      label={t("receipt.upload")}
                      name="receipt"
                      accept="application/pdf,image/png,image/jpeg"
                      required
                      error={
                        failed?.intent === "receipt" && failed.target === x.id ? failed.fieldErrors.receipt : undefined
                      }
                    />
                    <Button variant="secondary" className="px-3 py-1 text-xs">
                      {t("receipt.attach")}
                    </Button>
                  </AppForm>
                ) : null}
                {x.evidence.length ? (
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {x.evidence.map((e) => (
                      <li key={e.id}>
                        <a
                          href={`/agreements/${agreementId}/evidence/${e.id}`}
                          className="text-brand-700 underline"
                          data-testid="evidence-link"
                        >
                          {e.isImage ? (
                            <img
                              src={`/agreements/${agreementId}/evidence/${e.id}`}
                              alt={e.name}
                              className="h-20 w-28 rounded object-cover ring-1 ring-slate-200"
                            />
                          ) : (
                            <bdi>{e.name}</bdi>
                          )}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <div className="space-y-4">
        {canRecord ? (
          <Card title={t("deliveries.record")}>
            {/* Keyed by the number of deliveries: after one is recorded, the form starts empty again. */}
            <AppForm
              key={deliveries.length}
              failure={deliveryFailure}
              encType="multipart/form-data"
              className="space-y-3"
              data-testid="delivery-form"
            >
              <input type="hidden" name="intent" value="recordDelivery" />
              <TextField
                label={t("deliveries.date")}
                name="deliveredOn"
                type="date"
                required
                defaultValue={typed(deliveryFailure?.values, "deliveredOn")}
                error={deliveryFailure?.fieldErrors.deliveredOn}
              />
              {items.length ? (
                <fieldset className="space-y-2">
                  <legend className="text-sm font-medium">{t("deliveries.itemQuantities")}</legend>
                  {items.map((item) => (
                    <TextField
                      key={item.id}
                      label={item.name}
                      name={`item.${item.id}`}
                      inputMode="numeric"
                      optional
                      defaultValue={typed(deliveryFailure?.values, `item.${item.id}`)}
                      error={deliveryFailure?.fieldErrors[`item.${item.id}`]}
                    />
                  ))}
                </fieldset>
              ) : (
                <TextField
                  label={t("deliveries.quantity", { unit: deliverable.unit })}
                  name="quantity"
                  inputMode="numeric"
                  required
                  defaultValue={typed(deliveryFailure?.values, "quantity")}
                  error={deliveryFailure?.fieldErrors.quantity}
                />
              )}
              {metrics.map((m) => (
                <TextField
                  key={m.id}
                  label={m.name}
                  name={`metric.${m.id}`}
                  inputMode="numeric"
                  optional
                  defaultValue={typed(deliveryFailure?.values, `metric.${m.id}`)}
                  error={deliveryFailure?.fieldErrors[`metric.${m.id}`]}
                />
              ))}
              <TextField
                label={t("deliveries.beneficiaries")}
                name="beneficiaries"
                inputMode="numeric"
                optional
                defaultValue={typed(deliveryFailure?.values, "beneficiaries")}
                error={deliveryFailure?.fieldErrors.beneficiaries}
              />
              <fieldset>
                <legend className="mb-1 text-sm font-medium">
                  {t("deliveries.breakdown")}
                  <span className="ms-1 font-normal text-slate-500">({t("form.optional")})</span>
                </legend>
                <div className="grid grid-cols-3 gap-2">
                  <TextField
                    label={t("deliveries.women")}
                    name="women"
                    inputMode="numeric"
                    defaultValue={typed(deliveryFailure?.values, "women")}
                    error={deliveryFailure?.fieldErrors.women}
                  />
                  <TextField
                    label={t("deliveries.men")}
                    name="men"
                    inputMode="numeric"
                    defaultValue={typed(deliveryFailure?.values, "men")}
                    error={deliveryFailure?.fieldErrors.men}
                  />
                  <TextField
                    label={t("deliveries.children")}
                    name="children"
                    inputMode="numeric"
                    defaultValue={typed(deliveryFailure?.values, "children")}
                    error={deliveryFailure?.fieldErrors.children}
                  />
                </div>
              </fieldset>
              <TextField
                label={t("deliveries.place")}
                name="place"
                optional
                maxLength={200}
                defaultValue={typed(deliveryFailure?.values, "place")}
                error={deliveryFailure?.fieldErrors.place}
              />
              <TextAreaField
                label={t("deliveries.note")}
                name="note"
                optional
                rows={2}
                maxLength={2000}
                defaultValue={typed(deliveryFailure?.values, "note")}
                error={deliveryFailure?.fieldErrors.note}
              />
              <FileField
                id="evidence"
                label={t("deliveries.evidence")}
                optional
                name="evidence"
                accept="image/png,image/jpeg,application/pdf"
                capture="environment"
                hint={t("deliveries.evidenceHint")}
                error={deliveryFailure?.fieldErrors.evidence}
              />
              <FormError failure={deliveryFailure} />
              <Button className="w-full">{t("deliveries.record")}</Button>
            </AppForm>
          </Card>
        ) : null}
        {beneficiaryList && (beneficiaryList.exists || beneficiaryList.canKeep) ? (
          <BeneficiaryList
            list={beneficiaryList}
            failure={failed?.intent === "openList" || failed?.intent === "addBeneficiary" ? failed : null}
          />
        ) : null}
        {canMarkDelivered ? (
          <Card title={t("deliverables.markDelivered")}>
            <AppForm failure={forIntent("markDelivered")} className="space-y-2">
              <input type="hidden" name="intent" value="markDelivered" />
              {progress.over ? (
                <TextAreaField
                  label={t("deliverables.overDeliveryNote")}
                  name="overDeliveryNote"
                  required
                  rows={2}
                  maxLength={2000}
                />
              ) : null}
              <FormError failure={forIntent("markDelivered")} />
              <Button variant="secondary" className="w-full">
                {t("deliverables.markDelivered")}
              </Button>
            </AppForm>
          </Card>
        ) : null}
        {canConfirm || canDispute ? (
          <Card title={t("deliverables.partnerCheck")}>
            {canConfirm ? (
              <AppForm className="mb-3">
                <input type="hidden" name="intent" value="confirm" />
                <Button className="w-full">{t("deliverables.confirm")}</Button>
              </AppForm>
            ) : null}
            {canDispute ? (
              <AppForm failure={forIntent("dispute")} className="space-y-2">
                <input type="hidden" name="intent" value="dispute" />
                <TextAreaField
                  label={t("deliverables.disputeNote")}
                  name="note"
                  required
                  rows={2}
                  maxLength={2000}
                  defaultValue={typed(forIntent("dispute")?.values, "note")}
                  error={forIntent("dispute")?.fieldErrors.note}
                />
                <FormError failure={forIntent("dispute")} />
                <Button variant="danger" className="w-full">
                  {t("deliverables.dispute")}
                </Button>
              </AppForm>
            ) : null}
          </Card>
        ) : null}
        {canReopen ? (
          <Card title={t("deliverables.reopenTitle")}>
            <AppForm failure={forIntent("reopen")} className="space-y-2" data-testid="reopen-form">
              <input type="hidden" name="intent" value="reopen" />
              <p className="text-sm text-slate-600">{t("deliverables.reopenHint")}</p>
              <TextAreaField
                label={t("deliverables.reopenNote")}
                name="note"
                required
                rows={2}
                maxLength={2000}
                defaultValue={typed(forIntent("reopen")?.values, "note")}
                error={forIntent("reopen")?.fieldErrors.note}
              />
              <FormError failure={forIntent("reopen")} />
              <Button variant="secondary" className="w-full">
                {t("deliverables.reopen")}
              </Button>
            </AppForm>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

type ListView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["beneficiaryList"]>;

/** The named list, for its keepers only; partners and others see how many people it holds. */
function BeneficiaryList({ list, failure: failed }: { list: ListView; failure: Failure | null }) {
  const { t } = useI18n();
  return (
    <Card title={t("beneficiaries.title")}>
      <p className="mb-3 text-xs text-slate-600">{t("beneficiaries.privacy")}</p>
      {!list.exists ? (
        <AppForm failure={failed?.intent === "openList" ? failed : null} className="space-y-2">
          <input type="hidden" name="intent" value="openList" />
          <TextAreaField
            label={t("beneficiaries.purpose")}
            name="purpose"
            required
            rows={2}
            maxLength={500}
            hint={t("beneficiaries.purposeHint")}
            defaultValue={typed(failed?.values, "purpose")}
            error={failed?.fieldErrors.purpose}
          />
          <TextField
            label={t("beneficiaries.retentionUntil")}
            name="retentionUntil"
            type="date"
            required
            hint={t("beneficiaries.retentionHint")}
            defaultValue={typed(failed?.values, "retentionUntil")}
            error={failed?.fieldErrors.retentionUntil}
          />
          <Button variant="secondary" className="w-full">
            {t("beneficiaries.open")}
          </Button>
        </AppForm>
      ) : (
        <>
          <p className="text-sm" data-testid="beneficiary-count">
            {t("deliverables.beneficiaries", { count: list.count })} · {t("beneficiaries.keptUntil")}{" "}
            <DateText value={list.retentionUntil} />
          </p>
          {list.people ? (
            <>
              <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="beneficiary-names">
                {list.people.map((p) => (
                  <li key={p.id} className="py-1">
                    {p.erasedAt ? (
                      <span className="text-slate-400">{t("beneficiaries.erased")}</span>
                    ) : (
                      <bdi>{p.fullName}</bdi>
                    )}
                    {p.nationalId ? (
                      <span className="ms-2 font-mono text-xs text-slate-500" dir="ltr">
                        {p.nationalId}
                      </span>
                    ) : null}
                    {p.householdSize ? (
                      <span className="ms-2 text-xs text-slate-500">
                        {t("beneficiaries.household", { count: p.householdSize })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <AppForm
                key={list.count}
                failure={failed?.intent === "addBeneficiary" ? failed : null}
                className="mt-3 space-y-2"
              >
                <input type="hidden" name="intent" value="addBeneficiary" />
                <TextField
                  label={t("beneficiaries.fullName")}
                  name="fullName"
                  required
                  maxLength={200}
                  defaultValue={typed(failed?.values, "fullName")}
                  error={failed?.fieldErrors.fullName}
                />
                <TextField
                  label={t("beneficiaries.nationalId")}
                  name="nationalId"
                  optional
                  maxLength={40}
                  hint={t("beneficiaries.nationalIdHint")}
                  error={failed?.fieldErrors.nationalId}
                  dir="ltr"
                />
                <TextField
                  label={t("beneficiaries.householdSize")}
                  name="householdSize"
                  inputMode="numeric"
                  optional
                  defaultValue={typed(failed?.values, "householdSize")}
                  error={failed?.fieldErrors.householdSize}
                />
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="consent"
                    required
                    className="mt-1 h-4 w-4"
                    aria-invalid={failed?.fieldErrors.consent ? true : undefined}
                  />
                  <span>{t("beneficiaries.consent")}</span>
                </label>
                {failed?.fieldErrors.consent ? (
                  <p role="alert" className="text-sm font-medium text-red-700">
                    {t(failed.fieldErrors.consent.key)}
                  </p>
                ) : null}
                <Button variant="secondary" className="w-full">
                  {t("beneficiaries.add")}
                </Button>
              </AppForm>
            </>
          ) : (
            <p className="mt-2 text-xs text-slate-500">{t("beneficiaries.countsOnly")}</p>
          )}
        </>
      )}
    </Card>
  );
}
