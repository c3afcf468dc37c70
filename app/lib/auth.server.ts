/**
 * Sessions. The only file that knows Lucia.
 *
 * - Lucia v3 manages session ids, validation and the idle expiry (extended while used).
 * - Our Kysely adapter stores only SHA-256(session id): a leaked database yields no usable session.
 * - Each session also has an absolute lifetime; the cookie's Max-Age is that lifetime, so the
 *   cookie never needs refreshing while the server enforces the idle expiry.
 * - The cookie is HttpOnly and SameSite=Lax; over HTTPS (seen on the request URL, which honours
 *   X-Forwarded-Proto only when TRUST_PROXY says so) it is Secure with the __Host- prefix.
 */
import { redirect } from "@remix-run/node";
import { Cookie, Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Kysely } from "kysely";
import type { Database, Locale, Session, User } from "../../db/schema";
import { untilWrite } from "../../db/unchanged";
import { sha256Hex } from "./crypto.server";
import { db, isStorageFailure } from "./db.server";
import { nowIso } from "./time";
import { mustSetUpTwoFactor, TWO_FACTOR_SETUP_PATH, twoFactorRequired } from "~/domain/identity/two-factor";
import { currentRequest, type RequestContext } from "./request-context.server";

export const SESSION_IDLE_DAYS = 7;
const LAST_SEEN_EVERY_MS = 5 * 60_000;
export const SESSION_ABSOLUTE_DAYS = 30;
const COOKIE_PLAIN = "charaka_session";
const COOKIE_SECURE = "__Host-charaka_session";

type SessionAttributes = Pick<Session, "absolute_expires_at" | "authenticated_at" | "ip" | "user_agent"> &
  Partial<Pick<Session, "last_seen_at">>;

type UserAttributes = Pick<
  User,
  "email" | "name" | "locale" | "is_platform_admin" | "disabled_at" | "is_demo" | "totp_enabled_at"
> & {
  /** 1 when the person is a president or admin of an organization that requires two-factor sign-in. */
  strict_organization: number;
};

