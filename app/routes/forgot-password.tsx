/** "Mot de passe oublié ?": asks for a reset link by email; the same answer whether the account exists or not. */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import * as z from "zod";
import { AuthShell } from "~/components/auth-shell";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, Notice, typed } from "~/components/ui/form";
import { requestPasswordReset } from "~/domain/identity/password-reset.server";
import { requireAnonymous } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { invalid, readSubmission, rejected } from "~/lib/actions.server";
import { email, parseForm } from "~/lib/forms";
import { absoluteUrl, clientInfo } from "~/lib/http.server";
import { mailTransport } from "~/lib/mail.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.forgot.title");

const ForgotSchema = z.object({ email: email() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(ForgotSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "forgot");
  const transport = mailTransport();
  const outcome = await requestPasswordReset(
    db(),
    { email: form.data.email, ip: clientInfo(request, context).ip ?? "unknown", origin: absoluteUrl("") },
    transport ? { transport, from: env().MAIL_FROM } : null,
  );
  if (!outcome.ok)
    return rejected(
      form.values,
      "forgot",
      { key: "reset.forgot.throttled", vars: { count: outcome.retryAfterMinutes } },
      { status: 429 },
    );
  return { ok: true as const, email: form.data.email };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const failed = failureFor(result, "forgot");
  const sent = result && result.ok ? result : null;
  const { t } = useI18n();
  return (
    <AuthShell
      footer={
        <>
          <p className="mt-4 text-center text-sm">
            <Link to="/login" className="text-brand-700 hover:underline">
              {t("reset.back")}
            </Link>
          </p>
        </>
      }
    >
      <h1 className="mb-1 text-xl font-semibold">{t("reset.forgot.title")}</h1>
      {sent ? (
        <Notice>
          <p data-testid="reset-sent">{t("reset.forgot.sent", { email: `\u2068${sent.email}\u2069` })}</p>
        </Notice>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">{t("reset.forgot.intro")}</p>
          <AppForm failure={failed} className="space-y-4">
            <TextField
              label={t("login.email")}
              name="email"
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              defaultValue={typed(failed?.values, "email")}
              error={failed?.fieldErrors.email}
              dir="ltr"
            />
            <FormError failure={failed} />
            <Button className="w-full">{t("reset.forgot.submit")}</Button>
          </AppForm>
        </>
      )}
    </AuthShell>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
