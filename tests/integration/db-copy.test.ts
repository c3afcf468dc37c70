/**
 * `npm run db:copy` (db/copy.ts): a SQLite database copied into an empty PostgreSQL database holds
 * the same rows, passes the audit chain and the documents' hashes, and answers the app's queries
 * as the source does; a non-empty target, a source with pending migrations and an altered
 * uploaded file are refused or reported; the CLI exits 0, 1 or 2 as documented.
 *
 * PostgreSQL only: it needs a PostgreSQL server to copy into (TEST_DATABASE_URL, `npm run test:pg`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client";
import { copySqliteToPostgres, CopyRefused, type CopyReport } from "../../db/copy";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest } from "../../db/migrator";
import type { Actor } from "~/domain/access/access";
import { loadActorByEmail } from "~/domain/access/access.server";
import { createAmendment } from "~/domain/agreement/agreement.commands.server";
import { AgreementListQuery } from "~/domain/agreement/agreement.schema";
import {
  currentSnapshot,
  findAgreement,
  listAgreements,
  listAmendments,
  listClauses,
  listParties,
  listVersions,
} from "~/domain/agreement/agreement.queries.server";
import { createPostgresDatabase, onPostgres } from "../support/db";
import { root } from "../support/app-server";
import { seededDatabaseFile, startWriter, tempDir } from "../support/processes";

let dir: string;
let sourcePath: string;
let uploadsPath: string;
let targetUrl: string;
let report: CopyReport;
const created: Array<{ drop(): Promise<void> }> = [];

async function emptyTarget(): Promise<string> {
  const database = await createPostgresDatabase();
  created.push(database);
  return database.url;
}

const actorFor = (db: DB, email: string): Promise<Actor> => loadActorByEmail(db, email);

/** Runs the CLI as a user would (`npx tsx db/cli/copy.ts …`), without npm's own warnings on stderr. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "db/cli/copy.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout,
        stderr: stderr
          .split("\n")
          .filter((l) => l && !l.startsWith("npm warn"))
          .join("\n"),
      }),
    );
  });
}

beforeAll(async () => {
  if (!onPostgres) return;
  dir = tempDir("copy");
  sourcePath = await seededDatabaseFile(dir);
  uploadsPath = path.join(dir, "uploads");
  // An amendment: agreement.parent_agreement_id references its own table, the reference db:copy sets in a second pass.
  const source = openDatabase({ path: sourcePath });
  try {
    const president = await actorFor(source.db, "president@sofara.example");
    const parent = await source.db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    const amended = await createAmendment(
      source.db,
      president,
      { actorUserId: president.userId, ip: null, userAgent: "vitest" },
      (await findAgreement(source.db, president, parent.id))!,
      {
        title: "Avenant n° 1",
        amendsEndDate: "2028-12-31",
      },
    );
    if (!amended.ok) throw new Error("the demo amendment could not be created");
  } finally {
    await source.close();
  }
  targetUrl = await emptyTarget();
  report = await copySqliteToPostgres({ sourcePath, targetUrl, uploadsPath });
}, 120_000);

afterAll(async () => {
  if (!onPostgres) return;
  for (const database of created) await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)("copying the demo database into an empty PostgreSQL database", () => {
  it("copies every table with the same rows, and the audit chain, documents and signed hashes verify", () => {
    const rows = (table: string) => report.tables.find((t) => t.table === table)!.sourceRows;
    expect(report.ok).toBe(true);
    for (const t of report.tables)
      expect(t, t.table).toMatchObject({ ok: true, targetRows: t.sourceRows, targetChecksum: t.sourceChecksum });
    for (const table of [
      "organization",
      "user",
      "agreement",
      "clause",
      "signature",
      "agreement_version",
      "meeting",
      "attachment",
      "audit_event",
    ]) {
      expect(rows(table), table).toBeGreaterThan(0);
    }
    // The FTS5 index and Kysely's bookkeeping are not copied; PostgreSQL's index is rebuilt.
    expect(report.tables.map((t) => t.table)).not.toContain("agreement_search");
    expect(report.tables.map((t) => t.table)).not.toContain("kysely_migration");
    expect(report.searchIndex).toEqual({ agreements: rows("agreement"), indexed: rows("agreement"), ok: true });
    expect(report.auditChain).toEqual({ ok: true, count: rows("audit_event") });
    expect(report.documents).toEqual({ checked: rows("attachment"), missing: [], altered: [] });
    expect(report.signedHashes.find((h) => h.column === "agreement_version.hash")).toEqual({
      column: "agreement_version.hash",
      checked: rows("agreement_version"),
      differing: [],
    });
    expect(report.signedHashes.every((h) => h.differing.length === 0)).toBe(true);
  });

  it("gives the same answers to the app's own queries on the target as on the source", async () => {
    const source = openDatabase({ path: sourcePath });
    const target = openDatabase({ url: targetUrl, path: "" });
    try {
      const answers = async (db: DB) => {
        const president = await actorFor(db, "president@sofara.example");
        const admin = await actorFor(db, "admin@charaka.example");
        const list = (actor: Actor, params: Record<string, string>) =>
          listAgreements(db, actor, AgreementListQuery.parse(params));
        const parent = (
          await db
            .selectFrom("agreement")
            .select("id")
            .where("title", "=", "Convention de partenariat et de coopération")
            .executeTakeFirstOrThrow()
        ).id;
        const loaded = (await findAgreement(db, president, parent))!;
        return {
          frenchWithoutAccents: await list(president, { q: "cooperation" }),
          arabic: await list(president, { q: "تعاون" }),
          everything: await list(admin, { sort: "title" }),
          agreement: loaded.agreement,
          parties: await listParties(db, parent),
          clauses: await listClauses(db, parent),
          versions: await listVersions(db, parent),
          snapshot: await currentSnapshot(db, loaded.agreement),
          amendments: await listAmendments(db, admin, parent),
        };
      };
      const before = await answers(source.db);
      const after = await answers(target.db);
      expect(after).toEqual(before);
      expect(before.frenchWithoutAccents.items.map((i) => i.title)).toContain(
        "Convention de partenariat et de coopération",
      );
      expect(before.arabic.items.length).toBeGreaterThan(0);
      expect(before.amendments.length).toBe(1);
      // Money comes back as numbers (bigint centimes on PostgreSQL), not strings.
      const contributions = after.parties.map((p) => p.contributionCents).filter((c) => c !== null);
      expect(contributions.length).toBeGreaterThan(0);
      for (const c of contributions) expect(typeof c).toBe("number");
      if (after.agreement.total_budget_cents !== null) expect(typeof after.agreement.total_budget_cents).toBe("number");
    } finally {
      await source.close();
      await target.close();
    }
  });

  it("refuses a target that already has rows, and leaves it as it was", async () => {
    const url = await emptyTarget();
    const handle = openDatabase({ url, path: "" });
    try {
      await migrateToLatest(handle.db);
      const at = new Date().toISOString();
      await handle.db
        .insertInto("organization")
        .values({ id: "org-already-here", kind: "association", name_fr: "Déjà là", created_at: at, updated_at: at })
        .execute();
      await expect(copySqliteToPostgres({ sourcePath, targetUrl: url, uploadsPath })).rejects.toThrow(CopyRefused);
      await expect(copySqliteToPostgres({ sourcePath, targetUrl: url, uploadsPath })).rejects.toThrow(
        /is not empty \(rows in organization\).*Nothing was copied/,
      );
      expect(await handle.db.selectFrom("organization").select("id").execute()).toEqual([{ id: "org-already-here" }]);
      for (const table of ["user", "agreement", "audit_event"] as const) {
        expect(
          Number(
            (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)).rows[0]!.n,
          ),
          table,
        ).toBe(0);
      }
    } finally {
      await handle.close();
    }
  });

  it("reports an altered uploaded file by name, and the verification fails", async () => {
    const altered = path.join(dir, "uploads-altered");
    fs.cpSync(uploadsPath, altered, { recursive: true });
    const name = fs.readdirSync(altered)[0]!;
    fs.appendFileSync(path.join(altered, name), "tampered");
    const result = await copySqliteToPostgres({ sourcePath, targetUrl: await emptyTarget(), uploadsPath: altered });
    expect(result.ok).toBe(false);
    expect(result.documents.altered).toEqual([name]);
    expect(result.documents.missing).toEqual([]);
    expect(result.tables.every((t) => t.ok)).toBe(true); // the rows themselves were copied faithfully
  });

  it(
    "copies a live server's database as one consistent moment while a writer keeps writing",
    { timeout: 90_000 },
    async () => {
      const live = path.join(dir, "live");
      fs.mkdirSync(live);
      const livePath = await seededDatabaseFile(live);
      const writer = await startWriter(livePath, { WRITER_FILES: "1", UPLOADS_PATH: path.join(live, "uploads") });
      try {
        await writer.ready;
        while (writer.acks.length < 3) await new Promise((r) => setTimeout(r, 20));
        const ackedBefore = [...writer.acks];
        const url = await emptyTarget();
        const result = await copySqliteToPostgres({
          sourcePath: livePath,
          targetUrl: url,
          uploadsPath: path.join(live, "uploads"),
        });
        expect(writer.child.exitCode).toBeNull(); // it kept writing throughout
        // One snapshot: counts and checksums agree table by table, the chain is whole, every file named is there.
        expect(result).toMatchObject({ ok: true, auditChain: { ok: true }, documents: { missing: [], altered: [] } });
        const target = openDatabase({ url, path: "" });
        try {
          const ids = new Set((await target.db.selectFrom("agreement").select("id").execute()).map((a) => a.id));
          for (const id of ackedBefore) expect(ids.has(id)).toBe(true);
        } finally {
          await target.close();
        }
      } finally {
        writer.child.kill("SIGKILL");
        await writer.closed;
      }
    },
  );

  it("refuses a source with pending migrations, before writing anything to the target", async () => {
    const older = path.join(dir, "older.sqlite");
    const handle = openDatabase({ path: older });
    const names = Object.keys(migrations);
    await migrateToLatest(handle.db, Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!])));
    await handle.close();
    const url = await emptyTarget();
    await expect(copySqliteToPostgres({ sourcePath: older, targetUrl: url, uploadsPath })).rejects.toThrow(
      new RegExp(
        `has pending migrations \\(${names.at(-1)}\\): start the app on it once, or run \`npm run db:migrate\``,
      ),
    );
    const target = openDatabase({ url, path: "" });
    try {
      const tables = await sql<{
        n: number;
      }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(target.db);
      expect(Number(tables.rows[0]!.n)).toBe(0);
    } finally {
      await target.close();
    }
  });
});

describe.skipIf(!onPostgres)("the db:copy command", () => {
  it(
    "copies end to end, prints the verification and how to move the uploads, and exits 0",
    { timeout: 60_000 },
    async () => {
      const url = await emptyTarget();
      const { code, stdout, stderr } = await runCli(["--to", url, "--from", sourcePath], { UPLOADS_PATH: uploadsPath });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toMatch(/^audit_event +\d+ +\d+ +same rows$/m);
      expect(stdout).toMatch(/^all tables +(\d+) +\1 +same rows$/m);
      expect(stdout).toMatch(/^audit chain: ok \(\d+ events\)$/m);
      expect(stdout).toMatch(/^documents: \d+ checked, 0 missing, 0 altered/m);
      expect(stdout).toContain(`rsync -a ${uploadsPath}/ <new uploads folder>/`);
      expect(stdout).toMatch(/All checks passed/);
    },
  );

  it(
    "answers a bad or missing --to with exit code 2 and a one-line message, never a stack trace",
    { timeout: 60_000 },
    async () => {
      for (const args of [
        ["--to", "mysql://localhost/charaka"],
        ["--from", sourcePath],
        ["--to", "postgres://localhost"],
      ]) {
        const { code, stdout, stderr } = await runCli(args);
        expect(code, args.join(" ")).toBe(2);
        expect(stdout).toBe("");
        expect(stderr.split("\n")).toHaveLength(1);
        expect(stderr).toMatch(/--to .*usage: npm run db:copy -- --to postgres:\/\//);
        expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
      }
    },
  );
});
