/**
 * The dashboard's "needs attention" lists, and the partner view's (its agreements, accepted reports and
 * money lists, migration 0210), kept (issue #22, migration 0180): one attention_entry row per
 * person or organization an item is for, per kind, so that a federation party to 2,000 agreements reads
 * a few rows of an index range instead of walking all its parties for every list.
 *
 * Which items each list holds is decided here, and only here, from the agreement's own records and the
 * domains' rules; the lists (attention.server.ts and its neighbours) only filter the rows by today and
 * sort them. What depends on today is stored as a date and compared when the list is read.
 *
 * Kept by keepAttention: every audited change to an agreement (appendAuditEvent) asks for it, and it runs
 * once per agreement just before the change's transaction commits (db/transaction.ts beforeCommit), so
 * the rows are those of the agreement as committed. rebuildAttention computes all of them from the same
 * function (after migration 0180, for the benchmark's generator), and staleAttention compares the kept
 * rows with it (the tests, after their commands).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { AttentionEntryTable, AttentionKind, Database, TrancheStatus } from "../../../db/schema";
import { graceEndsOn, awaitsPayment, awaitsReceipt } from "../finance/tranche";
import { isReportEditable, isReportObligation, isUnderReview } from "../report/report";

type Entry = AttentionEntryTable;

/** Agreement statuses whose overdue obligations and ending dates are shown (in force). */
const IN_FORCE = ["active", "suspended"] as const;
/** Agreement statuses whose reports are still asked for (an expired one's final report is still due). */
const REPORTING = ["active", "suspended", "expired"] as const;
/** Agreement statuses whose follow-up the partner view shows: signed and beyond, never a draft or a text under negotiation. */
export const REVIEWED = ["active", "suspended", "completed", "expired", "terminated"] as const;
/** Agreement statuses the progress and beneficiaries charts show. */
export const CHARTED = ["active", "suspended", "completed"] as const;

const has = (list: readonly string[], value: string) => list.includes(value);

/**
 * Every entry of the given agreements (all of them when `agreementIds` is undefined), computed from
 * scratch: the one definition of what each dashboard list holds.
 */
