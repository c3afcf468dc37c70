/**
 * The integrations page's view model (/organizations/:organizationId/integrations): the organization,
 * its API tokens with their state and last use, and the form's defaults. Only its presidents and
 * administrators (and the platform administrator) see it: null for anyone else, a 404 for the route.
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { getOrganization } from "../organization/organization.server";
import { addDaysTo, todayInMorocco } from "~/lib/time";
import { listTokens } from "./tokens.server";
import { TOKEN_ACCESS, TOKEN_MAX_DAYS, tokenStatus } from "./tokens";

/** A new token's expiry when nobody changes it: in 90 days. */
export const DEFAULT_TOKEN_DAYS = 90;

export async function integrationsView(db: DB, actor: Actor, organizationId: string, now = new Date()) {
  const tokens = await listTokens(db, actor, organizationId);
  if (!tokens) return null;
  const organization = await getOrganization(db, actor, organizationId);
  if (!organization) return null;
  const today = todayInMorocco(now);
  return {
    organization: { id: organization.id, nameFr: organization.nameFr, nameAr: organization.nameAr },
    accessChoices: TOKEN_ACCESS,
    defaultExpiresOn: addDaysTo(today, DEFAULT_TOKEN_DAYS),
    minExpiresOn: addDaysTo(today, 1),
    maxExpiresOn: addDaysTo(today, TOKEN_MAX_DAYS),
    tokens: tokens.map((t) => {
      const status = tokenStatus(t, now);
      return { ...t, status, canRevoke: status !== "revoked" };
    }),
  };
}
