/** The reader's calendar feed of meetings and action items: its address (shown once), renew, revoke. */
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { AppForm } from "~/components/ui/form";
import { useI18n } from "~/lib/i18n/react";

export function CalendarFeed({ feed, feedUrl }: { feed: boolean; feedUrl: string | null }) {
  const { t } = useI18n();
  return (
    <Card title={t("calendar.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("calendar.intro")}</p>
      {feedUrl ? (
        <div className="mb-3 space-y-1">
          <p className="text-sm font-medium">{t("calendar.yourUrl")}</p>
          <input
            readOnly
            value={feedUrl}
            dir="ltr"
            data-testid="feed-url"
            className="block w-full rounded-md bg-slate-50 px-2 py-1 font-mono text-xs ring-1 ring-slate-300"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="text-xs text-slate-500">{t("calendar.once")}</p>
        </div>
      ) : feed ? (
        <p className="mb-3 text-sm text-green-800">{t("calendar.active")}</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <AppForm>
          <input type="hidden" name="intent" value="renewFeed" />
          <Button variant="secondary">{feed || feedUrl ? t("calendar.renew") : t("calendar.create")}</Button>
        </AppForm>
        {feed || feedUrl ? (
          <AppForm>
            <input type="hidden" name="intent" value="revokeFeed" />
            <Button variant="danger">{t("calendar.revoke")}</Button>
          </AppForm>
        ) : null}
      </div>
    </Card>
  );
}
