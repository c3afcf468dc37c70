/** For a party the reader signs for: sign (consent, typed name, password, drawing) or decline with a reason. */
import { SignaturePad } from "~/components/signature-pad";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { displayName } from "~/domain/organization/organization";
import type { SigningView } from "~/domain/signing/signing-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function SignCard({
  party,
  check,
  hash,
  userName,
  signFailure,
  declineFailure,
}: {
  party: SigningView["parties"][number];
  check: SigningView["mine"][number]["check"];
  hash: string | null;
  userName: string;
  signFailure: ActionFailure | null;
  declineFailure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  if (!check.ok) {
    return (
      <Card title={displayName(party, locale)}>
        <p className="text-sm text-slate-700">{t(`signing.error.${check.reason}`)}</p>
      </Card>
    );
  }
  return (
    <Card title={t("signing.signFor", { organization: displayName(party, locale) })}>
      <AppForm failure={signFailure} className="space-y-3" data-testid="sign-form">
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="partyId" value={party.id} />
        <p className="rounded-md bg-sky-50 p-2 text-xs text-sky-900">{t("signing.legal")}</p>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="consent"
            required
            className="mt-1 h-4 w-4"
            aria-invalid={signFailure?.fieldErrors.consent ? true : undefined}
          />
          <span>{t("signing.consent", { hash: (hash ?? "").slice(0, 16) })}</span>
        </label>
        {signFailure?.fieldErrors.consent ? (
          <p className="text-sm font-medium text-red-700" role="alert">
            {t(signFailure.fieldErrors.consent.key)}
          </p>
        ) : null}
        <TextField
          label={t("signing.typedName")}
          name="typedName"
          required
          maxLength={160}
          autoComplete="name"
          defaultValue={typed(signFailure?.values, "typedName", party.signatoryName ?? userName)}
          error={signFailure?.fieldErrors.typedName}
        />
        <TextField
          label={t("signing.password")}
          name="password"
          type="password"
          required
          autoComplete="current-password"
          maxLength={1024}
          hint={t("signing.passwordHint")}
          error={signFailure?.fieldErrors.password}
          dir="ltr"
        />
        <SignaturePad name="drawing" />
        <FormError failure={signFailure} />
        <Button className="w-full">{t("signing.sign")}</Button>
      </AppForm>
      <details className="mt-4" open={!!declineFailure}>
        <summary className="cursor-pointer text-sm text-red-700">{t("signing.decline")}</summary>
        <AppForm failure={declineFailure} className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="partyId" value={party.id} />
          <TextAreaField
            label={t("signing.declineReason")}
            name="reason"
            required
            rows={3}
            maxLength={2000}
            defaultValue={typed(declineFailure?.values, "reason")}
            error={declineFailure?.fieldErrors.reason}
          />
          <FormError failure={declineFailure} />
          <Button variant="danger" className="w-full">
            {t("signing.declineSubmit")}
          </Button>
        </AppForm>
      </details>
    </Card>
  );
}
