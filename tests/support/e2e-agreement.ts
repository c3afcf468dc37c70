/**
 * A Sofara Al-Khair × Clear Vision agreement of a test's own, in force, built with the seed's code on
 * the shared e2e server's database: what the test adds to it touches no other test. `extraPartners`
 * adds organizations the test created itself (by id), after Clear Vision.
 */
import { demoIds } from "../../db/seed/demo";
import { createDemoAgreement } from "../../db/seed/demo-agreements";
import { openServerDatabase } from "./e2e-db";

type Spec = Parameters<typeof createDemoAgreement>[1];

export async function ownAgreement(spec: {
  key: string;
  title: string;
  clauses?: Spec["clauses"];
  deliverables?: Spec["deliverables"];
  /** This year's action plan (adopted), with its indicators. */
  plan?: Spec["plan"];
  money?: Spec["money"];
  /** When it comes into force (default 2026-01-01). */
  effectiveDate?: string;
  /** The lifecycle steps taken (default: negotiation, then signed in the app). */
  steps?: Spec["steps"];
  extraPartners?: Array<{ organizationId: string; signatoryUserId: string }>;
}): Promise<string> {
  const handle = openServerDatabase();
  try {
    const { orgIds, userIds } = await demoIds(handle.db);
    const extra = (spec.extraPartners ?? []).map((p, i) => {
      const key = `${spec.key}-partner-${i}`;
      orgIds.set(key, p.organizationId);
      userIds.set(`${key}@signatory`, p.signatoryUserId);
      return { org: key, signatory: `${key}@signatory` };
    });
    return await createDemoAgreement(
      handle.db,
      {
        key: spec.key,
        owner: { org: "sofara", signatory: "president@sofara.example" },
        partners: [{ org: "clearvision", signatory: "directeur@clearvision.example" }, ...extra],
        details: {
          title: spec.title,
          titleSecondary: undefined,
          kind: "partnership",
          purpose: spec.title,
          territory: undefined,
          signingPlace: "Smara",
          effectiveDate: spec.effectiveDate ?? "2026-01-01",
          endDate: "2028-12-31",
          durationMonths: undefined,
          renewalNoticeDays: undefined,
          totalBudget: undefined,
        },
        clauses: spec.clauses ?? [{ heading: "Objet", body: spec.title }],
        steps: spec.steps ?? ["open_negotiation", "send_for_signature", "sign_in_app"],
        ...(spec.deliverables ? { deliverables: spec.deliverables } : {}),
        ...(spec.plan ? { plan: spec.plan } : {}),
        ...(spec.money ? { money: spec.money } : {}),
      },
      orgIds,
      userIds,
    );
  } finally {
    await handle.close();
  }
}
