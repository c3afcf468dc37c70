/**
 * Sign-in with an organization's identity provider (OpenID Connect, authorization code flow with
 * PKCE, through openid-client). The platform administrator configures a provider: its issuer, client
 * id and secret, the organization it belongs to and that organization's email domains. A sign-in
 * comes back with the provider's subject and email; the first time, it is linked to the account with
 * that (verified) email if that account is a member of the provider's organization — never to an
 * account of another organization, and no account is ever created. Later sign-ins follow the link.
 */
import * as client from "openid-client";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, type Refusal } from "../result";
import { newId, sha256Hex } from "~/lib/crypto.server";
import { isSealed, openSecret, sealSecret } from "~/lib/secret-box.server";
import { nowIso } from "~/lib/time";

const FLOW_MINUTES = 10;

export interface ProviderInput {
  organizationId: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case domains separated by spaces. */
  emailDomains: string;
  /** false: the organization's members with an address in these domains sign in only through the provider. */
  passwordSignIn: boolean;
}

/** Adds a provider (the platform administrator only). */
export async function saveOidcProvider(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: ProviderInput,
): Promise<{ ok: true; id: string } | Refusal> {
  if (!actor.isPlatformAdmin) return NOT_FOUND;
  const domains = input.emailDomains
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(" ");
  return inTransaction(db, async (trx) => {
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto("oidc_provider")
      .values({
        id,
        organization_id: input.organizationId,
        label: input.label,
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret: sealSecret(input.clientSecret, secretContext(id)),
        email_domains: domains,
        password_sign_in: input.passwordSignIn ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "oidc.provider_saved",
      organizationId: input.organizationId,
      subjectId: id,
      data: { label: input.label, issuer: input.issuer, domains, passwordSignIn: input.passwordSignIn },
    });
    return { ok: true as const, id };
  });
}

/** An organization's providers, for the platform administrator (the secret is never shown again). */
export async function listOidcProviders(db: DB, actor: Actor, organizationId: string) {
  if (!actor.isPlatformAdmin) return null;
  const rows = await db
    .selectFrom("oidc_provider")
    .select(["id", "label", "issuer", "client_id as clientId", "email_domains as emailDomains", "password_sign_in"])
    .where("organization_id", "=", organizationId)
    .orderBy("label")
    .execute();
  return rows.map(({ password_sign_in, ...r }) => ({ ...r, passwordSignIn: password_sign_in === 1 }));
}

export async function removeOidcProvider(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { organizationId: string; providerId: string },
): Promise<{ ok: true } | Refusal> {
  if (!actor.isPlatformAdmin) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const provider = await trx
      .selectFrom("oidc_provider")
      .select(["id", "label", "issuer"])
      .where("id", "=", input.providerId)
      .where("organization_id", "=", input.organizationId)
      .executeTakeFirst();
    if (!provider) return NOT_FOUND;
    await trx.deleteFrom("oidc_provider").where("id", "=", provider.id).execute();
    await appendAuditEvent(trx, meta, {
      type: "oidc.provider_removed",
      organizationId: input.organizationId,
      subjectId: provider.id,
      data: { label: provider.label, issuer: provider.issuer },
    });
    return { ok: true as const };
  });
}

/**
 * The provider that takes password sign-in away from this account, if any: one with password sign-in
 * off, of an organization the account is a member of, whose domains hold the account's address.
 */
export async function passwordSignInClosedBy(db: DB, userId: string): Promise<string | null> {
  const rows = await db
    .selectFrom("oidc_provider")
    .innerJoin("membership", "membership.organization_id", "oidc_provider.organization_id")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["oidc_provider.label", "oidc_provider.email_domains", "user.email"])
    .where("membership.user_id", "=", userId)
    .where("oidc_provider.password_sign_in", "=", 0)
    .execute();
  const closing = rows.find((r) => r.email_domains.split(" ").includes(r.email.split("@")[1] ?? ""));
  return closing?.label ?? null;
}

/** The buttons of the login page. */
export function signInProviders(db: DB) {
  return db.selectFrom("oidc_provider").select(["id", "label"]).orderBy("label").execute();
}

export interface OidcOptions {
  /** The callback address registered at the provider: APP_URL + /auth/oidc/callback. */
  redirectUri: string;
  /** Plain-HTTP issuers (a provider on the same machine, tests): OIDC_ALLOW_HTTP=1. */
  allowHttp: boolean;
}

/** What a provider's sealed client secret is bound to: its row. */
const secretContext = (providerId: string) => `oidc_provider.client_secret:${providerId}`;

/**
 * Seals the client secrets still stored in plain text (saved before they were sealed): run with the
 * migrations at start-up (db/setup.ts), as a migration cannot read the key. Idempotent; returns how
 * many were sealed.
 */
export async function sealPlainOidcSecrets(db: DB): Promise<number> {
  const rows = await db.selectFrom("oidc_provider").select(["id", "client_secret"]).execute();
  const plain = rows.filter((r) => !isSealed(r.client_secret));
  for (const row of plain)
    await db
      .updateTable("oidc_provider")
      .set({ client_secret: sealSecret(row.client_secret, secretContext(row.id)) })
      .where("id", "=", row.id)
      .where("client_secret", "=", row.client_secret)
      .execute();
  return plain.length;
}

