/**
 * The obligations page's view model: the agreement's obligations with their state and evidence, and
 * what the reader may do with each (flags from access.ts), read in one place for the route.
 */
import type { DB } from "../../../db/client";
import { canEditAgreement, canRecordProgress, type Actor } from "../access/access";
import { listClauses, listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { listObligations, obligationEvidence } from "./obligations.server";

export async function obligationsView(db: DB, actor: Actor, loaded: LoadedAgreement, today: string) {
  const agreementId = loaded.agreement.id;
  const canAdd = canEditAgreement(actor, loaded.access);
  const [obligations, parties, evidence, clauses] = await Promise.all([
    listObligations(db, agreementId, today),
    listParties(db, agreementId),
    obligationEvidence(db, agreementId),
    canAdd ? listClauses(db, agreementId) : Promise.resolve([]),
  ]);
  return {
    agreementId,
    canAdd,
    parties: parties.map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr })),
    clauses: clauses.map((c, i) => ({ id: c.id, number: i + 1, heading: c.heading })),
    obligations: obligations.map((o) => ({
      ...o,
      canUpdate: canRecordProgress(actor, loaded.access, o.organizationId),
      evidence: evidence.filter((e) => e.obligationId === o.id).map((e) => ({ id: e.id, name: e.name })),
    })),
  };
}
