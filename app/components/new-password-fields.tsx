/**
 * Choosing a new password, the same on every page that asks for one (account, invitation, reset link):
 * the password with its rules as a hint, then the same again. The schema (identity.schema.ts) checks
 * them; the attributes mirror it and let password managers offer a strong one.
 */
import { TextField } from "~/components/ui/field";
import { PASSWORD_MAX } from "~/domain/identity/identity.schema";
import type { FormFailure } from "~/lib/forms";
import type { MessageKey } from "~/lib/i18n/translate";
import { useI18n } from "~/lib/i18n/react";

export function NewPasswordFields({
  failure,
  name = "newPassword",
  label = "account.password.new",
  confirmLabel = "account.password.confirm",
}: {
  failure: FormFailure | null;
  /** The password field's name (its confirmation is always `confirmPassword`). */
  name?: string;
  label?: MessageKey;
  confirmLabel?: MessageKey;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t(label)}
        name={name}
        type="password"
        required
        minLength={12}
        maxLength={PASSWORD_MAX}
        autoComplete="new-password"
        hint={t("password.hint")}
        error={failure?.fieldErrors[name]}
        dir="ltr"
      />
      <TextField
        label={t(confirmLabel)}
        name="confirmPassword"
        type="password"
        required
        maxLength={1024}
        autoComplete="new-password"
        error={failure?.fieldErrors.confirmPassword}
        dir="ltr"
      />
    </>
  );
}
