/**
 * API tokens of an organization: created by its presidents and administrators (shown once, only its
 * SHA-256 kept), listed with their last use, revoked; and the two things every API request does with
 * one: find the token its `Authorization: Bearer …` names, and count the request against the token's
 * rate limit.
 *
 * Each token has an account of its own (named "API · <name>", no membership, a password nothing can
 * match, disabled for sign-in): commands write its id where they write who did something
 * (`recorded_by_user_id`, the audit entry's actor), so the History tab and the audit log name the token.
 */
import { randomBytes } from "node:crypto";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import { canManageOrganization, type Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { NOT_FOUND, ruleBroken, type Refusal } from "../result";
import { newId, sha256Hex } from "~/lib/crypto.server";
import { addDaysTo, nowIso, todayInMorocco } from "~/lib/time";
import {
  TOKEN_MAX_DAYS,
  TOKEN_PREFIX,
  tokenAccountEmail,
  tokenActor,
  tokenUsable,
  type TokenAccess,
  type TokenFacts,
} from "./tokens";

export async function listTokens(db: DB, actor: Actor, organizationId: string) {
  if (!canManageOrganization(actor, organizationId)) return null;
  return db
    .selectFrom("api_token")
    .leftJoin("user as creator", "creator.id", "api_token.created_by_user_id")
    .select([
      "api_token.id",
      "api_token.name",
      "api_token.prefix",
      "api_token.scopes",
      "api_token.expires_at as expiresAt",
      "api_token.created_at as createdAt",
      "api_token.last_used_at as lastUsedAt",
      "api_token.revoked_at as revokedAt",
      "creator.name as createdBy",
    ])
    .where("api_token.organization_id", "=", organizationId)
    .orderBy("api_token.created_at", "desc")
    .execute();
}

/** Creates a token; the secret is in the answer and nowhere else. */
export async function createToken(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { organizationId: string; name: string; access: TokenAccess; expiresOn: string; today?: string },
): Promise<{ ok: true; id: string; secret: string } | Refusal> {
  if (!canManageOrganization(actor, input.organizationId)) return NOT_FOUND;
  const today = input.today ?? todayInMorocco();
  if (input.expiresOn <= today || input.expiresOn > addDaysTo(today, TOKEN_MAX_DAYS))
    return ruleBroken({ key: "apiToken.error.expiry", vars: { count: TOKEN_MAX_DAYS } });
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const id = newId();
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  const expiresAt = `${input.expiresOn}T23:59:59.999Z`;
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const userId = newId();
    await trx
      .insertInto("user")
      .values({
        id: userId,
        email: tokenAccountEmail(id),
        name: `API · ${input.name}`,
        locale: "en",
        // Not an argon2 hash: no password ever matches it. Disabled: no session ever starts.
        password_hash: "!api-token",
        disabled_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto("api_token")
      .values({
        id,
        organization_id: input.organizationId,
        user_id: userId,
        name: input.name,
        token_hash: sha256Hex(secret),
        prefix,
        scopes: input.access,
        expires_at: expiresAt,
        created_by_user_id: meta.actorUserId,
        created_at: at,
        last_used_at: null,
        revoked_at: null,
        revoked_by_user_id: null,
      })
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "api_token.created",
      organizationId: input.organizationId,
      subjectId: id,
      data: { name: input.name, scopes: input.access, expiresAt, prefix },
    });
    return { ok: true as const, id, secret };
  });
}

export async function revokeToken(
  db: DB,
  actor: Actor,
  meta: RequestMeta,
  input: { organizationId: string; tokenId: string },
): Promise<{ ok: true } | Refusal> {
  if (!canManageOrganization(actor, input.organizationId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const token = await trx
      .selectFrom("api_token")
      .select(["id", "name", "prefix", "revoked_at"])
      .where("id", "=", input.tokenId)
      .where("organization_id", "=", input.organizationId)
      .executeTakeFirst();
    if (!token) return NOT_FOUND;
    if (token.revoked_at) return { ok: true as const };
    await trx
      .updateTable("api_token")
      .set({ revoked_at: nowIso(), revoked_by_user_id: meta.actorUserId })
      .where("id", "=", token.id)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "api_token.revoked",
      organizationId: input.organizationId,
      subjectId: token.id,
      data: { name: token.name, prefix: token.prefix },
    });
    return { ok: true as const };
  });
}

export interface AuthenticatedToken {
  token: TokenFacts & { name: string };
  actor: Actor;
}

/** The token a bearer secret names, if it exists and works now (not revoked, not expired); null otherwise. */
export async function authenticateToken(db: DB, secret: string, now = new Date()): Promise<AuthenticatedToken | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const row = await db
    .selectFrom("api_token")
    .innerJoin("organization", "organization.id", "api_token.organization_id")
    .select([
      "api_token.id",
      "api_token.organization_id as organizationId",
      "api_token.user_id as userId",
      "api_token.name",
      "api_token.scopes",
      "api_token.expires_at as expiresAt",
      "api_token.revoked_at as revokedAt",
    ])
    .where("api_token.token_hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row || !tokenUsable(row, now)) return null;
  return { token: row, actor: tokenActor(row) };
}

/** Requests a token may make per minute (API_RATE_PER_MINUTE). */
export const DEFAULT_RATE_PER_MINUTE = 120;

export type RateOutcome =
  { ok: true; remaining: number; limit: number } | { ok: false; retryAfterSeconds: number; limit: number };

/**
 * Counts one request of the token in the current minute, in the database: several instances of
 * the server share one PostgreSQL database (a counter in memory would let each of them allow the
 * whole limit), and a restart does not reset it. One upsert per request; the first request of a
 * minute also records the token's last use and drops its earlier minutes.
 */
export async function countRequest(
  db: DB,
  tokenId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<RateOutcome> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? DEFAULT_RATE_PER_MINUTE;
  const window = nowIso(now).slice(0, 16);
  const row = await db
    .insertInto("api_rate")
    .values({ token_id: tokenId, window_start: window, count: 1 })
    .onConflict((oc) =>
      oc.columns(["token_id", "window_start"]).doUpdateSet((eb) => ({ count: eb("api_rate.count", "+", 1) })),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  if (count === 1) {
    await db
      .updateTable("api_token")
      .set({ last_used_at: nowIso(now) })
      .where("id", "=", tokenId)
      .execute();
    await db.deleteFrom("api_rate").where("token_id", "=", tokenId).where("window_start", "<", window).execute();
  }
  if (count > limit) {
    const nextMinute = new Date(`${window}:00.000Z`).getTime() + 60_000;
    return { ok: false, limit, retryAfterSeconds: Math.max(1, Math.ceil((nextMinute - now.getTime()) / 1000)) };
  }
  return { ok: true, limit, remaining: limit - count };
}
