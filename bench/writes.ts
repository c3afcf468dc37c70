/**
 * Benchmark 4 — writes under a 95/5 read/write mix: 10 clients loop; each request is a read
 * (the agreements list) 95% of the time, otherwise a write — alternately a signature (password
 * checked with argon2id, signature and audit event in one transaction) and a delivery record.
 */
import type { Manifest } from "./dataset/generate";
import { summary } from "./lib/stats";

/**
 * The next of the manifest's parties to sign: shared by every run of the mix in one benchmark (the
 * writes part, then the soak), which would otherwise sign the same parties again and be refused.
 */
let signIndex = 0;

export async function benchWrites(
  appUrl: string,
  cookies: Record<"president" | "signer", string>,
  m: Manifest,
  seconds: number,
) {
  const reads: number[] = [];
  const signatures: number[] = [];
  const deliveries: number[] = [];
  let failures = 0;
  /** What each failure answered, e.g. "delivery 400": a failure is a finding to explain, not noise. */
  const failed: Record<string, number> = {};
  const fail = (kind: string, status: number) => {
    failures += 1;
    failed[`${kind} ${status}`] = (failed[`${kind} ${status}`] ?? 0) + 1;
  };
  let deliverIndex = 0;
  let writeCount = 0;
  const today = m.generatedOn;
  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    fetch(appUrl + path, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
  const deadline = Date.now() + seconds * 1000;
  let requestNumber = 0;
  const client = async () => {
    while (Date.now() < deadline) {
      try {
        await one();
      } catch {
        // No answer at all (connection refused or reset): a failure too.
        fail("no answer", 0);
      }
    }
  };
  const one = async () => {
    requestNumber += 1;
    const write = requestNumber % 20 === 0;
    const start = performance.now();
    if (!write) {
      const res = await fetch(`${appUrl}/agreements?status=active`, { headers: { cookie: cookies.president } });
      await res.arrayBuffer();
      if (!res.ok) fail("read", res.status);
      reads.push(performance.now() - start);
      return;
    }
    writeCount += 1;
    if (writeCount % 2 === 1 && signIndex < m.toSign.length) {
      const [agreementId, partyId] = m.toSign[signIndex++]!;
      const res = await post(`/agreements/${agreementId}/sign`, cookies.signer, {
        intent: "sign",
        partyId,
        consent: "on",
        typedName: "Salma Bouzid",
        password: m.password,
      });
      if (res.status !== 302) fail("signature", res.status);
      signatures.push(performance.now() - start);
    } else {
      const [agreementId, deliverableId] = m.toDeliver[deliverIndex++ % m.toDeliver.length]!;
      const res = await post(`/agreements/${agreementId}/deliverables/${deliverableId}`, cookies.president, {
        intent: "recordDelivery",
        deliveredOn: today,
        quantity: "1",
        beneficiaries: "3",
        place: "Smara",
      });
      if (res.status !== 302) fail("delivery", res.status);
      deliveries.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: 10 }, client));
  return {
    seconds,
    reads: summary(reads),
    signatures: summary(signatures),
    deliveries: summary(deliveries),
    failures,
    failed,
  };
}
