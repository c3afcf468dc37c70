/**
 * Several instances of the app on one PostgreSQL database (#10), each with its own connections
 * (what two `npm start` processes have): they prepare an empty database at the same moment without
 * migrating or seeding it twice; their daily jobs, run at once, create each notice once and send
 * each email once through a real SMTP server; failed logins count across them; an article saved
 * through one makes the other's save from the same version a conflict.
 *
 * PostgreSQL only: one SQLite file serves one server (db/backup.ts's lock file refuses a second).
 * The browser side of the same rules is tests/e2e/instances.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrations } from "../../db/migrations/index";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "../../db/seed/demo";
import { prepareDatabase } from "../../db/setup";
import { loadActorByEmail } from "~/domain/access/access.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { updateClause } from "~/domain/clause/clause.server";
import { attemptLogin } from "~/domain/identity/login.server";
import { LOGIN_FAILURE_LIMIT } from "~/domain/identity/throttle";
import { runDailyJobs } from "~/domain/jobs/daily.server";
import { noticesFor } from "~/domain/notify/notify.server";
import { createEmptyTestDatabase, onPostgres, type TestDatabase } from "../support/db";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

let t: TestDatabase;
let one: DatabaseHandle["db"];
let two: DatabaseHandle;
let smtp: TestSmtpServer;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createEmptyTestDatabase();
  one = t.db;
  two = t.openAnother();
  smtp = await startSmtpServer();
}, 60_000);
afterAll(async () => {
  if (!onPostgres) return;
  await smtp.close();
  await two.close();
  await t.close();
});

const count = async (table: "organization" | "user" | "notification" | "outbox") =>
  Number(
    (
      await one
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  it("started at the same moment on an empty database, they migrate it once and seed the demo once", async () => {
    const [a, b] = await Promise.all([prepareDatabase(one, { demo: true }), prepareDatabase(two.db, { demo: true })]);
    // One of them applied every migration and seeded; the other found nothing left to do.
    expect([a.applied.length, b.applied.length].sort((x, y) => x - y)).toEqual([0, Object.keys(migrations).length]);
    expect([a.seeded, b.seeded].filter(Boolean)).toHaveLength(1);
    expect(await count("organization")).toBe(DEMO_ORGANIZATIONS.length);
    expect(await count("user")).toBe(DEMO_ACCOUNTS.length);
    const applied = await one
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    expect(applied).toHaveLength(Object.keys(migrations).length);
  });

  it("their daily jobs, run at the same time, create each notice once and send each email once", async () => {
    const mail = (from: string) => ({ transport: smtp.transport(), from });
    const now = new Date(Date.now() + 19 * 86_400_000); // a meeting is then days away, items are due
    const [a, b] = await Promise.all([
      runDailyJobs(one, now, { mail: mail("Charaka <a@charaka.test>") }),
      runDailyJobs(two.db, now, { mail: mail("Charaka <b@charaka.test>") }),
    ]);
    const notices = await noticesFor(one, now);
    const expected = new Set(
      notices.flatMap((n) => n.userIds.map((u) => `${u}|${n.kind}|${n.subjectId}|${n.occurrence}`)),
    ).size;
    expect(expected).toBeGreaterThan(5);
    expect(a.reminders + b.reminders).toBe(expected);
    expect(await count("notification")).toBe(expected);
    // Every queued email went out exactly once, whichever instance claimed it.
    const outbox = await one.selectFrom("outbox").select(["id", "status"]).execute();
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    expect(a.emailsSent + b.emailsSent).toBe(outbox.length);
    expect(smtp.received).toHaveLength(outbox.length);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(outbox.length);
  });

  it("their daily jobs, run at the same time years later, renew or expire each agreement once", async () => {
    const later = new Date(Date.now() + 4 * 365 * 86_400_000);
    const [a, b] = await Promise.all([runDailyJobs(one, later), runDailyJobs(two.db, later)]);
    const events = await one
      .selectFrom("audit_event")
      .select(["type", "agreement_id", "data"])
      .where("type", "in", ["agreement.renewed", "agreement.transitioned"])
      .where("created_at", ">=", later.toISOString().slice(0, 10))
      .execute();
    const renewals = events.filter((e) => e.type === "agreement.renewed");
    const expiries = events.filter(
      (e) => e.type === "agreement.transitioned" && JSON.parse(e.data).action === "expire",
    );
    expect(renewals.length + expiries.length).toBeGreaterThan(0);
    expect(a.expiredAgreements + b.expiredAgreements).toBe(renewals.length + expiries.length);
    // Once each: a renewal is a single step per run, so two runs may not both record the same one.
    expect(new Set(renewals.map((e) => `${e.agreement_id}|${e.data}`)).size).toBe(renewals.length);
    expect(new Set(expiries.map((e) => e.agreement_id)).size).toBe(expiries.length);
  });

  it("failed logins count across instances: the account is throttled on both after the limit, spread over the two", async () => {
    const email = "tresorier@ams.example";
    const ip = (i: number) => `203.0.113.${i + 1}`; // different addresses: the account's own limit applies
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      const outcome = await attemptLogin(i % 2 === 0 ? one : two.db, { email, password: "wrong password", ip: ip(i) });
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
    for (const db of [one, two.db]) {
      const outcome = await attemptLogin(db, { email, password: DEMO_PASSWORD, ip: "203.0.113.200" });
      expect(outcome).toMatchObject({ ok: false, reason: "throttled" });
    }
  });

  it("an article saved through one instance makes the other's save from the same version a conflict, showing the saved text", async () => {
    // The demo's agreement in negotiation, AMS × QNET's: its president may still edit the articles.
    const president = await loadActorByEmail(one, "president@ams.example");
    const draft = await one
      .selectFrom("clause")
      .innerJoin("agreement", "agreement.id", "clause.agreement_id")
      .select(["clause.id", "clause.version", "agreement.id as agreementId"])
      .where("agreement.status", "=", "negotiation")
      .orderBy("clause.position")
      .executeTakeFirst();
    expect(draft, "the demo has an agreement in negotiation, with articles").toBeDefined();
    const meta = { actorUserId: president.userId, ip: null, userAgent: "test" };
    const loadedA = (await findAgreement(one, president, draft!.agreementId))!;
    const loadedB = (await findAgreement(two.db, president, draft!.agreementId))!;
    const [first, second] = await Promise.all([
      updateClause(one, president, meta, loadedA, {
        clauseId: draft!.id,
        version: draft!.version,
        heading: "Objet",
        body: "Texte saisi sur l’instance A",
      }),
      updateClause(two.db, president, meta, loadedB, {
        clauseId: draft!.id,
        version: draft!.version,
        heading: "Objet",
        body: "Texte saisi sur l’instance B",
      }),
    ]);
    const outcomes = [first, second];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const conflict = outcomes.find((o) => !o.ok);
    expect(conflict).toMatchObject({ ok: false, error: "conflict", current: { version: draft!.version + 1 } });
    const saved = await two.db
      .selectFrom("clause")
      .select(["body", "version"])
      .where("id", "=", draft!.id)
      .executeTakeFirstOrThrow();
    expect(saved.version).toBe(draft!.version + 1);
    expect(conflict).toMatchObject({ current: { body: saved.body } });
  });
});
