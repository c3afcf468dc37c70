/**
 * GET /calendar/<token>.ics — a user's personal calendar feed, for Google Calendar or Outlook to
 * subscribe to. The secret token is the only credential (calendar clients send no cookies);
 * an unknown or revoked token is a 404 like any other missing page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { loadActor } from "~/domain/access/access.server";
import { feedOwner, personalFeed } from "~/domain/committee/calendar.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";

const FeedParams = z.object({ feed: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = FeedParams.safeParse(params);
  if (!parsed.success) notFound();
  const owner = await feedOwner(db(), parsed.data.feed.slice(0, -4));
  if (!owner) notFound();
  const actor = await loadActor(db(), { id: owner.id, isPlatformAdmin: owner.isPlatformAdmin === 1 });
  const origin = appOrigin();
  return new Response(await personalFeed(db(), actor, origin, owner.locale), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=900",
      "X-Robots-Tag": "noindex",
    },
  });
}
