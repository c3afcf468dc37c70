/**
 * The dashboard's pictures: each agreement's delivered vs target, and beneficiaries reached per
 * month, over the agreements in force the actor's organizations are party to.
 */
import type { DB } from "../../../db/client";
import { organizationIds, type Actor } from "../access/access";
import { agreementProgress } from "../delivery/delivery";
import { sql } from "kysely";
import { keptMonthlyBeneficiaries, monthlyBeneficiaries } from "./beneficiaries.server";
import { shareAnAgreement } from "../organization/organization.server";
import { CHARTED, countSubjects, firstSubjects, keptEntries } from "./attention-entries.server";

/** How many agreements the progress chart shows (what fits on a screen). */
const SHOWN = 8;

export async function dashboardCharts(db: DB, actor: Actor) {
  const orgs = organizationIds(actor);
  if (!orgs.length) return { progress: [], progressCount: 0, beneficiariesByMonth: [] };
  // From the organizations' parties of agreements in force or completed (read from their index).
  const inScope = db
    .selectFrom("agreement_party")
    .select("agreement_party.agreement_id as id")
    .where("agreement_party.organization_id", "in", orgs)
    .where("agreement_party.agreement_status", "in", CHARTED);
  // Agreements with deliverables, by reference: kept (attention-entries.server.ts), counted and the first few read.
  const charted = keptEntries(db, orgs, "progress");
  const ids = await firstSubjects(charted.orderBy("sort_key").orderBy("subject_id"), SHOWN, orgs.length);
  const progressCount =
    ids.length < SHOWN ? ids.length : await countSubjects(charted, !(await shareAnAgreement(db, orgs)));
  const agreements = ids.length
    ? await db
        .selectFrom("agreement")
        .select(["agreement.id", "agreement.reference", "agreement.title"])
        .where("agreement.id", "in", ids)
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
  // Added up from the organizations' kept months when they share no agreement (counted once each).
  const beneficiariesByMonth = (await shareAnAgreement(db, orgs))
    ? await monthlyBeneficiaries(db, inScope)
    : await keptMonthlyBeneficiaries(db, orgs);
  return { progress, progressCount, beneficiariesByMonth };
}
