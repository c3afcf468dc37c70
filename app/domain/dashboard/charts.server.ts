/**
 * The dashboard's pictures: each agreement's delivered vs target, and beneficiaries reached per
 * month, over the agreements in force the actor's organizations are party to.
 */
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { agreementProgress } from "../delivery/delivery";
import { sql } from "kysely";
import { monthlyBeneficiaries } from "./beneficiaries.server";

/** How many agreements the progress chart shows (what fits on a screen). */
const SHOWN = 8;

export async function dashboardCharts(db: DB, actor: Actor) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return { progress: [], progressCount: 0, beneficiariesByMonth: [] };
  // From the organizations' parties of agreements in force or completed (read from their index).
  const shownStatuses = ["active", "suspended", "completed"] as const;
  const inScope = db
    .selectFrom("agreement_party")
    .select("agreement_party.agreement_id as id")
    .where("agreement_party.organization_id", "in", orgs)
    .where("agreement_party.agreement_status", "in", shownStatuses);
  const withDeliverables = db
    .selectFrom("agreement_party")
    .innerJoin("agreement", "agreement.id", "agreement_party.agreement_id")
    .where("agreement_party.organization_id", "in", orgs)
    .where("agreement_party.agreement_status", "in", shownStatuses)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("deliverable")
          .select("deliverable.id")
          .whereRef("deliverable.agreement_id", "=", "agreement_party.agreement_id"),
      ),
    );
  // One walk over the agreements in scope gives both the count and the first few (a second, to
  // count them, read them all again).
  const all = await withDeliverables
    .select(["agreement.id", "agreement.reference"])
    .distinct()
    .orderBy("agreement.reference")
    .execute();
  const progressCount = all.length;
  const agreements = all.length
    ? await db
        .selectFrom("agreement")
        .select(["agreement.id", "agreement.reference", "agreement.title"])
        .where(
          "agreement.id",
          "in",
          all.slice(0, SHOWN).map((a) => a.id),
        )
        .orderBy("agreement.reference")
        .execute()
    : [];
  // Delivered per deliverable of the agreements shown (one query, not one per agreement).
  const deliverables = agreements.length
    ? await db
        .selectFrom("deliverable")
        .select((eb) => [
          "deliverable.agreement_id as agreementId",
          "deliverable.target_quantity as target",
          eb
            .selectFrom("delivery")
            .select(sql<number>`coalesce(sum(quantity), 0)`.as("q"))
            .whereRef("delivery.deliverable_id", "=", "deliverable.id")
            .as("delivered"),
        ])
        .where(
          "deliverable.agreement_id",
          "in",
          agreements.map((a) => a.id),
        )
        .execute()
    : [];
  const byAgreement = new Map<string, Array<{ delivered: number; target: number }>>();
  for (const d of deliverables) {
    const list = byAgreement.get(d.agreementId) ?? [];
    list.push({ delivered: Number(d.delivered ?? 0), target: d.target });
    byAgreement.set(d.agreementId, list);
  }
  const progress = [];
  for (const a of agreements) {
    const list = byAgreement.get(a.id);
    if (!list?.length) continue;
    const target = list.reduce((s, d) => s + d.target, 0);
    const delivered = list.reduce((s, d) => s + Math.min(d.delivered, d.target), 0);
    progress.push({
      id: a.id,
      reference: a.reference,
      title: a.title,
      delivered,
      target,
      percent: agreementProgress(list),
    });
  }
  // Beneficiaries per month: the agreements' monthly sums (beneficiaries.server.ts), the last 12 months that have some.
  const beneficiariesByMonth = await monthlyBeneficiaries(db, inScope);
  return { progress, progressCount, beneficiariesByMonth };
}
