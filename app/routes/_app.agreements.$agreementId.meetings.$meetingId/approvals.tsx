/**
 * The approval of the minutes: the rule, the hash approved, who approved for each party; the
 * minutes' steps (circulate, withdraw) for those who keep them, and the approval form for those asked.
 */
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, FormError } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import { displayName } from "~/domain/organization/organization";
import { useI18n } from "~/lib/i18n/react";
import type { ForIntent, MeetingView } from "./types";

export function Approvals({ d, forIntent }: { d: MeetingView; forIntent: ForIntent }) {
  const { t, locale } = useI18n();
  const { meeting, rights } = d;
  return (
    <div className="rounded-md bg-slate-50 p-3" data-testid="approvals">
      <h3 className="mb-2 font-semibold">{t("minutes.approval")}</h3>
      <p className="mb-2 text-sm text-slate-600">{t(`committee.approval.${d.approvalRule}`)}</p>
      {meeting.minutesHash ? (
        <p className="mb-2 break-all text-xs text-slate-500" dir="ltr">
          SHA-256 {meeting.minutesHash}
        </p>
      ) : null}
      <ul className="space-y-1 text-sm">
        {d.approvals.map((a, i) => (
          <li key={i}>
            ✓ <bdi>{a.name}</bdi> ·{" "}
            <bdi>
              {displayName(d.parties.find((p) => p.id === a.partyId) ?? { nameFr: null, nameAr: null }, locale)}
            </bdi>{" "}
            · <DateTimeText value={a.approvedAt} />
          </li>
        ))}
        {d.approvals.length === 0 ? <li className="text-slate-600">{t("minutes.noApproval")}</li> : null}
      </ul>
      {rights.minutesSteps.length ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {rights.minutesSteps.map((step) => (
            <AppForm key={step} failure={forIntent(step)}>
              <input type="hidden" name="intent" value={step} />
              <FormError failure={forIntent(step)} />
              <Button variant={step === "withdraw" ? "ghost" : "secondary"}>{t(`minutes.${step}`)}</Button>
            </AppForm>
          ))}
        </div>
      ) : null}
      {rights.approve ? (
        <AppForm failure={forIntent("approve")} className="mt-3 space-y-2">
          <input type="hidden" name="intent" value="approve" />
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="consent"
              className="mt-1 h-4 w-4"
              aria-invalid={forIntent("approve")?.fieldErrors.consent ? true : undefined}
            />
            <span>{t("minutes.consent")}</span>
          </label>
          {forIntent("approve")?.fieldErrors.consent ? (
            <p className="text-sm font-medium text-red-700">{t(forIntent("approve")!.fieldErrors.consent!.key)}</p>
          ) : null}
          <TextField
            label={t("signing.password")}
            name="password"
            type="password"
            maxLength={1024}
            autoComplete="current-password"
            required
            hint={t("signing.passwordHint")}
            error={forIntent("approve")?.fieldErrors.password}
          />
          <FormError failure={forIntent("approve")} />
          <Button>{t("minutes.approve")}</Button>
        </AppForm>
      ) : null}
    </div>
  );
}
