import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuthShell } from "~/components/auth-shell";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, Notice, typed } from "~/components/ui/form";
import { demoSignInAllowed } from "~/domain/demo/demo";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hasDemoAccounts, isDemoAccount } from "~/domain/demo/demo.server";
import { LoginSchema } from "~/domain/identity/identity.schema";
import { attemptLogin, recordSessionEvent } from "~/domain/identity/login.server";
import { passwordSignInClosedBy, signInProviders } from "~/domain/identity/oidc.server";
import { CHALLENGE_MINUTES, createChallenge, hasTwoFactor } from "~/domain/identity/two-factor.server";
import { challengeCookie, requireAnonymous, startSession } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { clientInfo, safeRedirectPath } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageTitle } from "~/lib/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

/** Whether demo accounts may sign in from this client (app/domain/demo/demo.ts). */
const demoAllowed = (context: { clientIsLocal?: boolean }) =>
  demoSignInAllowed(env().CHARAKA_DEMO, context.clientIsLocal === true);

const OIDC_ERRORS = ["expired", "provider", "unverified", "domain", "no_account"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const demo = demoAllowed(context) && (await hasDemoAccounts(db()));
  const oidcError = new URL(request.url).searchParams.get("oidc");
  return {
    demo: demo ? { email: DEMO_ACCOUNTS[1]!.email, password: DEMO_PASSWORD } : null,
    providers: await signInProviders(db()),
    oidcError:
      oidcError && OIDC_ERRORS.includes(oidcError as never) ? (oidcError as (typeof OIDC_ERRORS)[number]) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(LoginSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "login");
  const client = clientInfo(request, context);
  const outcome = await attemptLogin(db(), {
    email: form.data.email,
    password: form.data.password,
    ip: client.ip ?? "unknown",
  });
  if (!outcome.ok) {
    const formError =
      outcome.reason === "throttled"
        ? { key: "login.error.throttled" as const, vars: { count: outcome.retryAfterMinutes } }
        : { key: "login.error.invalid" as const };
    return rejected(form.values, "login", formError, { status: outcome.reason === "throttled" ? 429 : 400 });
  }
  const closedBy = await passwordSignInClosedBy(db(), outcome.userId);
  if (closedBy)
    return rejected(
      form.values,
      "login",
      { key: "oidc.error.passwordOff", vars: { label: closedBy } },
      { status: 403 },
    );
  if (!demoAllowed(context) && (await isDemoAccount(db(), outcome.userId)))
    return rejected(form.values, "login", { key: "login.error.demoLocal" }, { status: 403 });
  if (await hasTwoFactor(db(), outcome.userId)) {
    // The password was right; the session starts only once the code is (login_.two-factor.tsx).
    const token = await createChallenge(db(), outcome.userId, safeRedirectPath(form.data.redirectTo));
    return redirect("/login/two-factor", {
      headers: { "Set-Cookie": challengeCookie(request, token, CHALLENGE_MINUTES * 60) },
    });
  }
  const { cookie } = await startSession(db(), request, outcome.userId, client);
  await recordSessionEvent(db(), { actorUserId: outcome.userId, ...client }, "user.logged_in");
  return redirect(safeRedirectPath(form.data.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { demo, providers, oidcError } = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "login");
  const [params] = useSearchParams();
  const { t } = useI18n();
  return (
    <AuthShell
      header={
        <>
          <div className="mb-6 text-center">
            <p className="text-3xl font-bold text-brand-700">{t("app.name")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
          </div>
        </>
      }
      footer={
        <>
          <p className="mt-4 text-center text-xs text-slate-500">{t("login.noAccount")}</p>
          {demo ? (
            <p className="mt-3 rounded-md bg-amber-50 p-3 text-center text-xs text-amber-900" data-testid="login-demo">
              {t("login.demo", { email: `\u2068${demo.email}\u2069`, password: `\u2068${demo.password}\u2069` })}
            </p>
          ) : null}
        </>
      }
    >
      <h1 className="mb-1 text-xl font-semibold">{t("login.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("login.intro")}</p>
      {params.get("reset") === "1" && !failed ? (
        <div className="mb-4">
          <Notice>{t("login.resetDone")}</Notice>
        </div>
      ) : null}
      <AppForm failure={failed} className="space-y-4" replace>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
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
        <TextField
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          error={failed?.fieldErrors.password}
          dir="ltr"
        />
        <FormError failure={failed} />
        <Button className="w-full">{t("login.submit")}</Button>
      </AppForm>
      {oidcError ? (
        <p className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800" role="alert" data-testid="oidc-error">
          {t(`oidc.error.${oidcError}`)}
        </p>
      ) : null}
      {providers.length > 0 ? (
        <div className="mt-4 space-y-2 border-t border-slate-100 pt-4">
          {providers.map((p) => (
            <a
              key={p.id}
              href={`/auth/oidc/${p.id}?redirectTo=${encodeURIComponent(params.get("redirectTo") ?? "/")}`}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-center text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              {t("oidc.signInWith", { label: `\u2068${p.label}\u2069` })}
            </a>
          ))}
        </div>
      ) : null}
      <p className="mt-4 text-center text-sm">
        <Link to="/forgot-password" className="text-brand-700 hover:underline">
          {t("login.forgot")}
        </Link>
      </p>
    </AuthShell>
  );
}
