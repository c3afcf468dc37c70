/**
 * The audit chain is anchored: each entry's hash is sealed with a key the database does not hold
 * (app/lib/audit-key.server.ts), so rewriting the tail of audit_event and recomputing its plain hashes, as
 * someone with write access to the database could, is still detected — by the History tab's integrity
 * check and by `npm run restore`'s verification (db/verify.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAuditChain as restoreCheck } from "../../db/verify";
import { entryHash, GENESIS_HASH } from "~/domain/audit/audit";
import { checkAuditChain, sealUnsealedAuditLog } from "~/domain/audit/audit.server";
import { integrityReport } from "~/domain/signing/verification.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let agreementId: string;
beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  agreementId = (await t.db.selectFrom("agreement").select("id").executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

/** What an attacker with the database but not the key does: change rows, recompute every hash after. */
async function rewriteTail(fromSeq: number) {
  const rows = await t.db.selectFrom("audit_event").selectAll().where("seq", ">=", fromSeq).orderBy("seq").execute();
  let prev =
    (
      await t.db
        .selectFrom("audit_event")
        .select("hash")
        .where("seq", "=", fromSeq - 1)
        .executeTakeFirst()
    )?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const changed = { ...row, ip: "203.0.113.66", data: row.seq === fromSeq ? '{"forged":true}' : row.data };
    const hash = entryHash(prev, changed);
    await t.db
      .updateTable("audit_event")
      .set({ ip: changed.ip, data: changed.data, prev_hash: prev, hash })
      .where("seq", "=", row.seq)
      .execute();
    prev = hash;
  }
}

describe("the audit chain is sealed with a key", () => {
  it("every entry carries its seal; the History check starts from the last verified checkpoint", async () => {
    expect(await t.db.selectFrom("audit_event").select("seq").where("mac", "is", null).execute()).toEqual([]);
    const first = await checkAuditChain(t.db, { full: false });
    expect(first).toMatchObject({ ok: true, fromSeq: 0, sealed: true });
    const second = await integrityReport(t.db, agreementId);
    expect(second.auditChain).toEqual({ ok: true, fromSeq: first.ok ? first.lastSeq : -1 });
  });

  it("a forged checkpoint (no key) is passed over", async () => {
    const last = await t.db
      .selectFrom("audit_event")
      .select(["seq", "hash"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("audit_checkpoint")
      .values({ seq: last.seq + 1000, hash: last.hash, mac: "0".repeat(64), full_check: 1, checked_at: "x" })
      .execute();
    expect((await checkAuditChain(t.db, { full: false })).fromSeq).toBe(last.seq);
  });

  it("rewriting the last rows with recomputed plain hashes: the checks name the first altered one", async () => {
    const { max } = await t.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.max("seq").as("max"))
      .executeTakeFirstOrThrow();
    const firstAltered = Number(max) - 2;
    // Unsealed entries (no key, only the plain chain) would pass: the plain chain is consistent.
    await rewriteTail(firstAltered);
    const report = await integrityReport(t.db, agreementId, { full: true });
    expect(report.ok).toBe(false);
    expect(report.auditChain).toEqual({ ok: false, firstBadSeq: firstAltered, fromSeq: 0 });
    // The History tab's own check, from its last checkpoint, also sees it.
    expect((await integrityReport(t.db, agreementId)).auditChain.firstBadSeq).toBe(firstAltered);
    // And so does the verification of `npm run restore`.
    expect(await restoreCheck(t.db)).toMatchObject({ ok: false, firstBadSeq: firstAltered, reason: "seal_mismatch" });
  });

  it("removing the seals does not help, and they are not made again at the next start", async () => {
    await t.db.updateTable("audit_event").set({ mac: null }).execute();
    expect(await sealUnsealedAuditLog(t.db)).toBe(0); // checkpoints exist: sealing happened before
    expect(await restoreCheck(t.db)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });
});
