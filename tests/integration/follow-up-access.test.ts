/**
 * Who may do what in the follow-up, as a matrix on the INSAF × Kazyon agreement (active):
 * the responsible party records, the other party confirms, the drafting organization plans,
 * members of other organizations see nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import {
  canConfirmDelivery,
  canPlanDeliverables,
  canRecordProgress,
  canSeeBeneficiaryNames,
} from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let db: DB;
let agreementId = "";
const orgs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  db = t.db;
  agreementId = (
    await db
      .selectFrom("agreement")
      .select("id")
      .where("title", "like", "Convention de partenariat stratégique%")
      .executeTakeFirstOrThrow()
  ).id;
  for (const o of await db.selectFrom("organization").select(["id", "name_fr"]).execute()) orgs[o.name_fr ?? ""] = o.id;
});
afterAll(() => t.close());

const INSAF = "Association INSAF";
const KAZYON = "Kazyon Maroc";

const cases = [
  // email, sees, plans deliverables, records for INSAF, confirms INSAF's, records for Kazyon, confirms Kazyon's, sees INSAF's named lists
  ["president@insaf.example", true, true, true, false, true, true, true],
  ["partenariats@insaf.example", true, false, true, false, false, true, true],
  ["rse@kazyon.example", true, false, false, true, true, false, false],
  ["president@sofara.example", false, false, false, false, false, false, false],
  ["rse@clearvision.example", false, false, false, false, false, false, false],
] as const;

describe("follow-up access matrix", () => {
  for (const [email, sees, plans, recordsInsaf, confirmsInsaf, recordsKazyon, confirmsKazyon, namesInsaf] of cases) {
    it(`${email}: sees=${sees} plans=${plans} records INSAF's=${recordsInsaf} confirms INSAF's=${confirmsInsaf} records Kazyon's=${recordsKazyon} confirms Kazyon's=${confirmsKazyon}`, async () => {
      const user = await db
        .selectFrom("user")
        .select(["id", "is_platform_admin"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      const actor = await loadActor(db, { id: user.id, isPlatformAdmin: user.is_platform_admin === 1 });
      const loaded = await findAgreement(db, actor, agreementId);
      expect(loaded !== null).toBe(sees);
      if (!loaded) return;
      expect(canPlanDeliverables(actor, loaded.access)).toBe(plans);
      expect(canRecordProgress(actor, loaded.access, orgs[INSAF]!)).toBe(recordsInsaf);
      expect(canConfirmDelivery(actor, loaded.access, orgs[INSAF]!)).toBe(confirmsInsaf);
      expect(canRecordProgress(actor, loaded.access, orgs[KAZYON]!)).toBe(recordsKazyon);
      expect(canConfirmDelivery(actor, loaded.access, orgs[KAZYON]!)).toBe(confirmsKazyon);
      expect(canSeeBeneficiaryNames(actor, orgs[INSAF]!)).toBe(namesInsaf);
    });
  }

  it("nothing can be recorded while the agreement is not in force", async () => {
    const user = await db
      .selectFrom("user")
      .select(["id", "is_platform_admin"])
      .where("email", "=", "president@insaf.example")
      .executeTakeFirstOrThrow();
    const actor = await loadActor(db, { id: user.id, isPlatformAdmin: false });
    const loaded = (await findAgreement(db, actor, agreementId))!;
    const suspended = { ...loaded.access, status: "suspended" as const };
    expect(canRecordProgress(actor, suspended, orgs[INSAF]!)).toBe(false);
    expect(canConfirmDelivery(actor, suspended, orgs[KAZYON]!)).toBe(false);
  });
});
