/**
 * Durability (#9) over HTTP, against the built server started for this file (own port, database,
 * uploads): test 2 (lost update: 20 concurrent saves of one article from the same version),
 * test 3 (bad input: fast-check form bodies posted to every route with an action) and test 4
 * (disk full: a clear 503 in the user's language, nothing written, working again without restart).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../support/browser";
import { sql, type RawBuilder } from "kysely";
import type { DatabaseHandle } from "../../db/client";
import { root, startAppServer, type AppServer } from "../support/app-server";
import { onPostgres } from "../support/db";

let server: AppServer;
let cookie = "";
/** The test's own handle on the server's database (SQLite file or PostgreSQL): it reads, never writes. */
let handle: DatabaseHandle;
let footprintQuery: RawBuilder<Record<string, unknown>>;
const ids = { agreement: "", meeting: "", deliverable: "", organization: "", clause: "" };

async function post(url: string, body: Record<string, string> | URLSearchParams, as = cookie) {
  return fetch(`${server.baseURL}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: as, origin: server.baseURL, "content-type": "application/x-www-form-urlencoded" },
    body: body instanceof URLSearchParams ? body : new URLSearchParams(body),
  });
}

async function login(email: string): Promise<string> {
  const res = await post("/login", { email, password: DEMO_PASSWORD }, "");
  expect(res.status).toBe(302 <= res.status && res.status < 400 ? res.status : 303);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** The first column of the first row of a query. */
async function value<T>(query: RawBuilder<unknown>): Promise<T> {
  const row = (await query.execute(handle.db)).rows[0] as Record<string, unknown> | undefined;
  return (row ? Object.values(row)[0] : undefined) as T;
}

/** What a write leaves: the audit log's last seq and the rows of every domain table (one query). */
async function footprint(): Promise<string> {
  return JSON.stringify((await footprintQuery.execute(handle.db)).rows[0]);
}

beforeAll(async () => {
  // One HTTP process per core (the server's default): the crashes happen across processes.
  server = await startAppServer({ CHARAKA_TEST_MAX_PAGE_COUNT: "0" }, { processes: "default" });
  handle = server.openDatabase();
  const tables = (await handle.db.introspection.getTables())
    .filter((t) => !t.isView && !["session", "auth_attempt"].includes(t.name) && !t.name.startsWith("agreement_search"))
    .map((t) => t.name)
    .sort();
  footprintQuery = sql`select ${sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}, (select max(seq) from audit_event) as last_seq`;
  cookie = await login("president@sofara.example");
  ids.agreement = await value(
    sql`select id from agreement where title = 'Convention de partenariat et de coopération'`,
  );
  ids.meeting = await value(sql`select id from meeting where agreement_id = ${ids.agreement} order by number limit 1`);
  ids.deliverable = await value(sql`select id from deliverable where agreement_id = ${ids.agreement} limit 1`);
  ids.organization = await value(
    sql`select organization_id from membership m join "user" u on u.id = m.user_id where u.email = 'president@sofara.example'`,
  );
  // A draft agreement with one article, for the concurrent saves and the full disk.
  const created = await post("/agreements/new", {
    title: "Convention d'essai de durabilité",
    kind: "partnership",
    currency: "MAD",
    ownerOrganizationId: ids.organization,
    purpose: "Essai",
  });
  expect(created.status).toBe(302 <= created.status && created.status < 400 ? created.status : 303);
  const draft = new URL(created.headers.get("location")!, server.baseURL).pathname.split("/")[2]!;
  const added = await post(`/agreements/${draft}/clauses`, {
    intent: "addClause",
    heading: "Objet",
    body: "Texte initial",
  });
  expect(added.status).toBeLessThan(400);
  ids.clause = await value(sql`select id from clause where agreement_id = ${draft}`);
  (ids as Record<string, string>).draft = draft;
  // A progress report being written, for its page's actions.
  const started = await post(`/agreements/${ids.agreement}/reports?index`, {
    intent: "startReport",
    kind: "progress",
    periodFrom: "2026-01-01",
    periodTo: "2026-03-31",
  });
  expect(started.status).toBe(302 <= started.status && started.status < 400 ? started.status : 303);
  (ids as Record<string, string>).report = new URL(started.headers.get("location")!, server.baseURL).pathname.split(
    "/",
  )[4]!;
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await server?.stop();
});

describe("test 2 — lost update", () => {
  it("of 20 concurrent saves of one article from the same version exactly one wins; 19 get the conflict answer; one change in the audit log", async () => {
    const draft = (ids as Record<string, string>).draft!;
    const version = await value<number>(sql`select version from clause where id = ${ids.clause}`);
    const updates = sql`select count(*) from audit_event where type = 'clause.updated' and subject_id = ${ids.clause}`;
    const before = Number(await value(updates));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/agreements/${draft}/clauses`, {
          intent: "updateClause",
          clauseId: ids.clause,
          version: String(version),
          heading: "Objet",
          body: `Version ${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s >= 300 && s < 400)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const after = Number(await value(updates));
    expect(after - before).toBe(1);
    const saved = await handle.db
      .selectFrom("clause")
      .select(["body", "version"])
      .where("id", "=", ids.clause)
      .executeTakeFirstOrThrow();
    expect(saved.version).toBe(version + 1);
    const winner = results.findIndex((r) => r.status < 400);
    expect(saved.body).toBe(`Version ${winner}`);
  });
});

/** The handlers' names of an action kit's `dispatch(…, { intent: handler, … })`: the keys at its first indentation. */
function dispatchedIntents(source: string): string[] {
  const at = source.indexOf("return dispatch(");
  if (at < 0) return [];
  const body = source.slice(at);
  const indent = /\n( +)[a-zA-Z_]+:/.exec(body)?.[1];
  if (!indent) return [];
  return [...body.matchAll(new RegExp(`\\n${indent}([a-zA-Z_]+):`, "g"))].map((m) => m[1]!);
}

/** Every route module with an action, its URL here, and the intents its source names. */
function actionRoutes(): Array<{ file: string; url: string; intents: string[] }> {
  const draft = (ids as Record<string, string>).draft!;
  const urls: Record<string, string> = {
    "$.tsx": "/no-such-page",
    "_app.account.tsx": "/account",
    "_app.account_.security.tsx": "/account/security",
    "_app.action-items.tsx": "/action-items",
    "_app.agreements.$agreementId._index.tsx": `/agreements/${ids.agreement}?index`,
    "_app.agreements.$agreementId.clauses.tsx": `/agreements/${draft}/clauses`,
    "_app.agreements.$agreementId.committee.tsx": `/agreements/${ids.agreement}/committee`,
    "_app.agreements.$agreementId.deliverables.$deliverableId.tsx": `/agreements/${ids.agreement}/deliverables/${ids.deliverable}`,
    "_app.agreements.$agreementId.deliverables._index.tsx": `/agreements/${ids.agreement}/deliverables?index`,
    "_app.agreements.$agreementId.finances.tsx": `/agreements/${ids.agreement}/finances`,
    "_app.agreements.$agreementId.meetings.$meetingId.tsx": `/agreements/${ids.agreement}/meetings/${ids.meeting}`,
    "_app.agreements.$agreementId.obligations.tsx": `/agreements/${ids.agreement}/obligations`,
    "_app.agreements.$agreementId.plan.tsx": `/agreements/${ids.agreement}/plan`,
    "_app.agreements.$agreementId.reports._index.tsx": `/agreements/${ids.agreement}/reports?index`,
    "_app.agreements.$agreementId.reports.$reportId.tsx": `/agreements/${ids.agreement}/reports/${(ids as Record<string, string>).report}`,
    "_app.agreements.$agreementId.sign.tsx": `/agreements/${ids.agreement}/sign`,
    "_app.agreements.$agreementId.tsx": `/agreements/${ids.agreement}`,
    "_app.agreements.import.tsx": "/agreements/import",
    "_app.agreements.new.tsx": "/agreements/new",
    "_app.notifications.tsx": "/notifications",
    "_app.organizations.$organizationId.tsx": `/organizations/${ids.organization}`,
    "_app.organizations.$organizationId_.integrations.tsx": `/organizations/${ids.organization}/integrations`,
    "_app.organizations.new.tsx": "/organizations/new",
    "_app.people.tsx": "/people",
    "_app.settings.backup.ts": "/settings/backup",
    "_app.settings.tsx": "/settings",
    "forgot-password.tsx": "/forgot-password",
    "reset-password.$token.tsx": "/reset-password/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    "login_.two-factor.tsx": "/login/two-factor",
    "invitations.$token.tsx": "/invitations/abcdefghijklmnopqrstuvwxyz012345",
    "locale.tsx": "/locale",
    "login.tsx": "/login",
    "markdown-preview.ts": "/markdown-preview",
    "verify.tsx": "/verify",
  };
  const dir = path.join(root, "app", "routes");
  const routes = [];
  for (const entry of fs.readdirSync(dir)) {
    // A route folder (`x/route.tsx` with its parts beside it) is the route `x.tsx`: its parts name its intents too.
    const folder = fs.statSync(path.join(dir, entry)).isDirectory();
    const file = folder ? `${entry}.tsx` : entry;
    const module = fs.readFileSync(path.join(dir, entry, ...(folder ? ["route.tsx"] : [])), "utf8");
    if (!/export (async )?function action\b/.test(module)) continue;
    if (file === "logout.tsx") continue; // ends the session the other requests use; it has no form fields
    expect(urls[file], `no URL for ${file}: add it to this test`).toBeDefined();
    const source = folder
      ? fs
          .readdirSync(path.join(dir, entry))
          .map((part) => fs.readFileSync(path.join(dir, entry, part), "utf8"))
          .join("\n")
      : module;
    const intents = [...source.matchAll(/(?:case |intent === |name="intent" value=|z\.literal\()"([a-zA-Z_]+)"/g)].map(
      (m) => m[1]!,
    );
    routes.push({ file, url: urls[file]!, intents: [...new Set([...intents, ...dispatchedIntents(module)])] });
  }
  return routes;
}

const FIELD_NAMES = [
  "title",
  "heading",
  "body",
  "version",
  "clauseId",
  "date",
  "dueDate",
  "time",
  "name",
  "email",
  "note",
  "reason",
  "quantity",
  "target",
  "year",
  "status",
  "to",
  "role",
  "minutes",
  "revision",
  "kind",
  "password",
  "partyId",
  "memberId",
  "itemId",
  "ownerOrganizationId",
  "organizationId",
  "locale",
  "hash",
  "reference",
  "durationMinutes",
  "budget",
  "currency",
  "consent",
  "confirm",
  "summary",
  "message",
  "section",
  "decision",
  "periodFrom",
  "periodTo",
];
const malformed = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ minLength: 301, maxLength: 400 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "-1",
    "0",
    "1e309",
    "NaN",
    "null",
    "undefined",
    "[]",
    "{}",
    "2026-02-30",
    "99:99",
    "\u0000",
    "' or 1=1 --",
    "<script>x</script>",
    "../../etc/passwd",
    "aaaaaaaaaaaaaaaa",
  ),
);

describe("test 3 — bad input", () => {
  it(
    "random and malformed form data on every action (150 runs each, 30 on PostgreSQL): never a 500 nor a stack trace, and a refusal writes nothing",
    { timeout: 400_000 },
    async () => {
      const routes = actionRoutes();
      expect(routes.length).toBeGreaterThanOrEqual(23);
      const statuses: Record<string, Record<number, number>> = {};
      for (const route of routes) {
        statuses[route.file] = {};
        await fc.assert(
          fc.asyncProperty(
            fc.option(fc.constantFrom(...(route.intents.length ? route.intents : ["x"])), { nil: undefined, freq: 8 }),
            fc.dictionary(fc.constantFrom(...FIELD_NAMES), malformed, { maxKeys: 6 }),
            async (intent, fields) => {
              const body = new URLSearchParams(fields);
              if (intent) body.set("intent", intent);
              const before = await footprint();
              const res = await post(route.url, body);
              const answer = await res.text();
              statuses[route.file]![res.status] = (statuses[route.file]![res.status] ?? 0) + 1;
              expect(res.status, `${route.url} ${body}`).toBeLessThan(500);
              // A refusal is a page of the app (the form again, or the error page), never a stack trace.
              expect(answer, `${route.url} ${body}`).not.toMatch(
                /at .*\.(js|ts):\d+:\d+|SQLITE_|PostgreSQL|syntax error/,
              );
              if (res.status >= 400 && route.file !== "login.tsx")
                expect(await footprint(), `${route.url} ${body} answered ${res.status} but wrote`).toBe(before);
            },
          ),
          // Parsing is the same code on both engines; on PostgreSQL each run's two footprints are network
          // round trips, so fewer runs there keep the suite within CI's time (FUZZ_RUNS overrides both).
          { numRuns: Number(process.env.FUZZ_RUNS ?? (onPostgres ? 30 : 150)), seed: 9 },
        );
      }
      console.info(`bad input: statuses per route ${JSON.stringify(statuses)}`);
    },
  );

  it("a valid random article round-trips: saved, then shown as typed", { timeout: 60_000 }, async () => {
    const draft = (ids as Record<string, string>).draft!;
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ\u0621-\u064A]{2,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.array(word, { minLength: 1, maxLength: 30 }),
        async (h, b) => {
          const heading = h.join(" ");
          const text = b.join(" ");
          const res = await post(`/agreements/${draft}/clauses`, { intent: "addClause", heading, body: text });
          expect(res.status).toBeGreaterThanOrEqual(300);
          expect(res.status).toBeLessThan(400);
          const stored = await handle.db
            .selectFrom("clause")
            .select(["heading", "body"])
            .where("agreement_id", "=", draft)
            .orderBy("position", "desc")
            .limit(1)
            .executeTakeFirstOrThrow();
          expect(stored).toEqual({ heading, body: text });
          const page = await (
            await fetch(`${server.baseURL}/agreements/${draft}/clauses`, { headers: { cookie } })
          ).text();
          expect(page).toContain(heading);
        },
      ),
      { numRuns: 8, seed: 3 },
    );
  });
});

// A full disk is acted out on SQLite's file (a page limit); PostgreSQL's own out-of-space errors map to the same 503 (db/postgres.ts).
describe.skipIf(onPostgres)("test 4 — disk full", () => {
  it(
    "answers a clear 503 in the user's language, writes nothing, and works again when space returns, without a restart",
    { timeout: 60_000 },
    async () => {
      const draft = (ids as Record<string, string>).draft!;
      const big = "Texte d'un long article. ".repeat(1500);
      server.child.kill("SIGUSR1"); // the disk is full from now on
      await new Promise((r) => setTimeout(r, 200));
      const before = await footprint();
      const pid = server.child.pid;
      const full = await post(`/agreements/${draft}/clauses`, {
        intent: "addClause",
        heading: "Article trop long pour le disque",
        body: big,
      });
      const html = await full.text();
      expect(full.status).toBe(503);
      expect(html).toContain("rien n’a été modifié");
      expect(html).not.toMatch(/SQLITE_|at .*\.(js|ts):\d+/);
      expect(await footprint()).toBe(before);
      // Reading goes on: no page writes when it is only looked at.
      for (const page of [
        "/",
        `/agreements/${draft}`,
        `/agreements/${draft}/clauses`,
        "/agreements",
        "/notifications",
      ]) {
        expect((await fetch(`${server.baseURL}${page}`, { headers: { cookie } })).status, page).toBe(200);
      }
      // In Arabic for someone who works in Arabic: the same full disk, the same refusal, in her language.
      server.child.kill("SIGUSR2");
      await new Promise((r) => setTimeout(r, 200));
      const toArabic = await post("/account", {
        intent: "profile",
        name: "Mustapha El Harma",
        locale: "ar",
        email: "president@sofara.example",
      });
      expect(toArabic.status).toBeLessThan(400);
      server.child.kill("SIGUSR1");
      await new Promise((r) => setTimeout(r, 200));
      const beforeArabic = await footprint();
      const arabic = await post(`/agreements/${draft}/clauses`, {
        intent: "addClause",
        heading: "بند طويل جدا",
        body: big,
      });
      expect(arabic.status).toBe(503);
      expect(await arabic.text()).toContain("لم يتغير أي شيء");
      expect(await footprint()).toBe(beforeArabic);
      server.child.kill("SIGUSR2");
      await new Promise((r) => setTimeout(r, 200));
      expect(
        (
          await post("/account", {
            intent: "profile",
            name: "Mustapha El Harma",
            locale: "fr",
            email: "president@sofara.example",
          })
        ).status,
      ).toBeLessThan(400);

      server.child.kill("SIGUSR2"); // space returns
      await new Promise((r) => setTimeout(r, 200));
      const again = await post(`/agreements/${draft}/clauses`, {
        intent: "addClause",
        heading: "Article trop long pour le disque",
        body: big,
      });
      expect(again.status).toBeGreaterThanOrEqual(300);
      expect(again.status).toBeLessThan(400);
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode).toBeNull();
      expect(await value(sql`pragma integrity_check`)).toBe("ok");
    },
  );
});

describe("backup download", () => {
  it.skipIf(onPostgres)("is the platform administrator's alone (404 for others), audited, and a .tar", async () => {
    expect((await post("/settings/backup", {})).status).toBe(404);
    const admin = await login("admin@charaka.example");
    const res = await post("/settings/backup", {}, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-tar");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(257, 262).toString()).toBe("ustar");
    expect(bytes.includes(Buffer.from("/charaka.sqlite"))).toBe(true);
    expect(Number(await value(sql`select count(*) from audit_event where type = 'backup.downloaded'`))).toBe(1);
    const page = await (await fetch(`${server.baseURL}/settings`, { headers: { cookie: admin } })).text();
    expect(page).toContain('data-testid="backup-form"');
    const other = await (await fetch(`${server.baseURL}/settings`, { headers: { cookie } })).text();
    expect(other).not.toContain('data-testid="backup-form"');
  });

  it.runIf(onPostgres)(
    "on PostgreSQL there is none in the app: the administrator is told to use pg_dump, and the download answers 404",
    async () => {
      const admin = await login("admin@charaka.example");
      expect((await post("/settings/backup", {}, admin)).status).toBe(404);
      const page = await (await fetch(`${server.baseURL}/settings`, { headers: { cookie: admin } })).text();
      expect(page).toContain('data-testid="backup-postgres"');
      expect(page).toContain("pg_dump");
      expect(page).not.toContain('data-testid="backup-form"');
    },
  );
});
