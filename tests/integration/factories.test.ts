import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canViewAgreement } from "~/domain/access/access";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await createTestDatabase();
  f = factories(t.db);
});
afterAll(() => t.close());

describe("test factories build real records through the app's commands", () => {
  it("an active agreement: signed by each party's signatory, every party sees it, an outsider does not", async () => {
    const a = await f.agreement({ status: "active", partners: ["foundation", "company"] });
    const loaded = await a.load();
    expect(loaded.agreement.status).toBe("active");
    const signatures = await t.db.selectFrom("signature").select("user_id").where("agreement_id", "=", a.id).execute();
    expect(signatures.map((s) => s.user_id).sort()).toEqual([a.owner, ...a.partners].map((p) => p.userId).sort());
    for (const p of a.partners) expect((await a.load(p)).agreement.id).toBe(a.id);
    const outsider = await f.person();
    expect(canViewAgreement(outsider.actor, loaded.access)).toBe(false);
  });

  it("a draft stays the owner's alone; two calls never share names", async () => {
    const [one, two] = [await f.agreement(), await f.agreement()];
    expect((await one.load()).agreement.status).toBe("draft");
    expect(canViewAgreement(one.partner.actor, (await one.load()).access)).toBe(false);
    expect(one.owner.email).not.toBe(two.owner.email);
    expect((await one.load()).agreement.title).not.toBe((await two.load()).agreement.title);
  });
});
