/**
 * The import page's view model: the organizations the reader may import agreements for (those for
 * which they may create one), or null when there is none (the page is not theirs).
 */
import type { DB } from "../../../db/client";
import { organizationsForNewAgreement, type Actor } from "../access/access";
import { listOrganizationDirectory } from "../organization/organization.server";

export async function importView(db: DB, actor: Actor) {
  const own = organizationsForNewAgreement(actor);
  if (!own.length) return null;
  return { owners: (await listOrganizationDirectory(db)).filter((o) => own.includes(o.id)) };
}