/** A session with its user's attributes, by the session id's SHA-256. */
function sessionRow(database: Kysely<Database>, id: string) {
  return database
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .select([
      "session.id",
      "session.user_id",
      "session.expires_at",
      "session.absolute_expires_at",
      "session.authenticated_at",
      "session.ip",
      "session.user_agent",
      "session.last_seen_at",
      "user.email",
      "user.name",
      "user.locale",
      "user.is_platform_admin",
      "user.disabled_at",
      "user.is_demo",
      "user.totp_enabled_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("membership")
        .innerJoin("organization", "organization.id", "membership.organization_id")
        .select(eb.lit(1).as("n"))
        .whereRef("membership.user_id", "=", "user.id")
        .where("membership.role", "in", ["president", "admin"])
        .where("organization.require_two_factor", "=", 1)
        .limit(1)
        .as("strict_organization"),
    )
    .where("session.id", "=", id)
    .executeTakeFirst();
}

export function createSessionAdapter(database: Kysely<Database>): Adapter {
  const toDatabaseSession = (
    row: Pick<Session, "id" | "user_id" | "expires_at"> & SessionAttributes,
  ): DatabaseSession => ({
    id: row.id,
    userId: row.user_id as never,
    expiresAt: new Date(row.expires_at),
    attributes: {
      absolute_expires_at: row.absolute_expires_at,
      authenticated_at: row.authenticated_at,
      ip: row.ip,
      user_agent: row.user_agent,
      last_seen_at: row.last_seen_at ?? null,
    },
  });
  return {
    async getSessionAndUser(sessionId) {
      const id = sha256Hex(sessionId);
      // Every request asks: the row is kept until the next write, by any process (db/unchanged.ts).
      const row = await untilWrite(database, `session ${id}`, () => sessionRow(database, id));
      if (!row) return [null, null];
      const session = toDatabaseSession(row);
      session.id = sessionId;
      const user: DatabaseUser = {
        id: row.user_id as never,
        attributes: {
          email: row.email,
          name: row.name,
          locale: row.locale,
          is_platform_admin: row.is_platform_admin,
          disabled_at: row.disabled_at,
          is_demo: row.is_demo,
          totp_enabled_at: row.totp_enabled_at,
          strict_organization: Number(row.strict_organization ?? 0),
        },
      };
      return [session, user];
    },
    async getUserSessions(userId) {
      const rows = await database.selectFrom("session").selectAll().where("user_id", "=", String(userId)).execute();
      // Ids come back hashed: they identify sessions but cannot be used as cookies.
      return rows.map(toDatabaseSession);
    },
    async setSession(session) {
      const attrs = session.attributes as unknown as SessionAttributes;
      const now = nowIso();
      await database
        .insertInto("session")
        .values({
          id: sha256Hex(session.id),
          user_id: String(session.userId),
          expires_at: session.expiresAt.toISOString(),
          absolute_expires_at: attrs.absolute_expires_at,
          authenticated_at: attrs.authenticated_at,
          ip: attrs.ip,
          user_agent: attrs.user_agent,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      // Extending an idle session is not worth refusing a page for: when storage cannot take the
      // write (full disk, read-only file, a lock held too long), the session keeps its expiry and
      // the page is served; the next request tries again.
      try {
        await database
          .updateTable("session")
          .set({ expires_at: expiresAt.toISOString(), updated_at: nowIso() })
          .where("id", "=", sha256Hex(sessionId))
          .execute();
      } catch (error) {
        if (!isStorageFailure(error)) throw error;
      }
    },
    async deleteSession(sessionId) {
      await database.deleteFrom("session").where("id", "=", sha256Hex(sessionId)).execute();
    },
    async deleteUserSessions(userId) {
      await database.deleteFrom("session").where("user_id", "=", String(userId)).execute();
    },
    async deleteExpiredSessions() {
      const now = nowIso();
      await database
        .deleteFrom("session")
        .where((eb) => eb.or([eb("expires_at", "<=", now), eb("absolute_expires_at", "<=", now)]))
        .execute();
    },
  };
}

function createLucia(database: Kysely<Database>) {
  return new Lucia(createSessionAdapter(database), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
    sessionCookie: { name: COOKIE_PLAIN, expires: true, attributes: { sameSite: "lax", secure: false } },
    getSessionAttributes: (attrs) => ({
      absoluteExpiresAt: attrs.absolute_expires_at,
      authenticatedAt: attrs.authenticated_at,
      lastSeenAt: attrs.last_seen_at ?? null,
    }),
    getUserAttributes: (attrs) => ({
      email: attrs.email,
      name: attrs.name,
      locale: attrs.locale,
      isPlatformAdmin: attrs.is_platform_admin === 1,
      disabled: attrs.disabled_at !== null,
      isDemo: attrs.is_demo === 1,
      twoFactorEnabled: attrs.totp_enabled_at !== null,
      strictOrganization: attrs.strict_organization === 1,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    UserId: string;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}

const instances = new WeakMap<Kysely<Database>, ReturnType<typeof createLucia>>();
function lucia(database: Kysely<Database>) {
  let instance = instances.get(database);
  if (!instance) {
    instance = createLucia(database);
    instances.set(database, instance);
  }
  return instance;
}

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isPlatformAdmin: boolean;
  sessionId: string;
  authenticatedAt: string;
  twoFactorEnabled: boolean;
  /** Two-factor sign-in is required of this person (app/domain/identity/two-factor.ts). */
  twoFactorRequired: boolean;
}

function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const secure = isSecure(request);
  return new Cookie(secure ? COOKIE_SECURE : COOKIE_PLAIN, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: maxAgeSeconds,
  }).serialize();
}

function readSessionId(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const name = isSecure(request) ? COOKIE_SECURE : COOKIE_PLAIN;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[a-z0-9]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Creates a session for a user who just proved who they are; returns the Set-Cookie value. */
export async function startSession(
  database: Kysely<Database>,
  request: Request,
  userId: string,
  client: { ip: string | null; userAgent: string | null },
  now: Date = new Date(),
): Promise<{ cookie: string; sessionId: string }> {
  const absolute = new Date(now.getTime() + SESSION_ABSOLUTE_DAYS * 86_400_000);
  const session = await lucia(database).createSession(userId, {
    absolute_expires_at: absolute.toISOString(),
    authenticated_at: now.toISOString(),
    ip: client.ip,
    user_agent: client.userAgent ? client.userAgent.slice(0, 500) : null,
  });
  // A session started is a sign-in: the members list shows it.
  await database.updateTable("user").set({ last_login_at: now.toISOString() }).where("id", "=", userId).execute();
  return {
    sessionId: session.id,
    cookie: sessionCookie(request, session.id, SESSION_ABSOLUTE_DAYS * 86_400),
  };
}

/** The user of a valid session, or null (expired, absolute limit reached, disabled account). */
export async function validateSessionId(
  database: Kysely<Database>,
  sessionId: string,
  now = new Date(),
): Promise<AuthUser | null> {
  const { session, user } = await lucia(database).validateSession(sessionId);
  if (!session || !user) return null;
  if (new Date(session.absoluteExpiresAt).getTime() <= now.getTime() || user.disabled) {
    await lucia(database).invalidateSession(sessionId);
    return null;
  }
  // "Last seen", for the list of sessions: written at most every few minutes, not on every request.
  if (!session.lastSeenAt || now.getTime() - new Date(session.lastSeenAt).getTime() > LAST_SEEN_EVERY_MS) {
    try {
      await database
        .updateTable("session")
        .set({ last_seen_at: now.toISOString() })
        .where("id", "=", sha256Hex(sessionId))
        .execute();
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
    }
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId: session.id,
    authenticatedAt: session.authenticatedAt,
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorRequired: twoFactorRequired(user),
  };
}

export async function getOptionalUser(request: Request): Promise<AuthUser | null> {
  const sessionId = readSessionId(request);
  if (!sessionId) return null;
  const answering = currentRequest();
  const user = await (answering && isReading(request)
    ? sessionOnce(answering, sessionId)
    : validateSessionId(db(), sessionId));
  if (answering && user) answering.userId = user.id; // for the request's log line
  return user;
}

/**
 * A page view runs its loaders side by side (root, _app, the page), each asking for the user: within one
 * GET the session is read once. A POST is not memoised: its action may change the session or the user
 * before the loaders run in the same request.
 */
const sessionsRead = new WeakMap<RequestContext, Map<string, Promise<AuthUser | null>>>();
const isReading = (request: Request) => request.method === "GET" || request.method === "HEAD";
function sessionOnce(answering: RequestContext, sessionId: string): Promise<AuthUser | null> {
  let read = sessionsRead.get(answering);
  if (!read) sessionsRead.set(answering, (read = new Map()));
  let user = read.get(sessionId);
  if (!user) read.set(sessionId, (user = validateSessionId(db(), sessionId)));
  return user;
}

/**
 * The signed-in user, or a redirect to the login page that comes back here afterwards. Someone
 * of whom two-factor sign-in is required and who has not set it up is sent to set it up first.
 */
export async function requireUser(request: Request): Promise<AuthUser> {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (!user) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (mustSetUpTwoFactor(user, url.pathname)) throw redirect(TWO_FACTOR_SETUP_PATH);
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/");
}

/** Ends this session; returns the Set-Cookie value that clears the cookie. */
export async function endSession(
  database: Kysely<Database>,
  request: Request,
  sessionId: string | null,
): Promise<string> {
  if (sessionId) await lucia(database).invalidateSession(sessionId);
  return sessionCookie(request, "", 0);
}

export function clearSessionCookie(request: Request): string {
  return sessionCookie(request, "", 0);
}

export function currentSessionId(request: Request): string | null {
  return readSessionId(request);
}

/** Ends every session of the user except `keepSessionId`; returns how many ended. */
export async function endOtherSessions(
  database: Kysely<Database>,
  userId: string,
  keepSessionId: string,
): Promise<number> {
  const result = await database
    .deleteFrom("session")
    .where("user_id", "=", userId)
    .where("id", "!=", sha256Hex(keepSessionId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records that the user just typed their password again (e.g. to sign). */
export async function markReauthenticated(
  database: Kysely<Database>,
  sessionId: string,
  now: Date = new Date(),
): Promise<void> {
  await database
    .updateTable("session")
    .set({ authenticated_at: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", sha256Hex(sessionId))
    .execute();
}

// ── The login's second step (two-factor sign-in): a short-lived cookie naming the challenge ──

const CHALLENGE_PLAIN = "charaka_2fa";
const CHALLENGE_SECURE = "__Host-charaka_2fa";

/** Set-Cookie for the pending second step (no session yet); maxAge 0 clears it. */
export function challengeCookie(request: Request, token: string, maxAgeSeconds: number): string {
  const secure = isSecure(request);
  return new Cookie(secure ? CHALLENGE_SECURE : CHALLENGE_PLAIN, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: maxAgeSeconds,
  }).serialize();
}

export function readChallengeToken(request: Request): string | null {
  const name = isSecure(request) ? CHALLENGE_SECURE : CHALLENGE_PLAIN;
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}
