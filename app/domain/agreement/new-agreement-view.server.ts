/**
 * The new-agreement page's choices: the organizations the actor may draft for (access.ts), and every
 * other organization as a possible partner. Null when the actor may draft for none (answer 404).
 */
import type { DB } from "../../../db/client";
import { canCreateAgreement, organizationsForNewAgreement, type Actor } from "../access/access";
import { listOrganizationDirectory } from "../organization/organization.server";

export async function newAgreementView(db: DB, actor: Actor) {
  if (!canCreateAgreement(actor)) return null;
  const ownIds = organizationsForNewAgreement(actor);
  const directory = await listOrganizationDirectory(db);
  return {
    owners: directory.filter((o) => ownIds.includes(o.id)),
    partners: directory.filter((o) => !ownIds.includes(o.id)),
  };
}
