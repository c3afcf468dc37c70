/**
 * The versions page's view model: the agreement's frozen versions, newest first, and the comparison
 * asked for (by default the newest against the one before), its changed sections each with the
 * heading to show (a detail field, a party or an article).
 */
import type { DB } from "../../../db/client";
import { getVersionSnapshot, listVersions, type LoadedAgreement } from "./agreement.queries.server";
import { comparedPair, compareSnapshots, sectionHeading } from "./compare";

export async function versionsView(db: DB, loaded: LoadedAgreement, query: { from?: number; to?: number }) {
  const agreementId = loaded.agreement.id;
  const versions = await listVersions(db, agreementId);
  const { from, to } = comparedPair(versions[0]?.number, query);
  let comparison = null;
  if (from !== null && to !== null && from !== to) {
    const [a, b] = await Promise.all([
      getVersionSnapshot(db, agreementId, from),
      getVersionSnapshot(db, agreementId, to),
    ]);
    if (a && b)
      comparison = {
        from,
        to,
        changed: compareSnapshots(a, b)
          .filter((s) => s.changed)
          .map((s) => ({ heading: sectionHeading(s.label), parts: s.parts })),
      };
  }
  return { versions, from, to, comparison };
}
