/**
 * Reminders and notifications: the daily job turns the day's facts into notices (created once:
 * a unique key per person, kind, subject and occurrence, so two runs — or two processes — add
 * nothing more), queues an email for those who want it, in their language, and sends the queue
 * when SMTP_URL is set (each email marked sent once, retried a few times on failure).
 */
import type { Transporter } from "nodemailer";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { AgreementParty, Locale, NotificationKind } from "../../../db/schema";
import { untilWrite } from "../../../db/unchanged";
import { endsSoon } from "../agreement/lifecycle";
import { listActionItems } from "../committee/meetings.server";
import { isClosedObligation } from "../delivery/delivery";
import { listObligations } from "../delivery/obligations.server";
import { isReportObligation } from "../report/report";
import { signaturesAwaitedFromAccounts } from "../signing/signing.server";
import { newId } from "~/lib/crypto.server";
import { sendMail } from "~/lib/mail.server";
import { appOrigin } from "~/lib/env.server";
import { createTranslator, type MessageKey } from "~/lib/i18n/translate";
import { nowIso, todayInMorocco } from "~/lib/time";
import { dueState, meetingSoon, NOTIFICATION_KINDS, type Notice } from "./reminders";
import { orgMembers } from "./recipients.server";
import { dossierNotices, moneyNotices } from "../finance/finance-notices.server";

const MAX_ATTEMPTS = 5;

/**
 * The notices the day calls for, in batches: those of signatures awaited, then each agreement in
 * force's own. A large database (thousands of agreements, tens of thousands of notices) is never
 * held in memory at once: createReminders writes each batch before the next is built.
 */
