/**
 * The partnership's evaluation, pure: with the final report each party rates the partnership on a
 * short scale (1 to 5) — objectives met, the quality of the relationship, communication, and for the
 * association the funder's timeliness in releasing tranches — with comments. A party sees its own
 * evaluation at once and the others' only once every party's is in, so that none answers the other.
 */
import type { PartyRole } from "../../../db/schema";

export const EVALUATION_CRITERIA = ["objectives", "relationship", "communication", "timeliness"] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];
export const SCALE = [1, 2, 3, 4, 5] as const;

export type EvaluationScores = Partial<Record<EvaluationCriterion, number>>;

/** The criteria a party rates: the association also rates the funder's timeliness in releasing tranches. */
export function criteriaFor(role: PartyRole): readonly EvaluationCriterion[] {
  return role === "association" ? EVALUATION_CRITERIA : EVALUATION_CRITERIA.filter((c) => c !== "timeliness");
}

/** Every party's evaluation is in. */
export function evaluationsComplete(partyOrganizationIds: readonly string[], evaluatedBy: readonly string[]): boolean {
  return partyOrganizationIds.length > 0 && partyOrganizationIds.every((id) => evaluatedBy.includes(id));
}

/** The evaluations a reader sees: their own organizations' always, the others' once all are in. */
export function visibleEvaluations<E extends { organizationId: string }>(
  all: readonly E[],
  readerOrganizationIds: readonly string[],
  partyOrganizationIds: readonly string[],
): E[] {
  const complete = evaluationsComplete(
    partyOrganizationIds,
    all.map((e) => e.organizationId),
  );
  return all.filter((e) => complete || readerOrganizationIds.includes(e.organizationId));
}

/** The average of the scores given, in tenths (4.5 → 45), for a summary; null without scores. */
export function averageTenths(scores: EvaluationScores): number | null {
  const given = Object.values(scores).filter((v): v is number => typeof v === "number");
  if (given.length === 0) return null;
  return Math.round((given.reduce((s, v) => s + v, 0) * 10) / given.length);
}
