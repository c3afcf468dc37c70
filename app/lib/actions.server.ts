/**
 * The action kit: what every route's `action` does the same way, written once.
 *
 *   export async function action({ request, params, context }: ActionFunctionArgs) {
 *     const { actor, meta, loaded } = await requireAgreement(request, params, context);
 *     const submitted = await readSubmission(request);
 *     return dispatch(submitted, {
 *       rename: async ({ formData, intent }) => {
 *         const form = parseForm(RenameSchema, formData);
 *         if (!form.ok) return invalid(form, intent);
 *         const result = await rename(db(), actor, meta, loaded, form.data);
 *         if (!result.ok) return refused(result, form.values, intent);
 *         return redirect(`/agreements/${loaded.agreement.id}?saved=rename`);
 *       },
 *     });
 *   }
 *
 * - `readSubmission` reads the body once (url-encoded, or multipart with its files in memory, each at
 *   most `maxFileBytes`; the server's body limits have already refused anything larger in all).
 * - `dispatch` runs the handler named by the form's `intent`; an unknown intent is a 400.
 * - `invalid` answers a form that did not parse: 400 with field errors and the values as typed.
 * - `refused` maps a domain refusal (app/domain/result.ts) to the same answer everywhere: not_found →
 *   404 (thrown: another organization learns nothing), conflict → 409 with "someone saved in the
 *   meantime", rule → 400 with every blocker, the first shown above the submit button.
 * - `passwordRefused` answers a password confirmation refused (signing, approving minutes): the error
 *   beside the password field, 429 while the throttle holds, 400 otherwise.
 * - `uploadedFile` checks an optional file field by its content (type, size, pixels) into a field error.
 * Every answer carries `intent` (and `target`, the record a row's form is about), so the page shows
 * the message beside the form that was sent: `failureFor(useActionData<typeof action>(), intent, target)`
 * (components/ui/form.tsx).
 */
import { data } from "@remix-run/node";
import type { ActionFailure, FieldError, FormFailure, FormValues } from "./forms";
import { failure } from "./forms";
import { badRequest, notFound } from "./http.server";
import type { MessageKey } from "./i18n/translate";
import { checkUpload, fileField, readFormData, uploadError, type FileKind } from "./uploads.server";
import type { Refusal } from "~/domain/result";
import { passwordRefusalError, type PasswordRefusal } from "~/domain/identity/login.server";

export interface Submission {
  formData: FormData;
  intent: string;
  /** A file field was over `maxFileBytes` and was dropped (the other fields arrived). */
  tooLarge: boolean;
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function readSubmission(request: Request, options: { maxFileBytes?: number } = {}): Promise<Submission> {
  const { formData, tooLarge } = await readFormData(request, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  return { formData, intent: String(formData.get("intent") ?? ""), tooLarge };
}

type Handlers = Record<string, (submission: Submission) => Promise<unknown> | unknown>;

/** Runs the handler of the submission's intent; the action's data is the union of the handlers' answers. */
export async function dispatch<H extends Handlers>(
  submission: Submission,
  handlers: H,
): Promise<Awaited<ReturnType<H[keyof H]>>> {
  const handler = Object.prototype.hasOwnProperty.call(handlers, submission.intent)
    ? handlers[submission.intent]
    : undefined;
  if (!handler) badRequest();
  return (await handler(submission)) as Awaited<ReturnType<H[keyof H]>>;
}

/** A form that did not parse: 400, its field errors and what was typed. */
export function invalid(form: FormFailure, intent: string, target?: string) {
  return data({ ...form, intent, ...(target ? { target } : {}) } satisfies ActionFailure, { status: 400 });
}

/** A refusal of the page's own (a message key) above the submit button: 400, or `status`. */
export function rejected(
  values: FormValues,
  intent: string,
  error: FieldError,
  options: { target?: string; status?: number } = {},
) {
  return data(
    {
      ...failure(values, {}, error),
      intent,
      ...(options.target ? { target: options.target } : {}),
    } satisfies ActionFailure,
    { status: options.status ?? 400 },
  );
}

/** A field error found by the route (an upload, a cross-field check): 400 (or `status`) with the other values kept. */
export function fieldRejected(
  values: FormValues,
  intent: string,
  fieldErrors: Record<string, FieldError>,
  target?: string,
  status = 400,
) {
  return data({ ...failure(values, fieldErrors), intent, ...(target ? { target } : {}) } satisfies ActionFailure, {
    status,
  });
}

/** The one mapping of a domain refusal to an answer (see the module's comment). */
export function refused(result: Refusal, values: FormValues, intent: string, target?: string) {
  if (result.error === "not_found") notFound();
  if (result.error === "conflict")
    return rejected(values, intent, { key: "form.error.conflict" }, { target, status: 409 });
  const [first, ...more] = result.errors;
  return data(
    {
      ...failure(values, {}, first ?? { key: "form.error.invalid" }),
      intent,
      ...(target ? { target } : {}),
      ...(more.length ? { more } : {}),
    } satisfies ActionFailure,
    { status: 400 },
  );
}

/** A password confirmation refused: the error beside the password field; 429 while throttled. */
export function passwordRefused(
  refusal: PasswordRefusal,
  values: FormValues,
  intent: string,
  wrong: MessageKey,
  options: { target?: string; field?: string } = {},
) {
  return data(
    {
      ...failure(values, { [options.field ?? "password"]: passwordRefusalError(refusal, wrong) }),
      intent,
      ...(options.target ? { target: options.target } : {}),
    } satisfies ActionFailure,
    { status: refusal.retryAfterMinutes !== undefined ? 429 : 400 },
  );
}

export type UploadedFile = { bytes: Uint8Array; name: string; kind: FileKind };

/**
 * An optional file field checked by its content: the file, null when none was chosen, or the field
 * error to show (`required` makes "none chosen" an error too).
 */
export async function uploadedFile(
  submission: Submission,
  name: string,
  options: { kinds: readonly FileKind[]; maxBytes?: number; wrongType: MessageKey; required?: boolean },
): Promise<{ ok: true; file: UploadedFile | null } | { ok: false; error: FieldError }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (submission.tooLarge)
    return { ok: false, error: uploadError({ ok: false, error: "tooLarge" }, options.wrongType) };
  const file = await fileField(submission.formData, name);
  if (!file) return options.required ? { ok: false, error: { key: "form.error.required" } } : { ok: true, file: null };
  const check = checkUpload(file.bytes, options.kinds, maxBytes);
  if (!check.ok) return { ok: false, error: uploadError(check, options.wrongType) };
  return { ok: true, file: { bytes: file.bytes, name: file.name, kind: check.kind } };
}
