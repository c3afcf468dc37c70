/** Reading agreements, always through what the actor may see. */
import { inOrderOf } from "~/lib/ids";
import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { unindexed } from "../../../db/dialect";
import type { Agreement, AgreementStatus } from "../../../db/schema";
import { agreementIdsMatching } from "../../../db/search";
import { canViewAgreement, type Actor, type AgreementAccessFacts } from "../access/access";
import { organizationIdsNamed, shareAnAgreement } from "../organization/organization.server";
import { moneySnapshot } from "../finance/budget.queries.server";
import { finalReportAwaited } from "../report/report-queries.server";
import { AgreementListQuery, type AgreementListFilters } from "./agreement.schema";
import { CLOSED_DELIVERABLE_STATUSES, CLOSED_OBLIGATION_STATUSES } from "../delivery/delivery";
import type { LifecycleFacts } from "./lifecycle";
import type { AgreementSnapshot } from "./snapshot";
import { joinPartyOrganization, ORGANIZATION_NAMES } from "../party/party.queries.server";
import { keptRowsDiffer } from "~/lib/kept-rows";

export const PAGE_SIZE = 20;

export interface LoadedAgreement {
  agreement: Agreement;
  access: AgreementAccessFacts;
}

/** The agreement if it exists and the actor may see it; null otherwise (answer 404). */
export async function findAgreement(db: DB, actor: Actor, agreementId: string): Promise<LoadedAgreement | null> {
  const agreement = await db.selectFrom("agreement").selectAll().where("id", "=", agreementId).executeTakeFirst();
  if (!agreement) return null;
  const parties = await db
    .selectFrom("agreement_party")
    .select("organization_id")
    .where("agreement_id", "=", agreementId)
    .execute();
  const access: AgreementAccessFacts = {
    ownerOrganizationId: agreement.owner_organization_id,
    partyOrganizationIds: parties.map((p) => p.organization_id),
    status: agreement.status,
  };
  return canViewAgreement(actor, access) ? { agreement, access } : null;
}

/**
 * The agreements an actor can see, as a where-clause on `agreement` (lists, exports): agreements
 * of their organizations (drafts only for the owner's members); platform administrators see all.
 * `checkedPerRow` (the query's database): for a query that walks another table in its own order
 * and stops early (the activity feed, newest event first), visibility is checked on each row
 * reached rather than used to start from the visible agreements (db/dialect.ts `unindexed`).
 */
export function visibleTo(actor: Actor, checkedPerRow?: DB) {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const column = (name: string) => (checkedPerRow ? unindexed(checkedPerRow, name) : name);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- used in where() of queries over different table sets
  return (eb: any) => {
    if (actor.isPlatformAdmin) return sql<boolean>`1 = 1`;
    if (orgIds.length === 0) return sql<boolean>`1 = 0`;
    return eb.or([
      eb(column("agreement.owner_organization_id"), "in", orgIds),
      eb.and([
        eb("agreement.status", "!=", "draft"),
        eb(
          column("agreement.id"),
          "in",
          eb
            .selectFrom("agreement_party")
            .select("agreement_party.agreement_id")
            .where("agreement_party.organization_id", "in", orgIds),
        ),
      ]),
    ]);
  };
}

/** The list as it opens (newest first, filtered by status at most) for a member of organizations. */
function onlyByStatus(actor: Actor, f: AgreementListFilters) {
  const unfiltered = !f.q && !f.kind && !f.partner && !f.partnerName && !f.region && !f.year;
  return unfiltered && f.sort === "updated" && !actor.isPlatformAdmin && actor.memberships.length > 0;
}

/**
 * What `visibleTo` gives, read from the organizations' parties alone: each party row carries its
 * agreement's status and date (migrations 0140 and 0170) in one index, and the owner is always a
 * party, so the agreement row is read only for a draft (visible to the owner's members). A federation
 * party to 2,000 agreements no longer reads 2,000 agreement rows for a page of 20. An agreement has
 * one party per organization (unique), with the same status and date on each.
 */
