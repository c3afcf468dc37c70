import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Card, WithAside } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { DateText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { OBLIGATION_STATUSES, RECURRENCES } from "~/domain/delivery/delivery";
import { ObligationSchema, ObligationStatusSchema } from "~/domain/delivery/delivery.schema";
import { addObligation, attachObligationEvidence, updateObligationStatus } from "~/domain/delivery/obligations.server";
import { obligationsView } from "~/domain/delivery/obligations-view.server";
import { FileField } from "~/components/ui/file-field";
import { recordId } from "~/lib/ids";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { dispatch, fieldRejected, invalid, readSubmission, refused, uploadedFile } from "~/lib/actions.server";
import { displayName } from "~/domain/organization/organization";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  return obligationsView(db(), actor, loaded, todayInMorocco());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/obligations`;
  return dispatch(await readSubmission(request), {
    obligationEvidence: async (submission) => {
      const target = recordId.safeParse(submission.formData.get("obligationId"));
      if (!target.success) notFound();
      const upload = await uploadedFile(submission, "evidence", {
        kinds: ["png", "jpeg", "pdf"],
        wrongType: "upload.error.wrongTypeEvidence",
        required: true,
      });
      if (!upload.ok) return fieldRejected({}, submission.intent, { evidence: upload.error }, target.data);
      const file = upload.file!;
      const stored = storeFile(file.bytes, file.kind, file.name);
      const result = await attachObligationEvidence(db(), actor, meta, loaded, target.data, stored);
      if (result.ok) return redirect(here);
      discardFile(stored.storedName);
      return refused(result, {}, submission.intent, target.data);
    },
    addObligation: async ({ formData, intent }) => {
      const form = parseForm(ObligationSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addObligation(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    obligationStatus: async ({ formData, intent }) => {
      const target = String(formData.get("obligationId") ?? "");
      const form = parseForm(ObligationStatusSchema, formData);
      if (!form.ok) return invalid(form, intent, target);
      const { obligationId, version, status, note, completedOn } = form.data;
      const result = await updateObligationStatus(db(), actor, meta, loaded, {
        obligationId,
        version,
        status,
        note,
        completedOn,
        today: todayInMorocco(),
      });
      if (!result.ok) return refused(result, form.values, intent, target);
      return redirect(here);
    },
  });
}

const STATUS_TONE = { pending: "slate", in_progress: "blue", done: "green", waived: "amber" } as const;

export default function Obligations() {
  const { agreementId, obligations, parties, clauses, canAdd } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const forIntent = (intent: string, target?: string) => failureFor(result, intent, target);
  const addFailure = forIntent("addObligation");
  return (
    <WithAside
      className="space-y-3"
      aside={
        canAdd ? (
          <Card title={t("obligations.add")}>
            <AppForm failure={addFailure} className="space-y-3">
              <input type="hidden" name="intent" value="addObligation" />
              <TextAreaField
                label={t("obligations.description")}
                name="description"
                required
                rows={3}
                maxLength={2000}
                defaultValue={typed(addFailure?.values, "description")}
                error={addFailure?.fieldErrors.description}
              />
              <SelectField
                label={t("obligations.responsible")}
                name="responsiblePartyId"
                defaultValue={typed(addFailure?.values, "responsiblePartyId")}
                error={addFailure?.fieldErrors.responsiblePartyId}
                options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
              />
              <SelectField
                label={t("obligations.clause")}
                name="clauseId"
                optional
                defaultValue={typed(addFailure?.values, "clauseId")}
                error={addFailure?.fieldErrors.clauseId}
                options={[
                  { value: "", label: "—" },
                  ...clauses.map((c) => ({
                    value: c.id,
                    label: `${t("clauses.article", { number: c.number })} — ${c.heading}`,
                  })),
                ]}
              />
              <TextField
                label={t("obligations.dueDate")}
                name="dueDate"
                type="date"
                optional
                defaultValue={typed(addFailure?.values, "dueDate")}
                error={addFailure?.fieldErrors.dueDate}
              />
              <SelectField
                label={t("obligations.recurrence")}
                name="recurrence"
                defaultValue={typed(addFailure?.values, "recurrence", "none")}
                error={addFailure?.fieldErrors.recurrence}
                options={RECURRENCES.map((r) => ({ value: r, label: t(`recurrence.${r}`) }))}
              />
              <FormError failure={addFailure} />
              <Button className="w-full">{t("obligations.add")}</Button>
            </AppForm>
          </Card>
        ) : null
      }
    >
      {obligations.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("obligations.empty")}</p>
        </Card>
      ) : null}
      <ul className="space-y-3" data-testid="obligations">
        {obligations.map((o) => {
          const statusFailure = forIntent("obligationStatus", o.id);
          return (
            <li
              key={o.id}
              className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
              data-testid="obligation"
              data-overdue={o.overdue ? "true" : "false"}
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="font-medium" dir="auto">
                  {o.description}
                </p>
                <div className="flex shrink-0 gap-1">
                  {o.overdue ? <Badge tone="red">{t("obligations.overdue")}</Badge> : null}
                  <Badge tone={STATUS_TONE[o.currentStatus]}>{t(`obligation.status.${o.currentStatus}`)}</Badge>
                </div>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                <bdi>{displayName(o, locale)}</bdi>
                {o.clausePosition ? (
                  <>
                    {" · "}
                    {t("clauses.article", { number: o.clausePosition })}
                  </>
                ) : null}
                {o.recurrence !== "none" ? <> · {t(`recurrence.${o.recurrence}`)}</> : null}
                {o.nextDue ? (
                  <>
                    {" · "}
                    {t("obligations.due")} <DateText value={o.nextDue} />
                  </>
                ) : null}
              </p>
              {o.statusNote ? (
                <p className="mt-1 text-sm text-slate-700" dir="auto">
                  {o.statusNote}
                </p>
              ) : null}
              {o.evidence.length ? (
                <ul className="mt-1 flex flex-wrap gap-2 text-sm" data-testid="obligation-evidence">
                  {o.evidence.map((e) => (
                    <li key={e.id}>
                      <a href={`/agreements/${agreementId}/evidence/${e.id}`} className="text-brand-700 underline">
                        <bdi>{e.name}</bdi>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {o.canUpdate ? (
                <AppForm
                  encType="multipart/form-data"
                  failure={forIntent("obligationEvidence", o.id)}
                  className="mt-2 flex flex-wrap items-end gap-2"
                >
                  <input type="hidden" name="intent" value="obligationEvidence" />
                  <input type="hidden" name="obligationId" value={o.id} />
                  <FileField
                    label={t("obligations.evidence")}
                    name="evidence"
                    accept="image/png,image/jpeg,application/pdf"
                    required
                    error={forIntent("obligationEvidence", o.id)?.fieldErrors.evidence}
                  />
                  <Button variant="secondary" className="px-3 py-1 text-xs">
                    {t("receipt.attach")}
                  </Button>
                </AppForm>
              ) : null}
              {o.canUpdate ? (
                <details className="mt-2" open={!!statusFailure}>
                  <summary className="cursor-pointer text-sm text-brand-700">{t("obligations.update")}</summary>
                  <AppForm failure={statusFailure} className="mt-2 grid gap-3 sm:grid-cols-2">
                    <input type="hidden" name="intent" value="obligationStatus" />
                    <input type="hidden" name="obligationId" value={o.id} />
                    <input type="hidden" name="version" value={o.version} />
                    <SelectField
                      label={t("obligations.status")}
                      name="status"
                      defaultValue={typed(statusFailure?.values, "status", o.status)}
                      error={statusFailure?.fieldErrors.status}
                      options={OBLIGATION_STATUSES.map((s) => ({ value: s, label: t(`obligation.status.${s}`) }))}
                    />
                    <TextField
                      label={t("obligations.completedOn")}
                      name="completedOn"
                      type="date"
                      optional
                      defaultValue={typed(statusFailure?.values, "completedOn", o.completedOn ?? "")}
                      error={statusFailure?.fieldErrors.completedOn}
                    />
                    <div className="sm:col-span-2">
                      <TextAreaField
                        label={t("obligations.note")}
                        name="note"
                        rows={2}
                        optional
                        maxLength={2000}
                        hint={t("obligations.noteHint")}
                        defaultValue={typed(statusFailure?.values, "note", o.statusNote ?? "")}
                        error={statusFailure?.fieldErrors.note}
                      />
                    </div>
                    <div className="sm:col-span-2">
                      <FormError failure={statusFailure} />
                      <Button variant="secondary">{t("form.save")}</Button>
                    </div>
                  </AppForm>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </WithAside>
  );
}
