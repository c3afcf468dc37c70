/** Benchmark 3 — pages: each page loaded by its user at 10 connections (after one warm-up request). */
import type { Manifest } from "./dataset/generate";
import { load } from "./http";

export function pageUrls(m: Manifest) {
  return [
    { page: "dashboard", user: "president" as const, path: "/" },
    { page: "agreements?status=active", user: "president" as const, path: "/agreements?status=active" },
    { page: "agreements?partner=…", user: "president" as const, path: `/agreements?partner=${m.partnerFilterId}` },
    {
      page: `search (fr) ${m.searchWords.fr}`,
      user: "president" as const,
      path: `/agreements?q=${encodeURIComponent(m.searchWords.fr)}`,
    },
    {
      page: `search (ar) ${m.searchWords.ar}`,
      user: "president" as const,
      path: `/agreements?q=${encodeURIComponent(m.searchWords.ar)}`,
    },
    { page: "agreement overview", user: "president" as const, path: `/agreements/${m.overviewAgreementId}` },
    {
      page: `meeting (${Math.round(m.meeting.minutesBytes / 1000)} KB minutes)`,
      user: "president" as const,
      path: `/agreements/${m.meeting.agreementId}/meetings/${m.meeting.meetingId}`,
    },
    { page: "impact (partner view)", user: "partner" as const, path: "/impact" },
  ];
}

export async function benchPages(
  appUrl: string,
  cookies: Record<"president" | "partner", string>,
  m: Manifest,
  seconds: number,
) {
  const rows = [];
  for (const p of pageUrls(m)) {
    const first = await fetch(appUrl + p.path, { headers: { cookie: cookies[p.user] } });
    const bytes = (await first.arrayBuffer()).byteLength;
    if (!first.ok) throw new Error(`${p.path} answered ${first.status}`);
    rows.push({
      page: p.page,
      bytes,
      ...(await load(appUrl + p.path, { cookie: cookies[p.user], connections: 10, seconds })),
    });
  }
  return rows;
}
