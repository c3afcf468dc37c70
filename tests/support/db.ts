/**
 * A fresh, migrated database through the app's own code: a SQLite file in a temporary folder,
 * or — when TEST_DATABASE_URL is set (`npm run test:pg`) — a new PostgreSQL database created
 * for the caller on that server (the URL's user must be allowed to create databases) and
 * dropped again by `close()`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseHandle, type DB } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { seedDemoIfEmpty } from "../../db/seed/demo";
import { staleAttention } from "../../app/domain/dashboard/attention-entries.server";
import { stalePartners } from "../../app/domain/organization/organization.server";
import { staleStatusCounts } from "../../app/domain/agreement/agreement.queries.server";
import { staleOrganizationBeneficiaries } from "../../app/domain/dashboard/beneficiaries.server";
import { keptAndFromScratch } from "./kept";

export interface TestDatabase {
  db: DB;
  /** The SQLite file; null on PostgreSQL. */
  path: string | null;
  /** Another handle (its own connections) on the same database, as a second process would have; the caller closes it. */
  openAnother(): DatabaseHandle;
  close(): Promise<void>;
}

/** The PostgreSQL server the integration suite runs against, or undefined for SQLite. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;
export const onPostgres = testDatabaseUrl !== undefined;

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty PostgreSQL database on the TEST_DATABASE_URL server: its URL, and `drop()` (which
 * also ends the connections still open on it).
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error("createPostgresDatabase needs TEST_DATABASE_URL");
  const name = `charaka_test_${crypto.randomBytes(6).toString("hex")}`;
  // template0: nothing an earlier run left in template1; C collation: text sorts byte by byte as in SQLite.
  await adminQuery(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** A new, empty database (nothing migrated): a SQLite file in a temporary folder, or a PostgreSQL database. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  let file: string | null = null;
  let open: () => DatabaseHandle;
  let remove: () => Promise<void>;
  if (testDatabaseUrl) {
    const database = await createPostgresDatabase();
    open = () => openDatabase({ url: database.url, path: "" });
    remove = () => database.drop();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-test-"));
    const sqliteFile = (file = path.join(dir, "charaka.sqlite"));
    open = () => openDatabase({ path: sqliteFile });
    remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const handle = open();
  return {
    db: handle.db,
    path: file,
    openAnother: open,
    async close() {
      await handle.close();
      await remove();
    },
  };
}

/** A fresh database with every migration applied, and the demo data when asked. */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const t = await createEmptyTestDatabase();
  await migrateToLatest(t.db);
  if (options.demo) await seedDemoIfEmpty(t.db);
  return {
    ...t,
    // Whatever a file's tests did through the commands, the dashboard's kept entries, the kept money
    // totals, the kept partner pairs and the organizations' kept totals are those computed from scratch when it closes its database
    // (issue #22's rule for kept figures).
    async close() {
      const stale = await staleAttention(t.db).catch(() => []);
      const money = await keptAndFromScratch(t.db).catch(() => null);
      const partners = await stalePartners(t.db).catch(() => []);
      const totals = [
        ...(await staleStatusCounts(t.db).catch(() => [])),
        ...(await staleOrganizationBeneficiaries(t.db).catch(() => [])),
      ];
      await t.close();
      if (stale.length)
        throw new Error(`kept dashboard entries differ from scratch:\n${JSON.stringify(stale.slice(0, 5), null, 1)}`);
      if (money && JSON.stringify(money.kept) !== JSON.stringify(money.scratch))
        throw new Error(`kept money totals differ from scratch:\n${JSON.stringify(money, null, 1).slice(0, 3000)}`);
      if (partners.length)
        throw new Error(`kept partner pairs differ from scratch:\n${JSON.stringify(partners.slice(0, 5), null, 1)}`);
      if (totals.length)
        throw new Error(
          `kept organization totals differ from scratch:\n${JSON.stringify(totals.slice(0, 5), null, 1)}`,
        );
    },
  };
}
