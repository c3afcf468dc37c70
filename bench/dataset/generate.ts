/**
 * Generates a large, realistic Charaka database, fast: the app's own migrations, then raw
 * prepared better-sqlite3 statements inside large transactions (journal and sync off only
 * while generating; WAL restored at the end). Deterministic: the same seed and scale give the
 * same rows (dates are relative to the day of generation, so the dashboard always has
 * something upcoming and something overdue).
 *
 * scale = 1: 300 associations, 3,000 companies and foundations, 10,000 agreements with ~15
 * articles each, ~100,000 obligations, ~30,000 deliverables with their deliveries, ~20,000
 * meetings with 5–50 KB minutes, 1,000,000 audit events (a valid hash chain).
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createSqliteKysely } from "../../db/sqlite";
import { migrateToLatest } from "../../db/migrator";
import { canonicalJson, entryHash, GENESIS_HASH } from "../../app/domain/audit/audit";
import { serializeSnapshot, snapshotHash, type AgreementSnapshot } from "../../app/domain/agreement/snapshot";
import { formatReference } from "../../app/domain/agreement/reference";
import { hashPassword } from "../../app/lib/password.server";
import { searchRow } from "../../db/search";
import { agreementDueDates, staleDueDates } from "../../app/domain/delivery/due-dates.server";
import { beneficiariesDrift, staleOrganizationBeneficiaries } from "../../app/domain/dashboard/beneficiaries.server";
import { nextDueDate } from "../../app/domain/delivery/delivery";
import { todayInMorocco } from "../../app/lib/time";
import { rebuildMoneyTotals } from "../../app/domain/finance/money-totals.server";
import { rebuildAttention } from "../../app/domain/dashboard/attention-entries.server";
import { stalePartners } from "../../app/domain/organization/organization.server";
import { staleStatusCounts } from "../../app/domain/agreement/agreement.queries.server";
import { freezeReports, moneyAndReports, trancheStateDrift, type MoneyInserts, type ReportToFreeze } from "./money";
import { createRng, type Rng } from "./prng";
import * as T from "./text";

export const BENCH_PASSWORD = "charaka-bench-2026";

export interface Manifest {
  seed: number;
  scale: number;
  generatedOn: string;
  password: string;
  users: {
    president: string;
    partner: string;
    signer: string;
    /** The small association's president, and the officer of the small company partnering with it. */
    smallPresident: string;
    smallPartner: string;
  };
  federationId: string;
  /** An association with a handful of agreements, beside the federation (its partner: a small company). */
  small: { associationId: string; companyId: string; agreementIds: string[] };
  /** A federation agreement with money (tranches received, expenses) and reports, and one of its reports. */
  finance: { agreementId: string; reportId: string };
  foundationId: string;
  /** A partner of the federation, for the "filter by partner" list. */
  partnerFilterId: string;
  overviewAgreementId: string;
  pdfAgreementId: string;
  meeting: { agreementId: string; meetingId: string; minutesBytes: number };
  /** Agreements awaiting the signer's signature: [agreementId, partyId]. */
  toSign: Array<[string, string]>;
  /** Deliverables the president may record deliveries on: [agreementId, deliverableId]. */
  toDeliver: Array<[string, string]>;
  searchWords: { fr: string; ar: string };
  counts: Record<string, number>;
}

const DAY = 86_400_000;
const STATUSES = [
  ["draft", 10],
  ["negotiation", 8],
  ["awaiting_signatures", 5],
  ["active", 45],
  ["suspended", 2],
  ["completed", 15],
  ["expired", 10],
  ["terminated", 5],
] as const;
type Status = (typeof STATUSES)[number][0];
/** The small association's agreements (indices chosen clear of the federation's and the signer's, themes 0 and 1 among them). */
const SMALL_AGREEMENTS = [11, 16, 17, 13];
const SIGNED: ReadonlySet<Status> = new Set(["active", "suspended", "completed", "expired", "terminated"]);

