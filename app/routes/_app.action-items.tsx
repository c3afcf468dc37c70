/** "My action items": across every agreement, what the committees asked of me or my organization; and my calendar feed. */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionItemList } from "~/components/action-items";
import { Button } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { AppForm, asFailure } from "~/components/ui/form";
import { actionItemView, closeActionItem, myActionItems } from "~/domain/committee/action-items.server";
import { hasFeed, renewFeedToken, revokeFeed } from "~/domain/committee/calendar.server";
import { ActionItemsQuery, CloseActionItemSchema } from "~/domain/committee/committee.schema";
import { getCommittee } from "~/domain/committee/committee.server";
import { requireActor, requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "actionItems.mine");

const FILTERS = ["open", "overdue", "done", "all"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireActor(request, context);
  const { filter } = ActionItemsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = todayInMorocco();
  const rows = await myActionItems(db(), actor, filter, today);
  // The seat on each agreement's committee decides who may close an item from here.
  const seats = new Map<string, Awaited<ReturnType<typeof getCommittee>>>();
  for (const id of new Set(rows.map((r) => r.agreementId))) seats.set(id, await getCommittee(db(), id));
  return {
    filter,
    feed: await hasFeed(db(), user.id),
    items: rows.map((r) =>
      actionItemView(actor, seats.get(r.agreementId) ?? null, r, today, {
        agreement: { id: r.agreementId, reference: r.reference, title: r.agreementTitle },
      }),
    ),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "renewFeed" || intent === "revokeFeed") {
    const { user, meta } = await requireActor(request, context);
    if (intent === "revokeFeed") {
      await revokeFeed(db(), user.id);
      return redirect("/action-items");
    }
    const token = await renewFeedToken(db(), meta, user.id);
    const origin = appOrigin();
    // Shown once: only its hash is kept.
    return { ok: true as const, feedUrl: `${origin}/calendar/${token}.ics` };
  }
  if (intent !== "closeActionItem") throw new Response("Bad request", { status: 400 });
  const { actor, meta, loaded } = await requireAgreement(
    request,
    { agreementId: formData.get("agreementId") },
    context,
  );
  const form = parseForm(CloseActionItemSchema, formData);
  if (!form.ok) return data({ ...form, intent }, { status: 400 });
  const result = await closeActionItem(db(), actor, meta, loaded, form.data);
  if (result.ok) return redirect(new URL(request.url).pathname + new URL(request.url).search);
  if (result.error === "not_found") notFound();
  return data(
    {
      ...failure(form.values, {}, result.error === "rule" ? result.errors[0] : { key: "form.error.conflict" }),
      intent,
    },
    { status: 400 },
  );
}

export default function MyActionItems() {
  const { filter, items, feed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = asFailure(result) as (FormFailure & { intent: string }) | null;
  const feedUrl = result && "feedUrl" in result ? result.feedUrl : null;
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
      </div>
    </>
  );
}
