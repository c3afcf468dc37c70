/**
 * "My action items" as the page shows them: those asked of the reader or their organization across
 * every agreement, filtered, each with whether the reader may close it (their seat on that agreement's
 * committee decides), and whether they have a calendar feed.
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { actionItemView, myActionItems, type ActionItemFilter } from "./action-items.server";
import { hasFeed } from "./calendar.server";
import { getCommittee } from "./committee.server";

export async function actionItemsView(db: DB, actor: Actor, query: { filter: ActionItemFilter; today: string }) {
  const { filter, today } = query;
  const rows = await myActionItems(db, actor, filter, today);
  // The seat on each agreement's committee decides who may close an item from here.
  const seats = new Map<string, Awaited<ReturnType<typeof getCommittee>>>();
  for (const id of new Set(rows.map((r) => r.agreementId))) seats.set(id, await getCommittee(db, id));
  return {
    filter,
    feed: await hasFeed(db, actor.userId),
    items: rows.map((r) =>
      actionItemView(actor, seats.get(r.agreementId) ?? null, r, today, {
        agreement: { id: r.agreementId, reference: r.reference, title: r.agreementTitle },
      }),
    ),
  };
}
