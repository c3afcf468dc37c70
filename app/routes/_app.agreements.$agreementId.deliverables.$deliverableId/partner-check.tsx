/**
 * The moves on the deliverable the reader may make now (flags from deliverableView): the responsible
 * party declares it delivered (with a note when over-delivered); the other parties confirm or dispute
 * it, and reopen it once confirmed.
 */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { DeliverableView } from "~/domain/delivery/deliverables-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function PartnerCheckCards({
  view,
  failureFor,
}: {
  view: DeliverableView;
  failureFor: (intent: string) => ActionFailure | null;
}) {
  const { t } = useI18n();
  const { canMarkDelivered, canConfirm, canDispute, canReopen, progress } = view;
  const delivered = failureFor("markDelivered");
  const disputed = failureFor("dispute");
  const reopened = failureFor("reopen");
  return (
    <>
      {canMarkDelivered ? (
        <Card title={t("deliverables.markDelivered")}>
          <AppForm failure={delivered} className="space-y-2">
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
            <FormError failure={delivered} />
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
            <AppForm failure={disputed} className="space-y-2">
              <input type="hidden" name="intent" value="dispute" />
              <TextAreaField
                label={t("deliverables.disputeNote")}
                name="note"
                required
                rows={2}
                maxLength={2000}
                defaultValue={typed(disputed?.values, "note")}
                error={disputed?.fieldErrors.note}
              />
              <FormError failure={disputed} />
              <Button variant="danger" className="w-full">
                {t("deliverables.dispute")}
              </Button>
            </AppForm>
          ) : null}
        </Card>
      ) : null}
      {canReopen ? (
        <Card title={t("deliverables.reopenTitle")}>
          <AppForm failure={reopened} className="space-y-2" data-testid="reopen-form">
            <input type="hidden" name="intent" value="reopen" />
            <p className="text-sm text-slate-600">{t("deliverables.reopenHint")}</p>
            <TextAreaField
              label={t("deliverables.reopenNote")}
              name="note"
              required
              rows={2}
              maxLength={2000}
              defaultValue={typed(reopened?.values, "note")}
              error={reopened?.fieldErrors.note}
            />
            <FormError failure={reopened} />
            <Button variant="secondary" className="w-full">
              {t("deliverables.reopen")}
            </Button>
          </AppForm>
        </Card>
      ) : null}
    </>
  );
}
