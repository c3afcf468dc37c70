/** People's accounts: creation, profile, password. */
import type { Transaction } from "kysely";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Database, Locale } from "../../../db/schema";
import { untilWrite } from "../../../db/unchanged";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { endOtherSessions } from "~/lib/auth.server";
import { newId } from "~/lib/crypto.server";
import { hashPassword } from "~/lib/password.server";
import { confirmPassword } from "./login.server";
import { nowIso } from "~/lib/time";
import { ORGANIZATION_NAMES } from "../party/party.queries.server";

export async function insertUser(
  trx: Transaction<Database> | DB,
  input: { email: string; name: string; locale: Locale; password: string; isPlatformAdmin?: boolean; isDemo?: boolean },
  now: Date = new Date(),
): Promise<string> {
  const id = newId();
  const at = nowIso(now);
  await trx
    .insertInto("user")
    .values({
      id,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      locale: input.locale,
      password_hash: await hashPassword(input.password),
      is_platform_admin: input.isPlatformAdmin ? 1 : 0,
      is_demo: input.isDemo ? 1 : 0,
      disabled_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export type PlatformAdminOutcome = { ok: true; userId: string } | { ok: false; error: "exists" };

/**
 * Creates a platform administrator (`npm run admin:create`). An email that already has an
 * account is refused and nothing is written.
 */
export async function createPlatformAdmin(
  db: DB,
  meta: RequestMeta,
  input: { email: string; name: string; locale: Locale; password: string },
): Promise<PlatformAdminOutcome> {
  const email = input.email.trim().toLowerCase();
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
    if (existing) return { ok: false as const, error: "exists" as const };
    const userId = await insertUser(trx, { ...input, email, isPlatformAdmin: true });
    await appendAuditEvent(trx, meta, {
      type: "user.created",
      subjectId: userId,
      data: { email, platformAdmin: true },
    });
    return { ok: true as const, userId };
  });
}

export async function getAccount(db: DB, userId: string) {
  return db
    .selectFrom("user")
    .select(["id", "email", "name", "locale", "is_platform_admin", "version"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function listMemberships(db: DB, userId: string) {
  // The app's header asks on every page: kept until the next write (db/unchanged.ts); each caller gets its own copy.
  const rows = await untilWrite(db, `memberships ${userId}`, () => membershipRows(db, userId));
  return rows.map((row) => ({ ...row }));
}

function membershipRows(db: DB, userId: string) {
  return db
    .selectFrom("membership")
    .innerJoin("organization", "organization.id", "membership.organization_id")
    .select([
      "organization.id as organizationId",
      ...ORGANIZATION_NAMES,
      "organization.kind",
      "membership.role",
      "membership.title",
    ])
    .where("membership.user_id", "=", userId)
    .orderBy("organization.name_fr")
    .execute();
}

export async function updateProfile(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  input: { name: string; locale: Locale },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("user")
      .select(["name", "locale"])
      .where("id", "=", meta.actorUserId)
      .executeTakeFirstOrThrow();
    const fields = (["name", "locale"] as const).filter((f) => before[f] !== input[f]);
    if (fields.length === 0) return;
    await trx
      .updateTable("user")
      .set((eb) => ({ name: input.name, locale: input.locale, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", meta.actorUserId)
      .execute();
    await appendAuditEvent(trx, meta, {
      type: "user.profile_updated",
      data: { fields: [...fields] },
      subjectId: meta.actorUserId,
    });
  });
}

/** Only the language, e.g. from the language switcher. */
export async function setLocale(db: DB, userId: string, locale: Locale): Promise<void> {
  await db.updateTable("user").set({ locale, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export type PasswordChangeOutcome =
  { ok: true; otherSessionsEnded: number } | { ok: false; error: "currentWrong"; retryAfterMinutes?: number };

/** Checks the current password, stores the new one and ends every other session. */
export async function changePassword(
  db: DB,
  meta: RequestMeta & { actorUserId: string },
  input: { currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<PasswordChangeOutcome> {
  const refused = await confirmPassword(db, { userId: meta.actorUserId, password: input.currentPassword, ip: meta.ip });
  if (refused) return { ok: false, error: "currentWrong", retryAfterMinutes: refused.retryAfterMinutes };
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable("user")
      .set((eb) => ({ password_hash: passwordHash, updated_at: nowIso(), version: eb("version", "+", 1) }))
      .where("id", "=", meta.actorUserId)
      .execute();
    const ended = await endOtherSessions(trx, meta.actorUserId, input.keepSessionId);
    await appendAuditEvent(trx, meta, {
      type: "user.password_changed",
      data: { otherSessionsEnded: ended },
      subjectId: meta.actorUserId,
    });
    return { ok: true as const, otherSessionsEnded: ended };
  });
}
