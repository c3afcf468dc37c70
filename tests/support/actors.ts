/** The actor (user and memberships) of a demo account, as the app builds it for a request. */
import type { DB } from "../../db/client";
import type { Actor } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";

export async function actorFor(db: DB, email: string): Promise<Actor> {
  const user = await db.selectFrom("user").select(["id", "is_platform_admin"]).where("email", "=", email).executeTakeFirstOrThrow();
  return loadActor(db, { id: user.id, isPlatformAdmin: user.is_platform_admin === 1 });
}
