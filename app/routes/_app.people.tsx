/** Every person with an account, for the platform administrator: search, disable, enable, reset link. */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { Button } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { AppForm, failureFor, FormError, Notice } from "~/components/ui/form";
import { ResetLinkNotice } from "~/components/organization-members";
import { canDisableAccount, canListPeople } from "~/domain/access/access";
import { makeResetLink, resetPath } from "~/domain/identity/password-reset.server";
import { listPeople, setAccountDisabled } from "~/domain/organization/members.server";
import { displayName } from "~/domain/organization/organization";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { absoluteUrl, notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.title");

const Search = z.object({ q: z.string().max(200).catch("") });
const AccountSchema = z.object({ intent: z.enum(["disable", "enable", "reset-link"]), userId: recordId });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  if (!canListPeople(actor)) notFound();
  const { q } = Search.parse(Object.fromEntries(new URL(request.url).searchParams));
  const people = await listPeople(db(), actor, q);
  return {
    q,
    people: people.map((p) => ({ ...p, canDisable: canDisableAccount(actor, { userId: p.id }) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  if (!canListPeople(actor)) notFound();
  const form = parseForm(AccountSchema, (await readSubmission(request)).formData);
  if (!form.ok) return invalid(form, "account");
  if (form.data.intent === "reset-link") {
    const made = await makeResetLink(db(), actor, meta, form.data.userId);
    if (!made.ok) notFound();
    return { ok: true as const, name: made.name, link: absoluteUrl(resetPath(made.token)) };
  }
  const disabled = form.data.intent === "disable";
  const result = await setAccountDisabled(db(), actor, meta, form.data.userId, disabled);
  if (!result.ok && result.error === "notFound") notFound();
  if (!result.ok) return rejected(form.values, "account", { key: "members.error.notAllowed" }, { status: 403 });
  return { ok: true as const, name: result.name, disabled };
}

export default function People() {
  const { q, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = failureFor(result, "account");
  const done = result && result.ok ? result : null;
  const { t, locale, formatDateTime } = useI18n();
  return (
    <>
      <PageHeader title={t("people.title")} subtitle={t("people.intro")} />
      <Card>
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
          <div className="min-w-0 flex-1">
            <label htmlFor="people-q" className="block text-sm font-medium text-slate-800">
              {t("people.search")}
            </label>
            <input
              id="people-q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={200}
              dir="auto"
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            />
          </div>
          <Button variant="secondary">{t("people.searchSubmit")}</Button>
        </Form>
        {done && "link" in done && done.link ? <ResetLinkNotice name={done.name} link={done.link} /> : null}
        {done && "disabled" in done ? (
          <Notice>
            {t(done.disabled ? "people.disabled" : "people.enabled", { name: `\u2068${done.name}\u2069` })}
          </Notice>
        ) : null}
        <FormError failure={failed} />
        {people.length === 0 ? <p className="text-sm text-slate-600">{t("people.none")}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="people">
          {people.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 py-3" data-person={p.email}>
              <div className="min-w-0">
                <p className="font-medium" dir="auto">
                  {p.name}
                </p>
                <p className="break-all text-sm text-slate-500" dir="ltr">
                  {p.email}
                </p>
                <p className="text-sm text-slate-600" dir="auto">
                  {p.memberships.length === 0
                    ? t("people.noOrganization")
                    : p.memberships
                        .map((m) => `${displayName(m, locale)} (${t(`organization.role.${m.role}`)})`)
                        .join(" · ")}
                </p>
                <p className="text-xs text-slate-500" suppressHydrationWarning>
                  {p.lastLoginAt
                    ? t("members.lastLogin", { date: `\u2068${formatDateTime(p.lastLoginAt)}\u2069` })
                    : t("members.neverLoggedIn")}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-1">
                {p.isPlatformAdmin ? <Badge tone="blue">{t("people.platformAdmin")}</Badge> : null}
                {p.isDemo ? <Badge tone="amber">{t("people.demo")}</Badge> : null}
                <Badge tone={p.disabledAt ? "red" : "green"}>
                  {t(p.disabledAt ? "members.status.disabled" : "members.status.active")}
                </Badge>
                {p.canDisable ? (
                  <AppForm>
                    <input type="hidden" name="intent" value="reset-link" />
                    <input type="hidden" name="userId" value={p.id} />
                    <Button variant="secondary" className="px-2 py-1 text-xs">
                      {t("reset.makeLink")}
                    </Button>
                  </AppForm>
                ) : null}
                {p.canDisable ? (
                  <AppForm>
                    <input type="hidden" name="intent" value={p.disabledAt ? "enable" : "disable"} />
                    <input type="hidden" name="userId" value={p.id} />
                    <Button variant={p.disabledAt ? "secondary" : "danger"} className="px-2 py-1 text-xs">
                      {t(p.disabledAt ? "people.enable" : "people.disable")}
                    </Button>
                  </AppForm>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
