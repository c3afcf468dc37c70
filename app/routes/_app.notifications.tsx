/** The notification centre: my reminders with links to what they are about, and what I receive by email. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { AppForm } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import {
  emailPreferences,
  listNotifications,
  markAllRead,
  noticeText,
  saveEmailPreferences,
} from "~/domain/notify/notify.server";
import { NOTIFICATION_KINDS } from "~/domain/notify/reminders";
import type { NotificationKind } from "../../db/schema";
import { dispatch, readSubmission } from "~/lib/actions.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { badRequest } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import * as z from "zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, context);
  const locale = resolveLocale(request, user);
  const origin = appOrigin();
  const rows = await listNotifications(db(), user.id);
  return {
    notifications: rows.map((n) => {
      const text = noticeText(locale, n.kind, JSON.parse(n.params) as Record<string, string | number>);
      // A ready message for those who answer WhatsApp before email (no account or API: a wa.me link).
      return {
        id: n.id,
        kind: n.kind,
        text,
        link: n.link,
        createdAt: n.created_at,
        unread: n.read_at === null,
        whatsapp: `https://wa.me/?text=${encodeURIComponent(`${text}\n${origin}${n.link}`)}`,
      };
    }),
    preferences: await emailPreferences(db(), user.id),
  };
}

/** The kinds ticked for email: only known kinds; anything else is a forged form and changes nothing. */
const EmailChoices = z
  .array(z.enum(NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]]))
  .max(NOTIFICATION_KINDS.length * 2);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireActor(request, context);
  return dispatch(await readSubmission(request), {
    markRead: async () => {
      await markAllRead(db(), user.id);
      return redirect("/notifications");
    },
    preferences: async ({ formData }) => {
      const chosen = EmailChoices.safeParse(formData.getAll("email"));
      if (!chosen.success) badRequest();
      await saveEmailPreferences(db(), user.id, new Set(chosen.data));
      return redirect("/notifications");
    },
  });
}

export default function Notifications() {
  const { notifications, preferences } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const unread = notifications.filter((n) => n.unread).length;
  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          unread ? (
            <AppForm>
              <input type="hidden" name="intent" value="markRead" />
              <Button variant="secondary">{t("notifications.markRead")}</Button>
            </AppForm>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            {notifications.length === 0 ? <p className="text-sm text-slate-600">{t("notifications.none")}</p> : null}
            <ul className="divide-y divide-slate-100" data-testid="notifications">
              {notifications.map((n) => (
                <li
                  key={n.id}
                  className="flex flex-wrap items-start justify-between gap-2 py-3"
                  data-unread={n.unread ? "true" : "false"}
                  data-kind={n.kind}
                >
                  <div className="min-w-0">
                    {/* The sentence is in the reader's language: it follows the page's direction (its parts are isolated). */}
                    <Link
                      to={n.link}
                      className={`text-sm hover:underline ${n.unread ? "font-semibold text-slate-900" : "text-slate-700"}`}
                    >
                      {n.text}
                    </Link>
                    <p className="text-xs text-slate-500">
                      <DateTimeText value={n.createdAt} />
                      {n.unread ? (
                        <span className="ms-2 rounded bg-red-50 px-1 text-red-700">{t("notifications.unread")}</span>
                      ) : null}
                    </p>
                  </div>
                  <a
                    href={n.whatsapp}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="text-xs text-green-700 underline"
                  >
                    {t("notifications.whatsapp")}
                  </a>
                </li>
              ))}
            </ul>
          </Card>
        </div>
        <Card title={t("notifications.email")}>
          <p className="mb-3 text-sm text-slate-600">{t("notifications.emailIntro")}</p>
          <AppForm className="space-y-2" data-testid="email-preferences">
            <input type="hidden" name="intent" value="preferences" />
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="email"
                  value={kind}
                  defaultChecked={preferences[kind]}
                  className="h-4 w-4"
                />
                {t(`notifications.kind.${kind}`)}
              </label>
            ))}
            <Button variant="secondary" className="mt-2">
              {t("notifications.save")}
            </Button>
          </AppForm>
        </Card>
      </div>
    </>
  );
}
