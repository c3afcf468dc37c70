/** Who a notice goes to: the active accounts of some organizations, optionally of some roles only. */
import type { DB } from "../../../db/client";
import type { MembershipRole } from "../../../db/schema";

export async function orgMembers(
  db: DB,
  organizationIds: readonly string[],
  roles?: readonly MembershipRole[],
): Promise<string[]> {
  if (!organizationIds.length) return [];
  let q = db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select("user.id")
    .where("membership.organization_id", "in", [...organizationIds])
    .where("user.disabled_at", "is", null);
  if (roles) q = q.where("membership.role", "in", [...roles]);
  return [...new Set((await q.execute()).map((r) => r.id))];
}
