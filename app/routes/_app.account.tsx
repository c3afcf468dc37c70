import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Button } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, Notice, typed } from "~/components/ui/form";
import { changePassword, getAccount, listMemberships, updateProfile } from "~/domain/identity/account.server";
import { passwordRefusalError } from "~/domain/identity/login.server";
import { PasswordChangeSchema, ProfileSchema } from "~/domain/identity/identity.schema";
import { displayName } from "~/domain/organization/organization";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { dispatch, fieldRejected, invalid, readSubmission } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { clientInfo, notFound } from "~/lib/http.server";
import { localeCookie } from "~/lib/i18n/locale.server";
import { LOCALES } from "~/lib/i18n/locales";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const account = await getAccount(db(), user.id);
  if (!account) notFound();
  const url = new URL(request.url);
  return {
    account: { name: account.name, email: account.email, locale: account.locale },
    memberships: await listMemberships(db(), user.id),
    saved: url.searchParams.get("saved") === "profile",
    passwordChanged: url.searchParams.has("ended") ? Number(url.searchParams.get("ended")) || 0 : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const meta = { actorUserId: user.id, ...clientInfo(request, context) };
  return dispatch(await readSubmission(request), {
    profile: async ({ formData, intent }) => {
      const form = parseForm(ProfileSchema, formData);
      if (!form.ok) return invalid(form, intent);
      await updateProfile(db(), meta, form.data);
      return redirect("/account?saved=profile", { headers: { "Set-Cookie": localeCookie(form.data.locale) } });
    },
    password: async ({ formData, intent }) => {
      const form = parseForm(PasswordChangeSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await changePassword(db(), meta, { ...form.data, keepSessionId: user.sessionId });
      if (!result.ok)
        return fieldRejected(
          form.values,
          intent,
          { currentPassword: passwordRefusalError({ ...result, error: "password" }, "password.currentWrong") },
          undefined,
          result.retryAfterMinutes !== undefined ? 429 : 400,
        );
      return redirect(`/account?ended=${result.otherSessionsEnded}`);
    },
  });
}

export default function Account() {
  const { account, memberships, saved, passwordChanged } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const profileFailure = failureFor(result, "profile");
  const passwordFailure = failureFor(result, "password");
  const { t, locale } = useI18n();
  return (
    <>
      <PageHeader title={t("account.title")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("account.profile")}>
          <AppForm failure={profileFailure} className="space-y-4">
            {saved ? <Notice>{t("account.saved")}</Notice> : null}
            <input type="hidden" name="intent" value="profile" />
            <TextField label={t("account.email")} value={account.email} readOnly disabled dir="ltr" />
            <TextField
              label={t("account.name")}
              name="name"
              required
              maxLength={120}
              autoComplete="name"
              defaultValue={typed(profileFailure?.values, "name", account.name)}
              error={profileFailure?.fieldErrors.name}
            />
            <SelectField
              label={t("account.locale")}
              name="locale"
              defaultValue={typed(profileFailure?.values, "locale", account.locale)}
              error={profileFailure?.fieldErrors.locale}
              options={LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
            />
            <FormError failure={profileFailure} />
            <Button>{t("account.save")}</Button>
          </AppForm>
        </Card>
        <Card title={t("account.password.title")}>
          <AppForm failure={passwordFailure} className="space-y-4">
            {passwordChanged !== null ? (
              <Notice>{t("account.password.changed", { count: passwordChanged })}</Notice>
            ) : null}
            <input type="hidden" name="intent" value="password" />
            <input type="hidden" name="username" autoComplete="username" value={account.email} />
            <TextField
              label={t("account.password.current")}
              name="currentPassword"
              type="password"
              required
              autoComplete="current-password"
              maxLength={1024}
              error={passwordFailure?.fieldErrors.currentPassword}
              dir="ltr"
            />
            <NewPasswordFields failure={passwordFailure} />
            <FormError failure={passwordFailure} />
            <Button>{t("account.password.submit")}</Button>
          </AppForm>
        </Card>
        <Card title={t("account.memberships")}>
          <ul className="divide-y divide-slate-100">
            {memberships.map((m) => (
              <li key={m.organizationId} className="flex items-center justify-between gap-2 py-2">
                <span dir="auto">
                  {displayName(m, locale)}
                  {m.title ? <span className="text-slate-500"> · {m.title}</span> : null}
                </span>
                <Badge>{t(`organization.role.${m.role}`)}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
