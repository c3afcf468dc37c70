import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { LanguageSwitcher } from "~/components/language-switcher";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Button, buttonClass } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { NewAccountSchema } from "~/domain/identity/identity.schema";
import { acceptanceMode } from "~/domain/invitation/invitation";
import { invitationToken } from "~/domain/invitation/invitation.schema";
import { acceptInvitation, findPendingInvitation } from "~/domain/invitation/invitation.server";
import { displayName } from "~/domain/organization/organization";
import { getOptionalUser, startSession } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { clientInfo } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invitation.title");

async function pending(params: { token?: string }) {
  const token = invitationToken.safeParse(params.token);
  if (!token.success) return null;
  const invitation = await findPendingInvitation(db(), token.data);
  return invitation ? { token: token.data, invitation } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await pending(params);
  if (!found) return data({ valid: false as const }, { status: 404 });
  const user = await getOptionalUser(request);
  const { invitation } = found;
  const locale = resolveLocale(request, user);
  return {
    valid: true as const,
    email: invitation.email,
    role: invitation.role,
    organization: displayName(invitation.organization, locale),
    inviter: invitation.inviterName ?? "Charaka",
    mode: acceptanceMode(user?.email ?? null, invitation),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await pending(params);
  if (!found) return rejected({}, "accept", { key: "invitation.invalid.body" }, { status: 404 });
  const client = clientInfo(request, context);
  const user = await getOptionalUser(request);
  if (user) {
    const result = await acceptInvitation(db(), { actorUserId: user.id, ...client }, found.token, { userId: user.id });
    if (!result.ok) return rejected({}, "accept", { key: "invitation.invalid.body" });
    return redirect(`/organizations/${result.organizationId}`);
  }
  const form = parseForm(NewAccountSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "accept");
  const locale = resolveLocale(request, null);
  const result = await acceptInvitation(db(), { actorUserId: null, ...client }, found.token, {
    newAccount: { name: form.data.name, password: form.data.password, locale },
  });
  if (!result.ok) return rejected(form.values, "accept", { key: "invitation.invalid.body" });
  const { cookie } = await startSession(db(), request, result.userId, client);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export default function InvitationPage() {
  const view = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "accept");
  const { t } = useI18n();
  const location = useLocation();
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex justify-center">
          <LanguageSwitcher />
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {!view.valid ? (
            <>
              <h1 className="mb-2 text-xl font-semibold">{t("invitation.invalid.title")}</h1>
              <p className="text-slate-600">{t("invitation.invalid.body")}</p>
            </>
          ) : (
            <>
              <h1 className="mb-2 text-xl font-semibold" dir="auto">
                {t("invitation.accept.title", { organization: view.organization })}
              </h1>
              <p className="mb-4 text-slate-600">
                {t("invitation.accept.intro", {
                  inviter: view.inviter,
                  organization: view.organization,
                  role: t(`organization.role.${view.role}`),
                })}
              </p>
              <p className="mb-4 text-sm text-slate-700">{t("invitation.accept.email", { email: view.email })}</p>
              {view.mode === "register" ? (
                <AppForm failure={failed} className="space-y-4">
                  <input type="hidden" name="username" autoComplete="username" value={view.email} />
                  <TextField
                    label={t("invitation.accept.name")}
                    name="name"
                    required
                    maxLength={120}
                    autoComplete="name"
                    defaultValue={typed(failed?.values, "name")}
                    error={failed?.fieldErrors.name}
                  />
                  <NewPasswordFields
                    failure={failed}
                    name="password"
                    label="invitation.accept.password"
                    confirmLabel="invitation.accept.passwordConfirm"
                  />
                  <FormError failure={failed} />
                  <Button className="w-full">{t("invitation.accept.submit")}</Button>
                </AppForm>
              ) : view.mode === "login" ? (
                <>
                  <p className="mb-4 text-sm text-slate-600">
                    {t("invitation.accept.existingAccount", { email: view.email })}
                  </p>
                  <Link
                    to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}
                    className={buttonClass("primary", "w-full")}
                  >
                    {t("invitation.accept.loginToAccept")}
                  </Link>
                </>
              ) : view.mode === "wrongAccount" ? (
                <p className="text-sm text-red-700">{t("invitation.accept.wrongAccount", { email: view.email })}</p>
              ) : (
                <AppForm failure={failed} className="space-y-4">
                  <FormError failure={failed} />
                  <Button className="w-full">{t("invitation.accept.acceptAsMember")}</Button>
                </AppForm>
              )}
            </>
          )}
        </div>
      </div>
    </main>
  );
}
