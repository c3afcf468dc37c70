import { describe, expect, it } from "vitest";
import { canonicalJson, createChainVerifier, entryHash, GENESIS_HASH } from "~/domain/audit/audit";

function chain(n: number) {
  const rows = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: i,
      id: `id${i}`,
      type: "organization.updated",
      actor_user_id: "u1",
      organization_id: "o1",
      agreement_id: null,
      subject_id: "o1",
      data: canonicalJson({ fields: ["city"], n: i }),
      ip: "127.0.0.1",
      user_agent: "test",
      created_at: `2026-11-23T10:00:0${i}.000Z`,
    };
    const hash = entryHash(prev, fields);
    rows.push({ ...fields, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("canonical JSON", () => {
  it("is the same text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: "é" } })).toBe(
      canonicalJson({ a: { c: "é", d: [2, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe("audit chain verification", () => {
  it("accepts an untouched chain", () => {
    const verifier = createChainVerifier();
    for (const row of chain(5)) verifier.step(row);
    expect(verifier.result()).toMatchObject({ ok: true, count: 5 });
  });

  it("reports the first altered entry", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, data: canonicalJson({ fields: ["name"], n: 3 }) };
    const verifier = createChainVerifier();
    for (const row of rows) verifier.step(row);
    expect(verifier.result()).toMatchObject({ ok: false, firstBadSeq: 3, reason: "hash_mismatch" });
  });

  it("reports a deleted entry as a gap", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const verifier = createChainVerifier();
    for (const row of rows) verifier.step(row);
    expect(verifier.result()).toMatchObject({ ok: false, firstBadSeq: 2, reason: "gap" });
  });
});
