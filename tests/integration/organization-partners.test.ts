/**
 * The kept partner pairs (migration 0190, the database's triggers) and the partner suggestions read
 * from them (knownPartners): the pairs are those the parties give, computed from scratch, after a party
 * is added or removed, an agreement shared twice then once, and a partner renamed; and the suggestions
 * are what the join over every party gave before the pairs were kept, with a limit and exclusions. On
 * both engines.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addParty, removeParty } from "~/domain/agreement/agreement.commands.server";
import { organizationIds, type Actor } from "~/domain/access/access";
import {
  getOrganization,
  knownPartners,
  stalePartners,
  updateOrganization,
} from "~/domain/organization/organization.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
let db: DB;
beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
});
afterAll(async () => {
  await t?.close();
});

/** The suggestions as they were read before migration 0190: every party of every agreement of mine, by name. */
async function fromEveryParty(actor: Actor, options: { limit?: number; exclude?: string[] } = {}) {
  const mine = organizationIds(actor);
  const rows = await db
    .selectFrom("organization")
    .select("id")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("agreement_party as other")
        .innerJoin("agreement_party as own", "own.agreement_id", "other.agreement_id")
        .select("other.organization_id")
        .where("own.organization_id", "in", mine),
    )
    .where("id", "not in", [...mine, ...(options.exclude ?? ["-"])])
    .orderBy(sql`lower(coalesce(name_fr, name_ar))`)
    .orderBy("id")
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => r.id);
}

const ids = async (actor: Actor, options?: { limit?: number; exclude?: string[] }) =>
  (await knownPartners(db, actor, options)).map((o) => o.id);

describe("an organization's kept partners", () => {
  it("follow its parties: a party added, an agreement shared twice then once, a party removed", async () => {
    const f = factories(db);
    const first = await f.agreement({ status: "draft", partners: ["foundation"] });
    const second = await f.agreement({ status: "draft", owner: first.owner, partner: first.partner });
    expect(await stalePartners(db)).toEqual([]);
    const shared = async () =>
      (
        await db
          .selectFrom("organization_partner")
          .select("shared")
          .where("organization_id", "=", first.owner.organizationId)
          .where("partner_id", "=", first.partner.organizationId)
          .executeTakeFirst()
      )?.shared;
    expect(Number(await shared())).toBe(2);

    const company = await f.organization({ kind: "company" });
    expect(
      await addParty(db, first.owner.actor, first.owner.meta, await first.load(), {
        organizationId: company,
        role: "partner",
      }),
    ).toEqual({ ok: true });
    expect(await stalePartners(db)).toEqual([]);
    expect(await ids(first.owner.actor)).toContain(company);

    for (const agreement of [second, first]) {
      const party = (await agreement.parties()).find((p) => p.organizationId === first.partner.organizationId)!;
      expect(
        await removeParty(db, first.owner.actor, first.owner.meta, await agreement.load(), { partyId: party.id }),
      ).toEqual({ ok: true });
      expect(await stalePartners(db)).toEqual([]);
    }
    expect(await shared()).toBeUndefined();
    expect(await ids(first.owner.actor)).toEqual([company]);
    expect(await ids(first.owner.actor)).toEqual(await fromEveryParty(first.owner.actor));
  });

  it("carry a renamed partner's new name, in the order of the names", async () => {
    const f = factories(db);
    const a = await f.agreement({ status: "draft", partners: ["foundation", "company", "company"] });
    const [, second] = a.partners;
    const before = (await getOrganization(db, second!.actor, second!.organizationId))!;
    expect(
      await updateOrganization(db, second!.actor, second!.meta, second!.organizationId, {
        version: before.version,
        kind: before.kind,
        nameFr: "000 Premier par son nom",
        nameAr: before.nameAr ?? undefined,
        city: before.city ?? undefined,
        region: before.region ?? undefined,
        registrationNumber: undefined,
        contactEmail: undefined,
        contactPhone: undefined,
      }),
    ).toEqual({ ok: true });
    expect(await stalePartners(db)).toEqual([]);
    expect((await ids(a.owner.actor))[0]).toBe(second!.organizationId);
    expect(await ids(a.owner.actor)).toEqual(await fromEveryParty(a.owner.actor));
  });
});

describe("the partner suggestions", () => {
  it("are the first by name of the organizations sharing an agreement, as the join over every party gave them, with a limit and exclusions", async () => {
    const f = factories(db);
    const owner = (await f.agreement({ status: "draft", partners: ["foundation"] })).owner;
    for (let i = 0; i < 7; i++) await f.agreement({ status: "draft", owner, partners: ["company", "foundation"] });
    const all = await fromEveryParty(owner.actor);
    expect(all.length).toBe(15);
    expect(await ids(owner.actor)).toEqual(all);
    expect(await ids(owner.actor, { limit: 4 })).toEqual(all.slice(0, 4));
    const exclude = [all[0]!, all[2]!];
    expect(await ids(owner.actor, { limit: 4, exclude })).toEqual(
      await fromEveryParty(owner.actor, { limit: 4, exclude }),
    );
    // A partner that is also one of my organizations is never suggested to me.
    const member = await f.person({ organizationId: all[1]! });
    const both = { ...owner.actor, memberships: [...owner.actor.memberships, ...member.actor.memberships] };
    expect(await ids(both, { limit: 4 })).toEqual(await fromEveryParty(both, { limit: 4 }));
    expect(await ids(both)).not.toContain(all[1]);
  });
});