function visibleParties(db: DB, actor: Actor, of?: string) {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  return db
    .selectFrom("agreement_party as p")
    .where("p.organization_id", "in", of === undefined ? orgIds : [of])
    .where((eb) =>
      eb.or([
        eb("p.agreement_status", "!=", "draft"),
        eb.exists(
          eb
            .selectFrom("agreement")
            .select("agreement.id")
            .whereRef("agreement.id", "=", "p.agreement_id")
            .where("agreement.owner_organization_id", "in", orgIds),
        ),
      ]),
    );
}

/**
 * The list as it opens (newest first, by status at most): the counts by status, and the page's ids.
 * Each organization's first `until` parties in date order are read from its index (an agreement among
 * the first `until` of all is among the first `until` of each of its parties), then ordered together
 * by the database: no sort of every party of a federation's organizations for a page of 20.
 */
async function visibleFromParties(db: DB, actor: Actor, status: string | undefined, until: number) {
  const firsts = actor.memberships.map((m, i) =>
    db
      .selectFrom(
        visibleParties(db, actor, m.organizationId)
          .$if(status !== undefined, (q) => q.where("p.agreement_status", "=", status as AgreementStatus))
          .select(["p.agreement_id as id", "p.agreement_updated_at as updatedAt"])
          .orderBy("p.agreement_updated_at", "desc")
          .orderBy("p.agreement_id")
          .limit(until)
          .as(`first${i}`),
      )
      .selectAll(),
  );
  const [counts, rows] = await Promise.all([
    statusCounts(db, actor),
    db
      .selectFrom(firsts.reduce((all, first) => all.unionAll(first)).as("firsts"))
      .select("firsts.id")
      .orderBy("firsts.updatedAt", "desc")
      .orderBy("firsts.id")
      .execute(),
  ]);
  return { counts, ids: [...new Set(rows.map((r) => r.id))] };
}

/**
 * The agreements the actor's organizations' members see, by status. When their organizations share no
 * agreement (shareAnAgreement), adding up their kept counts (migration 0200) counts each agreement once:
 * so are those past the draft; the drafts, which only the owner's members see, are counted by their
 * owner (an owner is always a party). Otherwise every status is, with count(distinct) over the parties.
 */
async function statusCounts(db: DB, actor: Actor): Promise<Array<{ status: AgreementStatus; n: number }>> {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const counts = (await shareAnAgreement(db, orgIds))
    ? await visibleParties(db, actor)
        .select(["p.agreement_status as status", sql<number>`count(distinct p.agreement_id)`.as("n")])
        .groupBy("p.agreement_status")
        .execute()
    : (
        await Promise.all([
          db
            .selectFrom("organization_status_count")
            .select(["agreement_status as status", sql<number>`sum(agreements)`.as("n")])
            .where("organization_id", "in", orgIds)
            .where("agreement_status", "!=", "draft")
            .groupBy("agreement_status")
            .execute(),
          db
            .selectFrom("agreement")
            .select(["agreement.status", sql<number>`count(*)`.as("n")])
            .where("agreement.owner_organization_id", "in", orgIds)
            .where("agreement.status", "=", "draft")
            .groupBy("agreement.status")
            .execute(),
        ])
      ).flat();
  return counts.map((c) => ({ status: c.status as AgreementStatus, n: Number(c.n) }));
}

/**
 * The kept counts by status (migration 0200) that differ from the parties, computed from scratch: none
 * when the database's triggers kept them. Every integration file's database is checked when it closes.
 */
export async function staleStatusCounts(db: DB) {
  const kept = await db
    .selectFrom("organization_status_count")
    .select(["organization_id as organizationId", "agreement_status as status", "agreements as n"])
    .execute();
  const scratch = await db
    .selectFrom("agreement_party")
    .select(["organization_id as organizationId", "agreement_status as status", sql<number>`count(*)`.as("n")])
    .where("agreement_status", "is not", null)
    .groupBy(["organization_id", "agreement_status"])
    .execute();
  return keptRowsDiffer(kept, scratch, (r) => `${r.organizationId} ${r.status} ${Number(r.n)}`);
}

/**
 * The dashboard's agreements: how many by status and the `shown` last updated, as the list opens
 * (listAgreements) but reading only those few.
 */
