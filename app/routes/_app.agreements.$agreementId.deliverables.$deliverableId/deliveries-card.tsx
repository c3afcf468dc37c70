/** The deliveries, round by round: quantities, beneficiaries, place, note, the reception receipt and the evidence. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FileField } from "~/components/ui/file-field";
import { AppForm } from "~/components/ui/form";
import { DateText } from "~/components/ui/formatted";
import type { DeliverableView } from "~/domain/delivery/deliverables-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function DeliveriesCard({
  agreementId,
  unit,
  deliveries,
  failureFor,
}: {
  agreementId: string;
  unit: string;
  deliveries: DeliverableView["deliveries"];
  failureFor: (intent: string, target?: string) => ActionFailure | null;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Card title={t("deliveries.title")}>
      {deliveries.length === 0 ? <p className="text-sm text-slate-600">{t("deliveries.empty")}</p> : null}
      <ol className="space-y-3" data-testid="deliveries">
        {deliveries.map((x, i) => {
          const receiptFailure = failureFor("receipt", x.id);
          return (
            <li key={x.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-medium">
                {t("deliveries.round", { number: i + 1 })} · <DateText value={x.deliveredOn} /> ·{" "}
                <span suppressHydrationWarning>{formatNumber(x.quantity)}</span> <bdi>{unit}</bdi>
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
                {x.hasReceipt ? <span className="text-green-700">✓ {t("receipt.attached")}</span> : null}
              </p>
              {x.canAttachReceipt ? (
                <AppForm
                  encType="multipart/form-data"
                  failure={receiptFailure}
                  className="mt-2 flex flex-wrap items-end gap-2"
                >
                  <input type="hidden" name="intent" value="receipt" />
                  <input type="hidden" name="deliveryId" value={x.id} />
                  <FileField
                    label={t("receipt.upload")}
                    name="receipt"
                    accept="application/pdf,image/png,image/jpeg"
                    required
                    error={receiptFailure?.fieldErrors.receipt}
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
          );
        })}
      </ol>
    </Card>
  );
}
