import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { DateTimeText } from "~/components/ui/formatted";
import { inAppBackups } from "~/domain/backup/backup.server";
import { outbox } from "~/domain/notify/notify.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The email outbox and backups are the platform administrator's: who was (or will be) written to,
  // what failed; a fresh backup to download.
  if (!user.isPlatformAdmin) return { outbox: null, smtp: false, backup: null };
  const config = env();
  return {
    outbox: await outbox(db()),
    smtp: Boolean(config.SMTP_URL),
    backup: {
      postgres: !inAppBackups(),
      path: config.BACKUP_PATH,
      uploads: config.UPLOADS_PATH,
      hours: config.BACKUP_INTERVAL_HOURS,
      keep: config.BACKUP_KEEP,
    },
  };
}

export default function Settings() {
  const { outbox: mails, smtp, backup } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.intro")} />
      <Card>
        <ul className="space-y-2">
          <li>
            <Link to="/account" className="text-brand-700 hover:underline">
              {t("settings.account")}
            </Link>
          </li>
          <li>
            <Link to="/organizations" className="text-brand-700 hover:underline">
              {t("settings.organizations")}
            </Link>
          </li>
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
                  <Badge tone={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "amber"}>
                    {t(`outbox.status.${m.status}`)}
                  </Badge>
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