export async function agreementsAtAGlance(db: DB, actor: Actor, shown: number) {
  const opening = AgreementListQuery.parse({});
  if (!onlyByStatus(actor, opening)) {
    const list = await listAgreements(db, actor, opening);
    return { counts: list.counts, recent: list.items.slice(0, shown) };
  }
  const visible = await visibleFromParties(db, actor, undefined, shown);
  const ids = visible.ids.slice(0, shown);
  const rows = ids.length
    ? await db.selectFrom("agreement").select(["id", "reference", "title", "status"]).where("id", "in", ids).execute()
    : [];
  return { counts: byStatus(visible.counts), recent: inOrderOf(ids, rows) };
}

function byStatus(counts: Array<{ status: AgreementStatus; n: number }>) {
  return Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<AgreementStatus, number>>;
}

export async function listAgreements(db: DB, actor: Actor, filters: AgreementListFilters) {
  let query = db.selectFrom("agreement").where(visibleTo(actor));
  const match = filters.q ? agreementIdsMatching(db, filters.q) : null;
  if (filters.q && match) query = query.where("agreement.id", "in", match);
  if (filters.kind) query = query.where("agreement.kind", "=", filters.kind);
  if (filters.partner) {
    const partner = filters.partner;
    query = query.where("agreement.id", "in", (eb) =>
      eb.selectFrom("agreement_party").select("agreement_id").where("organization_id", "=", partner),
    );
  }
  if (filters.partnerName && !filters.partner) {
    const named = organizationIdsNamed(db, filters.partnerName);
    query = query.where("agreement.id", "in", (eb) =>
      eb
        .selectFrom("agreement_party")
        .select("agreement_party.agreement_id")
        .where("agreement_party.organization_id", "in", named),
    );
  }
  // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not; this reads the same on both.
  if (filters.region)
    query = query.where(
      sql`lower(agreement.territory)`,
      "like",
      sql<string>`lower(${`%${filters.region.replace(/[%_]/g, "")}%`})`,
    );
  if (filters.year) {
    query = query.where((eb) =>
      eb.and([
        eb("agreement.effective_date", "<=", `${filters.year}-12-31`),
        eb.or([eb("agreement.end_date", "is", null), eb("agreement.end_date", ">=", `${filters.year}-01-01`)]),
      ]),
    );
  }

  const sortBy = (q: typeof query) =>
    (filters.sort === "title"
      ? q.orderBy(sql`lower(agreement.title)`)
      : filters.sort === "effective"
        ? // nulls last said out loud: SQLite's default for desc; PostgreSQL would put undated drafts first.
          q.orderBy("agreement.effective_date", (ob) => ob.desc().nullsLast())
        : filters.sort === "reference"
          ? q.orderBy("agreement.reference", "desc")
          : q.orderBy("agreement.updated_at", "desc")
    ).orderBy("agreement.id");
  const offset = (filters.page - 1) * PAGE_SIZE;
  const columns = [
    "agreement.id",
    "agreement.reference",
    "agreement.title",
    "agreement.title_secondary as titleSecondary",
    "agreement.kind",
    "agreement.status",
    "agreement.territory",
    "agreement.effective_date as effectiveDate",
    "agreement.end_date as endDate",
    "agreement.duration_months as durationMonths",
  ] as const;

  const rowsById = (ids: string[]) =>
    db.selectFrom("agreement").select(columns).where("agreement.id", "in", ids).execute();
  // The list as it opens: counted by status and its page's ids taken from the parties' index
  // (visibleFromParties). Otherwise one pass reads the matching agreements' ids and statuses in page
  // order, counted by status here (a search has to try every match whatever the page anyway: no
  // index gives them in page order). Then the page's rows are read by id.
  let countsByStatus: Array<{ status: AgreementStatus; n: number }>;
  let pageIds: string[];
  if (onlyByStatus(actor, filters)) {
    const visible = await visibleFromParties(db, actor, filters.status, offset + PAGE_SIZE);
    countsByStatus = visible.counts;
    pageIds = visible.ids.slice(offset, offset + PAGE_SIZE);
  } else {
    const visible = await sortBy(query).select(["agreement.id", "agreement.status"]).execute();
    const tally = new Map<AgreementStatus, number>();
    for (const m of visible) tally.set(m.status, (tally.get(m.status) ?? 0) + 1);
    countsByStatus = [...tally].map(([status, n]) => ({ status, n }));
    pageIds = visible
      .filter((m) => !filters.status || m.status === filters.status)
      .slice(offset, offset + PAGE_SIZE)
      .map((m) => m.id);
  }
  const found = pageIds.length ? await rowsById(pageIds) : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id) => byId.get(id) ?? []);
  const total = filters.status
    ? Number(countsByStatus.find((c) => c.status === filters.status)?.n ?? 0)
    : countsByStatus.reduce((sum, c) => sum + Number(c.n), 0);

  const partyRows = items.length
    ? await db
        .selectFrom("agreement_party")
        .innerJoin("organization", "organization.id", "agreement_party.organization_id")
        .select(["agreement_party.agreement_id", ...ORGANIZATION_NAMES, "agreement_party.role"])
        .where(
          "agreement_party.agreement_id",
          "in",
          items.map((i) => i.id),
        )
        .orderBy("agreement_party.signing_order")
        .execute()
    : [];

  return {
    total,
    counts: byStatus(countsByStatus),
    items: items.map((i) => ({
      ...i,
      parties: partyRows.filter((p) => p.agreement_id === i.id).map(({ agreement_id: _, ...p }) => p),
    })),
  };
}

