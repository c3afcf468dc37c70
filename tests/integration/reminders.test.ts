/**
 * Reminders end to end on the demo database, with a real SMTP server on a local port: the
 * daily job creates each notice once (run twice, or twice at once), emails go out once in each
 * person's language, failures are retried, and a person who turned email off gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { runDailyJobs } from "~/domain/jobs/daily.server";
import {
  createReminders,
  noticesFor,
  notifyDeliveryToConfirm,
  OUTBOX_CLAIM_MINUTES,
  saveEmailPreferences,
  sendOutbox,
  unreadCount,
} from "~/domain/notify/notify.server";
import { dueState, meetingSoon } from "~/domain/notify/reminders";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { sendMail } from "~/lib/mail.server";
import { decodeHeader, startSmtpServer, type TestSmtpServer } from "../support/smtp";

let t: TestDatabase;
let db: DB;
let smtp: TestSmtpServer;

beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  db = t.db;
  smtp = await startSmtpServer();
}, 60_000);
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const transport = () => smtp.transport();
// Three weeks before the seeded next meeting is in three days; the open action item is due 15 December.
const SEED_NOW = new Date();
const inDays = (days: number) => new Date(SEED_NOW.getTime() + days * 86_400_000);

describe("which reminders are due", () => {
  it("a due date is announced within 7 days, and overdue once past; a meeting within 3 days", () => {
    expect(dueState("2026-11-30", "2026-11-23")).toBe("due");
    expect(dueState("2026-12-01", "2026-11-23")).toBe(null);
    expect(dueState("2026-11-22", "2026-11-23")).toBe("overdue");
    expect(dueState(null, "2026-11-23")).toBe(null);
    const now = new Date("2026-11-23T10:00:00Z");
    expect(meetingSoon("2026-11-26T09:00:00Z", now)).toBe(true);
    expect(meetingSoon("2026-11-27T11:00:00Z", now)).toBe(false);
    expect(meetingSoon("2026-11-23T09:00:00Z", now)).toBe(false);
  });
});

describe("what the demo calls for", () => {
  const userId = async (email: string) =>
    (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  it("a signature awaited is announced to each signatory with an account, once per version of the text, linking to the signing page", async () => {
    const notices = (await noticesFor(db, SEED_NOW)).filter((n) => n.kind === "signature_awaited");
    const derbGhallef = notices.filter((n) => String(n.params.title).includes("Derb Ghallef"));
    expect(derbGhallef.flatMap((n) => n.userIds).sort()).toEqual(
      [await userId("president@insaf.example"), await userId("rse@kazyon.example")].sort(),
    );
    const version = (
      await db
        .selectFrom("agreement")
        .select("text_version")
        .where("title", "like", "%Derb Ghallef")
        .executeTakeFirstOrThrow()
    ).text_version;
    expect(derbGhallef.map((n) => n.occurrence)).toEqual([`v${version}`, `v${version}`]);
    expect(derbGhallef.every((n) => /^\/agreements\/[a-z0-9]{16}\/sign$/.test(n.link))).toBe(true);
    // Signatories without an account (QNET's, inwi's) are reached by other means.
    expect(notices.flatMap((n) => n.userIds)).not.toContain(undefined);
  });

  it("an agreement ending is announced to the parties' presidents and admins within its notice, and again in its last week", async () => {
    const framework = (n: { kind: string; params: Record<string, unknown> }) =>
      n.kind === "agreement_ending" && String(n.params.title).startsWith("Convention-cadre");
    const now = (await noticesFor(db, SEED_NOW)).filter(framework);
    expect(now.map((n) => n.occurrence)).toEqual([now[0]!.params.date]);
    expect(now[0]!.userIds).toEqual([await userId("president@ams.example")]);
    const end = String(now[0]!.params.date);
    const threeDaysBefore = new Date(Date.parse(`${end}T09:00:00Z`) - 3 * 86_400_000);
    const lastWeek = (await noticesFor(db, threeDaysBefore)).filter(framework);
    expect(lastWeek.map((n) => n.occurrence).sort()).toEqual([end, `${end}:last-week`]);
  });
});

describe("the reminder job", () => {
  it("creates each notice once, even run twice at the same time, and emails each person once in their language", async () => {
    const now = inDays(19); // the seeded meeting no. 2 is 21 days after seeding: now 2 days ahead
    const before = await db
      .selectFrom("notification")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(0);
    const [a, b] = await Promise.all([createReminders(db, now), createReminders(db, now)]);
    const notices = await noticesFor(db, now);
    expect(notices.some((n) => n.kind === "meeting_soon")).toBe(true);
    const expected = new Set(
      notices.flatMap((n) => n.userIds.map((u) => `${u}|${n.kind}|${n.subjectId}|${n.occurrence}`)),
    ).size;
    expect(a + b).toBe(expected);
    expect(await createReminders(db, now)).toBe(0);

    const first = await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>");
    expect(first.failed).toBe(0);
    expect(first.sent).toBe(smtp.received.length);
    expect(await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>")).toEqual({ sent: 0, failed: 0 });
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);

    // Salma reads Arabic, Mustapha French.
    const salma = smtp.received.filter((m) => m.to === "membre@sofara.example");
    const mustapha = smtp.received.filter((m) => m.to === "president@sofara.example");
    expect(salma.length).toBeGreaterThan(0);
    expect(mustapha.length).toBeGreaterThan(0);
    const subjects = async (email: string) =>
      (await db.selectFrom("outbox").select("subject").where("to_email", "=", email).execute()).map((r) => r.subject);
    expect((await subjects("membre@sofara.example")).some((x) => /اجتماع اللجنة رقم 2/.test(x))).toBe(true);
    expect((await subjects("president@sofara.example")).some((x) => /réunion n° 2 du comité/.test(x))).toBe(true);
    // The Arabic subject travels encoded (RFC 2047), as mail clients expect.
    expect(salma.every((m) => /^=\?UTF-8\?/i.test(m.subject))).toBe(true);
    const salmaUser = await db
      .selectFrom("user")
      .select("id")
      .where("email", "=", "membre@sofara.example")
      .executeTakeFirstOrThrow();
    expect(await unreadCount(db, salmaUser.id)).toBeGreaterThan(0);
  });

  it("a meeting's reminder email says when — in the meeting's time zone, named — and where, in the reader's language; no header carries an invisible bidi mark", async () => {
    // The meeting's reminders again, from a clean slate (the test above sent them once).
    const soon = await db.selectFrom("notification").select("id").where("kind", "=", "meeting_soon").execute();
    await db
      .deleteFrom("outbox")
      .where(
        "notification_id",
        "in",
        soon.map((n) => n.id),
      )
      .execute();
    await db.deleteFrom("notification").where("kind", "=", "meeting_soon").execute();
    smtp.received.length = 0;
    const now = inDays(19);
    expect(await createReminders(db, now)).toBeGreaterThan(0);
    await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>");
    const meeting = await db
      .selectFrom("meeting")
      .select(["starts_at", "time_zone", "location"])
      .where("number", "=", 2)
      .where("status", "=", "planned")
      .orderBy("starts_at")
      .executeTakeFirstOrThrow();
    expect(meeting.location).toBeTruthy();
    const hour = (locale: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: meeting.time_zone, hour: "2-digit", minute: "2-digit" }).format(
        new Date(meeting.starts_at),
      );
    const mailTo = (email: string) => {
      const found = smtp.received.filter((m) => m.to === email && /réunion|اجتماع/.test(m.subjectText));
      expect(found).toHaveLength(1);
      return found[0]!;
    };

    const mustapha = mailTo("president@sofara.example");
    expect(mustapha.subjectText).toContain("réunion n° 2 du comité");
    expect(mustapha.subjectText).toContain(hour("fr"));
    expect(mustapha.text).toMatch(new RegExp(`^Quand : .*${hour("fr")} \\(heure : Maroc, UTC\\+[01]\\)$`, "m"));
    expect(mustapha.text).toContain(`Où : ${meeting.location}`);

    const salma = mailTo("membre@sofara.example");
    expect(salma.subjectText).toContain("اجتماع اللجنة رقم 2");
    expect(salma.text).toMatch(/^الموعد: .*\(توقيت المغرب، غرينتش\+[01]\)$/m);
    expect(salma.text).toContain(hour("fr")); // Arabic text, Latin digits, as the meeting page shows it
    expect(salma.text).toContain(`المكان: ${meeting.location}`);

    // The subject a mail client shows: the reference and sentence, without isolates, marks or embeddings.
    for (const mail of smtp.received) {
      expect(mail.subjectText).not.toMatch(/[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
      expect(mail.subjectText).toMatch(/CH-\d{4}-\d{4}/);
    }
  });

  it("the mail layer keeps bidi controls out of headers, and the body as written", async () => {
    smtp.received.length = 0;
    await sendMail(transport(), {
      from: "\u2068Charaka\u2069 <no-reply@charaka.test>",
      to: "membre@sofara.example",
      subject: "\u2068CH-2026-0001\u2069: \u200Fاجتماع اللجنة رقم 2\u202B\u202C",
      text: "\u2068CH-2026-0001\u2069: اجتماع اللجنة رقم 2",
    });
    expect(smtp.received[0]!.subjectText).toBe("CH-2026-0001: اجتماع اللجنة رقم 2");
    expect(decodeHeader(/^From: (.*)$/im.exec(smtp.received[0]!.body)![1]!)).toBe("Charaka <no-reply@charaka.test>");
    expect(smtp.received[0]!.text).toContain("\u2068CH-2026-0001\u2069");
  });

  it("retries an email the server refused, then sends it once; someone who turned email off gets none", async () => {
    const nadia = await db
      .selectFrom("user")
      .select("id")
      .where("email", "=", "rse@clearvision.example")
      .executeTakeFirstOrThrow();
    await saveEmailPreferences(db, nadia.id, new Set());
    const later = inDays(40); // the action item of 15 December is now overdue for the Sofara party
    smtp.received.length = 0;
    await createReminders(db, later);
    smtp.refuse = true;
    const refused = await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>");
    expect(refused.sent).toBe(0);
    expect(refused.failed).toBeGreaterThan(0);
    smtp.refuse = false;
    const retried = await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>");
    expect(retried.sent).toBe(refused.failed);
    expect(smtp.received.filter((m) => m.to === "rse@clearvision.example")).toEqual([]);
    const nadiaNotices = await db.selectFrom("notification").select("id").where("user_id", "=", nadia.id).execute();
    expect(nadiaNotices.length).toBeGreaterThan(0);
  });

  it("an email claimed by another sender is left alone while it sends, and taken over once the claim is stale", async () => {
    const id = "outbox-claim-test";
    const claimedAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await db
      .insertInto("outbox")
      .values({
        id,
        notification_id: null,
        to_email: "claims@charaka.test",
        subject: "Réunion",
        body: "…",
        last_error: null,
        created_at: claimedAt(30),
        sent_at: null,
        attempts: 1,
        claimed_at: claimedAt(1),
      })
      .execute();
    smtp.received.length = 0;
    // In flight elsewhere (claimed a minute ago): not sent a second time.
    expect(await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>")).toEqual({ sent: 0, failed: 0 });
    // Its sender died mid-send: after OUTBOX_CLAIM_MINUTES, another sender takes it over, once.
    await db
      .updateTable("outbox")
      .set({ claimed_at: claimedAt(OUTBOX_CLAIM_MINUTES + 1) })
      .where("id", "=", id)
      .execute();
    expect(await sendOutbox(db, transport(), "Charaka <no-reply@charaka.test>")).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual(["claims@charaka.test"]);
    expect(
      await db
        .selectFrom("outbox")
        .select(["status", "attempts", "claimed_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "sent", attempts: 2, claimed_at: null });
  });

  it("runs as part of the daily job, which reports what it did", async () => {
    const report = await runDailyJobs(db, inDays(40), {
      mail: { transport: transport(), from: "Charaka <no-reply@charaka.test>" },
    });
    expect(report.reminders).toBe(0);
    expect(report.emailsSent).toBe(0);
  });

  it("says the state is current once, before the day's notices are written and the chain is checked", async () => {
    const notices = () =>
      db
        .selectFrom("notification")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const before = await notices();
    let atCurrent: Promise<number> | null = null;
    let calls = 0;
    const report = await runDailyJobs(db, inDays(400), {
      onStateCurrent: () => {
        calls += 1;
        atCurrent = notices();
      },
    });
    expect(calls).toBe(1);
    expect(report.reminders).toBeGreaterThan(0);
    expect(await atCurrent).toBe(before);
    expect(await notices()).toBe(before + report.reminders);
    expect(report.auditChain).toEqual({ ok: true });
  });
});

describe("deliveries to confirm", () => {
  it("a deliverable declared delivered is announced to the other parties' members, once per declaration", async () => {
    const d = await db
      .selectFrom("deliverable as d")
      .innerJoin("agreement as a", "a.id", "d.agreement_id")
      .innerJoin("agreement_party as p", "p.id", "d.responsible_party_id")
      .select(["d.id", "d.agreement_id", "d.status", "d.version", "p.organization_id as responsible"])
      .where("a.status", "=", "active")
      .where("a.title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    await db.updateTable("deliverable").set({ status: "delivered" }).where("id", "=", d.id).execute();
    const mine = (await noticesFor(db, SEED_NOW)).filter(
      (n) => n.kind === "delivery_to_confirm" && n.subjectId === d.id,
    );
    expect(mine).toHaveLength(1);
    const members = await db
      .selectFrom("membership")
      .select(["user_id", "organization_id"])
      .where("user_id", "in", [...mine[0]!.userIds])
      .execute();
    expect(members.length).toBeGreaterThan(0);
    expect(members.some((m) => m.organization_id === d.responsible)).toBe(false);
    expect(mine[0]!.occurrence).toBe(`v${d.version}`);

    const created = await notifyDeliveryToConfirm(db, d.agreement_id);
    expect(created).toBe(mine[0]!.userIds.length);
    expect(await notifyDeliveryToConfirm(db, d.agreement_id)).toBe(0);
    const before = await db.selectFrom("notification").select("id").where("subject_id", "=", d.id).execute();
    await createReminders(db, SEED_NOW);
    const after = await db.selectFrom("notification").select("id").where("subject_id", "=", d.id).execute();
    expect(after.length).toBe(before.length);
    // Declared again after a dispute (a new version): announced again.
    await db
      .updateTable("deliverable")
      .set({ version: d.version + 2 })
      .where("id", "=", d.id)
      .execute();
    expect(await notifyDeliveryToConfirm(db, d.agreement_id)).toBe(created);
    await db
      .updateTable("deliverable")
      .set({ status: d.status, version: d.version + 3 })
      .where("id", "=", d.id)
      .execute();
  });
});