export async function* dailyNotices(db: DB, now: Date): AsyncGenerator<Notice[]> {
  const today = todayInMorocco(now);
  // A signature awaited: once per version of the text put to signature.
  yield (await signaturesAwaitedFromAccounts(db)).map((s) => ({
    userIds: [s.userId!],
    kind: "signature_awaited" as const,
    subjectId: s.agreementId,
    occurrence: `v${s.textVersion}`,
    agreementId: s.agreementId,
    params: { reference: s.reference, title: s.title },
    link: `/agreements/${s.agreementId}/sign`,
  }));
  // A dossier document expiring: once per expiry date.
  yield await dossierNotices(db, today);
  const agreements = await db
    .selectFrom("agreement")
    .select(["id", "reference", "title", "ends_on", "renewal_notice_days"])
    .where("status", "in", ["active", "suspended"])
    .orderBy("id")
    .execute();
  for (const [index, a] of agreements.entries()) {
    const notices: Notice[] = [];
    // The SQLite driver answers synchronously: let requests through between agreements, so that a
    // large database's daily job never holds the server for long.
    if (index % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    const parties = await db
      .selectFrom("agreement_party")
      .select(["id", "organization_id"])
      .where("agreement_id", "=", a.id)
      .execute();
    for (const o of await listObligations(db, a.id, today)) {
      const state = isClosedObligation(o.currentStatus) ? null : dueState(o.nextDue, today);
      if (!state) continue;
      // A report due is announced as such, with a link to the reports; overdue, like any obligation.
      const report = isReportObligation(o.kind);
      notices.push({
        userIds: await orgMembers(db, [o.organizationId]),
        kind: state === "due" ? (report ? "report_due" : "obligation_due") : "obligation_overdue",
        subjectId: o.id,
        occurrence: o.nextDue!,
        agreementId: a.id,
        params: { reference: a.reference, title: o.description, date: o.nextDue! },
        link: `/agreements/${a.id}/${report ? "reports" : "obligations"}`,
      });
    }
    notices.push(...(await deliveriesToConfirm(db, a, parties)));
    notices.push(...(await moneyNotices(db, a, today)));
    // The end: announced once it falls within the renewal notice (or 90 days), and again in its last week.
    const end = a.ends_on; // stored by refreshDueDates from the same rule (computedEndDate)
    if (endsSoon(end, today, a.renewal_notice_days)) {
      const managers = await orgMembers(
        db,
        parties.map((p) => p.organization_id),
        ["president", "admin"],
      );
      const ending = {
        userIds: managers,
        kind: "agreement_ending" as const,
        subjectId: a.id,
        agreementId: a.id,
        params: { reference: a.reference, title: a.title, date: end! },
        link: `/agreements/${a.id}`,
      };
      notices.push({ ...ending, occurrence: end! });
      if (dueState(end, today) === "due") notices.push({ ...ending, occurrence: `${end}:last-week` });
    }
    const committee = await db.selectFrom("committee").select("id").where("agreement_id", "=", a.id).executeTakeFirst();
    if (!committee) {
      yield notices;
      continue;
    }
    const members = await db
      .selectFrom("committee_member")
      .select(["id", "user_id", "party_id", "role"])
      .where("committee_id", "=", committee.id)
      .execute();
    for (const item of await listActionItems(db, committee.id)) {
      const state = item.status === "open" ? dueState(item.dueDate, today) : null;
      if (!state) continue;
      const owner = members.find((m) => m.id === item.ownerMemberId)?.user_id;
      const userIds = owner
        ? [owner]
        : await orgMembers(db, item.ownerOrganizationId ? [item.ownerOrganizationId] : []);
      notices.push({
        userIds,
        kind: state === "due" ? "action_item_due" : "action_item_overdue",
        subjectId: item.id,
        occurrence: item.dueDate!,
        agreementId: a.id,
        params: { reference: a.reference, title: item.title, date: item.dueDate! },
        link: `/agreements/${a.id}/meetings/${item.meetingId}`,
      });
    }
    const accounts = members.flatMap((m) => (m.user_id ? [m.user_id] : []));
    const meetings = await db
      .selectFrom("meeting")
      .select([
        "id",
        "number",
        "starts_at",
        "time_zone",
        "location",
        "video_url",
        "status",
        "minutes_status",
        "minutes_hash",
      ])
      .where("committee_id", "=", committee.id)
      .execute();
    for (const m of meetings) {
      if (m.status === "planned" && meetingSoon(m.starts_at, now)) {
        notices.push({
          userIds: accounts,
          kind: "meeting_soon",
          subjectId: m.id,
          occurrence: m.starts_at,
          agreementId: a.id,
          // When (the instant, shown in the meeting's own time zone) and where: the reminder says both.
          params: {
            reference: a.reference,
            number: m.number,
            date: m.starts_at.slice(0, 10),
            startsAt: m.starts_at,
            timeZone: m.time_zone,
            ...(m.location ? { location: m.location } : {}),
            ...(m.video_url ? { videoUrl: m.video_url } : {}),
          },
          link: `/agreements/${a.id}/meetings/${m.id}`,
        });
      }
      if (m.minutes_status === "circulated" && m.minutes_hash) {
        const approved = await db
          .selectFrom("minutes_approval")
          .select("member_id")
          .where("meeting_id", "=", m.id)
          .where("minutes_hash", "=", m.minutes_hash)
          .execute();
        const waiting = members
          .filter((x) => x.user_id && !approved.some((ap) => ap.member_id === x.id))
          .map((x) => x.user_id!);
        notices.push({
          userIds: waiting,
          kind: "minutes_to_approve",
          subjectId: m.id,
          occurrence: m.minutes_hash,
          agreementId: a.id,
          params: { reference: a.reference, number: m.number },
          link: `/agreements/${a.id}/meetings/${m.id}#minutes`,
        });
      }
    }
    yield notices;
  }
}

/**
 * A deliverable declared delivered waits for the other parties' confirmation: their members are told
 * once per declaration (the deliverable's version when declared; a new declaration after a dispute
 * is told again).
 */
async function deliveriesToConfirm(
  db: DB,
  a: { id: string; reference: string },
  parties: ReadonlyArray<Pick<AgreementParty, "id" | "organization_id">>,
): Promise<Notice[]> {
  const waiting = await db
    .selectFrom("deliverable as d")
    .innerJoin("agreement_party as p", "p.id", "d.responsible_party_id")
    .select(["d.id", "d.title", "d.version", "p.organization_id as responsible"])
    .where("d.agreement_id", "=", a.id)
    .where("d.status", "=", "delivered")
    .execute();
  const notices: Notice[] = [];
  for (const d of waiting)
    notices.push({
      userIds: await orgMembers(
        db,
        parties.map((p) => p.organization_id).filter((id) => id !== d.responsible),
      ),
      kind: "delivery_to_confirm",
      subjectId: d.id,
      occurrence: `v${d.version}`,
      agreementId: a.id,
      params: { reference: a.reference, title: d.title },
      link: `/agreements/${a.id}/deliverables/${d.id}`,
    });
  return notices;
}

/** Tells the confirming parties at once when a deliverable is declared delivered (the daily job would the next day). */
export async function notifyDeliveryToConfirm(
  db: DB,
  agreementId: string,
  appUrl: string = appOrigin(),
): Promise<number> {
  const a = await db
    .selectFrom("agreement")
    .select(["id", "reference"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const parties = await db
    .selectFrom("agreement_party")
    .select(["id", "organization_id"])
    .where("agreement_id", "=", agreementId)
    .execute();
  const now = new Date();
  let created = 0;
  for (const notice of await deliveriesToConfirm(db, a, parties))
    created += await createNotice(db, notice, now, appUrl);
  return created;
}

/**
 * Tells the parties at once what the finances page's last command calls for (a tranche due, a payment
 * to confirm, a question to answer…): the daily job would the next day. Each notice still exists once.
 */
export async function notifyMoney(db: DB, agreementId: string, appUrl: string = appOrigin()): Promise<number> {
  const a = await db
    .selectFrom("agreement")
    .select(["id", "reference"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const now = new Date();
  let created = 0;
  for (const notice of await moneyNotices(db, a, todayInMorocco(now)))
    created += await createNotice(db, notice, now, appUrl);
  return created;
}

/** Notices a command creates at once, after its commit (each once, emails queued); how many were new. */
export async function createNotices(
  db: DB,
  notices: readonly Notice[],
  appUrl: string = appOrigin(),
  now = new Date(),
): Promise<number> {
  let created = 0;
  for (const notice of notices) created += await createNotice(db, notice, now, appUrl);
  return created;
}

/** Every notice of the day at once (tests, and small databases). */
export async function noticesFor(db: DB, now: Date): Promise<Notice[]> {
  const all: Notice[] = [];
  for await (const batch of dailyNotices(db, now)) all.push(...batch);
  return all;
}

/** The sentence of a notice in a language (also the email's subject). */
export function noticeText(locale: Locale, kind: NotificationKind, params: Record<string, string | number>): string {
  const { t, formatDate, formatMeetingTime, zoneName, formatMoney } = createTranslator(locale);
  // A meeting is announced at its hour in its own time zone, named (notices from before carry a date only).
  const meetingTime =
    typeof params.startsAt === "string" && typeof params.timeZone === "string"
      ? `${formatMeetingTime(params.startsAt, params.timeZone)} (${zoneName(params.timeZone, params.startsAt)})`
      : null;
  // A reference or title in another script is isolated (FSI…PDI), so an Arabic sentence stays in order.
  const isolate = (v: string | number) => (typeof v === "string" ? `\u2068${v}\u2069` : v);
  const vars = {
    ...params,
    ...(params.reference !== undefined ? { reference: isolate(params.reference) } : {}),
    ...(params.title !== undefined ? { title: isolate(params.title) } : {}),
    ...(typeof params.date === "string" ? { date: meetingTime ?? formatDate(params.date) } : {}),
    // An amount (money notices) in the reader's format, kept left to right; a dossier document by its kind.
    ...(typeof params.amountMinor === "number"
      ? { amount: `\u2066${formatMoney(params.amountMinor, String(params.currency ?? "MAD"))}\u2069` }
      : {}),
    ...(typeof params.documentKind === "string"
      ? { title: t(`dossier.kind.${params.documentKind}` as MessageKey) }
      : {}),
  };
  return t(`notify.${kind}` as MessageKey, vars);
}

/** What an email adds to the notice's sentence: for a meeting, when and where, one line each. */
export function noticeDetails(
  locale: Locale,
  kind: NotificationKind,
  params: Record<string, string | number>,
): string[] {
  if (kind !== "meeting_soon" || typeof params.startsAt !== "string" || typeof params.timeZone !== "string") return [];
  const { t, formatMeetingTime, zoneName, labelled } = createTranslator(locale);
  return [
    labelled(
      t("notify.when"),
      `${formatMeetingTime(params.startsAt, params.timeZone)} (${zoneName(params.timeZone, params.startsAt)})`,
    ),
    ...(typeof params.location === "string" ? [labelled(t("notify.where"), params.location)] : []),
    ...(typeof params.videoUrl === "string" ? [labelled(t("notify.videoLink"), params.videoUrl)] : []),
  ];
}

async function wantsEmail(db: DB, userId: string, kind: NotificationKind): Promise<boolean> {
  const pref = await db
    .selectFrom("notification_preference")
    .select("by_email")
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return pref ? pref.by_email === 1 : true;
}

/** Creates the day's notices, each once, and queues their emails. Returns how many were new. */
export async function createReminders(db: DB, now = new Date(), appUrl: string = appOrigin()): Promise<number> {
  let created = 0;
  for await (const batch of dailyNotices(db, now)) {
    // Fifty notices per transaction: one commit each (tens of thousands of single inserts, most of
    // them finding their notice already there, took 26 s at the benchmark's scale), short enough
    // that requests waiting for the connection meanwhile are not held up; a pause between them.
    for (let from = 0; from < batch.length; from += NOTICES_PER_TRANSACTION) {
      const part = batch.slice(from, from + NOTICES_PER_TRANSACTION);
      created += await inTransaction(db, async (trx) => {
        let n = 0;
        for (const notice of part) n += await createNotice(trx, notice, now, appUrl);
        return n;
      });
      await new Promise((resolve) => setImmediate(resolve)); // as in dailyNotices
    }
  }
  return created;
}

const NOTICES_PER_TRANSACTION = 50;

/** One notice for each of its people, once (the unique key), with the email queued for those who want it; returns how many were new. */
async function createNotice(db: DB, notice: Notice, now: Date, appUrl: string): Promise<number> {
  let created = 0;
  for (const userId of notice.userIds) {
    const id = newId();
    const at = nowIso(now);
    const inserted = await db
      .insertInto("notification")
      .values({
        id,
        user_id: userId,
        kind: notice.kind,
        subject_id: notice.subjectId,
        occurrence: notice.occurrence,
        agreement_id: notice.agreementId,
        params: JSON.stringify(notice.params),
        link: notice.link,
        created_at: at,
        read_at: null,
      })
      .onConflict((oc) => oc.columns(["user_id", "kind", "subject_id", "occurrence"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
    created += 1;
    if (!(await wantsEmail(db, userId, notice.kind))) continue;
    const user = await db
      .selectFrom("user")
      .select(["email", "locale"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    const text = noticeText(user.locale, notice.kind, notice.params);
    const link = `${appUrl}${notice.link}`;
    await db
      .insertInto("outbox")
      .values({
        id: newId(),
        notification_id: id,
        to_email: user.email,
        subject: text,
        body: [text, noticeDetails(user.locale, notice.kind, notice.params).join("\n"), link, "— Charaka"]
          .filter(Boolean)
          .join("\n\n"),
        last_error: null,
        created_at: at,
        sent_at: null,
      })
      .onConflict((oc) => oc.column("notification_id").doNothing())
      .execute();
  }
  return created;
}

/** How long a claim holds: a sender that has not finished by then is taken to have died mid-send. */
export const OUTBOX_CLAIM_MINUTES = 10;

/**
 * Sends what waits in the outbox. Each email is first claimed — marked in flight, its attempt
 * count raised from the value read — so that another sender running at once (a second instance's
 * daily job or retry timer) skips it until it is sent, put back after a failure, or its claim is
 * older than OUTBOX_CLAIM_MINUTES. Then it is marked sent, once.
 */
export async function sendOutbox(
  db: DB,
  transport: Transporter,
  from: string,
  limit = 100,
  now: () => Date = () => new Date(),
): Promise<{ sent: number; failed: number }> {
  const stale = () => new Date(now().getTime() - OUTBOX_CLAIM_MINUTES * 60_000).toISOString();
  const pending = await db
    .selectFrom("outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", stale())]))
    .orderBy("created_at")
    .limit(limit)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const mail of pending) {
    const claim = await db
      .updateTable("outbox")
      .set({ attempts: mail.attempts + 1, claimed_at: nowIso(now()) })
      .where("id", "=", mail.id)
      .where("status", "=", "pending")
      .where("attempts", "=", mail.attempts)
      .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", stale())]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    try {
      await sendMail(transport, {
        from,
        to: mail.to_email,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@charaka>`,
      });
      await db
        .updateTable("outbox")
        .set({ status: "sent", sent_at: nowIso(now()), last_error: null, claimed_at: null })
        .where("id", "=", mail.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      await db
        .updateTable("outbox")
        .set({
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          last_error: String((error as Error).message ?? error).slice(0, 500),
          claimed_at: null,
        })
        .where("id", "=", mail.id)
        .execute();
      failed += 1;
    }
  }
  return { sent, failed };
}

export async function listNotifications(db: DB, userId: string, limit = 100) {
  return db
    .selectFrom("notification")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export function unreadCount(db: DB, userId: string): Promise<number> {
  // The app's header asks on every page: kept until the next write (db/unchanged.ts).
  return untilWrite(db, `unreadCount ${userId}`, async () => {
    const row = await db
      .selectFrom("notification")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  });
}

export async function markAllRead(db: DB, userId: string): Promise<void> {
  await db
    .updateTable("notification")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}

export async function emailPreferences(db: DB, userId: string): Promise<Record<NotificationKind, boolean>> {
  const rows = await db
    .selectFrom("notification_preference")
    .select(["kind", "by_email"])
    .where("user_id", "=", userId)
    .execute();
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, rows.find((r) => r.kind === k)?.by_email !== 0]),
  ) as Record<NotificationKind, boolean>;
}

export async function saveEmailPreferences(
  db: DB,
  userId: string,
  byEmail: ReadonlySet<NotificationKind>,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const value = byEmail.has(kind) ? 1 : 0;
      await trx
        .insertInto("notification_preference")
        .values({ user_id: userId, kind, by_email: value })
        .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ by_email: value }))
        .execute();
    }
  });
}

/** The latest emails of the outbox, for the platform administrator. */
export async function outbox(db: DB, limit = 50) {
  return db
    .selectFrom("outbox")
    .select(["id", "to_email", "subject", "status", "attempts", "last_error", "created_at", "sent_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
