/**
 * Benchmark 5 — documents: the PDF of a 40-article bilingual agreement, of long minutes and the annual
 * impact report of the overview's agreement, each generated several times in a row while a client
 * pings /healthz every 10 ms; the ping's latency beyond its own baseline is the time the event loop
 * was blocked (its delay: the target is a p99 under 50 ms while a document is made, issue #17).
 */
import type { Manifest } from "./dataset/generate";
import { round, summary } from "./lib/stats";

async function pingWhile<T>(appUrl: string, work: () => Promise<T>): Promise<{ value: T; pings: number[] }> {
  const pings: number[] = [];
  let running = true;
  const pinger = (async () => {
    while (running) {
      const start = performance.now();
      await (await fetch(`${appUrl}/healthz`)).arrayBuffer();
      pings.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const value = await work();
  running = false;
  await pinger;
  return { value, pings };
}

/**
 * `cpuMs`: the server's CPU time so far (all processes, their PDF workers included): the CPU each
 * document cost, less sensitive than its wall time to a machine shared with other work.
 */
export async function benchDocuments(appUrl: string, cookie: string, m: Manifest, times = 5, cpuMs?: () => number) {
  const baseline = await pingWhile(appUrl, () => new Promise((r) => setTimeout(r, 1000)));
  const rows = [];
  for (const doc of [
    { name: "agreement PDF (40 articles, fr+ar)", path: `/agreements/${m.pdfAgreementId}/pdf` },
    {
      name: `minutes PDF (${Math.round(m.meeting.minutesBytes / 1000)} KB Markdown)`,
      path: `/agreements/${m.meeting.agreementId}/meetings/${m.meeting.meetingId}/minutes.pdf`,
    },
    {
      name: `impact report PDF (${new Date().getUTCFullYear()})`,
      path: `/agreements/${m.overviewAgreementId}/report.pdf?year=${new Date().getUTCFullYear()}`,
    },
  ]) {
    const durations: number[] = [];
    let bytes = 0;
    const cpuBefore = cpuMs?.() ?? NaN;
    const { pings } = await pingWhile(appUrl, async () => {
      for (let i = 0; i < times; i++) {
        const start = performance.now();
        const res = await fetch(appUrl + doc.path, { headers: { cookie } });
        const body = await res.arrayBuffer();
        if (!res.ok) throw new Error(`${doc.path} answered ${res.status}`);
        bytes = body.byteLength;
        durations.push(performance.now() - start);
      }
    });
    const during = summary(pings);
    rows.push({
      document: doc.name,
      bytes,
      /** The server's CPU per document over the `times` (the first included), pings' own cost included. */
      cpuMsPerDocument: Math.round(((cpuMs?.() ?? NaN) - cpuBefore) / times),
      /** The first one: the first PDF of its kind this server draws (issue #22: the first agreement PDF under 300 ms). */
      firstMs: Math.round(durations[0] ?? NaN),
      generation: summary(durations),
      healthzDuring: during,
      // What the pings waited beyond an idle server's answer: the event loop's delay while the PDF was made.
      eventLoopDelayP99Ms: Math.max(0, Math.round((during.p99 - summary(baseline.pings).p50) * 10) / 10),
    });
  }
  return { healthzIdle: summary(baseline.pings), documents: rows };
}

/**
 * Benchmark 10 — several PDFs at once: `parallel` requests sent together (agreement, minutes and
 * impact report in turn), `rounds` times, while /healthz is pinged; the same mix one at a time
 * first. Throughput (PDFs per second) at `parallel` over one at a time says whether the documents
 * are drawn in parallel (a pool of workers per process, and the HTTP processes); the pings' delay
 * says whether the request threads stay free meanwhile.
 */
export async function benchConcurrentDocuments(
  appUrl: string,
  cookie: string,
  m: Manifest,
  { parallel = 8, rounds = 4 }: { parallel?: number; rounds?: number } = {},
) {
  const year = new Date().getUTCFullYear();
  const kinds = [
    { name: "agreement", path: `/agreements/${m.pdfAgreementId}/pdf` },
    { name: "minutes", path: `/agreements/${m.meeting.agreementId}/meetings/${m.meeting.meetingId}/minutes.pdf` },
    { name: "impact report", path: `/agreements/${m.overviewAgreementId}/report.pdf?year=${year}` },
  ];
  const byKind = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
  const draw = async (i: number, keep: boolean) => {
    const kind = kinds[i % kinds.length]!;
    const start = performance.now();
    const res = await fetch(appUrl + kind.path, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${kind.path} answered ${res.status}`);
    if (keep) byKind.get(kind.name)!.push(performance.now() - start);
  };
  // Every kind drawn once first: the first of each kind is benchmark 5's figure, not this one's.
  for (let i = 0; i < kinds.length; i++) await draw(i, false);
  const baseline = await pingWhile(appUrl, () => new Promise((r) => setTimeout(r, 1000)));
  const total = parallel * rounds;
  const serialStart = performance.now();
  for (let i = 0; i < total; i++) await draw(i, false);
  const serialS = (performance.now() - serialStart) / 1000;
  const { value: parallelS, pings } = await pingWhile(appUrl, async () => {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: parallel }, (_, i) => draw(i, true)));
    return (performance.now() - start) / 1000;
  });
  const during = summary(pings);
  const oneAtATime = round(total / serialS, 2);
  const atOnce = round(total / parallelS, 2);
  return {
    parallel,
    rounds,
    pdfs: total,
    perKind: kinds.map((k) => ({ document: k.name, ...summary(byKind.get(k.name)!) })),
    all: summary([...byKind.values()].flat()),
    /** PDFs per second, one at a time and `parallel` at once, and their ratio. */
    throughputOneAtATime: oneAtATime,
    throughputAtOnce: atOnce,
    speedup: round(atOnce / oneAtATime, 2),
    healthzIdle: summary(baseline.pings),
    healthzDuring: during,
    eventLoopDelayP99Ms: Math.max(0, Math.round((during.p99 - summary(baseline.pings).p50) * 10) / 10),
  };
}
