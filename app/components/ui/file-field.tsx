/** A file input wired like the other fields: label, hint, error tied by aria-describedby. */
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function FileField({
  label,
  hint,
  error,
  optional,
  id,
  ...input
}: { label: ReactNode; hint?: ReactNode; error?: FieldError; optional?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  const autoId = useId();
  const fieldId = id ?? autoId;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
        {optional ? <span className="ms-1 font-normal text-slate-500">({t("form.optional")})</span> : null}
      </label>
      <input id={fieldId} type="file" className="block w-full text-sm" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p id={`${fieldId}-hint`} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${fieldId}-error`} role="alert" className="text-sm font-medium text-red-700">
          {t(error.key, error.vars)}
        </p>
      ) : null}
    </div>
  );
}