export async function generateDataset(
  file: string,
  options: { seed?: number; scale?: number; log?: (line: string) => void } = {},
): Promise<Manifest> {
  const seed = options.seed ?? 20261123;
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => {});
  const rng = createRng(seed);
  const n = (count: number, min = 1) => Math.max(min, Math.round(count * scale));

  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  {
    const { db } = createSqliteKysely(file);
    await migrateToLatest(db);
    await db.destroy();
  }

  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -200000");

  const now = new Date();
  const today = todayInMorocco(now);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const date = (offsetDays: number) => new Date(todayMs + offsetDays * DAY).toISOString().slice(0, 10);
  const iso = (offsetDays: number) => new Date(todayMs + offsetDays * DAY + rng.int(8, 17) * 3_600_000).toISOString();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const counts: Record<string, number> = {};
  const count = (table: string, k = 1) => (counts[table] = (counts[table] ?? 0) + k);

  const insert = (table: string, columns: string[]) => {
    const stmt = sqlite.prepare(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})`,
    );
    return (row: Record<string, unknown>) => {
      stmt.run(row);
      count(table);
    };
  };
  const mutable = (at: string) => ({ created_at: at, updated_at: at, version: 1 });

  // ---- Organizations and people ------------------------------------------------------------
  log("organizations and users…");
  const insOrg = insert("organization", [
    "id",
    "kind",
    "name_fr",
    "name_ar",
    "city",
    "region",
    "registration_number",
    "contact_email",
    "contact_phone",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insUser = insert("user", [
    "id",
    "email",
    "name",
    "locale",
    "password_hash",
    "is_platform_admin",
    "disabled_at",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insMember = insert("membership", [
    "id",
    "user_id",
    "organization_id",
    "role",
    "title",
    "created_at",
    "updated_at",
    "version",
  ]);

  interface Org {
    id: string;
    kind: "association" | "company" | "foundation";
    nameFr: string;
    nameAr: string;
    city: number;
    users: string[];
    leader: { id: string; name: string };
  }
  const associations: Org[] = [];
  const partners: Org[] = [];
  let smallAssociation: Org | undefined;
  let smallCompany: Org | undefined;
  const createdAt = iso(-1500);
  const person = () => `${rng.pick(T.FIRST_NAMES)} ${rng.pick(T.LAST_NAMES)}`;
  let userNumber = 0;
  const makeUser = (email: string | null, name: string, locale: "fr" | "ar" | "en" = rng.chance(0.3) ? "ar" : "fr") => {
    const id = rng.id();
    userNumber += 1;
    insUser({
      id,
      email: email ?? `user${userNumber}@bench.example`,
      name,
      locale,
      password_hash: passwordHash,
      is_platform_admin: 0,
      disabled_at: null,
      ...mutable(createdAt),
    });
    return { id, name };
  };
  const makeOrg = (kind: Org["kind"], i: number): Org => {
    const city = rng.int(0, T.CITIES.length - 1);
    const nameFr =
      kind === "association"
        ? i === 0
          ? "Fédération nationale des associations de solidarité"
          : `Association ${rng.pick(T.ASSOCIATION_WORDS)} – ${T.CITIES[city]} ${i}`
        : kind === "foundation"
          ? `Fondation ${rng.pick(T.COMPANY_WORDS)} ${i}`
          : `${rng.pick(T.COMPANY_WORDS)} ${rng.pick(T.COMPANY_SECTORS)} ${i}`;
    const nameAr =
      kind === "association"
        ? `جمعية ${rng.pick(T.ASSOCIATION_WORDS_AR)} – ${T.CITIES_AR[city]} ${i}`
        : kind === "foundation"
          ? `مؤسسة ${i}`
          : `شركة ${i}`;
    const id = rng.id();
    insOrg({
      id,
      kind,
      name_fr: nameFr,
      name_ar: nameAr,
      city: T.CITIES[city],
      region: null,
      registration_number: null,
      contact_email: null,
      contact_phone: null,
      ...mutable(createdAt),
    });
    return { id, kind, nameFr, nameAr, city, users: [], leader: { id: "", name: "" } };
  };
  const join = (org: Org, user: { id: string }, role: "president" | "admin" | "member", title: string | null) => {
    insMember({ id: rng.id(), user_id: user.id, organization_id: org.id, role, title, ...mutable(createdAt) });
    org.users.push(user.id);
  };

  const buildPeople = sqlite.transaction(() => {
    for (let i = 0; i < n(300, 3); i++) {
      const org = makeOrg("association", i);
      const leader =
        i === 0
          ? makeUser("president@federation.bench", "Mustapha El Harma")
          : i === 2
            ? makeUser("signataire@association.bench", "Salma Bouzid")
            : makeUser(null, person());
      join(org, leader, "president", "Président");
      org.leader = leader;
      for (let m = 0; m < 2; m++)
        join(org, makeUser(null, person()), rng.chance(0.3) ? "admin" : "member", "Membre du bureau");
      associations.push(org);
    }
    for (let i = 0; i < n(3000, 6); i++) {
      const org = makeOrg(i % 3 === 0 ? "foundation" : "company", i);
      const officer = i === 0 ? makeUser("rse@fondation.bench", "Nadia Amrani") : makeUser(null, person());
      join(org, officer, "admin", "Responsable RSE");
      org.leader = officer;
      partners.push(org);
    }
    // People in many organizations (consultants, federation staff): 10 to 30 each.
    for (let k = 0; k < n(40, 2); k++) {
      const u = makeUser(null, person());
      const seen = new Set<string>();
      const memberships = rng.int(10, 30);
      for (let j = 0; j < memberships; j++) {
        const org = rng.chance(0.5) ? rng.pick(associations) : rng.pick(partners);
        if (seen.has(org.id)) continue;
        seen.add(org.id);
        join(org, u, "member", null);
      }
    }
    // A small association (a handful of agreements) and a small company, its only partner.
    const small = makeOrg("association", associations.length);
    const smallLeader = makeUser("president@petite-association.bench", "Youssef Aït Ali", "fr");
    join(small, smallLeader, "president", "Président");
    small.leader = smallLeader;
    smallAssociation = small;
    const company = makeOrg("company", partners.length);
    const officer = makeUser("rse@petite-entreprise.bench", "Hind Berrada", "fr");
    join(company, officer, "admin", "Gérante");
    company.leader = officer;
    smallCompany = company;
    // The federation's president also belongs to a few member associations.
    for (let j = 3; j < Math.min(associations.length, 9); j++)
      join(associations[j]!, associations[0]!.leader, "member", "Représentant de la fédération");
  });
  buildPeople();
  const small = { association: smallAssociation!, company: smallCompany! };

  // ---- Agreements and everything under them --------------------------------------------------
  const insAgreement = insert("agreement", [
    "id",
    "reference",
    "kind",
    "title",
    "title_secondary",
    "purpose",
    "territory",
    "signing_place",
    "effective_date",
    "end_date",
    "duration_months",
    "tacit_renewal",
    "renewal_notice_days",
    "currency",
    "total_budget_cents",
    "status",
    "owner_organization_id",
    "parent_agreement_id",
    "amends_end_date",
    "signed_on",
    "status_reason",
    "terminated_on",
    "text_version",
    "created_by_user_id",
    "signing_order",
    "ends_on",
    "notice_from",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insParty = insert("agreement_party", [
    "id",
    "agreement_id",
    "organization_id",
    "role",
    "signatory_name",
    "signatory_title",
    "signatory_user_id",
    "contribution_cents",
    "contribution_in_kind",
    "signing_order",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insClause = insert("clause", [
    "id",
    "agreement_id",
    "position",
    "heading",
    "body",
    "source_amendment_id",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insVersion = insert("agreement_version", [
    "id",
    "agreement_id",
    "number",
    "reason",
    "snapshot",
    "hash",
    "created_by_user_id",
    "created_at",
  ]);
  const insSignature = insert("signature", [
    "id",
    "agreement_id",
    "version_number",
    "content_hash",
    "party_id",
    "organization_id",
    "user_id",
    "signer_name",
    "signer_title",
    "method",
    "drawing_png",
    "paper_signing_id",
    "signed_on",
    "signed_at",
    "ip",
    "user_agent",
    "status",
    "voided_at",
    "void_reason",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insObligation = insert("obligation", [
    "id",
    "agreement_id",
    "clause_id",
    "responsible_party_id",
    "description",
    "due_date",
    "recurrence",
    "status",
    "status_note",
    "completed_on",
    "next_due_on",
    "kind",
    "tranche_id",
    "period_from",
    "period_to",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insDeliverable = insert("deliverable", [
    "id",
    "agreement_id",
    "obligation_id",
    "kind",
    "title",
    "description",
    "location",
    "start_date",
    "due_date",
    "responsible_party_id",
    "target_quantity",
    "unit",
    "status",
    "over_delivery_note",
    "dispute_note",
    "confirmed_at",
    "confirmed_by_user_id",
    "specialties",
    "plan_action_id",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insDelivery = insert("delivery", [
    "id",
    "deliverable_id",
    "delivered_on",
    "quantity",
    "beneficiaries",
    "beneficiaries_women",
    "beneficiaries_men",
    "beneficiaries_children",
    "place",
    "note",
    "recorded_by_user_id",
    "created_at",
  ]);
  const insCommittee = insert("committee", [
    "id",
    "agreement_id",
    "rhythm",
    "quorum_rule",
    "quorum_count",
    "approval_rule",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insCommitteeMember = insert("committee_member", [
    "id",
    "committee_id",
    "party_id",
    "user_id",
    "name",
    "email",
    "organization_name",
    "role",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insMeeting = insert("meeting", [
    "id",
    "committee_id",
    "agreement_id",
    "number",
    "starts_at",
    "time_zone",
    "duration_minutes",
    "location",
    "video_url",
    "status",
    "guests",
    "minutes",
    "minutes_status",
    "minutes_revision",
    "minutes_hash",
    "minutes_edited_by_user_id",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insActionItem = insert("action_item", [
    "id",
    "agreement_id",
    "committee_id",
    "meeting_id",
    "agenda_item_id",
    "title",
    "owner_member_id",
    "owner_party_id",
    "due_date",
    "link_kind",
    "link_id",
    "status",
    "closed_note",
    "closed_at",
    "closed_by_user_id",
    "created_at",
    "updated_at",
    "version",
  ]);
  const insSearch = sqlite.prepare(
    "insert into agreement_search (agreement_id, reference, title, body) values (?, ?, ?, ?)",
  );

  const moneyInserts: MoneyInserts = {
    budgetLine: insert("budget_line", [
      "id",
      "agreement_id",
      "position",
      "category",
      "description",
      "plan_action_id",
      "currency",
      "created_at",
      "updated_at",
      "version",
    ]),
    budgetShare: insert("budget_share", [
      "id",
      "budget_line_id",
      "party_id",
      "kind",
      "amount_minor",
      "deliverable_id",
      "hours",
      "hourly_rate_minor",
      "note",
      "created_at",
      "updated_at",
      "version",
    ]),
    tranche: insert("tranche", [
      "id",
      "agreement_id",
      "number",
      "payer_party_id",
      "receiver_party_id",
      "amount_minor",
      "currency",
      "planned_on",
      "condition",
      "condition_deliverable_id",
      "condition_report_id",
      "condition_outcome_id",
      "grace_days",
      "status",
      "due_since",
      "cancelled_reason",
      "cancelled_outcome_id",
      "created_at",
      "updated_at",
      "version",
    ]),
    trancheEvent: insert("tranche_event", [
      "id",
      "tranche_id",
      "kind",
      "reverses_event_id",
      "on_date",
      "amount_minor",
      "currency",
      "amount_mad_minor",
      "fee_minor",
      "method",
      "reference",
      "proof_attachment_id",
      "note",
      "by_user_id",
      "created_at",
    ]),
    expense: insert("expense", [
      "id",
      "agreement_id",
      "budget_line_id",
      "party_id",
      "spent_on",
      "supplier",
      "description",
      "amount_minor",
      "currency",
      "method",
      "receipt_attachment_id",
      "reverses_expense_id",
      "reason",
      "locked_by_report_id",
      "recorded_by",
      "created_at",
    ]),
    expenseQuery: insert("expense_query", [
      "id",
      "expense_id",
      "organization_id",
      "kind",
      "body",
      "created_by",
      "created_at",
      "answer",
      "answered_by",
      "answered_at",
      "settled_at",
      "settled_by",
    ]),
    obligation: insObligation,
    report: insert("report", [
      "id",
      "agreement_id",
      "obligation_id",
      "party_id",
      "kind",
      "period_from",
      "period_to",
      "status",
      "current_version",
      "sections",
      "edited_by_user_id",
      "accepted_at",
      "created_by_user_id",
      "created_at",
      "updated_at",
      "version",
    ]),
  };
  // The money and reports come from their own sequence, so that adding them left every other row as it was.
  const moneyRng = createRng(seed + 1);
  const reportsToFreeze: ReportToFreeze[] = [];
  let financeChoice: { agreementId: string; reportId: string; score: number } = {
    agreementId: "",
    reportId: "",
    score: -1,
  };

  const agreementCount = n(10000, 20);
  const referenceSeq = new Map<number, number>();
  const agreementIds: string[] = [];
  const manifest: Partial<Manifest> = { toSign: [], toDeliver: [] };
  const federation = associations[0]!;
  const foundation = partners[0]!;
  const signerAssociation = associations[Math.min(2, associations.length - 1)]!;
  const federationPartners = new Map<string, number>();
  let longestMinutes = { agreementId: "", meetingId: "", minutesBytes: 0 };

  const buildAgreement = (i: number, rng: Rng) => {
    const theme = T.THEMES[i % T.THEMES.length]!;
    // The federation owns 20% of agreements, the signing bench association 6% (all awaiting signatures),
    // the small association four (with the small company; two active, with money), whatever the scale.
    const isSmall = SMALL_AGREEMENTS.includes(i);
    const totalBudgetCents = rng.int(50, 5000) * 100_000;
    const owner = isSmall
      ? small.association
      : i % 5 === 0
        ? federation
        : i % 50 === 1 || i % 50 === 3 || i % 50 === 7
          ? signerAssociation
          : associations[rng.int(1, associations.length - 1)]!;
    const status: Status =
      i === 0 || i === SMALL_AGREEMENTS[0] || i === SMALL_AGREEMENTS[1]
        ? "active"
        : owner === signerAssociation
          ? "awaiting_signatures"
          : rng.weighted(STATUSES);
    const partnerCount = isSmall ? 1 : rng.chance(0.25) ? 2 : 1;
    const chosen: Org[] = [];
    if (isSmall) chosen.push(small.company);
    else if (i % 10 === 3) chosen.push(foundation);
    while (chosen.length < partnerCount) {
      const p = partners[rng.int(1, partners.length - 1)]!;
      if (!chosen.includes(p)) chosen.push(p);
    }
    const id = rng.id();
    agreementIds.push(id);
    const createdOffset = -rng.int(30, 1500);
    const year = Number(date(createdOffset).slice(0, 4));
    const seq = (referenceSeq.get(year) ?? 0) + 1;
    referenceSeq.set(year, seq);
    const reference = formatReference(year, seq);
    const city = owner.city;
    const title = `${theme.titleFr} – ${T.CITIES[city]}`;
    const titleSecondary = `${theme.titleAr} – ${T.CITIES_AR[city]}`;
    const purpose = `${T.paragraph(rng, theme, "fr", 3)}\n\n${T.paragraph(rng, theme, "ar", 2)}`;
    let effective: string | null = null;
    let end: string | null = null;
    if (SIGNED.has(status)) {
      effective = date(createdOffset + rng.int(10, 25));
      end =
        status === "active" || status === "suspended"
          ? date(rng.chance(0.05) ? rng.int(5, 80) : rng.int(100, 1200))
          : date(-rng.int(1, 300));
      if (end <= effective) effective = date(Math.round((Date.parse(end) - todayMs) / DAY) - 365);
    } else if (status !== "draft") {
      effective = date(rng.int(10, 90));
      end = date(rng.int(400, 1200));
    }
    const textVersion = status === "draft" ? 0 : status === "negotiation" ? 1 : 2;
    const updatedAt = iso(Math.min(-1, createdOffset + rng.int(10, 1400)));
    const renewalNoticeDays = rng.chance(0.3) ? 60 : null;
    // The dates the app stores beside the terms (app/domain/delivery/due-dates.server.ts), by the same rules.
    const dueDates = agreementDueDates({
      effective_date: effective,
      end_date: end,
      duration_months: null,
      renewal_notice_days: renewalNoticeDays,
    });
    insAgreement({
      id,
      reference,
      kind: rng.pick(["partnership", "mou", "sponsorship", "framework"]),
      title,
      title_secondary: titleSecondary,
      purpose,
      territory: `Province de ${T.CITIES[city]}`,
      signing_place: T.CITIES[city],
      effective_date: effective,
      end_date: end,
      duration_months: null,
      tacit_renewal: rng.chance(0.2) ? 1 : 0,
      renewal_notice_days: renewalNoticeDays,
      currency: "MAD",
      total_budget_cents: totalBudgetCents,
      status,
      owner_organization_id: owner.id,
      parent_agreement_id: null,
      amends_end_date: null,
      signed_on: SIGNED.has(status) ? effective : null,
      status_reason: status === "suspended" || status === "terminated" ? "Décision du comité de suivi" : null,
      terminated_on: status === "terminated" ? end : null,
      text_version: textVersion,
      created_by_user_id: owner.leader.id,
      signing_order: "any",
      ...dueDates,
      created_at: iso(createdOffset),
      updated_at: updatedAt,
      version: 1,
    });

    // Parties: the association first, then its partners.
    const parties = [owner, ...chosen].map((org, k) => {
      const partyId = rng.id();
      const signatoryUserId =
        k === 0 && (owner === signerAssociation || owner === federation)
          ? owner.leader.id
          : k > 0 && org === foundation
            ? null
            : rng.chance(0.5)
              ? org.leader.id
              : null;
      const signatoryName = k === 0 ? owner.leader.name : person();
      insParty({
        id: partyId,
        agreement_id: id,
        organization_id: org.id,
        role: k === 0 ? "association" : "partner",
        signatory_name: signatoryName,
        signatory_title: k === 0 ? "Président" : "Directeur général",
        signatory_user_id: signatoryUserId,
        contribution_cents: k === 0 ? null : rng.int(10, 2000) * 100_000,
        contribution_in_kind: null,
        signing_order: k,
        ...mutable(iso(createdOffset)),
      });
      return { id: partyId, org, signatoryUserId, signatoryName };
    });
    if (owner === federation)
      for (const p of chosen) federationPartners.set(p.id, (federationPartners.get(p.id) ?? 0) + 1);

    // Articles: ~15 (40 for the PDF benchmark's agreement), bilingual.
    const articles = i === 0 ? 40 : rng.int(11, 19);
    const clauses: Array<{ id: string; heading: string; body: string }> = [];
    for (let k = 0; k < articles; k++) {
      const arabic = k % 2 === 1;
      const heading = arabic ? T.HEADINGS_AR[k % T.HEADINGS_AR.length]! : T.HEADINGS_FR[k % T.HEADINGS_FR.length]!;
      const body = T.paragraph(rng, theme, arabic ? "ar" : "fr", rng.int(2, 5));
      const clauseId = rng.id();
      insClause({
        id: clauseId,
        agreement_id: id,
        position: k + 1,
        heading,
        body,
        source_amendment_id: null,
        ...mutable(iso(createdOffset)),
      });
      clauses.push({ id: clauseId, heading, body });
    }
    // The index row exactly as the app builds it (db/search.ts), in the same party order.
    const searchable = searchRow(
      {
        reference,
        title,
        title_secondary: titleSecondary,
        purpose,
        territory: `Province de ${T.CITIES[city]}`,
        signing_place: T.CITIES[city] ?? null,
      },
      parties.map((p) => ({ name_fr: p.org.nameFr, name_ar: p.org.nameAr, signatory_name: p.signatoryName })),
      clauses,
    );
    insSearch.run(id, searchable.reference, searchable.title, searchable.body);

    // Frozen versions and signatures.
    let versionHash = "";
    for (let v = 1; v <= textVersion; v++) {
      const snapshot: AgreementSnapshot = {
        reference,
        kind: "partnership",
        title,
        titleSecondary,
        purpose,
        territory: null,
        signingPlace: null,
        effectiveDate: effective,
        endDate: end,
        durationMonths: null,
        tacitRenewal: false,
        renewalNoticeDays: null,
        currency: "MAD",
        totalBudgetCents: null,
        parties: parties.map((p) => ({
          nameFr: p.org.nameFr,
          nameAr: p.org.nameAr,
          role: "partner",
          signatoryName: null,
          signatoryTitle: null,
          contributionCents: null,
          contributionInKind: null,
        })),
        clauses: clauses.map((c, k) => ({ number: k + 1, heading: c.heading, body: c.body })),
      };
      const serialized = serializeSnapshot(snapshot);
      versionHash = snapshotHash(serialized);
      insVersion({
        id: rng.id(),
        agreement_id: id,
        number: v,
        reason: v === 1 ? "negotiation" : "signature",
        snapshot: serialized,
        hash: versionHash,
        created_by_user_id: owner.leader.id,
        created_at: iso(createdOffset + 5),
      });
    }
    if (SIGNED.has(status)) {
      for (const p of parties) {
        insSignature({
          id: rng.id(),
          agreement_id: id,
          version_number: textVersion,
          content_hash: versionHash,
          party_id: p.id,
          organization_id: p.org.id,
          user_id: p.signatoryUserId,
          signer_name: p.org.leader.name,
          signer_title: null,
          method: "in_app",
          drawing_png: null,
          paper_signing_id: null,
          signed_on: effective,
          signed_at: `${effective}T10:00:00.000Z`,
          ip: "192.0.2.1",
          user_agent: "bench",
          status: "valid",
          voided_at: null,
          void_reason: null,
          ...mutable(`${effective}T10:00:00.000Z`),
        });
      }
    }
    if (status === "awaiting_signatures" && owner === signerAssociation) manifest.toSign!.push([id, parties[0]!.id]);

    // Obligations: ~10 per agreement.
    const followed = SIGNED.has(status);
    const obligationCount = rng.int(6, 14);
    for (let k = 0; k < obligationCount; k++) {
      const party = rng.pick(parties);
      const due = followed ? rng.int(-400, 300) : rng.int(30, 400);
      const done = followed && due < 0 && rng.chance(status === "completed" ? 1 : 0.7);
      const obligation = {
        id: rng.id(),
        agreement_id: id,
        clause_id: rng.chance(0.8) ? rng.pick(clauses).id : null,
        responsible_party_id: party.id,
        description: T.paragraph(rng, theme, rng.chance(0.3) ? "ar" : "fr", 1),
        due_date: rng.chance(0.9) ? date(due) : null,
        recurrence: rng.weighted([
          ["none", 85],
          ["monthly", 5],
          ["quarterly", 7],
          ["yearly", 3],
        ] as const),
        status: done
          ? ("done" as const)
          : followed && rng.chance(0.2)
            ? ("in_progress" as const)
            : ("pending" as const),
        status_note: null,
        completed_on: done ? date(due) : null,
        ...mutable(iso(createdOffset + 1)),
      };
      const nextDue = nextDueDate({
        dueDate: obligation.due_date,
        recurrence: obligation.recurrence,
        status: obligation.status,
        completedOn: obligation.completed_on,
        agreementStart: effective,
        agreementEnd: dueDates.ends_on,
      });
      insObligation({
        ...obligation,
        next_due_on: nextDue,
        kind: "general",
        tranche_id: null,
        period_from: null,
        period_to: null,
      });
    }

    // The money and the reports of about a third of the agreements (every one of the small association's).
    if (isSmall || moneyRng.chance(0.33)) {
      const facts = moneyAndReports(
        moneyInserts,
        moneyRng,
        {
          id,
          status,
          signed: SIGNED.has(status),
          effective,
          endsOn: dueDates.ends_on,
          today,
          theme,
          parties,
          totalMinor: totalBudgetCents,
          at: iso(createdOffset + 2),
        },
        reportsToFreeze,
      );
      const report = facts.reports.find((r) => r.status === "accepted") ?? facts.reports[0];
      const score =
        (facts.received > 0 ? 2 : 0) + (facts.expenses >= 5 ? 2 : 0) + (report ? 1 : 0) + facts.reports.length;
      if (owner === federation && status === "active" && report && score > financeChoice.score)
        financeChoice = { agreementId: id, reportId: report.id, score };
    }

    if (!followed) return;
    // Deliverables (~3 per signed agreement) with their deliveries.
    const deliverableCount = rng.int(2, 6);
    for (let k = 0; k < deliverableCount; k++) {
      const party = k === 0 ? parties[0]! : rng.pick(parties);
      const deliverableId = rng.id();
      const target = rng.int(50, 2000);
      const delivered = status === "completed" || rng.chance(0.2);
      const dStatus =
        status === "completed"
          ? "confirmed"
          : delivered
            ? rng.pick(["delivered", "confirmed"])
            : rng.pick(["planned", "in_progress"]);
      insDeliverable({
        id: deliverableId,
        agreement_id: id,
        obligation_id: null,
        kind: theme.deliverable.kind,
        title: `${theme.deliverable.titleFr} ${k + 1}`,
        description: T.paragraph(rng, theme, "fr", 1),
        location: T.CITIES[city],
        start_date: effective,
        due_date: date(rng.int(-200, 300)),
        responsible_party_id: party.id,
        target_quantity: target,
        unit: theme.deliverable.unit,
        status: dStatus,
        over_delivery_note: null,
        dispute_note: null,
        confirmed_at: dStatus === "confirmed" ? iso(-10) : null,
        confirmed_by_user_id: null,
        specialties: null,
        plan_action_id: null,
        ...mutable(iso(createdOffset + 20)),
      });
      if (
        status === "active" &&
        owner === federation &&
        party === parties[0] &&
        (dStatus === "planned" || dStatus === "in_progress")
      )
        manifest.toDeliver!.push([id, deliverableId]);
      const rounds = delivered ? rng.int(1, 4) : rng.int(0, 2);
      let left = target;
      for (let r = 0; r < rounds && left > 0; r++) {
        const quantity = delivered && r === rounds - 1 ? left : Math.max(1, Math.floor(left / rng.int(2, 4)));
        left -= quantity;
        const beneficiaries = rng.int(10, 400);
        const women = Math.floor(beneficiaries * 0.4);
        insDelivery({
          id: rng.id(),
          deliverable_id: deliverableId,
          delivered_on: date(-rng.int(1, 700)),
          quantity,
          beneficiaries,
          beneficiaries_women: women,
          beneficiaries_men: Math.floor(beneficiaries * 0.3),
          beneficiaries_children: beneficiaries - women - Math.floor(beneficiaries * 0.3),
          place: T.CITIES[city],
          note: null,
          recorded_by_user_id: party.org.leader.id,
          created_at: iso(-rng.int(1, 700)),
        });
      }
    }

    // The follow-up committee, its meetings (minutes 5–50 KB) and action items.
    const committeeId = rng.id();
    insCommittee({
      id: committeeId,
      agreement_id: id,
      rhythm: "quarterly",
      quorum_rule: "each_party",
      quorum_count: null,
      approval_rule: "each_party",
      ...mutable(iso(createdOffset + 20)),
    });
    const members = parties.map((p, k) => {
      const memberId = rng.id();
      const user = p.org.leader;
      insCommitteeMember({
        id: memberId,
        committee_id: committeeId,
        party_id: p.id,
        user_id: user.id,
        name: user.name,
        email: null,
        organization_name: null,
        role: k === 0 ? "chair" : k === 1 ? "secretary" : "member",
        ...mutable(iso(createdOffset + 20)),
      });
      return { id: memberId, partyId: p.id };
    });
    const meetings = rng.int(2, 3) + (rng.chance(0.1) ? 1 : 0);
    for (let m = 1; m <= meetings; m++) {
      const meetingId = rng.id();
      const upcoming = m === meetings && m > 1 && (status === "active" || status === "suspended") && rng.chance(0.5);
      const offset = upcoming ? rng.int(1, 60) : -rng.int(15, 600) + m * 10;
      const isLong = i === 0 && m === 1;
      const bytes = upcoming
        ? 0
        : isLong
          ? Math.round(50_000 * Math.min(1, scale * 10))
          : Math.round(rng.int(5_000, 50_000) * Math.min(1, scale * 10));
      const minutes = bytes ? T.minutesText(rng, theme, m, bytes) : "";
      if (bytes && (isLong || !longestMinutes.meetingId))
        longestMinutes = { agreementId: id, meetingId, minutesBytes: Buffer.byteLength(minutes) };
      insMeeting({
        id: meetingId,
        committee_id: committeeId,
        agreement_id: id,
        number: m,
        starts_at: new Date(todayMs + offset * DAY + 10 * 3_600_000).toISOString(),
        time_zone: "Africa/Casablanca",
        duration_minutes: 120,
        location: `Siège de l'association, ${T.CITIES[city]}`,
        video_url: null,
        status: upcoming ? "planned" : "closed",
        guests: "",
        minutes,
        minutes_status: upcoming ? "draft" : rng.chance(0.8) ? "approved" : "circulated",
        minutes_revision: upcoming ? 0 : 1,
        minutes_hash: null,
        minutes_edited_by_user_id: null,
        ...mutable(iso(Math.min(offset, -1))),
      });
      if (!upcoming) {
        const owner = rng.pick(members);
        const open = rng.chance(0.5);
        insActionItem({
          id: rng.id(),
          agreement_id: id,
          committee_id: committeeId,
          meeting_id: meetingId,
          agenda_item_id: null,
          title: T.paragraph(rng, theme, "fr", 1).slice(0, 120),
          owner_member_id: rng.chance(0.5) ? owner.id : null,
          owner_party_id: owner.partyId,
          due_date: date(offset + rng.int(15, 90)),
          link_kind: null,
          link_id: null,
          status: open ? "open" : "done",
          closed_note: open ? null : "Fait",
          closed_at: open ? null : iso(-2),
          closed_by_user_id: null,
          ...mutable(iso(Math.min(offset, -1))),
        });
      }
    }
  };

  log(`${agreementCount} agreements with their articles, follow-up and committees…`);
  const batch = 500;
  for (let start = 0; start < agreementCount; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(agreementCount, start + batch); i++) buildAgreement(i, rng);
    })();
    if (start % 2000 === 0) log(`  ${start}/${agreementCount}`);
  }
  // Each agreement's beneficiaries per month, as recordDelivery keeps them (dashboard/beneficiaries.server.ts).
  sqlite.exec(`insert into beneficiaries_by_month (agreement_id, month, beneficiaries)
    select deliverable.agreement_id, substr(delivery.delivered_on, 1, 7), sum(delivery.beneficiaries)
    from delivery inner join deliverable on deliverable.id = delivery.deliverable_id
    group by deliverable.agreement_id, substr(delivery.delivered_on, 1, 7)`);

  // ---- The audit log: a valid hash chain, spread over time and agreements ------------------------
  const eventCount = n(1_000_000, 1000);
  log(`${eventCount} audit events…`);
  const insEvent = sqlite.prepare(
    "insert into audit_event (seq, id, type, actor_user_id, organization_id, agreement_id, subject_id, data, ip, user_agent, created_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const EVENTS: Array<readonly [string, () => unknown]> = [
    ["agreement.updated", () => ({})],
    ["clause.updated", () => ({ heading: rng.pick(T.HEADINGS_FR), position: rng.int(1, 15) })],
    ["obligation.status_changed", () => ({ from: "pending", to: "in_progress" })],
    ["delivery.recorded", () => ({ quantity: rng.int(1, 300), date: date(-rng.int(1, 300)) })],
    ["comment.added", () => ({ position: rng.int(1, 15) })],
    ["agreement.pdf_downloaded", () => ({ number: 2, hash: "0".repeat(64) })],
    ["minutes.saved", () => ({ number: rng.int(1, 4) })],
  ];
  const users = sqlite.prepare("select id from user").pluck().all() as string[];
  const startMs = todayMs - 1500 * DAY;
  const stepMs = (1500 * DAY - 3_600_000) / eventCount;
  let prev = GENESIS_HASH;
  for (let start = 1; start <= eventCount; start += 20_000) {
    sqlite.transaction(() => {
      for (let seq = start; seq < Math.min(eventCount + 1, start + 20_000); seq++) {
        const [type, payload] = rng.pick(EVENTS);
        const agreementId = rng.chance(0.9) ? agreementIds[rng.int(0, agreementIds.length - 1)]! : null;
        const fields = {
          seq,
          id: rng.id(),
          type: agreementId ? type : "user.logged_in",
          actor_user_id: rng.pick(users),
          organization_id: null,
          agreement_id: agreementId,
          subject_id: null,
          data: canonicalJson(agreementId ? payload() : {}),
          ip: "192.0.2.1",
          user_agent: "bench",
          created_at: new Date(startMs + seq * stepMs).toISOString(),
        };
        const hash = entryHash(prev, fields);
        insEvent.run(
          fields.seq,
          fields.id,
          fields.type,
          fields.actor_user_id,
          fields.organization_id,
          fields.agreement_id,
          fields.subject_id,
          fields.data,
          fields.ip,
          fields.user_agent,
          fields.created_at,
          prev,
          hash,
        );
        prev = hash;
      }
    })();
  }
  count("audit_event", eventCount);

  // No ANALYZE: the app never runs it, so the planner works here as on a real server's database.
  log("WAL…");
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();

  // The rows written here without the commands must be what the commands would have stored: checked
  // with the same checks the tests use, so that the benchmark never measures data the app cannot produce.
  log(`${reportsToFreeze.length} reports' versions, frozen by the app's snapshot code…`);
  {
    const { db } = createSqliteKysely(file);
    try {
      await freezeReports(db, reportsToFreeze);
    } finally {
      await db.destroy();
    }
  }
  counts.report_version = reportsToFreeze.reduce((k, r) => k + r.versions, 0);

  // The kept money totals, from scratch with the function the kept-totals test compares them with.
  log("Kept money totals…");
  {
    const { db } = createSqliteKysely(file);
    try {
      await rebuildMoneyTotals(db);
      log("Kept dashboard entries…");
      await rebuildAttention(db);
    } finally {
      await db.destroy();
    }
  }

  log("Checking the stored dates and monthly sums against the app's rules…");
  {
    const { db } = createSqliteKysely(file);
    try {
      const stale = await staleDueDates(db);
      const drift = await beneficiariesDrift(db);
      const tranches = await trancheStateDrift(db);
      if (tranches.length)
        throw new Error(`${tranches.length} tranches' stored state is not their events' state, e.g. ${tranches[0]}`);
      // What the database's triggers kept as the rows went in (migrations 0190, 0200).
      const kept = [
        ...(await stalePartners(db)),
        ...(await staleStatusCounts(db)),
        ...(await staleOrganizationBeneficiaries(db)),
      ];
      if (kept.length) throw new Error(`${kept.length} kept rows differ from scratch, e.g. ${JSON.stringify(kept[0])}`);
      if (stale.length || drift.length) {
        throw new Error(
          `The generated data breaks the app's rules: ${stale.length} stored dates and ${drift.length} monthly sums differ, e.g. ${JSON.stringify(stale[0] ?? drift[0])}`,
        );
      }
    } finally {
      await db.destroy();
    }
  }

  const partnerFilterId = [...federationPartners.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? foundation.id;
  return {
    seed,
    scale,
    generatedOn: today,
    password: BENCH_PASSWORD,
    users: {
      president: "president@federation.bench",
      partner: "rse@fondation.bench",
      signer: "signataire@association.bench",
      smallPresident: "president@petite-association.bench",
      smallPartner: "rse@petite-entreprise.bench",
    },
    federationId: federation.id,
    small: {
      associationId: small.association.id,
      companyId: small.company.id,
      agreementIds: SMALL_AGREEMENTS.filter((i) => i < agreementIds.length).map((i) => agreementIds[i]!),
    },
    finance: { agreementId: financeChoice.agreementId, reportId: financeChoice.reportId },
    foundationId: foundation.id,
    partnerFilterId,
    overviewAgreementId: agreementIds[5]!,
    pdfAgreementId: agreementIds[0]!,
    meeting: longestMinutes,
    toSign: manifest.toSign!,
    toDeliver: manifest.toDeliver!,
    searchWords: { ...T.SEARCH_WORDS },
    counts,
  };
}
