import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusBadgeDeliverable } from "~/components/deliverable-status";
import { ImportedNotice } from "~/components/imported-notice";
import { ProgressBar } from "~/components/progress-bar";
import { Button } from "~/components/ui/button";
import { Card, WithAside } from "~/components/ui/card";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { DELIVERABLE_KINDS } from "~/domain/delivery/delivery";
import { DeliverableSchema } from "~/domain/delivery/delivery.schema";
import { addDeliverable } from "~/domain/delivery/deliverables.server";
import { deliverablesView } from "~/domain/delivery/deliverables-view.server";
import { displayName } from "~/domain/organization/organization";
import { dispatch, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded } = await requireAgreement(request, params, context);
  return deliverablesView(db(), actor, loaded, todayInMorocco());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  return dispatch(await readSubmission(request), {
    addDeliverable: async ({ formData, intent }) => {
      const form = parseForm(DeliverableSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addDeliverable(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`/agreements/${loaded.agreement.id}/deliverables/${result.id}`);
    },
  });
}

export default function Deliverables() {
  const { agreementId, deliverables, canPlan, parties, obligations, actions } = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "addDeliverable");
  const { t, locale, formatNumber } = useI18n();
  return (
    <WithAside
      className="space-y-3"
      aside={
        canPlan ? (
          <Card title={t("deliverables.add")}>
            <AppForm failure={failed} className="space-y-3">
              <input type="hidden" name="intent" value="addDeliverable" />
              <SelectField
                label={t("deliverables.kind")}
                name="kind"
                defaultValue={typed(failed?.values, "kind", "equipment")}
                error={failed?.fieldErrors.kind}
                options={DELIVERABLE_KINDS.map((k) => ({ value: k, label: t(`deliverable.kind.${k}`) }))}
              />
              <TextField
                label={t("deliverables.title")}
                name="title"
                required
                maxLength={300}
                defaultValue={typed(failed?.values, "title")}
                error={failed?.fieldErrors.title}
              />
              <SelectField
                label={t("deliverables.responsible")}
                name="responsiblePartyId"
                defaultValue={typed(failed?.values, "responsiblePartyId")}
                error={failed?.fieldErrors.responsiblePartyId}
                options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
              />
              {obligations.length ? (
                <SelectField
                  label={t("deliverables.obligation")}
                  name="obligationId"
                  optional
                  defaultValue={typed(failed?.values, "obligationId")}
                  error={failed?.fieldErrors.obligationId}
                  options={[
                    { value: "", label: "—" },
                    ...obligations.map((o) => ({ value: o.id, label: o.description.slice(0, 80) })),
                  ]}
                />
              ) : null}
              {actions.length ? (
                <SelectField
                  label={t("deliverables.planAction")}
                  name="planActionId"
                  optional
                  defaultValue={typed(failed?.values, "planActionId")}
                  error={failed?.fieldErrors.planActionId}
                  options={[
                    { value: "", label: "—" },
                    ...actions.map((a) => ({ value: a.id, label: `${a.year} · ${a.objective.slice(0, 80)}` })),
                  ]}
                />
              ) : null}
              <TextAreaField
                label={t("deliverables.items")}
                name="items"
                rows={4}
                optional
                maxLength={5000}
                hint={t("deliverables.itemsHint")}
                defaultValue={typed(failed?.values, "items")}
                error={failed?.fieldErrors.items}
              />
              <TextAreaField
                label={t("deliverables.metrics")}
                name="metrics"
                rows={3}
                optional
                maxLength={5000}
                hint={t("deliverables.metricsHint")}
                defaultValue={typed(failed?.values, "metrics")}
                error={failed?.fieldErrors.metrics}
              />
              <TextField
                label={t("deliverables.specialties")}
                name="specialties"
                optional
                maxLength={1000}
                hint={t("deliverables.specialtiesHint")}
                defaultValue={typed(failed?.values, "specialties")}
                error={failed?.fieldErrors.specialties}
              />
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  label={t("deliverables.target")}
                  name="targetQuantity"
                  inputMode="numeric"
                  optional
                  hint={t("deliverables.targetHint")}
                  defaultValue={typed(failed?.values, "targetQuantity")}
                  error={failed?.fieldErrors.targetQuantity}
                />
                <TextField
                  label={t("deliverables.unit")}
                  name="unit"
                  required
                  maxLength={60}
                  hint={t("deliverables.unitHint")}
                  defaultValue={typed(failed?.values, "unit")}
                  error={failed?.fieldErrors.unit}
                />
              </div>
              <TextField
                label={t("deliverables.location")}
                name="location"
                optional
                maxLength={200}
                defaultValue={typed(failed?.values, "location")}
                error={failed?.fieldErrors.location}
              />
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  label={t("deliverables.startDate")}
                  name="startDate"
                  type="date"
                  optional
                  defaultValue={typed(failed?.values, "startDate")}
                  error={failed?.fieldErrors.startDate}
                />
                <TextField
                  label={t("deliverables.dueDate")}
                  name="dueDate"
                  type="date"
                  optional
                  defaultValue={typed(failed?.values, "dueDate")}
                  error={failed?.fieldErrors.dueDate}
                />
              </div>
              <FormError failure={failed} />
              <Button className="w-full">{t("deliverables.add")}</Button>
            </AppForm>
          </Card>
        ) : null
      }
    >
      <ImportedNotice kind="deliverables" />
      {deliverables.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("deliverables.empty")}</p>
        </Card>
      ) : null}
      <ul className="space-y-3" data-testid="deliverables">
        {deliverables.map((d) => (
          <li key={d.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="deliverable">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <Link
                to={`/agreements/${agreementId}/deliverables/${d.id}`}
                className="font-medium text-brand-700 hover:underline"
                dir="auto"
              >
                {d.title}
              </Link>
              <StatusBadgeDeliverable status={d.status} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {t(`deliverable.kind.${d.kind}`)} · <bdi>{displayName(d, locale)}</bdi>
              {d.location ? (
                <>
                  {" · "}
                  <bdi>{d.location}</bdi>
                </>
              ) : null}
            </p>
            <div className="mt-2">
              <ProgressBar
                percent={d.progress.percent}
                over={d.progress.over}
                label={t("deliverables.progressOf", { title: d.title })}
              />
              <p className="mt-1 text-xs text-slate-600" suppressHydrationWarning>
                {formatNumber(d.progress.delivered)} / {formatNumber(d.target)} <bdi>{d.unit}</bdi>
                {d.beneficiaries ? <> · {t("deliverables.beneficiaries", { count: d.beneficiaries })}</> : null}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </WithAside>
  );
}
