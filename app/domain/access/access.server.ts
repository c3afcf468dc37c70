import type { DB } from "../../../db/client";
import type { Actor } from "./access";

/** The actor for a signed-in user: their memberships, read fresh on every request. */
export async function loadActor(db: DB, user: { id: string; isPlatformAdmin: boolean }): Promise<Actor> {
  const memberships = await db
    .selectFrom("membership")
    .select(["organization_id as organizationId", "role"])
    .where("user_id", "=", user.id)
    .execute();
  return { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberships };
}

/** The actor of an account known by its email (scripts, benchmarks and tests; requests use the session's user). */
export async function loadActorByEmail(db: DB, email: string): Promise<Actor> {
  const user = await db
    .selectFrom("user")
    .select(["id", "is_platform_admin"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return loadActor(db, { id: user.id, isPlatformAdmin: user.is_platform_admin === 1 });
}
