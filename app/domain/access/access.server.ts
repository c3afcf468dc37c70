import type { DB } from "../../../db/client";
import type { Actor } from "./access";
import { untilWrite } from "../../../db/unchanged";

/**
 * The actor for a signed-in user: their memberships as the database holds them now — kept only until the
 * next write, by any process (db/unchanged.ts), and copied for each caller.
 */
export async function loadActor(db: DB, user: { id: string; isPlatformAdmin: boolean }): Promise<Actor> {
  const rows = await untilWrite(db, `actor ${user.id}`, () =>
    db
      .selectFrom("membership")
      .select(["organization_id as organizationId", "role"])
      .where("user_id", "=", user.id)
      .execute(),
  );
  return { userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberships: rows.map((m) => ({ ...m })) };
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
