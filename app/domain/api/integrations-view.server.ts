/**
 * The integrations page's view model (/organizations/:organizationId/integrations): the organization,
 * its API tokens with their state and last use, its webhook endpoints with each one's last
 * deliveries, its identity providers (for the platform administrator), and the forms' defaults. Only its presidents and
 * administrators (and the platform administrator) see it: null for anyone else, a 404 for the route.
 */
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import { listOidcProviders } from "../identity/oidc.server";
import { getOrganization } from "../organization/organization.server";
import { addDaysTo, todayInMorocco } from "~/lib/time";
import { deliveryLog, listEndpoints } from "../webhook/webhooks.server";
import { WEBHOOK_EVENTS } from "../webhook/webhook";
import { listTokens } from "./tokens.server";
import { TOKEN_ACCESS, TOKEN_MAX_DAYS, tokenStatus } from "./tokens";

/** A new token's expiry when nobody changes it: in 90 days. */
export const DEFAULT_TOKEN_DAYS = 90;

export async function integrationsView(db: DB, actor: Actor, organizationId: string, now = new Date()) {
  const tokens = await listTokens(db, actor, organizationId);
  if (!tokens) return null;
  const organization = await getOrganization(db, actor, organizationId);
  if (!organization) return null;
  const [endpoints, deliveries, oidcProviders] = await Promise.all([
    listEndpoints(db, actor, organizationId),
    deliveryLog(db, actor, organizationId, 200),
    listOidcProviders(db, actor, organizationId),
  ]);
  const today = todayInMorocco(now);
  return {
    organization: { id: organization.id, nameFr: organization.nameFr, nameAr: organization.nameAr },
    accessChoices: TOKEN_ACCESS,
    defaultExpiresOn: addDaysTo(today, DEFAULT_TOKEN_DAYS),
    minExpiresOn: addDaysTo(today, 1),
    maxExpiresOn: addDaysTo(today, TOKEN_MAX_DAYS),
    webhookEvents: WEBHOOK_EVENTS,
    /** The platform administrator's only: null for the organization's own managers. */
    oidcProviders,
    endpoints: (endpoints ?? []).map((e) => ({
      ...e,
      deliveries: (deliveries ?? []).filter((d) => d.endpointId === e.id).slice(0, 20),
    })),
    tokens: tokens.map((t) => {
      const status = tokenStatus(t, now);
      return { ...t, status, canRevoke: status !== "revoked" };
    }),
  };
}

/** The integrations page's model, as its loader sends it (with what the page's address says). */
export type IntegrationsPage = NonNullable<Awaited<ReturnType<typeof integrationsView>>> & {
  revokedName: string | null;
  testedEndpointId: string | null;
  oidcCallback: string;
};