export async function attentionEntriesOf(db: Kysely<Database>, agreementIds?: readonly string[]): Promise<Entry[]> {
  if (agreementIds && agreementIds.length === 0) return [];
  const ids = agreementIds ?? [];
  const some = agreementIds !== undefined;
  const [agreements, parties, meetings, actionItems, obligations, reports, reviews, deliverables, tranches] =
    await Promise.all([
      db
        .selectFrom("agreement")
        .select(["id", "status", "reference", "ends_on", "notice_from"])
        .$if(some, (q) => q.where("id", "in", ids))
        .execute(),
      db
        .selectFrom("agreement_party")
        .select(["id", "agreement_id", "organization_id"])
        .$if(some, (q) => q.where("agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("meeting")
        .innerJoin("committee_member as m", "m.committee_id", "meeting.committee_id")
        .select(["meeting.id", "meeting.agreement_id", "meeting.starts_at", "m.user_id"])
        .where("meeting.status", "=", "planned")
        .where("m.user_id", "is not", null)
        .$if(some, (q) => q.where("meeting.agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("action_item as i")
        .leftJoin("committee_member as m", "m.id", "i.owner_member_id")
        .select(["i.id", "i.agreement_id", "i.due_date", "i.created_at", "i.owner_party_id", "m.user_id"])
        .where("i.status", "=", "open")
        .$if(some, (q) => q.where("i.agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("obligation as o")
        .leftJoin("report", "report.obligation_id", "o.id")
        .select([
          "o.id",
          "o.agreement_id",
          "o.kind",
          "o.status",
          "o.next_due_on",
          "o.responsible_party_id",
          "report.status as reportStatus",
        ])
        .where("o.next_due_on", "is not", null)
        .$if(some, (q) => q.where("o.agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("report")
        .select(["id", "agreement_id", "status", "party_id", "current_version", "updated_at", "accepted_at"])
        .where("status", "in", ["submitted", "sent_back", "accepted"])
        .$if(some, (q) => q.where("agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("report_review")
        .innerJoin("report", "report.id", "report_review.report_id")
        .select(["report_review.report_id", "report_review.version_number", "report_review.organization_id"])
        .where("report.status", "=", "submitted")
        .$if(some, (q) => q.where("report.agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("deliverable")
        .select(["id", "agreement_id", "status", "responsible_party_id", "updated_at"])
        .$if(some, (q) => q.where("agreement_id", "in", ids))
        .execute(),
      db
        .selectFrom("tranche")
        .select(["id", "agreement_id", "status", "payer_party_id", "receiver_party_id", "due_since", "grace_days"])
        .$if(some, (q) => q.where("agreement_id", "in", ids))
        .execute(),
    ]);

  const agreement = new Map(agreements.map((a) => [a.id, a]));
  const organizationOf = new Map(parties.map((p) => [p.id, p.organization_id]));
  const organizationsOf = new Map<string, Set<string>>();
  for (const p of parties) {
    const set = organizationsOf.get(p.agreement_id) ?? new Set<string>();
    set.add(p.organization_id);
    organizationsOf.set(p.agreement_id, set);
  }
  const entries = new Map<string, Entry>();
  const add = (e: Omit<Entry, "alert_on" | "owner_id" | "sort_key"> & Partial<Entry>) => {
    const entry: Entry = { alert_on: null, owner_id: null, sort_key: "", ...e };
    entries.set(`${entry.audience_id} ${entry.kind} ${entry.subject_id}`, entry);
  };
  const each = (agreementId: string, kind: AttentionKind, subjectId: string, rest: Partial<Entry> = {}) => {
    for (const org of organizationsOf.get(agreementId) ?? [])
      add({ audience_id: org, kind, subject_id: subjectId, agreement_id: agreementId, on_date: null, ...rest });
  };

  for (const a of agreements) {
    // Ending: from its notice day to its last day (both stored by due-dates.server.ts).
    if (has(IN_FORCE, a.status) && a.ends_on && a.notice_from)
      each(a.id, "agreement_ending", a.id, { on_date: a.ends_on, alert_on: a.notice_from, sort_key: a.reference });
    // The partner view's agreements: signed and beyond, by reference.
    if (has(REVIEWED, a.status)) each(a.id, "reviewed_agreement", a.id, { sort_key: a.reference });
  }
  // The progress chart: agreements in force or completed with at least one deliverable, by reference.
  for (const id of new Set(deliverables.map((d) => d.agreement_id))) {
    const a = agreement.get(id);
    if (a && has(CHARTED, a.status)) each(id, "progress", id, { sort_key: a.reference });
  }
  // The committees' next meetings, for each member who has an account.
  for (const m of meetings)
    add({
      audience_id: m.user_id!,
      kind: "meeting",
      subject_id: m.id,
      agreement_id: m.agreement_id,
      on_date: m.starts_at,
    });
  // Open action items: for the member who owns one (if they have an account) and for the owning party's
  // organization, as myActionItems finds them.
  for (const i of actionItems) {
    const party = i.owner_party_id ? organizationOf.get(i.owner_party_id) : undefined;
    for (const audience of [i.user_id, party])
      if (audience)
        add({
          audience_id: audience,
          kind: "action_item",
          subject_id: i.id,
          agreement_id: i.agreement_id,
          on_date: i.due_date,
          sort_key: i.created_at,
        });
  }
  for (const o of obligations) {
    const a = agreement.get(o.agreement_id);
    const responsible = organizationOf.get(o.responsible_party_id);
    if (!a || !responsible) continue;
    const base = { audience_id: responsible, subject_id: o.id, agreement_id: a.id, on_date: o.next_due_on };
    // Overdue once its next due date is past (the party's obligations of an agreement in force).
    if (has(IN_FORCE, a.status)) add({ ...base, kind: "obligation", sort_key: a.reference });
    // A report the reporting party still has to write or send again.
    if (
      isReportObligation(o.kind) &&
      o.status !== "done" &&
      o.status !== "waived" &&
      has(REPORTING, a.status) &&
      (o.reportStatus === null || isReportEditable(o.reportStatus))
    )
      add({ ...base, kind: "report_due" });
  }
  const decided = new Set(reviews.map((d) => `${d.report_id} ${d.version_number} ${d.organization_id}`));
  for (const r of reports) {
    const reporting = organizationOf.get(r.party_id);
    if (!reporting) continue;
    // The partner view's accepted reports, newest first, for every party.
    if (r.status === "accepted") each(r.agreement_id, "report_accepted", r.id, { on_date: r.accepted_at });
    else if (isUnderReview(r.status)) {
      // For each other party that has not decided on this version yet.
      for (const org of organizationsOf.get(r.agreement_id) ?? []) {
        if (org !== reporting && !decided.has(`${r.id} ${r.current_version} ${org}`))
          add({
            audience_id: org,
            kind: "report_to_review",
            subject_id: r.id,
            agreement_id: r.agreement_id,
            on_date: r.updated_at,
            owner_id: reporting,
          });
      }
    } else
      add({
        audience_id: reporting,
        kind: "report_sent_back",
        subject_id: r.id,
        agreement_id: r.agreement_id,
        on_date: r.updated_at,
      });
  }
  // Declared delivered on an agreement in force: the other parties confirm or dispute it.
  for (const d of deliverables) {
    const a = agreement.get(d.agreement_id);
    const responsible = organizationOf.get(d.responsible_party_id);
    if (d.status !== "delivered" || a?.status !== "active") continue;
    for (const org of organizationsOf.get(d.agreement_id) ?? [])
      if (org !== responsible)
        add({
          audience_id: org,
          kind: "delivery_to_confirm",
          subject_id: d.id,
          agreement_id: d.agreement_id,
          on_date: d.updated_at,
        });
  }
  // Tranches to pay (the payer's), expected (the receiver's), to confirm as received (the receiver's)
  // and awaiting that confirmation (the payer's); by due date, then reference, as moneyAttention lists them.
  for (const t of tranches) {
    const status = t.status as TrancheStatus;
    const payer = organizationOf.get(t.payer_party_id);
    const receiver = organizationOf.get(t.receiver_party_id);
    if (!payer || !receiver) continue;
    const base = {
      subject_id: t.id,
      agreement_id: t.agreement_id,
      on_date: t.due_since,
      owner_id: payer,
      sort_key: agreement.get(t.agreement_id)?.reference ?? "",
    };
    if (awaitsPayment(status)) {
      const alert = graceEndsOn({ status, dueSince: t.due_since, graceDays: t.grace_days });
      add({ ...base, audience_id: payer, kind: "tranche_to_pay", alert_on: alert });
      add({ ...base, audience_id: receiver, kind: "tranche_expected", alert_on: alert });
    }
    if (awaitsReceipt(status)) {
      add({ ...base, audience_id: receiver, kind: "tranche_to_confirm" });
      // The payer's side of it: paid, awaiting the receiver's confirmation (the other side is the receiver).
      add({ ...base, audience_id: payer, kind: "tranche_awaiting_receipt", owner_id: receiver });
    }
  }
  return [...entries.values()];
}

/** Writes the agreement's entries from scratch, in the caller's transaction. */
export async function keepAttention(trx: Transaction<Database>, agreementId: string): Promise<void> {
  const fresh = await attentionEntriesOf(trx, [agreementId]);
  await trx.deleteFrom("attention_entry").where("agreement_id", "=", agreementId).execute();
  for (let i = 0; i < fresh.length; i += 200)
    await trx
      .insertInto("attention_entry")
      .values(fresh.slice(i, i + 200))
      .execute();
}

/** Every entry from scratch: after migration 0180, and for data written without the commands (the benchmark). */
export async function rebuildAttention(db: Kysely<Database>): Promise<number> {
  const fresh = await attentionEntriesOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("attention_entry").execute();
    for (let i = 0; i < fresh.length; i += 500)
      await trx
        .insertInto("attention_entry")
        .values(fresh.slice(i, i + 500))
        .execute();
  });
  return fresh.length;
}

const key = (e: Entry) => `${e.audience_id} ${e.kind} ${e.subject_id}`;

/**
 * Kept entries that differ from the ones computed from scratch (none when every change kept them): what
 * the tests check after their commands.
 */
export async function staleAttention(
  db: Kysely<Database>,
): Promise<Array<{ entry: string; kept: Entry | null; expected: Entry | null }>> {
  const [fresh, kept] = await Promise.all([
    attentionEntriesOf(db),
    db.selectFrom("attention_entry").selectAll().execute(),
  ]);
  const expected = new Map(fresh.map((e) => [key(e), e]));
  const stale: Array<{ entry: string; kept: Entry | null; expected: Entry | null }> = [];
  for (const k of kept) {
    const e = expected.get(key(k));
    expected.delete(key(k));
    if (!e || JSON.stringify(normal(e)) !== JSON.stringify(normal(k)))
      stale.push({ entry: key(k), kept: k, expected: e ?? null });
  }
  for (const [entry, e] of expected) stale.push({ entry, kept: null, expected: e });
  return stale;
}

const normal = (e: Entry) => [e.agreement_id, e.on_date, e.alert_on, e.owner_id, e.sort_key];

/** The kept entries of one kind for these audiences (the actor's organizations, or the actor): to filter and order. */
export function keptEntries(db: Kysely<Database>, audiences: readonly string[], kind: AttentionKind) {
  return db
    .selectFrom("attention_entry")
    .where("audience_id", "in", audiences.length ? [...audiences] : [""])
    .where("kind", "=", kind);
}

export type KeptEntries = ReturnType<typeof keptEntries>;
type Kept = KeptEntries;

/**
 * The first `limit` subjects of a filtered and ordered list of entries, each once (a subject has one
 * entry per audience: a person in two organizations party to one agreement sees it twice).
 */
export async function firstSubjects(entries: Kept, limit: number, audiences: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await entries
    .select("subject_id")
    .limit(limit * Math.max(1, audiences))
    .execute();
  return [...new Set(rows.map((r) => r.subject_id))].slice(0, limit);
}

/**
 * How many subjects a filtered list of entries holds, each once. `oneEntryEach`: the audiences are
 * organizations that share no agreement (shareAnAgreement), so a subject, of one agreement, has one
 * entry among them at most: its rows are counted, without count(distinct)'s sort (4.5 times faster
 * over the 2,885 overdue obligations of the benchmark's federation).
 */
export async function countSubjects(entries: Kept, oneEntryEach = false): Promise<number> {
  const counted = oneEntryEach ? sql<number>`count(*)` : sql<number>`count(distinct subject_id)`;
  const row = await entries.select(counted.as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}
