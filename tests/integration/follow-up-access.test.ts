/**
 * Who may do what in the follow-up, as a matrix on an active agreement between an association and a
 * company: the responsible party records, the other party confirms, the drafting organization plans,
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
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let agreement: TestAgreement;
const people: Record<string, Person> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const f = factories(db);
  agreement = await f.agreement({ status: "active", partners: ["company"] });
  people["association president"] = agreement.owner;
  people["association member"] = await f.person({ organizationId: agreement.owner.organizationId, role: "member" });
  people["company administrator"] = await f.person({ organizationId: agreement.partner.organizationId, role: "admin" });
  people["another association's president"] = await f.person({
    organizationId: await f.organization({ kind: "association" }),
  });
  people["another company's administrator"] = await f.person({
    organizationId: await f.organization({ kind: "company" }),
    role: "admin",
  });
});
afterAll(() => t.close());

const cases = [
  // who, sees, plans deliverables, records for the association, confirms the association's, records for the company, confirms the company's, sees the association's named lists
  ["association president", true, true, true, false, true, true, true],
  ["association member", true, false, true, false, false, true, true],
  ["company administrator", true, false, false, true, true, false, false],
  ["another association's president", false, false, false, false, false, false, false],
  ["another company's administrator", false, false, false, false, false, false, false],
] as const;

describe("follow-up access matrix", () => {
  for (const [who, sees, plans, recordsOwn, confirmsOwn, recordsPartner, confirmsPartner, namesOwn] of cases) {
    it(`${who}: sees=${sees} plans=${plans} records the association's=${recordsOwn} confirms the association's=${confirmsOwn} records the company's=${recordsPartner} confirms the company's=${confirmsPartner}`, async () => {
      const { actor } = people[who]!;
      const association = agreement.owner.organizationId;
      const company = agreement.partner.organizationId;
      const loaded = await findAgreement(db, actor, agreement.id);
      expect(loaded !== null).toBe(sees);
      if (!loaded) return;
      expect(canPlanDeliverables(actor, loaded.access)).toBe(plans);
      expect(canRecordProgress(actor, loaded.access, association)).toBe(recordsOwn);
      expect(canConfirmDelivery(actor, loaded.access, association)).toBe(confirmsOwn);
      expect(canRecordProgress(actor, loaded.access, company)).toBe(recordsPartner);
      expect(canConfirmDelivery(actor, loaded.access, company)).toBe(confirmsPartner);
      expect(canSeeBeneficiaryNames(actor, association)).toBe(namesOwn);
    });
  }

  it("nothing can be recorded while the agreement is not in force", async () => {
    const { actor } = agreement.owner;
    const loaded = await agreement.load();
    const suspended = { ...loaded.access, status: "suspended" as const };
    expect(canRecordProgress(actor, suspended, agreement.owner.organizationId)).toBe(false);
    expect(canConfirmDelivery(actor, suspended, agreement.partner.organizationId)).toBe(false);
  });
});