export async function listParties(db: DB, agreementId: string) {
  return db
    .selectFrom("agreement_party")
    .innerJoin("organization", "organization.id", "agreement_party.organization_id")
    .leftJoin("user as signatory", "signatory.id", "agreement_party.signatory_user_id")
    .select([
      "agreement_party.id",
      "agreement_party.organization_id as organizationId",
      ...ORGANIZATION_NAMES,
      "organization.kind as organizationKind",
      "agreement_party.role",
      "agreement_party.signatory_name as signatoryName",
      "agreement_party.signatory_title as signatoryTitle",
      "agreement_party.signatory_user_id as signatoryUserId",
      "signatory.name as signatoryUserName",
      // A party's contribution is the sum of its budget shares (app/domain/finance), never typed apart.
      (eb) =>
        eb
          .selectFrom("budget_share")
          .select((s) => s.fn.sum<number | null>("budget_share.amount_minor").as("total"))
          .whereRef("budget_share.party_id", "=", "agreement_party.id")
          .as("contributionCents"),
      sql<string | null>`null`.as("contributionInKind"),
      "agreement_party.signing_order as signingOrder",
      "agreement_party.version",
    ])
    .where("agreement_party.agreement_id", "=", agreementId)
    .orderBy("agreement_party.signing_order")
    .orderBy("agreement_party.created_at")
    .execute();
}

export async function listClauses(db: DB, agreementId: string) {
  return db
    .selectFrom("clause")
    .select(["id", "position", "heading", "body", "version", "source_amendment_id as sourceAmendmentId"])
    .where("agreement_id", "=", agreementId)
    .orderBy("position")
    .execute();
}

