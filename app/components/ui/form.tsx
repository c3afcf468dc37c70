/**
 * A POST form that, after a failed submission, moves focus to the first field in error
 * and shows the form-level refusal above the submit button.
 */
import { Form, type FormProps } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { ActionFailure, FieldError, FormFailure, FormValues } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function AppForm({ failure, children, ...props }: FormProps & { failure?: FormFailure | null }) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!failure) return;
    // A refused form never keeps a password in the page.
    ref.current?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => {
      input.value = "";
    });
    const invalid = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? ref.current?.querySelector<HTMLElement>("[data-form-error]"))?.focus();
  }, [failure]);
  return (
    // The server says what is wrong, in the page's language: no browser bubbles in its own language first.
    <Form ref={ref} method="post" noValidate {...props}>
      {children}
    </Form>
  );
}

export function FormError({ failure }: { failure?: FormFailure | null }) {
  const { t } = useI18n();
  if (!failure) return null;
  const count = Object.keys(failure.fieldErrors).length;
  const messages: FieldError[] = [];
  if (failure.formError) messages.push(failure.formError);
  if (count > 0) messages.push({ key: "form.error.summary", vars: { count } });
  if (messages.length === 0) return null;
  return (
    <div
      data-form-error
      tabIndex={-1}
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
    >
      {messages.map((m) => (
        <p key={m.key}>{t(m.key, m.vars)}</p>
      ))}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
      {children}
    </div>
  );
}

/** The value to show again in a field after a failed submission. */
export function typed(values: FormValues | undefined, name: string, fallback = ""): string {
  const value = values?.[name];
  if (Array.isArray(value)) return value[0] ?? fallback;
  return value ?? fallback;
}

/** Narrows an action's data to a failure (typed values and errors) when it is one. */
export function asFailure(data: unknown): FormFailure | null {
  return data && typeof data === "object" && (data as { ok?: unknown }).ok === false ? (data as FormFailure) : null;
}

/**
 * The failure meant for one form of the page (its intent, and its row when several rows have the
 * same form), from the action's data; null otherwise (a success, or another form's failure).
 */
export function failureFor(actionData: unknown, intent: string, target?: string): ActionFailure | null {
  const failed = asFailure(actionData) as Partial<ActionFailure> | null;
  if (!failed || failed.intent !== intent) return null;
  if (target !== undefined && failed.target !== target) return null;
  return failed as ActionFailure;
}
