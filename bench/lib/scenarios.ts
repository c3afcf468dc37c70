/**
 * What each benchmarked page asks the database: the domain functions its loader calls, in the
 * same order with the same arguments (kept in step with the routes by hand — a route that
 * gains a query should gain it here). Used by the query benchmark and the query-plan test.
 */
import type { DB } from "../../db/client";
import { loadActorByEmail } from "../../app/domain/access/access.server";
import type { Actor } from "../../app/domain/access/access";
import {
  findAgreement,
  lifecycleFacts,
  listAgreements,
  listAmendments,
  listParties,
} from "../../app/domain/agreement/agreement.queries.server";
import { AgreementListQuery } from "../../app/domain/agreement/agreement.schema";
import { dashboardView } from "../../app/domain/dashboard/dashboard-view.server";
import { partnerImpact } from "../../app/domain/dashboard/impact.server";
import { followUpSummary } from "../../app/domain/delivery/deliverables.server";
import { listSignatoryCandidates, organizationNames } from "../../app/domain/organization/organization.server";
import { paperSigningOf } from "../../app/domain/signing/signing.server";
import { getCommittee, partyIds } from "../../app/domain/committee/committee.server";
import { getMeeting } from "../../app/domain/committee/meetings.server";
import { linkTargets } from "../../app/domain/committee/action-items.server";
import { financesView, organizationFinancesView } from "../../app/domain/finance/finance-view.server";
import { findReport } from "../../app/domain/report/report-queries.server";
import { reportsListView, reportView } from "../../app/domain/report/report-view.server";
import { todayInMorocco } from "../../app/lib/time";
import type { Manifest } from "../dataset/generate";

export interface Scenario {
  name: string;
  user: keyof Manifest["users"];
  run(db: DB, actor: Actor): Promise<unknown>;
}

export const actorFor = loadActorByEmail;

export function scenarios(m: Manifest): Scenario[] {
  const today = todayInMorocco();
  const list = (query: Record<string, string>) => async (db: DB, actor: Actor) => {
    const filters = AgreementListQuery.parse(query);
    await listAgreements(db, actor, filters);
    if (filters.partner) await organizationNames(db, filters.partner);
  };
  return [
    {
      name: "dashboard",
      user: "president",
      // The route's own view: what the page reads, whatever it gains.
      run: (db, actor) => dashboardView(db, actor, { name: "", isPlatformAdmin: false, locale: "fr", today }),
    },
    { name: "agreements?status=active", user: "president", run: list({ status: "active" }) },
    { name: "agreements?partner=…", user: "president", run: list({ partner: m.partnerFilterId }) },
    { name: `agreements?q=${m.searchWords.fr}`, user: "president", run: list({ q: m.searchWords.fr }) },
    { name: `agreements?q=${m.searchWords.ar}`, user: "president", run: list({ q: m.searchWords.ar }) },
    {
      name: "agreement overview",
      user: "president",
      async run(db, actor) {
        const loaded = (await findAgreement(db, actor, m.overviewAgreementId))!;
        const a = loaded.agreement;
        const parties = await listParties(db, a.id);
        await lifecycleFacts(db, a, today);
        await listSignatoryCandidates(
          db,
          actor,
          loaded.access,
          parties.map((p) => p.organizationId),
        );
        await listAmendments(db, actor, a.id);
        await paperSigningOf(db, a.id);
        await followUpSummary(db, a.id, today);
      },
    },
    {
      name: "meeting (50 KB minutes)",
      user: "president",
      async run(db, actor) {
        const loaded = (await findAgreement(db, actor, m.meeting.agreementId))!;
        await getCommittee(db, loaded.agreement.id);
        await getMeeting(db, loaded.agreement.id, m.meeting.meetingId);
        await listParties(db, loaded.agreement.id);
        await partyIds(db, loaded.agreement.id);
        await linkTargets(db, loaded.agreement.id);
      },
    },
    { name: "impact (partner view)", user: "partner", run: (db, actor) => partnerImpact(db, actor, today) },
    ...(m.finance?.agreementId ? financeScenarios(m.finance, today) : []),
  ];
}

/** The money and reports pages (issue #22): /finances, an agreement's finances, its reports and one report. */
function financeScenarios(f: Manifest["finance"], today: string): Scenario[] {
  const loadedFor = async (db: DB, actor: Actor) => (await findAgreement(db, actor, f.agreementId))!;
  return [
    {
      name: "finances (all agreements)",
      user: "president",
      run: (db, actor) => organizationFinancesView(db, actor, today),
    },
    {
      name: "agreement finances",
      user: "president",
      run: async (db, actor) => financesView(db, actor, await loadedFor(db, actor), today),
    },
    {
      name: "agreement reports",
      user: "president",
      run: async (db, actor) => reportsListView(db, actor, await loadedFor(db, actor), today),
    },
    {
      name: "report",
      user: "president",
      async run(db, actor) {
        const loaded = await loadedFor(db, actor);
        const report = (await findReport(db, actor, loaded.access, f.agreementId, f.reportId))!;
        await reportView(db, actor, loaded, report, {});
      },
    },
  ];
}
