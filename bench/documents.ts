/**
 * Benchmark 5 — documents: the PDF of a 40-article bilingual agreement, of long minutes and the annual
 * impact report of the overview's agreement, each generated several times in a row while a client
 * pings /healthz every 10 ms; the ping's latency beyond its own baseline is the time the event loop
 * was blocked (its delay: the target is a p99 under 50 ms while a document is made, issue #17).
 */
import type { Manifest } from "./dataset/generate";
import { summary } from "./lib/stats";

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

export async function benchDocuments(appUrl: string, cookie: string, m: Manifest, times = 5) {
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
