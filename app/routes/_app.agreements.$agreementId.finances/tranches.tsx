/** The tranche schedule: each tranche's state and history, and the one action the reader may take now. */
import { Badge, Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { DateText, Labelled, MoneyText } from "~/components/ui/formatted";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { FinancesView } from "~/domain/finance/finance-view.server";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import { toDecimalString } from "~/lib/money";
import { AddTrancheForm, RemoveButton } from "./budget-forms";
import { DecisionField, Fold, MethodField, NoteField, PROOF_TYPES, ReverseFold, type ForIntent } from "./money-parts";

type Tranche = FinancesView["tranches"][number];

const STATUS_TONE = {
  planned: "slate",
  due: "amber",
  called: "blue",
  paid: "blue",
  received: "green",
  cancelled: "slate",
} as const;

export function TrancheSchedule({
  view,
  today,
  forIntent,
}: {
  view: FinancesView;
  today: string;
  forIntent: ForIntent;
}) {
  const { t } = useI18n();
  const { agreementId, tranches } = view;
  return (
    <Card title={t("finance.schedule")}>
      {view.canEdit ? (
        <div className="mb-3">
          <AddTrancheForm view={view} forIntent={forIntent} />
        </div>
      ) : null}
      {tranches.length === 0 ? <p className="text-sm text-slate-600">{t("finance.noTranches")}</p> : null}
      <ul className="space-y-4" data-testid="tranches">
        {tranches.map((tr) => (
          <TrancheItem
            key={tr.id}
            view={view}
            agreementId={agreementId}
            tranche={tr}
            today={today}
            forIntent={forIntent}
            canEdit={view.canEdit}
          />
        ))}
      </ul>
    </Card>
  );
}

function TrancheItem({
  view,
  agreementId,
  tranche: tr,
  today,
  forIntent,
  canEdit,
}: {
  view: FinancesView;
  agreementId: string;
  tranche: Tranche;
  today: string;
  forIntent: ForIntent;
  canEdit: boolean;
}) {
  const { t, locale, formatDate, labelled } = useI18n();
  const pdf = (document: "call" | "acknowledgement") => `/agreements/${agreementId}/tranches/${tr.id}/${document}.pdf`;
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid={`tranche-${tr.number}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium text-slate-900">
          {t("finance.tranche", { number: tr.number })} · <MoneyText cents={tr.amountMinor} currency={tr.currency} />
        </h3>
        <div className="flex gap-2">
          <Badge tone={STATUS_TONE[tr.status]}>
            <span data-testid="tranche-status">{t(`tranche.status.${tr.status}`)}</span>
          </Badge>
          {tr.late ? <Badge tone="red">{t("finance.late")}</Badge> : null}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t("finance.fromTo", { payer: displayName(tr.payer, locale), receiver: displayName(tr.receiver, locale) })}
      </p>
      <p className="text-sm text-slate-600">
        {t(`tranche.condition.${tr.condition}`)}
        {tr.conditionDeliverableTitle ? ` — ${tr.conditionDeliverableTitle}` : null}
        {tr.plannedOn ? ` · ${t("finance.plannedOn", { date: formatDate(tr.plannedOn, "medium") })}` : null}
        {" · "}
        {t("finance.graceDays", { count: tr.graceDays })}
      </p>
      {tr.cancelledReason ? (
        <p className="mt-1 text-sm text-slate-700" dir="auto" data-testid="tranche-cancelled">
          {labelled(t("finance.cancel.reason"), tr.cancelledReason)}
        </p>
      ) : null}
      {tr.feeMinor !== null ? (
        <p className="mt-1 text-sm text-slate-800" data-testid="tranche-received">
          <ReceivedLine received={tr.receivedMadMinor} fee={tr.feeMinor} />
        </p>
      ) : null}
      {tr.events.length ? (
        <ol className="mt-2 space-y-1 border-s-2 border-slate-200 ps-3 text-sm text-slate-700">
          {tr.events.map((e) => (
            <li key={e.id} className={e.reversed ? "text-slate-400 line-through" : undefined}>
              <DateText value={e.onDate} style="medium" /> — {t(`tranche.event.${e.kind}`)}
              {e.shown ? (
                <>
                  {" "}
                  <MoneyText cents={e.shown.minor} currency={e.shown.currency} />
                </>
              ) : null}
              {e.method ? ` · ${t(`finance.method.${e.method}`)}` : null}
              {e.reference ? ` · ${e.reference}` : null}
              {e.proofAttachmentId ? (
                <>
                  {" · "}
                  <a
                    className="text-brand-700 underline"
                    href={`/agreements/${agreementId}/evidence/${e.proofAttachmentId}`}
                  >
                    {t("finance.proof")}
                  </a>
                </>
              ) : null}
              {e.byName ? ` · ${t("finance.event.by", { name: e.byName })}` : null}
            </li>
          ))}
        </ol>
      ) : null}
      {tr.receiverDossier && tr.awaitsPayment ? (
        <p
          className={`mt-2 text-sm ${tr.receiverDossier.valid ? "text-green-800" : "text-amber-800"}`}
          data-testid="receiver-dossier"
        >
          {t(tr.receiverDossier.valid ? "finance.dossier.valid" : "finance.dossier.invalid")}{" "}
          <a className="text-brand-700 underline" href={`/organizations/${tr.receiverOrganizationId}/dossier`}>
            {t("dossier.open")}
          </a>
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-3 text-sm">
        {tr.hasCall ? (
          <a className="text-brand-700 underline" href={pdf("call")}>
            {t("finance.call.pdf")}
          </a>
        ) : null}
        {tr.hasReceipt ? (
          <a className="text-brand-700 underline" href={pdf("acknowledgement")}>
            {t("finance.ack.pdf")}
          </a>
        ) : null}
      </div>
      <div className="mt-3 space-y-2">
        {canEdit ? (
          <RemoveButton
            intent="removeTranche"
            field="trancheId"
            value={tr.id}
            label={t("finance.edit.removeTranche")}
            forIntent={forIntent}
          />
        ) : null}
        {tr.canCall ? <CallForm tranche={tr} today={today} forIntent={forIntent} /> : null}
        {tr.canPay ? <PaymentForm tranche={tr} today={today} forIntent={forIntent} /> : null}
        {tr.canReceive ? <ReceiptForm tranche={tr} today={today} forIntent={forIntent} /> : null}
        {tr.canCancel ? <CancelForm view={view} tranche={tr} forIntent={forIntent} /> : null}
        {tr.reversible ? (
          <ReverseFold
            intent="reverseEvent"
            fields={{ trancheId: tr.id, eventId: tr.reversible }}
            label={t("finance.reverse.action")}
            hint={t("finance.reverse.hint")}
            failure={forIntent("reverseEvent", tr.id)}
            testId="reverse-event-form"
          />
        ) : null}
      </div>
    </li>
  );
}

function ReceivedLine({ received, fee }: { received: number; fee: number }) {
  const { t } = useI18n();
  return (
    <>
      <Labelled label={t("finance.summary.received")}>
        <MoneyText cents={received} currency="MAD" />
      </Labelled>{" "}
      ·{" "}
      <Labelled label={t("finance.fees")}>
        <MoneyText cents={fee} currency="MAD" />
      </Labelled>
    </>
  );
}

function CallForm({ tranche: tr, today, forIntent }: { tranche: Tranche; today: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("callForFunds", tr.id);
  return (
    <Fold label={t("finance.call.action")} open={Boolean(failure)} testId="call-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="callForFunds" />
        <input type="hidden" name="trancheId" value={tr.id} />
        <TextField
          label={t("finance.call.on")}
          name="calledOn"
          type="date"
          required
          defaultValue={typed(failure?.values, "calledOn", today)}
          error={failure?.fieldErrors.calledOn}
        />
        <FormError failure={failure} />
        <Button>{t("finance.call.action")}</Button>
      </AppForm>
    </Fold>
  );
}

function PaymentForm({ tranche: tr, today, forIntent }: { tranche: Tranche; today: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("recordPayment", tr.id);
  return (
    <Fold label={t("finance.pay.action")} open={Boolean(failure)} testId="payment-form">
      <AppForm failure={failure} className="space-y-3" encType="multipart/form-data">
        <input type="hidden" name="intent" value="recordPayment" />
        <input type="hidden" name="trancheId" value={tr.id} />
        <TextField
          label={t("finance.pay.on")}
          name="paidOn"
          type="date"
          required
          defaultValue={typed(failure?.values, "paidOn", today)}
          error={failure?.fieldErrors.paidOn}
        />
        <TextField
          label={`${t("finance.pay.amount")} (${tr.currency})`}
          name="amount"
          inputMode="decimal"
          required
          defaultValue={typed(failure?.values, "amount", toDecimalString(tr.amountMinor))}
          error={failure?.fieldErrors.amount}
        />
        <MethodField failure={failure} />
        <TextField
          label={t("finance.paymentReference")}
          name="reference"
          optional
          maxLength={120}
          defaultValue={typed(failure?.values, "reference")}
          error={failure?.fieldErrors.reference}
        />
        <FileField
          label={t("finance.pay.proof")}
          name="proof"
          optional
          accept={PROOF_TYPES}
          error={failure?.fieldErrors.proof}
        />
        <NoteField failure={failure} />
        <FormError failure={failure} />
        <Button>{t("finance.pay.action")}</Button>
      </AppForm>
    </Fold>
  );
}

function ReceiptForm({ tranche: tr, today, forIntent }: { tranche: Tranche; today: string; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("confirmReceipt", tr.id);
  const suggested = tr.suggestedReceiptMinor === null ? "" : toDecimalString(tr.suggestedReceiptMinor);
  return (
    <Fold label={t("finance.receive.action")} open={Boolean(failure)} testId="receipt-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="confirmReceipt" />
        <input type="hidden" name="trancheId" value={tr.id} />
        <TextField
          label={t("finance.receive.on")}
          name="receivedOn"
          type="date"
          required
          defaultValue={typed(failure?.values, "receivedOn", today)}
          error={failure?.fieldErrors.receivedOn}
        />
        <TextField
          label={t("finance.receive.amountMad")}
          name="amountMad"
          inputMode="decimal"
          required
          defaultValue={typed(failure?.values, "amountMad", suggested)}
          error={failure?.fieldErrors.amountMad}
        />
        <TextField
          label={`${t("finance.fees")} (MAD)`}
          name="fee"
          inputMode="decimal"
          optional
          hint={t("finance.receive.feeHint")}
          defaultValue={typed(failure?.values, "fee")}
          error={failure?.fieldErrors.fee}
        />
        <NoteField failure={failure} />
        <FormError failure={failure} />
        <Button>{t("finance.receive.action")}</Button>
      </AppForm>
    </Fold>
  );
}

/** Cancelling a tranche: its reason and the committee decision (in approved minutes) that took it. */
function CancelForm({ view, tranche: tr, forIntent }: { view: FinancesView; tranche: Tranche; forIntent: ForIntent }) {
  const { t } = useI18n();
  const failure = forIntent("cancelTranche", tr.id);
  return (
    <Fold label={t("finance.cancel.action")} open={Boolean(failure)} testId="cancel-form">
      <AppForm failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="cancelTranche" />
        <input type="hidden" name="trancheId" value={tr.id} />
        <TextAreaField
          label={t("finance.cancel.reason")}
          name="reason"
          required
          rows={2}
          maxLength={2000}
          defaultValue={typed(failure?.values, "reason")}
          error={failure?.fieldErrors.reason}
        />
        <DecisionField view={view} failure={failure} />
        <FormError failure={failure} />
        <Button variant="danger">{t("finance.cancel.action")}</Button>
      </AppForm>
    </Fold>
  );
}
