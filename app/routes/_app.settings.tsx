import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, buttonClass } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { AppForm, failureFor, FormError, Notice } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import { canRemoveDemoData } from "~/domain/access/access";
import { settingsView } from "~/domain/dashboard/settings-view.server";
import { DemoRemovalSchema } from "~/domain/demo/demo.schema";
import { removeDemoData } from "~/domain/demo/demo.server";
import { displayName } from "~/domain/organization/organization";
import { requireActor } from "~/lib/context.server";
import { dispatch, invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  return settingsView(db(), actor, { demoRemoved: new URL(request.url).searchParams.get("removed") === "demo" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  if (!canRemoveDemoData(actor)) notFound();
  return dispatch(await readSubmission(request), {
    "remove-demo": async ({ formData, intent }) => {
      const form = parseForm(DemoRemovalSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const removed = await removeDemoData(db(), meta);
      if (!removed) return rejected(form.values, intent, { key: "demo.remove.done" }, { status: 409 });
      // A demo administrator removed their own account: the next page is the login page.
      return redirect("/settings?removed=demo");
    },
  });
}

const OUTBOX_TONE = { sent: "green", failed: "red", pending: "amber" } as const;

export default function Settings() {
  const { people, outbox: mails, smtp, backup, demo, demoRemoved } = useLoaderData<typeof loader>();
  const failed = failureFor(useActionData<typeof action>(), "remove-demo");
  const { t, locale } = useI18n();
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.intro")} />
      {demoRemoved ? (
        <div className="mb-6">
          <Notice>{t("demo.remove.done")}</Notice>
        </div>
      ) : null}
      {demo ? (
        <div className="mb-6" data-testid="demo-removal">
          <Card title={t("demo.remove.title")}>
            <p className="mb-2 text-sm text-slate-700">{t("demo.remove.intro")}</p>
            <p className="mb-2 text-sm text-slate-700">
              {t("demo.remove.counts", {
                organizations: demo.organizations.length,
                people: demo.people,
                agreements: demo.agreements,
              })}
            </p>
            <p className="mb-2 text-sm text-slate-500" dir="auto">
              {demo.organizations.map((o) => displayName(o, locale)).join(" · ")}
            </p>
            {demo.withRealOrganizations.length > 0 ? (
              <>
                <p className="mb-1 text-sm font-medium text-amber-900">{t("demo.remove.withReal")}</p>
                <ul className="mb-2 list-inside list-disc text-sm text-slate-700">
                  {demo.withRealOrganizations.map((a) => (
                    <li key={a.id} dir="auto">
                      <bdi>{a.reference}</bdi> · <bdi>{a.title}</bdi>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {demo.realMembers > 0 ? (
              <p className="mb-2 text-sm text-slate-700">{t("demo.remove.realMembers", { count: demo.realMembers })}</p>
            ) : null}
            <AppForm failure={failed} className="mt-4 space-y-3">
              <input type="hidden" name="intent" value="remove-demo" />
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="confirm"
                  required
                  className="mt-1"
                  aria-invalid={failed?.fieldErrors.confirm ? true : undefined}
                  aria-describedby={failed?.fieldErrors.confirm ? "demo-confirm-error" : undefined}
                />
                <span>{t("demo.remove.confirm")}</span>
              </label>
              {failed?.fieldErrors.confirm ? (
                <p id="demo-confirm-error" className="text-sm font-medium text-red-700" role="alert">
                  {t(failed.fieldErrors.confirm.key)}
                </p>
              ) : null}
              <FormError failure={failed} />
              <Button variant="danger">{t("demo.remove.submit")}</Button>
            </AppForm>
          </Card>
        </div>
      ) : null}
      <Card>
        <ul className="space-y-2">
          <li>
            <Link to="/account" className="text-brand-700 hover:underline">
              {t("settings.account")}
            </Link>
          </li>
          <li>
            <Link to="/account/security" className="text-brand-700 hover:underline">
              {t("settings.security")}
            </Link>
          </li>
          <li>
            <Link to="/organizations" className="text-brand-700 hover:underline">
              {t("settings.organizations")}
            </Link>
          </li>
          {people ? (
            <li>
              <Link to="/people" className="text-brand-700 hover:underline">
                {t("settings.people")}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/notifications" className="text-brand-700 hover:underline">
              {t("notifications.title")}
            </Link>
          </li>
        </ul>
      </Card>
      {mails ? (
        <div className="mt-6">
          <Card title={t("outbox.title")}>
            <p className="mb-3 text-sm text-slate-600">{smtp ? t("outbox.smtp") : t("outbox.noSmtp")}</p>
            {mails.length === 0 ? <p className="text-sm text-slate-600">{t("outbox.empty")}</p> : null}
            <ul className="divide-y divide-slate-100 text-sm" data-testid="outbox">
              {mails.map((m) => (
                <li key={m.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-status={m.status}>
                  <div className="min-w-0">
                    <p dir="auto">{m.subject}</p>
                    <p className="text-xs text-slate-500">
                      <span dir="ltr">{m.to_email}</span> · <DateTimeText value={m.created_at} />
                      {m.last_error ? (
                        <>
                          {" "}
                          · <span className="text-red-700">{m.last_error}</span>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <Badge tone={OUTBOX_TONE[m.status]}>{t(`outbox.status.${m.status}`)}</Badge>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
      {backup ? (
        <div className="mt-6">
          <Card title={t("backup.title")}>
            {backup.postgres ? (
              <p className="text-sm text-slate-600" data-testid="backup-postgres">
                {/* A path reads left to right, also inside an Arabic sentence (FSI…PDI). */}
                {t("backup.postgres", { uploads: `\u2068${backup.uploads}\u2069` })}
              </p>
            ) : (
              <>
                <p className="mb-2 text-sm text-slate-600">
                  {t("backup.intro", { path: `\u2068${backup.path}\u2069` })}
                </p>
                <p className="mb-4 text-sm text-slate-600">
                  {backup.hours > 0
                    ? t("backup.scheduled", { hours: backup.hours, keep: backup.keep })
                    : t("backup.notScheduled")}
                </p>
                {/* A native form post: the browser saves the .tar the answer carries. */}
                <form method="post" action="/settings/backup" data-testid="backup-form">
                  <button type="submit" className={buttonClass("secondary")}>
                    {t("backup.download")}
                  </button>
                </form>
              </>
            )}
          </Card>
        </div>
      ) : null}
    </>
  );
}
