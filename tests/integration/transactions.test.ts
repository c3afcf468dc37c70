/**
 * Write transactions never interleave, whichever the database: two handles on the same database
 * (two processes or two instances of the app, with their own connections) append to the audit
 * chain at the same time, and the chain stays one unbroken line. SQLite gets this from BEGIN
 * IMMEDIATE (db/sqlite.ts), PostgreSQL from the advisory lock every transaction takes first
 * (db/postgres.ts). Without it, two appends read the same last hash and fork the chain.
 *
 * PostgreSQL only: better-sqlite3 is synchronous, so a second SQLite handle in the same process
 * waiting for the write lock blocks the event loop the first one needs to commit (a deadlock
 * until busy_timeout). SQLite's two-process case is the crash and backup tests' writer process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { appendAuditEvent, verifyAuditChain } from "~/domain/audit/audit.server";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/db";

let t: TestDatabase;
let other: DatabaseHandle;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestDatabase();
  other = t.openAnother();
});
afterAll(async () => {
  if (!onPostgres) return;
  await other.close();
  await t.close();
});

describe.skipIf(!onPostgres)("concurrent write transactions", () => {
  it("append to the audit chain from two handles at once without forking it", async () => {
    const meta = { actorUserId: null, ip: null, userAgent: "test" };
    const append = (db: TestDatabase["db"], i: number) =>
      db.transaction().execute(async (trx) => {
        const appended = await appendAuditEvent(trx, meta, { type: "user.logged_in", data: {}, subjectId: `s${i}` });
        // Give the other handle every chance to read the same last hash before this one commits.
        await new Promise((resolve) => setTimeout(resolve, 2));
        return appended;
      });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 === 0 ? t.db : other.db, i)));
    expect(new Set(results.map((r) => r.seq)).size).toBe(40);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: true });
    const rows = await t.db.selectFrom("audit_event").select(["seq", "prev_hash", "hash"]).orderBy("seq").execute();
    expect(rows).toHaveLength(40);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });
});
