/** The login's second step: the code of the authenticator app, or a recovery code (once each). */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import * as z from "zod";
import { AuthShell } from "~/components/auth-shell";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError } from "~/components/ui/form";
import { recordSessionEvent } from "~/domain/identity/login.server";
import { completeChallenge, findChallenge } from "~/domain/identity/two-factor.server";
import { challengeCookie, readChallengeToken, requireAnonymous, startSession } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { fieldRejected, invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm, text } from "~/lib/forms";
import { clientInfo } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "twoFactor.step.title");

const CodeSchema = z.object({ code: text(40) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const token = readChallengeToken(request);
  if (!token || !(await findChallenge(db(), token))) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = readChallengeToken(request);
  if (!token || !(await findChallenge(db(), token))) throw redirect("/login");
  const form = parseForm(CodeSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "code");
  const client = clientInfo(request, context);
  const outcome = await completeChallenge(db(), { token, code: form.data.code, ip: client.ip ?? "unknown" });
  if (!outcome.ok)
    return outcome.error === "throttled"
      ? rejected(
          {},
          "code",
          { key: "login.error.throttled", vars: { count: outcome.retryAfterMinutes } },
          { status: 429 },
        )
      : fieldRejected({}, "code", { code: { key: "twoFactor.error.wrong" } });
  const { cookie } = await startSession(db(), request, outcome.value.userId, client);
  await recordSessionEvent(db(), { actorUserId: outcome.value.userId, ...client }, "user.logged_in");
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", challengeCookie(request, "", 0));
  return redirect(outcome.value.redirectTo, { headers });
}

export default function TwoFactorStep() {
  const failed = failureFor(useActionData<typeof action>(), "code");
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
      <h1 className="mb-1 text-xl font-semibold">{t("twoFactor.step.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("twoFactor.step.intro")}</p>
      <AppForm failure={failed} className="space-y-4" replace>
        <TextField
          label={t("twoFactor.code")}
          name="code"
          required
          maxLength={40}
          autoComplete="one-time-code"
          inputMode="text"
          hint={t("twoFactor.step.recoveryHint")}
          error={failed?.fieldErrors.code}
          dir="ltr"
        />
        <FormError failure={failed} />
        <Button className="w-full">{t("twoFactor.step.submit")}</Button>
      </AppForm>
    </AuthShell>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