async function configOf(
  provider: { id: string; issuer: string; client_id: string; client_secret: string },
  allowHttp: boolean,
) {
  return client.discovery(
    new URL(provider.issuer),
    provider.client_id,
    openSecret(provider.client_secret, secretContext(provider.id)),
    undefined,
    allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

/** Starts a sign-in: the provider's authorization URL, its state and PKCE verifier kept for the callback. */
export async function beginOidcSignIn(
  db: DB,
  providerId: string,
  redirectTo: string,
  options: OidcOptions,
): Promise<URL | null> {
  const provider = await db.selectFrom("oidc_provider").selectAll().where("id", "=", providerId).executeTakeFirst();
  if (!provider) return null;
  const config = await configOf(provider, options.allowHttp);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const now = new Date();
  await db.deleteFrom("oidc_flow").where("expires_at", "<", nowIso(now)).execute();
  await db
    .insertInto("oidc_flow")
    .values({
      id: sha256Hex(state),
      provider_id: provider.id,
      code_verifier: codeVerifier,
      nonce,
      redirect_to: redirectTo,
      expires_at: nowIso(new Date(now.getTime() + FLOW_MINUTES * 60_000)),
      created_at: nowIso(now),
    })
    .execute();
  return client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
}

export type OidcOutcome =
  | { ok: true; userId: string; redirectTo: string }
  | { ok: false; reason: "expired" | "provider" | "unverified" | "domain" | "no_account" };

/** Finishes a sign-in from the provider's answer (`callbackUrl`, with its code and state). */
export async function completeOidcSignIn(
  db: DB,
  callbackUrl: URL,
  options: OidcOptions,
  meta: Omit<RequestMeta, "actorUserId">,
): Promise<OidcOutcome> {
  const state = callbackUrl.searchParams.get("state");
  if (!state) return { ok: false, reason: "expired" };
  const flow = await db
    .selectFrom("oidc_flow")
    .innerJoin("oidc_provider", "oidc_provider.id", "oidc_flow.provider_id")
    .select([
      "oidc_flow.id as flowId",
      "oidc_flow.code_verifier",
      "oidc_flow.nonce",
      "oidc_flow.redirect_to",
      "oidc_flow.expires_at",
      "oidc_provider.id",
      "oidc_provider.organization_id",
      "oidc_provider.issuer",
      "oidc_provider.client_id",
      "oidc_provider.client_secret",
      "oidc_provider.email_domains",
    ])
    .where("oidc_flow.id", "=", sha256Hex(state))
    .executeTakeFirst();
  // Used once: a replayed callback finds nothing.
  if (flow) await db.deleteFrom("oidc_flow").where("id", "=", flow.flowId).execute();
  if (!flow || flow.expires_at < nowIso()) return { ok: false, reason: "expired" };
  let claims: { sub: string; email?: unknown; email_verified?: unknown } | undefined;
  try {
    const config = await configOf(flow, options.allowHttp);
    // The provider answered the registered callback address: check the code against that address.
    const answered = new URL(options.redirectUri);
    answered.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(config, answered, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    // Providers may keep the email for the userinfo endpoint (the ID token carries only `sub` then).
    claims =
      idToken && idToken.email === undefined
        ? await client.fetchUserInfo(config, tokens.access_token, idToken.sub)
        : idToken;
  } catch {
    return { ok: false, reason: "provider" };
  }
  if (!claims) return { ok: false, reason: "provider" };
  const subject = String(claims.sub);
  const linked = await db
    .selectFrom("user_identity")
    .innerJoin("user", "user.id", "user_identity.user_id")
    .select(["user.id"])
    .where("user_identity.provider_id", "=", flow.id)
    .where("user_identity.subject", "=", subject)
    .where("user.disabled_at", "is", null)
    .executeTakeFirst();
  if (linked) {
    await db
      .updateTable("user_identity")
      .set({ last_used_at: nowIso() })
      .where("provider_id", "=", flow.id)
      .where("subject", "=", subject)
      .execute();
    return { ok: true, userId: linked.id, redirectTo: flow.redirect_to };
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || claims.email_verified !== true) return { ok: false, reason: "unverified" };
  const domain = email.split("@")[1] ?? "";
  if (!flow.email_domains.split(" ").includes(domain)) return { ok: false, reason: "domain" };
  const member = await db
    .selectFrom("user")
    .innerJoin("membership", "membership.user_id", "user.id")
    .select("user.id")
    .where("user.email", "=", email)
    .where("user.disabled_at", "is", null)
    .where("membership.organization_id", "=", flow.organization_id)
    .executeTakeFirst();
  if (!member) return { ok: false, reason: "no_account" };
  await inTransaction(db, async (trx) => {
    const at = nowIso();
    await trx
      .insertInto("user_identity")
      .values({ provider_id: flow.id, subject, user_id: member.id, created_at: at, last_used_at: at })
      .execute();
    await appendAuditEvent(
      trx,
      { ...meta, actorUserId: member.id },
      {
        type: "user.identity_linked",
        organizationId: flow.organization_id,
        subjectId: member.id,
        data: { providerId: flow.id, email, newAccount: false },
      },
    );
  });
  return { ok: true, userId: member.id, redirectTo: flow.redirect_to };
}
