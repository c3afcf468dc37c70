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
import { openDatabase, type DB } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { seedDemoIfEmpty } from "../../db/seed/demo";

export interface TestDatabase {
  db: DB;
  /** The SQLite file; null on PostgreSQL. */
  path: string | null;
  close(): Promise<void>;
}

/** The PostgreSQL server the integration suite runs against, or undefined for SQLite. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;
export const onPostgres = testDatabaseUrl !== undefined;

/** Why a test is skipped on PostgreSQL, for `it.skipIf(onPostgres)` readers. */
export const SQLITE_ONLY = "SQLite only: ";

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `charaka_test_${crypto.randomBytes(6).toString("hex")}`;
  // template0: nothing an earlier run left in template1; C collation: text sorts byte by byte as in SQLite.
  await adminQuery(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  if (testDatabaseUrl) {
    const created = await createPostgresTestDatabase();
    const handle = openDatabase({ url: created.url, path: "" });
    await migrateToLatest(handle.db);
    if (options.demo) await seedDemoIfEmpty(handle.db);
    return {
      db: handle.db,
      path: null,
      async close() {
        await handle.close();
        await created.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-test-"));
  const file = path.join(dir, "charaka.sqlite");
  const handle = openDatabase({ path: file });
  await migrateToLatest(handle.db);
  if (options.demo) await seedDemoIfEmpty(handle.db);
  return {
    db: handle.db,
    path: file,
    async close() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
