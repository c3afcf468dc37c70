/**
 * Durability (#9), test 5 and the backup rules — a backup taken while a writer process keeps
 * writing agreements, articles and documents restores to a copy that passes integrity_check, the
 * audit chain and every document's SHA-256; restore refuses while a server holds the database;
 * migrations on a database with data are preceded by a backup, and a failing migration changes
 * nothing and names that backup; the .tar download holds the same bytes.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBackup,
  listBackups,
  lockFileFor,
  pruneBackups,
  readBackup,
  restoreBackup,
  verifyDatabase,
} from "../../db/backup";
import { sha256File } from "../../db/verify";
import { openDatabase } from "../../db/client";
import { migrations } from "../../db/migrations/index";
import { prepareDatabase } from "../../db/setup";
import { tarFolder } from "~/lib/tar.server";
import { seededDatabaseFile, startWriter, tempDir } from "../support/processes";
import { onPostgres } from "../support/db";

let dir: string;
beforeAll(() => {
  dir = tempDir("backup");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// SQLite only: backups, restores and the pre-migration backup copy the SQLite file (PostgreSQL is backed up with pg_dump).
describe.skipIf(onPostgres)("a backup taken under load", () => {
  it(
    "restores to a copy that passes integrity_check, the audit chain and the documents' hashes",
    { timeout: 90_000 },
    async () => {
      const live = path.join(dir, "live");
      fs.mkdirSync(live);
      const databasePath = await seededDatabaseFile(live);
      const uploadsPath = path.join(live, "uploads");
      const backupRoot = path.join(dir, "backups");
      const writer = await startWriter(databasePath, { WRITER_FILES: "1", UPLOADS_PATH: uploadsPath });
      try {
        await writer.ready;
        while (writer.acks.length < 3) await new Promise((r) => setTimeout(r, 20));
        const ackedBefore = [...writer.acks];
        const backups = [];
        for (let i = 0; i < 3; i++) {
          backups.push(
            createBackup({ databasePath, uploadsPath, backupRoot, now: new Date(Date.UTC(2026, 10, 23, 10, 0, i)) }),
          );
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(writer.child.exitCode).toBeNull(); // the writer kept writing throughout
        expect(fs.readdirSync(backupRoot).filter((n) => n.endsWith(".tmp"))).toEqual([]);

        const { folder, manifest } = backups[2]!;
        expect(readBackup(folder).database.sha256).toBe(manifest.database.sha256);
        expect(manifest.migration).toBe(Object.keys(migrations).at(-1));
        expect(manifest.counts.attachment).toBeGreaterThanOrEqual(3);

        const target = path.join(dir, "restored");
        const restored = await restoreBackup({
          folder,
          databasePath: path.join(target, "charaka.sqlite"),
          uploadsPath: path.join(target, "uploads"),
        });
        expect(restored.verify).toMatchObject({
          ok: true,
          integrity: [],
          auditChain: { ok: true },
          documents: { missing: [], altered: [] },
        });
        expect(restored.verify.documents.checked).toBe(manifest.counts.attachment);
        const handle = openDatabase({ path: path.join(target, "charaka.sqlite") });
        let one: string;
        try {
          const ids = new Set((await handle.db.selectFrom("agreement").select("id").execute()).map((a) => a.id));
          for (const id of ackedBefore) expect(ids.has(id)).toBe(true);
          const counts = await handle.db
            .selectFrom("audit_event")
            .select(sql<number>`count(*)`.as("n"))
            .executeTakeFirstOrThrow();
          expect(Number(counts.n)).toBe(manifest.counts.audit_event);
          // A file the copy refers to: the uploads folder may also hold files the writer stored after
          // the database was copied, which no row of the copy names (and no check looks at).
          one = (
            await handle.db
              .selectFrom("attachment")
              .select("stored_name")
              .orderBy("stored_name")
              .executeTakeFirstOrThrow()
          ).stored_name;
        } finally {
          await handle.close();
        }

        // A document altered after the backup is named by the check.
        fs.appendFileSync(path.join(target, "uploads", one), "tampered");
        expect(
          (await verifyDatabase(path.join(target, "charaka.sqlite"), path.join(target, "uploads"))).documents.altered,
        ).toEqual([one]);

        expect(pruneBackups(backupRoot, 2)).toEqual([backups[0]!.folder]);
        expect(listBackups(backupRoot)).toEqual([backups[1]!.folder, backups[2]!.folder]);

        // Restore refuses while a live process holds the server's lock file; a stale lock does not stop it.
        fs.writeFileSync(lockFileFor(databasePath), `${writer.child.pid}\n`);
        await expect(restoreBackup({ folder, databasePath, uploadsPath })).rejects.toThrow(
          /Refusing to restore: a Charaka server \(pid \d+\) is running/,
        );
      } finally {
        writer.child.kill("SIGKILL");
        await writer.closed;
      }
      const { verify, previous } = await restoreBackup({
        folder: listBackups(backupRoot).at(-1)!,
        databasePath,
        uploadsPath,
      });
      expect(verify.ok).toBe(true);
      expect(fs.existsSync(previous.database!)).toBe(true); // what was there is kept aside
    },
  );

  it("comes as a .tar holding the same bytes", async () => {
    const [folder] = listBackups(path.join(dir, "backups")).slice(-1);
    const tarFile = path.join(dir, "download.tar");
    await new Promise<void>((resolve, reject) =>
      tarFolder(folder!).pipe(fs.createWriteStream(tarFile)).on("finish", resolve).on("error", reject),
    );
    const out = path.join(dir, "untar");
    fs.mkdirSync(out);
    execFileSync("tar", ["-xf", tarFile, "-C", out]);
    const name = path.basename(folder!);
    expect(sha256File(path.join(out, name, "charaka.sqlite"))).toBe(readBackup(folder!).database.sha256);
    expect(fs.readdirSync(path.join(out, name, "uploads")).sort()).toEqual(
      fs.readdirSync(path.join(folder!, "uploads")).sort(),
    );
  });
});

describe.skipIf(onPostgres)("migrations", () => {
  const broken: Migration = {
    async up(db) {
      await db.schema.createTable("probe").addColumn("id", "text").execute();
      await sql`insert into probe (id) values ('half-way')`.execute(db);
      await sql`update agreement set title = 'altered by a broken migration'`.execute(db);
      throw new Error("deliberate failure");
    },
  };
  const good: Migration = {
    async up(db) {
      await db.schema.createTable("probe_ok").addColumn("id", "text").execute();
    },
  };

  it("on a database with data: a backup first; a failure changes nothing and names the backup", async () => {
    const home = path.join(dir, "migrate");
    fs.mkdirSync(home);
    const databasePath = await seededDatabaseFile(home);
    const backup = { databasePath, uploadsPath: path.join(home, "uploads"), backupRoot: path.join(home, "backups") };
    const handle = openDatabase({ path: databasePath });
    try {
      const titles = async () =>
        (await handle.db.selectFrom("agreement").select("title").orderBy("id").execute()).map((a) => a.title);
      const before = await titles();
      const upToDate = await prepareDatabase(handle.db, { demo: false, backup });
      expect(upToDate.backupFolder).toBeNull(); // nothing pending: no backup

      let message = "";
      await prepareDatabase(handle.db, {
        demo: false,
        backup,
        migrations: { ...migrations, "2099-01-01-0001-good": good, "2099-01-01-0002-broken": broken },
      }).catch((e: Error) => (message = e.message));
      const [folder] = listBackups(backup.backupRoot);
      expect(folder).toBeDefined();
      expect(message).toContain("2099-01-01-0002-broken");
      expect(message).toContain("deliberate failure");
      expect(message).toContain(folder!);
      expect(await titles()).toEqual(before);
      const tables = (
        await sql<{ name: string }>`select name from sqlite_master where name like 'probe%'`.execute(handle.db)
      ).rows;
      expect(tables).toEqual([]); // not even the migration before it: all pending run in one transaction
      const applied = await handle.db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(migrations).length);
      expect(readBackup(folder!).reason).toContain("2099-01-01-0002-broken");

      const ok = await prepareDatabase(handle.db, {
        demo: false,
        backup,
        migrations: { ...migrations, "2099-01-01-0001-good": good },
      });
      expect(ok.applied).toEqual(["2099-01-01-0001-good"]);
      expect(ok.backupFolder).not.toBeNull();
    } finally {
      await handle.close();
    }
  });

  it("on a new, empty database: no backup", async () => {
    const home = path.join(dir, "fresh");
    const databasePath = path.join(home, "charaka.sqlite");
    const handle = openDatabase({ path: databasePath });
    try {
      const result = await prepareDatabase(handle.db, {
        demo: false,
        backup: { databasePath, uploadsPath: path.join(home, "uploads"), backupRoot: path.join(home, "backups") },
      });
      expect(result.applied.length).toBe(Object.keys(migrations).length);
      expect(result.backupFolder).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
