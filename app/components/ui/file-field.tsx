/**
 * A file input wired like the other fields: label, hint, error tied by aria-describedby.
 * Once the page is interactive, the browser's own button ("Choose File", in the browser's language,
 * not the page's) gives way to a button and the chosen file's name in the user's language; the input
 * itself stays in the form, visually hidden, and its focus shows on that button. Before hydration (or
 * without JavaScript) the native input is shown as it is.
 */
import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldError } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";
import { buttonClass } from "./button";

export function FileField({
  label,
  hint,
  error,
  optional,
  id,
  onChange,
  ...input
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  optional?: boolean;
} & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  const autoId = useId();
  const fieldId = id ?? autoId;
  const [hydrated, setHydrated] = useState(false);
  const [chosen, setChosen] = useState("");
  useEffect(() => setHydrated(true), []);
  const describedBy =
    [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
        {optional ? <span className="ms-1 font-normal text-slate-500">({t("form.optional")})</span> : null}
      </label>
      <div className={hydrated ? "flex flex-wrap items-center gap-3" : undefined}>
        <input
          id={fieldId}
          type="file"
          className={hydrated ? "peer sr-only" : "block w-full text-sm"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setChosen(Array.from(event.currentTarget.files ?? [], (file) => file.name).join(", "));
            onChange?.(event);
          }}
          {...input}
        />
        {hydrated ? (
          <>
            <label
              htmlFor={fieldId}
              aria-hidden="true"
              className={buttonClass(
                "secondary",
                "cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600",
              )}
            >
              {t("upload.choose")}
            </label>
            <span className="min-w-0 break-all text-sm text-slate-600" dir="auto" data-testid="file-chosen">
              {chosen || t("upload.none")}
            </span>
          </>
        ) : null}
      </div>
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