export async function countOpenComments(db: DB, agreementId: string): Promise<number> {
  const row = await db
    .selectFrom("clause_comment")
    .select(sql<number>`count(*)`.as("n"))
    .where("agreement_id", "=", agreementId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Everything the lifecycle rules need to know about an agreement today. */
export async function lifecycleFacts(db: DB, agreement: Agreement, today: string): Promise<LifecycleFacts> {
  const parties = await db
    .selectFrom("agreement_party")
    .select(["id", "signatory_name"])
    .where("agreement_id", "=", agreement.id)
    .execute();
  const clauses = await db
    .selectFrom("clause")
    .select(sql<number>`count(*)`.as("n"))
    .where("agreement_id", "=", agreement.id)
    .executeTakeFirst();
  const signedParties = await db
    .selectFrom("signature")
    .select("party_id")
    .where("agreement_id", "=", agreement.id)
    .where("version_number", "=", agreement.text_version)
    .where("status", "=", "valid")
    .execute();
  return {
    status: agreement.status,
    today,
    parties: parties.map((p) => ({ hasSignatory: !!p.signatory_name?.trim() })),
    clauseCount: Number(clauses?.n ?? 0),
    effectiveDate: agreement.effective_date,
    endDate: agreement.end_date,
    durationMonths: agreement.duration_months,
    openComments: await countOpenComments(db, agreement.id),
    allPartiesSigned: parties.length > 0 && parties.every((p) => signedParties.some((s) => s.party_id === p.id)),
    openObligations: Number(
      (
        await db
          .selectFrom("obligation")
          .select(sql<number>`count(*)`.as("n"))
          .where("agreement_id", "=", agreement.id)
          .where("status", "not in", CLOSED_OBLIGATION_STATUSES)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
    openDeliverables: Number(
      (
        await db
          .selectFrom("deliverable")
          .select(sql<number>`count(*)`.as("n"))
          .where("agreement_id", "=", agreement.id)
          .where("status", "not in", CLOSED_DELIVERABLE_STATUSES)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
    finalReportAwaited: await finalReportAwaited(db, agreement.id),
  };
}

/** The current text as a snapshot (what a new version would freeze). */
export async function currentSnapshot(db: DB, agreement: Agreement): Promise<AgreementSnapshot> {
  const parties = await listParties(db, agreement.id);
  const { partyTotals, ...money } = await moneySnapshot(db, agreement.id, agreement.reallocation_limit_bp);
  const clauses = await listClauses(db, agreement.id);
  const obligations = await db
    .selectFrom("obligation")
    .$call(joinPartyOrganization("obligation.responsible_party_id"))
    .select([
      "obligation.clause_id as clauseId",
      "obligation.description",
      "obligation.due_date as dueDate",
      "obligation.recurrence",
      ...ORGANIZATION_NAMES,
    ])
    .where("obligation.agreement_id", "=", agreement.id)
    // Only those written in the text: Charaka's own (a declaration of foreign funds) are not part of it.
    .where("obligation.kind", "=", "general")
    // Two obligations written in the same millisecond keep a stable order in the frozen text.
    .orderBy("obligation.created_at")
    .orderBy("obligation.description")
    .execute();
  const snapshotObligation = (o: (typeof obligations)[number]) => ({
    party: o.nameFr ?? o.nameAr ?? "",
    description: o.description,
    dueDate: o.dueDate,
    recurrence: o.recurrence,
  });
  const unattached = obligations.filter((o) => !o.clauseId || !clauses.some((c) => c.id === o.clauseId));
  return {
    reference: agreement.reference,
    kind: agreement.kind,
    title: agreement.title,
    titleSecondary: agreement.title_secondary,
    purpose: agreement.purpose,
    territory: agreement.territory,
    signingPlace: agreement.signing_place,
    effectiveDate: agreement.effective_date,
    endDate: agreement.end_date,
    durationMonths: agreement.duration_months,
    tacitRenewal: agreement.tacit_renewal === 1,
    renewalNoticeDays: agreement.renewal_notice_days,
    currency: agreement.currency,
    totalBudgetCents: agreement.total_budget_cents === null ? null : Number(agreement.total_budget_cents),
    parties: parties.map((p) => ({
      nameFr: p.nameFr,
      nameAr: p.nameAr,
      role: p.role,
      signatoryName: p.signatoryName,
      signatoryTitle: p.signatoryTitle,
      contributionCents: partyTotals.get(p.id) ?? null,
      contributionInKind: null,
    })),
    clauses: clauses.map((c, i) => {
      const under = obligations.filter((o) => o.clauseId === c.id).map(snapshotObligation);
      return { number: i + 1, heading: c.heading, body: c.body, ...(under.length ? { obligations: under } : {}) };
    }),
    ...(unattached.length ? { obligations: unattached.map(snapshotObligation) } : {}),
    ...money,
  };
}

export async function listVersions(db: DB, agreementId: string) {
  return db
    .selectFrom("agreement_version")
    .leftJoin("user", "user.id", "agreement_version.created_by_user_id")
    .select([
      "agreement_version.number",
      "agreement_version.reason",
      "agreement_version.hash",
      "agreement_version.created_at as createdAt",
      "user.name as createdBy",
    ])
    .where("agreement_version.agreement_id", "=", agreementId)
    .orderBy("agreement_version.number", "desc")
    .execute();
}

export async function getVersionSnapshot(
  db: DB,
  agreementId: string,
  number: number,
): Promise<AgreementSnapshot | null> {
  const row = await db
    .selectFrom("agreement_version")
    .select("snapshot")
    .where("agreement_id", "=", agreementId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row ? (JSON.parse(row.snapshot) as AgreementSnapshot) : null;
}

/** The agreement's history: its audit events, newest first. */
export async function agreementHistory(db: DB, agreementId: string, limit = 200) {
  return db
    .selectFrom("audit_event")
    .leftJoin("user", "user.id", "audit_event.actor_user_id")
    .select([
      "audit_event.seq",
      "audit_event.type",
      "audit_event.data",
      "audit_event.created_at as createdAt",
      "user.name as actorName",
    ])
    .where("audit_event.agreement_id", "=", agreementId)
    .orderBy("audit_event.seq", "desc")
    .limit(limit)
    .execute();
}

/** The latest events on the agreements the actor can see, newest first (the dashboard's activity feed). */
/**
 * Where the latest events are looked for: among the newest events of the whole log, each checked as
 * it comes ("newest": a few rows for an organization active in a large log, rather than one index
 * search per visible agreement), or through the (agreement, seq) index of each visible agreement
 * ("agreements": an organization with a handful of agreements, which would otherwise read the whole
 * recent window to find few or none of its own). Both give the same list.
 */
export type ActivityWalk = "newest" | "agreements";

export async function recentActivity(db: DB, actor: Actor, limit = 10, walk?: ActivityWalk) {
  const latest = db
    .selectFrom("audit_event")
    .innerJoin("agreement", "agreement.id", "audit_event.agreement_id")
    .leftJoin("user", "user.id", "audit_event.actor_user_id")
    .select([
      "audit_event.seq",
      "audit_event.type",
      "audit_event.data",
      "audit_event.created_at as createdAt",
      "user.name as actorName",
      "agreement.id as agreementId",
      "agreement.reference",
    ])
    .orderBy("audit_event.seq", "desc")
    .limit(limit);
  if ((walk ?? (await activityWalkFor(db, actor))) === "newest") {
    const recent = await latest
      .where(visibleTo(actor, db))
      .where("audit_event.seq", ">", sql<number>`(select max(seq) from audit_event) - ${RECENT_WINDOW}`)
      .execute();
    // Little recent activity: the search through all their agreements.
    if (recent.length === limit) return recent;
  }
  return latest.where(visibleTo(actor)).execute();
}

const RECENT_WINDOW = 20_000;
/** At most this many parties and owned agreements: their own events are read agreement by agreement. */
const FEW_AGREEMENTS = 100;

async function activityWalkFor(db: DB, actor: Actor): Promise<ActivityWalk> {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  if (actor.isPlatformAdmin) return "newest";
  if (orgIds.length === 0) return "agreements";
  // Read up to the limit only, through the organization indexes of both tables.
  const parties = await db
    .selectFrom("agreement_party")
    .select("agreement_party.agreement_id")
    .where("agreement_party.organization_id", "in", orgIds)
    .limit(FEW_AGREEMENTS + 1)
    .execute();
  if (parties.length > FEW_AGREEMENTS) return "newest";
  const owned = await db
    .selectFrom("agreement")
    .select("agreement.id")
    .where("agreement.owner_organization_id", "in", orgIds)
    .limit(FEW_AGREEMENTS + 1)
    .execute();
  return parties.length + owned.length > FEW_AGREEMENTS ? "newest" : "agreements";
}

/** The amendments of an agreement that the reader may open (a partner does not see the owner's drafts). */
export async function listAmendments(db: DB, actor: Actor, agreementId: string) {
  return db
    .selectFrom("agreement")
    .select(["id", "reference", "title", "status", "amends_end_date as amendsEndDate"])
    .where("parent_agreement_id", "=", agreementId)
    .where(visibleTo(actor))
    .orderBy("created_at")
    .execute();
}

export async function agreementSummary(db: DB, agreementId: string) {
  return (
    (await db
      .selectFrom("agreement")
      .select(["id", "reference", "title"])
      .where("id", "=", agreementId)
      .executeTakeFirst()) ?? null
  );
}
