/**
 * The dashboard's pictures: each agreement's delivered vs target, and beneficiaries reached per
 * month, over the agreements in force the actor's organizations are party to.
 */
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { agreementProgress } from "../delivery/delivery";
import { listDeliverables } from "../delivery/deliverables.server";

export async function dashboardCharts(db: DB, actor: Actor) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return { progress: [], beneficiariesByMonth: [] };
  const agreements = await db
    .selectFrom("agreement")
    .innerJoin("agreement_party", "agreement_party.agreement_id", "agreement.id")
    .select(["agreement.id", "agreement.reference", "agreement.title"])
    .where("agreement_party.organization_id", "in", orgs)
    .where("agreement.status", "in", ["active", "suspended", "completed"])
    .distinct()
    .orderBy("agreement.reference")
    .execute();
  const progress = [];
  for (const a of agreements) {
    const deliverables = await listDeliverables(db, a.id);
    if (!deliverables.length) continue;
    const target = deliverables.reduce((s, d) => s + d.target, 0);
    const delivered = deliverables.reduce((s, d) => s + Math.min(d.progress.delivered, d.target), 0);
    progress.push({ id: a.id, reference: a.reference, title: a.title, delivered, target, percent: agreementProgress(deliverables.map((d) => ({ delivered: d.progress.delivered, target: d.target }))) });
  }
  const ids = agreements.map((a) => a.id);
  const rows = ids.length
    ? await db
        .selectFrom("delivery")
        .innerJoin("deliverable", "deliverable.id", "delivery.deliverable_id")
        .select(["delivery.delivered_on as on", "delivery.beneficiaries"])
        .where("deliverable.agreement_id", "in", ids)
        .execute()
    : [];
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.on.slice(0, 7), (byMonth.get(r.on.slice(0, 7)) ?? 0) + Number(r.beneficiaries));
  const beneficiariesByMonth = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12).map(([month, count]) => ({ month, count }));
  return { progress, beneficiariesByMonth };
}
