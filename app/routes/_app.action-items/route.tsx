/**
 * "My action items": across every agreement, what the committees asked of me or my organization; and my
 * calendar feed. The view model is actionItemsView (domain/committee/action-items-view.server.ts); the
 * feed's card is beside this file.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionItemList } from "~/components/action-items";
import { Card, PageHeader } from "~/components/ui/card";
import { failureFor } from "~/components/ui/form";
import { closeActionItem } from "~/domain/committee/action-items.server";
import { actionItemsView } from "~/domain/committee/action-items-view.server";
import { renewFeedToken, revokeFeed } from "~/domain/committee/calendar.server";
import { ActionItemsQuery, CloseActionItemSchema } from "~/domain/committee/committee.schema";
import { dispatch, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireActor, requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { CalendarFeed } from "./calendar-feed";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "actionItems.mine");

const FILTERS = ["open", "overdue", "done", "all"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const { filter } = ActionItemsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return actionItemsView(db(), actor, { filter, today: todayInMorocco() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, meta } = await requireActor(request, context);
  return dispatch(await readSubmission(request), {
    renewFeed: async () => {
      const token = await renewFeedToken(db(), meta, user.id);
      // Shown once: only its hash is kept.
      return { ok: true as const, feedUrl: `${appOrigin()}/calendar/${token}.ics` };
    },
    revokeFeed: async () => {
      await revokeFeed(db(), user.id);
      return redirect("/action-items");
    },
    closeActionItem: async ({ formData, intent }) => {
      // The item's agreement, which the reader must be able to see (404 otherwise).
      const { actor, loaded } = await requireAgreement(request, { agreementId: formData.get("agreementId") }, context);
      const form = parseForm(CloseActionItemSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await closeActionItem(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      const url = new URL(request.url);
      return redirect(url.pathname + url.search);
    },
  });
}

export default function MyActionItems() {
  const { filter, items, feed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = failureFor(answer, "closeActionItem");
  const feedUrl = answer && "feedUrl" in answer ? answer.feedUrl : null;
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("actionItems.mine")} subtitle={t("actionItems.mineIntro")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <nav aria-label={t("actionItems.filters")} className="mb-4 flex flex-wrap gap-2">
            {FILTERS.map((f) => (
              <Link
                key={f}
                to={`/action-items?filter=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className={`rounded-full px-3 py-1 text-sm no-underline ring-1 ${f === filter ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
              >
                {t(`actionItems.filter.${f}`)}
              </Link>
            ))}
          </nav>
          <Card>
            <ActionItemList items={items} failure={failed} showMeeting />
          </Card>
        </div>
        <CalendarFeed feed={feed} feedUrl={feedUrl} />
      </div>
    </>
  );
}
