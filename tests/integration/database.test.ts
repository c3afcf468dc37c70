import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { prepareDatabase } from "../../db/setup";
import { openSqlite, readPragmas } from "../../db/sqlite";
import { DEMO_ACCOUNTS } from "../../db/seed/demo";

const dirs: string[] = [];
function tempPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-db-"));
  dirs.push(dir);
  return path.join(dir, "nested", "folder", "charaka.sqlite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("database connection", () => {
  it("creates the file and its folder, with WAL, foreign keys, synchronous=FULL and busy_timeout ≥ 5000", () => {
    const file = tempPath();
    const sqlite = openSqlite(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(readPragmas(sqlite)).toEqual({ journal_mode: "wal", foreign_keys: 1, synchronous: 2, busy_timeout: 5000 });
    sqlite.close();
  });

  it("enforces foreign keys", async () => {
    const handle = openDatabase({ path: tempPath() });
    await migrateToLatest(handle.db);
    const now = new Date().toISOString();
    await expect(
      handle.db
        .insertInto("membership")
        .values({ id: "m", user_id: "missing", organization_id: "missing", role: "member", title: null, created_at: now, updated_at: now })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await handle.close();
  });
});

describe("migrations and demo seed", () => {
  it("apply once; running them again changes nothing", async () => {
    const handle = openDatabase({ path: tempPath() });
    expect(await migrateToLatest(handle.db)).toContain("2026-11-23-0001-foundation");
    expect(await migrateToLatest(handle.db)).toEqual([]);
    await handle.close();
  });

  it("seed the demo accounts into an empty database, and never into one that has data", async () => {
    const handle = openDatabase({ path: tempPath() });
    const first = await prepareDatabase(handle.db, { demo: true });
    expect(first.seeded).toBe(true);
    const emails = (await handle.db.selectFrom("user").select("email").execute()).map((u) => u.email);
    for (const required of ["admin@charaka.example", "president@sofara.example", "membre@sofara.example", "rse@clearvision.example", "president@insaf.example"]) {
      expect(emails).toContain(required);
    }
    expect(emails).toHaveLength(DEMO_ACCOUNTS.length);
    const second = await prepareDatabase(handle.db, { demo: true });
    expect(second.seeded).toBe(false);
    expect(await handle.db.selectFrom("user").select("id").execute()).toHaveLength(DEMO_ACCOUNTS.length);
    await handle.close();
  });

  it("seed nothing when demo data is turned off", async () => {
    const handle = openDatabase({ path: tempPath() });
    const result = await prepareDatabase(handle.db, { demo: false });
    expect(result.seeded).toBe(false);
    expect(await handle.db.selectFrom("user").select("id").execute()).toHaveLength(0);
    await handle.close();
  });
});
