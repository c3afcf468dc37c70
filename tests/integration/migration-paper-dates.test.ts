/**
 * Migration 2026-12-01-0030 on a database written before it: a paper ceremony's signatures lose
 * their invented 12:00 UTC and take the ceremony's date, the agreement its signing day instead of
 * the moment it was recorded, and a signature made in the app late in the evening (UTC) the day it
 * was in Morocco.
 */
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest } from "../../db/migrator";
import { createEmptyTestDatabase, type TestDatabase } from "../support/db";

const BEFORE = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "2026-12-01-0030"));
const RECORDED = "2026-12-01T10:15:00.000Z";
let t: TestDatabase;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before this migration, untyped
let db: Kysely<any>;

async function insert(table: string, row: Record<string, unknown>) {
  const common = { created_at: RECORDED, ...row };
  await db.insertInto(table).values(common).execute();
}

/** An agreement between two organizations, active, with its two parties. */
async function agreement(id: string, signedAt: string) {
  await insert("agreement", {
    id,
    reference: `CH-2026-${id}`,
    kind: "partnership",
    title: `Convention ${id}`,
    status: "active",
    owner_organization_id: "orgA",
    signed_at: signedAt,
    text_version: 1,
    updated_at: RECORDED,
  });
  for (const org of ["orgA", "orgB"])
    await insert("agreement_party", {
      id: `${id}-${org}`,
      agreement_id: id,
      organization_id: org,
      role: org === "orgA" ? "association" : "partner",
      updated_at: RECORDED,
    });
}

async function signature(
  id: string,
  agreementId: string,
  org: string,
  method: string,
  signedAt: string,
  paper?: string,
) {
  await insert("signature", {
    id,
    agreement_id: agreementId,
    version_number: 1,
    content_hash: "h",
    party_id: `${agreementId}-${org}`,
    organization_id: org,
    signer_name: `Signataire ${org}`,
    method,
    paper_signing_id: paper ?? null,
    signed_at: signedAt,
    updated_at: RECORDED,
  });
}

beforeAll(async () => {
  t = await createEmptyTestDatabase();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  db = t.db as unknown as Kysely<any>;
  await migrateToLatest(t.db, BEFORE);
  await insert("user", {
    id: "u1",
    email: "p@x.test",
    name: "Mustapha El Harma",
    password_hash: "x",
    updated_at: RECORDED,
  });
  for (const id of ["orgA", "orgB"])
    await insert("organization", { id, kind: "association", name_fr: id, updated_at: RECORDED });
  // Signed on paper in Agadir on 1 January 2022, recorded on 1 December 2026.
  await agreement("0001", RECORDED);
  await insert("attachment", {
    id: "scan",
    owner_type: "agreement",
    owner_id: "0001",
    purpose: "paper_scan",
    stored_name: "scan.pdf",
    original_name: "scan.pdf",
    mime_type: "application/pdf",
    size: 3,
    sha256: "s",
  });
  await insert("paper_signing", {
    id: "paper",
    agreement_id: "0001",
    version_number: 1,
    content_hash: "h",
    signed_on: "2022-01-01",
    place: "Agadir",
    scan_attachment_id: "scan",
    recorded_by_user_id: "u1",
  });
  for (const org of ["orgA", "orgB"])
    await signature(`p-${org}`, "0001", org, "paper", "2022-01-01T12:00:00.000Z", "paper");
  // Signed in the app on 30 June 2026 at 23:30 UTC: 1 July at 00:30 in Morocco.
  await agreement("0002", "2026-06-30T23:30:05.000Z");
  await signature("a-orgA", "0002", "orgA", "in_app", "2026-06-30T09:00:00.000Z");
  await signature("a-orgB", "0002", "orgB", "in_app", "2026-06-30T23:30:00.000Z");
  await migrateToLatest(t.db);
});
afterAll(() => t.close());

describe("migration 0030: a paper signing has a date, not a time", () => {
  it("paper signatures take the ceremony's date and no time; signatures in the app keep their instant and get their day in Morocco", async () => {
    const rows = await sql<{ id: string; signed_on: string; signed_at: string | null }>`
      select id, signed_on, signed_at from signature order by id`.execute(db);
    expect(rows.rows).toEqual([
      { id: "a-orgA", signed_on: "2026-06-30", signed_at: "2026-06-30T09:00:00.000Z" },
      { id: "a-orgB", signed_on: "2026-07-01", signed_at: "2026-06-30T23:30:00.000Z" },
      { id: "p-orgA", signed_on: "2022-01-01", signed_at: null },
      { id: "p-orgB", signed_on: "2022-01-01", signed_at: null },
    ]);
  });

  it("an agreement takes the day it was signed, not the day it was recorded; the recording keeps its time and author", async () => {
    const agreements = await sql<{ id: string; signed_on: string }>`
      select id, signed_on from agreement order by id`.execute(db);
    expect(agreements.rows).toEqual([
      { id: "0001", signed_on: "2022-01-01" },
      { id: "0002", signed_on: "2026-07-01" },
    ]);
    const paper = await sql`select signed_on, recorded_at, recorded_by_user_id from paper_signing`.execute(db);
    expect(paper.rows).toEqual([{ signed_on: "2022-01-01", recorded_at: RECORDED, recorded_by_user_id: "u1" }]);
  });
});
