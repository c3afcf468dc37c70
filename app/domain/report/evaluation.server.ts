/**
 * The partnership's evaluation, with the final report: each party once, by its president or an
 * administrator, once the final report has been submitted. Read back through visibleEvaluations:
 * the others' evaluations only once every party's is in.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, PartyRole } from "../../../db/schema";
import { canEvaluatePartnership, organizationIds, type Actor } from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";
import { averageTenths, criteriaFor, visibleEvaluations, type EvaluationScores } from "./evaluation";

type Db = Kysely<Database>;

/** The agreement's parties (organization and role), in signing order. */
async function partiesOf(db: Db, agreementId: string) {
  return db
    .selectFrom("agreement_party")
    .innerJoin("organization as o", "o.id", "agreement_party.organization_id")
    .select(["agreement_party.organization_id as organizationId", "agreement_party.role", "o.name_fr", "o.name_ar"])
    .where("agreement_party.agreement_id", "=", agreementId)
    .orderBy("agreement_party.signing_order")
    .orderBy("agreement_party.created_at")
    .execute();
}

/** The final report a party evaluates with: the agreement's, once a version of it was submitted. */
async function submittedFinalReport(db: Db, agreementId: string) {
  return db
    .selectFrom("report")
    .select(["id"])
    .where("agreement_id", "=", agreementId)
    .where("kind", "=", "final")
    .where("current_version", ">", 0)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** The party the actor evaluates for, and the criteria it rates; null when they may not. */
export async function evaluatorOf(db: Db, actor: Actor, loaded: LoadedAgreement) {
  const parties = await partiesOf(db, loaded.agreement.id);
  const party = parties.find((p) => canEvaluatePartnership(actor, loaded.access, p.organizationId));
  return party ? { organizationId: party.organizationId, criteria: criteriaFor(party.role as PartyRole) } : null;
}

export async function submitEvaluation(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  loaded: LoadedAgreement,
  input: { scores: EvaluationScores; comments?: string },
): Promise<{ ok: true } | Refusal> {
  return inTransaction(db, async (trx) => {
    const evaluator = await evaluatorOf(trx, actor, loaded);
    if (!evaluator) return NOT_FOUND;
    const report = await submittedFinalReport(trx, loaded.agreement.id);
    if (!report) return ruleBroken({ key: "reports.error.noFinalReport" });
    const scores: EvaluationScores = Object.fromEntries(
      evaluator.criteria.flatMap((c) => (input.scores[c] === undefined ? [] : [[c, input.scores[c]]])),
    );
    const missing = evaluator.criteria.filter((c) => scores[c] === undefined);
    if (missing.length) return ruleBroken(...missing.map((c) => ({ key: `evaluation.error.${c}` as const })));
    const already = await trx
      .selectFrom("partnership_evaluation")
      .select("id")
      .where("agreement_id", "=", loaded.agreement.id)
      .where("organization_id", "=", evaluator.organizationId)
      .executeTakeFirst();
    if (already) return ruleBroken({ key: "reports.error.alreadyEvaluated" });
    const user = await trx.selectFrom("user").select("name").where("id", "=", actor.userId).executeTakeFirst();
    await trx
      .insertInto("partnership_evaluation")
      .values({
        id: newId(),
        agreement_id: loaded.agreement.id,
        organization_id: evaluator.organizationId,
        report_id: report.id,
        scores: JSON.stringify(scores),
        comments: input.comments ?? "",
        submitted_by: actor.userId,
        submitted_at: nowIso(),
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "evaluation.submitted",
      agreementId: loaded.agreement.id,
      organizationId: evaluator.organizationId,
      subjectId: loaded.agreement.id,
      data: { name: user?.name ?? "", average: averageTenths(scores) ?? 0 },
    });
    return { ok: true as const };
  });
}

/** Every evaluation of the agreement (for the reader: filter with visibleEvaluations). */
export async function listEvaluations(db: Db, agreementId: string) {
  const rows = await db
    .selectFrom("partnership_evaluation as e")
    .innerJoin("organization as o", "o.id", "e.organization_id")
    .leftJoin("user", "user.id", "e.submitted_by")
    .select([
      "e.organization_id as organizationId",
      "e.scores",
      "e.comments",
      "e.submitted_at as submittedAt",
      "o.name_fr as nameFr",
      "o.name_ar as nameAr",
      "user.name as author",
    ])
    .where("e.agreement_id", "=", agreementId)
    .orderBy("e.submitted_at")
    .execute();
  return rows.map((r) => ({ ...r, scores: JSON.parse(r.scores) as EvaluationScores }));
}

/** The evaluations the actor may read now, and whether every party's is in. */
export async function evaluationsFor(db: Db, actor: Actor, agreementId: string) {
  const [all, parties] = await Promise.all([listEvaluations(db, agreementId), partiesOf(db, agreementId)]);
  const partyOrganizations = [...new Set(parties.map((p) => p.organizationId))];
  const visible = actor.isPlatformAdmin
    ? visibleEvaluations(all, [], partyOrganizations)
    : visibleEvaluations(all, organizationIds(actor), partyOrganizations);
  return {
    evaluations: visible,
    complete: partyOrganizations.every((id) => all.some((e) => e.organizationId === id)),
    evaluatedBy: all.map((e) => e.organizationId),
  };
}
