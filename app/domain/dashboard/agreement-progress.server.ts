/**
 * One agreement's progress at a glance, for its overview: deliverables (weighted by target),
 * obligations, the committee's action items, this year's plan indicators against their
 * targets, and the next meeting. Each part comes from the module that owns it.
 */
import type { DB } from "../../../db/client";
import { isActionItemOverdue } from "../committee/committee";
import { listActionItems } from "../committee/meetings.server";
import { followUpSummary } from "../delivery/deliverables.server";
import { indicatorProgress } from "../plan/plan";
import { getPlan } from "../plan/plan.server";
import { nowIso } from "~/lib/time";

export async function agreementProgress(db: DB, agreementId: string, today: string, now = new Date()) {
  const followUp = await followUpSummary(db, agreementId, today);

  const committee = await db
    .selectFrom("committee")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  const items = committee ? await listActionItems(db, committee.id) : [];
  const actionItems = {
    total: items.length,
    done: items.filter((i) => i.status === "done").length,
    open: items.filter((i) => i.status === "open").length,
    overdue: items.filter((i) => isActionItemOverdue(i, today)).length,
  };

  const nextMeeting = committee
    ? ((await db
        .selectFrom("meeting")
        .select(["id", "number", "starts_at as startsAt", "time_zone as timeZone", "location"])
        .where("committee_id", "=", committee.id)
        .where("status", "=", "planned")
        .where("starts_at", ">=", nowIso(new Date(now.getTime() - 12 * 3_600_000)))
        .orderBy("starts_at")
        .limit(1)
        .executeTakeFirst()) ?? null)
    : null;

  const year = Number(today.slice(0, 4));
  const plan = await getPlan(db, agreementId, year);
  const indicators = (plan?.actions ?? []).flatMap((a) =>
    a.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
      achieved: i.achieved,
      percent: indicatorProgress(i),
    })),
  );

  return { ...followUp, actionItems, nextMeeting, indicators, planYear: plan ? year : null };
}
