/** Whether the organization's members must use two-step sign-in (for those who manage it). */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { AppForm, Notice } from "~/components/ui/form";
import { useI18n } from "~/lib/i18n/react";

export function TwoFactorCard({ required, saved }: { required: boolean; saved: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t("twoFactor.title")}>
      {saved ? (
        <div className="mb-3">
          <Notice>{t("form.saved")}</Notice>
        </div>
      ) : null}
      <AppForm className="space-y-3">
        <input type="hidden" name="intent" value="two-factor-policy" />
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="required"
            className="mt-1"
            defaultChecked={required}
            aria-describedby="two-factor-policy-hint"
          />
          <span>{t("twoFactor.policy.label")}</span>
        </label>
        <p id="two-factor-policy-hint" className="text-sm text-slate-500">
          {t("twoFactor.policy.hint")}
        </p>
        <Button variant="secondary">{t("twoFactor.policy.save")}</Button>
      </AppForm>
    </Card>
  );
}
