/**
 * Benchmark 3 — pages: each page loaded by its user at 10 connections (after a warm-up load as long),
 * with the server's CPU time per request (its processes' CPU time over the load, divided by the
 * requests served). The federation's dashboard, list, search and partner view have a twin for the
 * small association (and its small company partner): `compare` names the pair whose CPU per request
 * must stay within 2× (issue #22, "cost independent of size").
 */
import type { Manifest } from "./dataset/generate";
import { loadPage, type LoadResult } from "./http";
import { cpuPerRequest } from "./lib/server";

export type PageUser = "president" | "partner" | "smallPresident" | "smallPartner";
export type Compared = "dashboard" | "list" | "search" | "partner view";

export interface PageUrl {
  page: string;
  user: PageUser;
  path: string;
  /** The pair this page belongs to, and on which side (the federation's or the small association's). */
  compare?: { pair: Compared; side: "federation" | "association" };
}

export function pageUrls(m: Manifest): PageUrl[] {
  const search = `/agreements?q=${encodeURIComponent(m.searchWords.fr)}`;
  const pages: PageUrl[] = [
    { page: "dashboard", user: "president", path: "/", compare: { pair: "dashboard", side: "federation" } },
    {
      page: "agreements?status=active",
      user: "president",
      path: "/agreements?status=active",
      compare: { pair: "list", side: "federation" },
    },
    { page: "agreements?partner=…", user: "president", path: `/agreements?partner=${m.partnerFilterId}` },
    {
      page: `search (fr) ${m.searchWords.fr}`,
      user: "president",
      path: search,
      compare: { pair: "search", side: "federation" },
    },
    {
      page: `search (ar) ${m.searchWords.ar}`,
      user: "president",
      path: `/agreements?q=${encodeURIComponent(m.searchWords.ar)}`,
    },
    { page: "agreement overview", user: "president", path: `/agreements/${m.overviewAgreementId}` },
    {
      page: `meeting (${Math.round(m.meeting.minutesBytes / 1000)} KB minutes)`,
      user: "president",
      path: `/agreements/${m.meeting.agreementId}/meetings/${m.meeting.meetingId}`,
    },
    {
      page: "impact (partner view)",
      user: "partner",
      path: "/impact",
      compare: { pair: "partner view", side: "federation" },
    },
  ];
  // Datasets generated before the money and the small association (no manifest fields): those pages are left out.
  if (m.finance?.agreementId) {
    pages.push(
      { page: "finances (all agreements)", user: "president", path: "/finances" },
      { page: "agreement finances", user: "president", path: `/agreements/${m.finance.agreementId}/finances` },
      { page: "agreement reports", user: "president", path: `/agreements/${m.finance.agreementId}/reports` },
      {
        page: "report",
        user: "president",
        path: `/agreements/${m.finance.agreementId}/reports/${m.finance.reportId}`,
      },
    );
  }
  if (m.small) {
    pages.push(
      {
        page: "dashboard (small association)",
        user: "smallPresident",
        path: "/",
        compare: { pair: "dashboard", side: "association" },
      },
      {
        page: "agreements?status=active (small association)",
        user: "smallPresident",
        path: "/agreements?status=active",
        compare: { pair: "list", side: "association" },
      },
      {
        page: `search (fr) ${m.searchWords.fr} (small association)`,
        user: "smallPresident",
        path: search,
        compare: { pair: "search", side: "association" },
      },
      {
        page: "impact (small company)",
        user: "smallPartner",
        path: "/impact",
        compare: { pair: "partner view", side: "association" },
      },
    );
  }
  return pages;
}

export interface PageRow extends LoadResult {
  page: string;
  path: string;
  compare?: PageUrl["compare"];
  bytes: number;
  /** The server's CPU time (all its processes) per request sent during the load, in ms (lib/server.ts cpuPerRequest). */
  cpuMsPerRequest: number;
}

export async function benchPages(
  appUrl: string,
  cookies: Partial<Record<PageUser, string>>,
  m: Manifest,
  seconds: number,
  cpuMs: () => number,
  only?: (p: PageUrl) => boolean,
): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  for (const p of pageUrls(m).filter(only ?? (() => true))) {
    const cookie = cookies[p.user];
    if (!cookie) continue;
    let bytes = 0;
    const result = await cpuPerRequest(
      { cpuMs },
      async () => {
        const res = await fetch(appUrl + p.path, { headers: { cookie } });
        bytes = (await res.arrayBuffer()).byteLength;
        if (!res.ok) throw new Error(`${p.path} answered ${res.status}`);
        // Loaded once as measured, not counted: a server keeps compiling a page's code and filling
        // its page cache for seconds (the federation's dashboard measured three times in a row:
        // 60.5, 49.1, 46.0 ms of CPU per request), and a long-running server's figure is the warm one.
        await loadPage(appUrl + p.path, cookie, seconds);
      },
      () => loadPage(appUrl + p.path, cookie, seconds),
    );
    rows.push({ page: p.page, path: p.path, compare: p.compare, bytes, ...result });
  }
  return rows;
}

/** Each compared pair: the federation's and the small association's CPU per request, and their ratio (target ≤ 2×). */
export function sizeComparison(rows: readonly PageRow[]) {
  const round = (x: number) => Math.round(x * 100) / 100;
  const pairs: Compared[] = ["dashboard", "list", "search", "partner view"];
  return pairs.flatMap((pair) => {
    const federation = rows.find((r) => r.compare?.pair === pair && r.compare.side === "federation");
    const association = rows.find((r) => r.compare?.pair === pair && r.compare.side === "association");
    if (!federation || !association) return [];
    return [
      {
        pair,
        federationCpuMs: federation.cpuMsPerRequest,
        associationCpuMs: association.cpuMsPerRequest,
        ratio: round(federation.cpuMsPerRequest / association.cpuMsPerRequest),
        federationP50: federation.p50,
        associationP50: association.p50,
      },
    ];
  });
}
