/** Recording a round of delivery: date, quantities (per item when it has items), measures, beneficiaries, place, note, evidence. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { DeliverableView } from "~/domain/delivery/deliverables-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function DeliveryForm({
  deliverable,
  items,
  metrics,
  failure,
}: {
  deliverable: DeliverableView["deliverable"];
  items: DeliverableView["items"];
  metrics: DeliverableView["metrics"];
  failure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const field = (name: string) => ({
    name,
    defaultValue: typed(failure?.values, name),
    error: failure?.fieldErrors[name],
  });
  return (
    <Card title={t("deliveries.record")}>
      <AppForm failure={failure} encType="multipart/form-data" className="space-y-3" data-testid="delivery-form">
        <input type="hidden" name="intent" value="recordDelivery" />
        <TextField label={t("deliveries.date")} type="date" required {...field("deliveredOn")} />
        {items.length ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("deliveries.itemQuantities")}</legend>
            {items.map((item) => (
              <TextField key={item.id} label={item.name} inputMode="numeric" optional {...field(`item.${item.id}`)} />
            ))}
          </fieldset>
        ) : (
          <TextField
            label={t("deliveries.quantity", { unit: deliverable.unit })}
            inputMode="numeric"
            required
            {...field("quantity")}
          />
        )}
        {metrics.map((m) => (
          <TextField key={m.id} label={m.name} inputMode="numeric" optional {...field(`metric.${m.id}`)} />
        ))}
        <TextField label={t("deliveries.beneficiaries")} inputMode="numeric" optional {...field("beneficiaries")} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium">
            {t("deliveries.breakdown")}
            <span className="ms-1 font-normal text-slate-500">({t("form.optional")})</span>
          </legend>
          <div className="grid grid-cols-3 gap-2">
            <TextField label={t("deliveries.women")} inputMode="numeric" {...field("women")} />
            <TextField label={t("deliveries.men")} inputMode="numeric" {...field("men")} />
            <TextField label={t("deliveries.children")} inputMode="numeric" {...field("children")} />
          </div>
        </fieldset>
        <TextField label={t("deliveries.place")} optional maxLength={200} {...field("place")} />
        <TextAreaField label={t("deliveries.note")} optional rows={2} maxLength={2000} {...field("note")} />
        <FileField
          id="evidence"
          label={t("deliveries.evidence")}
          optional
          name="evidence"
          accept="image/png,image/jpeg,application/pdf"
          capture="environment"
          hint={t("deliveries.evidenceHint")}
          error={failure?.fieldErrors.evidence}
        />
        <FormError failure={failure} />
        <Button className="w-full">{t("deliveries.record")}</Button>
      </AppForm>
    </Card>
  );
}
