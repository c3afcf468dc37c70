/**
 * API tokens, pure: what a token is allowed (its scopes), whether it still works, and the Actor it
 * acts as. A token acts as its organization with exactly the rights of one of its members (role
 * "member", no committee seat of its own): every call then asks access.ts the same questions as the
 * pages do for such a member, and never sees more.
 */
import type { Actor } from "../access/access";

export const API_SCOPES = ["read", "write", "payments"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * The form's choice: read only, read and write, or also payments — recording the organization's
 * payments of tranches, which on the pages only its president, administrators and treasurers do
 * (tokens are created by the first two: they hand that right to the token knowingly).
 */
export const TOKEN_ACCESS = ["read", "read write", "read write payments"] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

/** Every secret starts with this, so that a leaked one is recognised (secret scanners, logs). */
export const TOKEN_PREFIX = "chk_";

/** The longest a token may live. */
export const TOKEN_MAX_DAYS = 366;

export interface TokenFacts {
  id: string;
  organizationId: string;
  userId: string;
  scopes: string;
  expiresAt: string;
  revokedAt: string | null;
}

export function hasScope(token: Pick<TokenFacts, "scopes">, scope: ApiScope): boolean {
  return token.scopes.split(" ").includes(scope);
}

/** A token works until it is revoked or its expiry passes. */
export function tokenUsable(token: Pick<TokenFacts, "expiresAt" | "revokedAt">, now: Date): boolean {
  return token.revokedAt === null && new Date(token.expiresAt).getTime() > now.getTime();
}

export type TokenStatus = "active" | "revoked" | "expired";

/** What the token list shows of a token's state. */
export function tokenStatus(token: Pick<TokenFacts, "expiresAt" | "revokedAt">, now: Date): TokenStatus {
  if (token.revokedAt !== null) return "revoked";
  return tokenUsable(token, now) ? "active" : "expired";
}

/** The actor of a token: a member of its organization, through the token's own account. */
export function tokenActor(token: Pick<TokenFacts, "organizationId" | "userId">): Actor {
  return {
    userId: token.userId,
    isPlatformAdmin: false,
    memberships: [{ organizationId: token.organizationId, role: "member" }],
  };
}

/**
 * The actor of a token with the `payments` scope for a money command (recording a payment): its
 * organization's treasurer. Reads always go through tokenActor (a member).
 */
export function paymentsActor(token: Pick<TokenFacts, "organizationId" | "userId">): Actor {
  return {
    userId: token.userId,
    isPlatformAdmin: false,
    memberships: [{ organizationId: token.organizationId, role: "treasurer" }],
  };
}

/** An organization acting as itself (webhook payloads: what a member of the receiving organization may see). */
export function organizationActor(organizationId: string): Actor {
  return {
    userId: `organization:${organizationId}`,
    isPlatformAdmin: false,
    memberships: [{ organizationId, role: "member" }],
  };
}

/** The token's account's address: never a mailbox, never signs in. */
export function tokenAccountEmail(tokenId: string): string {
  return `api-token-${tokenId}@tokens.charaka.invalid`;
}
