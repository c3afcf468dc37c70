import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAmendment, transitionAgreement } from "~/domain/agreement/agreement.commands.server";
import { findAgreement, listParties } from "~/domain/agreement/agreement.queries.server";
import { addClause } from "~/domain/clause/clause.server";
import { signAgreement } from "~/domain/signing/signing.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, FACTORY_PASSWORD } from "../support/factories";

let t: TestDatabase;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  f = factories(t.db);
});
afterAll(() => t.close());

describe("amendments (avenants)", () => {
  it("an amendment in force is not amended itself: the command refuses it, as the page does", async () => {
    const parent = await f.agreement({ status: "active" });
    const { owner, partner } = parent;
    const created = await createAmendment(t.db, owner.actor, owner.meta, await parent.load(), {
      title: "Avenant n° 1",
    });
    if (!created.ok) throw new Error(`createAmendment: ${JSON.stringify(created)}`);
    const load = async (as = owner) => (await findAgreement(t.db, as.actor, created.id))!;
    await addClause(t.db, owner.actor, owner.meta, await load(), { heading: "Ajout", body: "Une action de plus." });
    await t.db
      .updateTable("agreement")
      .set({ effective_date: "2026-01-01", duration_months: 12 })
      .where("id", "=", created.id)
      .execute();
    const sent = await transitionAgreement(t.db, owner.actor, owner.meta, {
      agreementId: created.id,
      action: "send_for_signature",
    });
    expect(sent.ok).toBe(true);
    for (const signer of [owner, partner]) {
      const party = (await listParties(t.db, created.id)).find((p) => p.signatoryUserId === signer.userId)!;
      const signed = await signAgreement(t.db, signer.actor, signer.meta, await load(signer), {
        partyId: party.id,
        typedName: signer.name,
        password: FACTORY_PASSWORD,
        sessionId: "none",
      });
      expect(signed.ok).toBe(true);
    }
    const amendment = await load();
    expect(amendment.agreement).toMatchObject({ kind: "amendment", status: "active" });

    const refused = await createAmendment(t.db, owner.actor, owner.meta, amendment, { title: "Avenant d’avenant" });
    expect(refused).toEqual({ ok: false, error: "rule", errors: [{ key: "agreement.error.amendAmendment" }] });
    const amendmentsOfAmendment = await t.db
      .selectFrom("agreement")
      .select("id")
      .where("parent_agreement_id", "=", created.id)
      .execute();
    expect(amendmentsOfAmendment).toEqual([]);
  });

  it("a draft is not amended: its text is still open", async () => {
    const draft = await f.agreement({ status: "draft" });
    expect(
      await createAmendment(t.db, draft.owner.actor, draft.owner.meta, await draft.load(), { title: "Avenant" }),
    ).toEqual({ ok: false, error: "rule", errors: [{ key: "agreement.error.amendOnlyActive" }] });
  });
});
