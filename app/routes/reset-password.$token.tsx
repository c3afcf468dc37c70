/** Choosing a new password from a single-use reset link (valid one hour); every session then ends. */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { AuthShell } from "~/components/auth-shell";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Button } from "~/components/ui/button";
import { AppForm, failureFor, FormError } from "~/components/ui/form";
import { newPassword } from "~/domain/identity/identity.schema";
import { findReset, resetPassword } from "~/domain/identity/password-reset.server";
import { invitationToken } from "~/domain/invitation/invitation.schema";
import { clearSessionCookie } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm, password } from "~/lib/forms";
import { clientInfo } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.choose.title");

const ResetSchema = z
  .object({ newPassword: newPassword(), confirmPassword: password() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "password.mismatch" });

async function found(params: { token?: string }) {
  // Reset tokens have the invitations' shape: 32 random bytes, base64url.
  const token = invitationToken.safeParse(params.token);
  if (!token.success) return null;
  const reset = await findReset(db(), token.data);
  return reset ? { token: token.data, email: reset.email } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await found(params);
  if (!reset) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, email: reset.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const reset = await found(params);
  if (!reset) return rejected({}, "reset", { key: "reset.invalid.body" }, { status: 404 });
  const form = parseForm(ResetSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "reset");
  const result = await resetPassword(
    db(),
    { actorUserId: null, ...clientInfo(request, context) },
    reset.token,
    form.data.newPassword,
  );
  if (!result.ok) return rejected({}, "reset", { key: "reset.invalid.body" }, { status: 404 });
  return redirect("/login?reset=1", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export default function ResetPassword() {
  const view = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "reset");
  const { t } = useI18n();
  return (
    <AuthShell>
      {!view.valid ? (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t("reset.invalid.title")}</h1>
          <p className="text-slate-600">{t("reset.invalid.body")}</p>
          <p className="mt-4 text-sm">
            <Link to="/forgot-password" className="text-brand-700 hover:underline">
              {t("login.forgot")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <h1 className="mb-1 text-xl font-semibold">{t("reset.choose.title")}</h1>
          <p className="mb-4 text-sm text-slate-600">
            {t("reset.choose.intro", { email: `\u2068${view.email}\u2069` })}
          </p>
          <AppForm failure={failed} className="space-y-4">
            <input type="hidden" name="username" autoComplete="username" value={view.email} />
            <NewPasswordFields failure={failed} />
            <FormError failure={failed} />
            <Button className="w-full">{t("reset.choose.submit")}</Button>
          </AppForm>
        </>
      )}
    </AuthShell>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
