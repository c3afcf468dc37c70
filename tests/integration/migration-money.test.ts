/**
 * Migration 2026-12-01-0060 on a database written before it: every contribution typed on a party
 * becomes a budget line of its agreement (its cash amount a cash share, its in-kind text an in-kind
 * share to be valued), so that no figure is lost when contributions become the sums of shares; the
 * new columns take their defaults (country 'MA', a 10 % reallocation limit, 'general' obligations).
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest } from "../../db/migrator";
import { createEmptyTestDatabase, type TestDatabase } from "../support/db";

const BEFORE = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "2026-12-01-0060"));
const AT = "2026-11-30T10:00:00.000Z";
let t: TestDatabase;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before this migration, untyped
let db: Kysely<any>;

async function insert(table: string, row: Record<string, unknown>) {
  await db
    .insertInto(table)
    .values({ created_at: AT, updated_at: AT, ...row })
    .execute();
}

beforeAll(async () => {
  t = await createEmptyTestDatabase();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  db = t.db as unknown as Kysely<any>;
  await migrateToLatest(t.db, BEFORE);
  for (const [id, kind, name] of [
    ["orga", "association", "Association Sofara"],
    ["orgb", "foundation", "Fondation Clear Vision"],
    ["orgc", "company", "Kazyon Maroc"],
  ])
    await insert("organization", { id, kind, name_fr: name });
  await insert("agreement", {
    id: "agr1",
    reference: "CH-2026-0001",
    kind: "partnership",
    title: "Convention",
    status: "active",
    owner_organization_id: "orga",
    currency: "MAD",
  });
  await insert("agreement_party", {
    id: "p-a",
    agreement_id: "agr1",
    organization_id: "orga",
    role: "association",
    contribution_cents: 5_000_000,
    contribution_in_kind: "Bénévoles et logistique",
    signing_order: 0,
  });
  await insert("agreement_party", {
    id: "p-b",
    agreement_id: "agr1",
    organization_id: "orgb",
    role: "partner",
    contribution_cents: 15_000_000,
    signing_order: 1,
  });
  await insert("agreement_party", {
    id: "p-c",
    agreement_id: "agr1",
    organization_id: "orgc",
    role: "partner",
    contribution_in_kind: "   ",
    signing_order: 2,
  });
  await insert("obligation", {
    id: "ob1",
    agreement_id: "agr1",
    responsible_party_id: "p-a",
    description: "Rapport",
  });
  await migrateToLatest(t.db);
});
afterAll(() => t.close());

describe("migration 0060 (money)", () => {
  it("moves each typed contribution into a budget line of its own, so no figure is lost", async () => {
    const lines = await db
      .selectFrom("budget_line")
      .selectAll()
      .where("agreement_id", "=", "agr1")
      .orderBy("position")
      .execute();
    expect(lines.map((l) => [l.position, l.category, l.description, l.currency])).toEqual([
      [1, "other", "Bénévoles et logistique", "MAD"],
      [2, "other", "Contribution — Fondation Clear Vision", "MAD"],
    ]);
    const shares = await db
      .selectFrom("budget_share")
      .select(["budget_line_id", "party_id", "kind", "amount_minor", "note"])
      .orderBy("party_id")
      .orderBy("kind")
      .execute();
    expect(shares.map((s) => [s.party_id, s.kind, Number(s.amount_minor), s.note])).toEqual([
      ["p-a", "cash", 5_000_000, null],
      ["p-a", "in_kind", 0, "Bénévoles et logistique"],
      ["p-b", "cash", 15_000_000, null],
    ]);
    // A party with only blank in-kind text had nothing to move.
    expect(shares.some((s) => s.party_id === "p-c")).toBe(false);
  });

  it("gives the new columns their defaults", async () => {
    const org = await db
      .selectFrom("organization")
      .select(["country", "bank_account"])
      .where("id", "=", "orgb")
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ country: "MA", bank_account: null });
    const agreement = await db
      .selectFrom("agreement")
      .select(["reallocation_limit_bp", "report_acceptance"])
      .executeTakeFirstOrThrow();
    expect(agreement).toEqual({ reallocation_limit_bp: 1000, report_acceptance: "all" });
    const obligation = await db.selectFrom("obligation").select(["kind", "tranche_id"]).executeTakeFirstOrThrow();
    expect(obligation).toEqual({ kind: "general", tranche_id: null });
  });
});
