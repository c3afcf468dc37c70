/**
 * One way to read a submitted form: FormData → zod schema → either typed data, or
 * field errors (as message keys, translated by the page) plus the values as typed,
 * so a failed submission loses nothing.
 */
import * as z from "zod";
import { asciiDigits } from "./digits";
import { isMessageKey, type MessageKey, type Vars } from "./i18n/translate";

export interface FieldError {
  key: MessageKey;
  vars?: Vars;
}

export type FormValues = Record<string, string | string[]>;

export interface FormFailure {
  ok: false;
  fieldErrors: Record<string, FieldError>;
  /** A refusal that belongs to no single field, shown above the submit button. */
  formError?: FieldError;
  values: FormValues;
}

/** A refused submission as the page receives it from the action kit (app/lib/actions.server.ts). */
export type ActionFailure = FormFailure & { intent: string; target?: string; more?: FieldError[] };

export type FormResult<T> = { ok: true; data: T; values: FormValues } | FormFailure;

/** Names never echoed back to the page. */
const SECRET_FIELD = /password/i;

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (SECRET_FIELD.test(key)) continue;
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

function rawObject(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return raw;
}

export function issueToError(issue: z.core.$ZodIssue): FieldError {
  if (issue.message && isMessageKey(issue.message)) return { key: issue.message, vars: issueVars(issue) };
  switch (issue.code) {
    case "invalid_type":
      return { key: "form.error.required" };
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1
          ? { key: "form.error.required" }
          : { key: "form.error.tooShort", vars: { count: Number(issue.minimum) } };
      }
      return { key: "form.error.invalid" };
    case "too_big":
      if (issue.origin === "string") return { key: "form.error.tooLong", vars: { count: Number(issue.maximum) } };
      return { key: "form.error.invalid" };
    case "invalid_format":
      if (issue.format === "email") return { key: "form.error.email" };
      if (issue.format === "url") return { key: "form.error.url" };
      return { key: "form.error.invalid" };
    case "invalid_value":
      return { key: "form.error.choice" };
    default:
      return { key: "form.error.invalid" };
  }
}

function issueVars(issue: z.core.$ZodIssue): Vars | undefined {
  if (issue.code === "too_small") return { count: Number(issue.minimum) };
  if (issue.code === "too_big") return { count: Number(issue.maximum) };
  return undefined;
}

export function failure(
  values: FormValues,
  fieldErrors: Record<string, FieldError>,
  formError?: FieldError,
): FormFailure {
  return { ok: false, fieldErrors, values, ...(formError ? { formError } : {}) };
}

/** `raw` replaces the form's fields as one object when a form gathers them itself (e.g. one field per row). */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  raw: Record<string, unknown> = rawObject(formData),
): FormResult<z.output<S>> {
  const values = formValues(formData);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const fieldErrors: Record<string, FieldError> = {};
  let formError: FieldError | undefined;
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join(".");
    if (!name) {
      formError ??= issueToError(issue);
      continue;
    }
    fieldErrors[name] ??= issueToError(issue);
  }
  return failure(values, fieldErrors, formError);
}

/**
 * "Required" for a missing field only. A schema-wide `error` in zod 4 answers every issue of the
 * schema, so `z.string({ error: "form.error.required" })` told a 10,000-character title that it was
 * required instead of too long; each check keeps its own message this way.
 */
const requiredString = () =>
  z.string({ error: (issue) => (issue.code === "invalid_type" ? "form.error.required" : undefined) });

/** Form text: trimmed; "" becomes undefined so optional fields stay optional. */
export const text = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    requiredString().min(1, { error: "form.error.required" }).max(max),
  );

export const optionalText = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z.string().max(max).optional(),
  );

export const email = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    requiredString()
      .min(1, { error: "form.error.required" })
      .max(254)
      .pipe(z.email({ error: "form.error.email" })),
  );

/** A password as typed (never trimmed). */
export const password = () => requiredString().min(1, { error: "form.error.required" }).max(1024);

/** A calendar date, YYYY-MM-DD, that exists: 2026-02-30 and 2026-13-01 are refused. */
export const date = () =>
  z
    .string({ error: "form.error.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "form.error.date" })
    // Refinements run even when the format is wrong: never call toISOString on an invalid date.
    .refine(
      (v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
      },
      { error: "form.error.date" },
    );

export const optionalDate = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), date().optional());

export { asciiDigits };

/** A number as typed: any digits read as 0–9, spaces between thousands dropped. */
export const typedNumber = (v: unknown) =>
  typeof v === "string" ? asciiDigits(v).replace(/[\s\u00a0\u202f]/g, "") : v;

/** A whole number between `min` and `max`, typed with Latin or Arabic digits, "1 000" included. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    typedNumber,
    z.coerce
      .number({ error: "form.error.number" })
      .int({ error: "form.error.number" })
      .min(min, { error: "form.error.number" })
      .max(max, { error: "form.error.number" }),
  );

export const optionalWholeNumber = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), wholeNumber(min, max).optional());

/**
 * The rule of every form with two dates: the second may not come before the first. Its message goes
 * on the second field. Use as `.refine(...datesInOrder("startDate", "dueDate", "…"))`.
 */
export function datesInOrder<K extends string>(
  first: K,
  second: K,
  error: MessageKey,
): [(v: Partial<Record<K, string | undefined>>) => boolean, { path: PropertyKey[]; error: MessageKey }] {
  return [
    (v) => {
      const a = v[first];
      const b = v[second];
      return !(a && b) || b >= a;
    },
    { path: [second], error },
  ];
}

/** The id of a record chosen in a form (a select's value); anything else reads as "choose one of the options". */
export const choice = () =>
  z.string({ error: "form.error.choice" }).regex(/^[a-z0-9]{16}$/, { error: "form.error.choice" });

export const optionalChoice = () => z.preprocess((v) => (v === "" ? undefined : v), choice().optional());
