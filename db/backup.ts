/**
 * Backups and restores of the SQLite database and the uploaded files (SQLite-specific, like
 * db/sqlite.ts). A backup is a folder `<BACKUP_PATH>/charaka-<UTC timestamp>/` holding
 *   charaka.sqlite   a consistent copy made by `VACUUM INTO` on its own read connection (one read
 *                    transaction: a snapshot of committed data; writers are never blocked),
 *   uploads/         the uploaded files, copied after the database so every file the copy refers
 *                    to exists (files are written before the row that names them commits),
 *   manifest.json    when, migration level, sizes, SHA-256 of the database file, row counts.
 * It is written as `<name>.tmp`, checked (`PRAGMA integrity_check`), then renamed: a folder
 * without `.tmp` is complete.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createSqliteKysely } from "./sqlite";
import {
  checkAuditChain,
  checkUploadedFiles,
  formatAuditChainCheck,
  formatDocumentsCheck,
  sha256File,
  UPLOAD_NAME,
  type AuditChainCheck,
  type DocumentsCheck,
} from "./verify";

export const BACKUP_DB_FILE = "charaka.sqlite";
export const BACKUP_MANIFEST = "manifest.json";
const COUNTED_TABLES = ["agreement", "clause", "signature", "meeting", "attachment", "audit_event", "user"] as const;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  migration: string | null;
  database: { file: string; bytes: number; sha256: string };
  uploads: { files: number; bytes: number };
  counts: Record<string, number>;
  reason: string;
}

function fsyncPath(target: string): void {
  try {
    const fd = fs.openSync(target, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // directories cannot be fsynced on every platform; files always can
  }
}

/** "charaka-20261123T101530123Z": sorts in time order, safe in every file system. */
export function backupName(now: Date): string {
  return `charaka-${now.toISOString().replace(/[-:.]/g, "")}`;
}

function integrityErrors(sqlite: SQLite.Database): string[] {
  const rows = sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((line) => line !== "ok");
}

function tableExists(sqlite: SQLite.Database, name: string): boolean {
  return Boolean(sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
}

function describeDatabase(sqlite: SQLite.Database): { migration: string | null; counts: Record<string, number> } {
  const migration = tableExists(sqlite, "kysely_migration")
    ? ((sqlite.prepare("select name from kysely_migration order by name desc limit 1").pluck().get() as
        string | undefined) ?? null)
    : null;
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    if (tableExists(sqlite, table))
      counts[table] = Number(sqlite.prepare(`select count(*) from "${table}"`).pluck().get());
  }
  return { migration, counts };
}

/** True when the database holds anything worth keeping (it has been migrated at least once). */
export function databaseHasData(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (
      tableExists(sqlite, "kysely_migration") &&
      Number(sqlite.prepare("select count(*) from kysely_migration").pluck().get()) > 0
    );
  } finally {
    sqlite.close();
  }
}

function copyUploads(from: string, to: string): { files: number; bytes: number } {
  fs.mkdirSync(to, { recursive: true });
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(from)) return { files, bytes };
  for (const name of fs.readdirSync(from)) {
    if (!UPLOAD_NAME.test(name)) continue; // `.part` files are uploads still being written
    fs.copyFileSync(path.join(from, name), path.join(to, name));
    fsyncPath(path.join(to, name));
    files += 1;
    bytes += fs.statSync(path.join(to, name)).size;
  }
  return { files, bytes };
}

export interface BackupResult {
  folder: string;
  manifest: BackupManifest;
}

/**
 * Writes a backup of the live database `databasePath` and the files in `uploadsPath` into a new
 * folder under `backupRoot`. Safe while the server runs: the copy is one read transaction.
 */
export function createBackup(options: {
  databasePath: string;
  uploadsPath: string;
  backupRoot: string;
  reason?: string;
  now?: Date;
}): BackupResult {
  const now = options.now ?? new Date();
  fs.mkdirSync(options.backupRoot, { recursive: true });
  let name = backupName(now);
  while (fs.existsSync(path.join(options.backupRoot, name))) name = `${name}-1`;
  const folder = path.join(options.backupRoot, name);
  const temporary = `${folder}.tmp`;
  fs.rmSync(temporary, { recursive: true, force: true });
  fs.mkdirSync(temporary, { recursive: true });
  try {
    const target = path.join(temporary, BACKUP_DB_FILE);
    const source = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      source.prepare("vacuum into ?").run(target);
    } finally {
      source.close();
    }
    fsyncPath(target);
    const copy = new SQLite(target, { readonly: true, fileMustExist: true });
    let described: ReturnType<typeof describeDatabase>;
    try {
      const errors = integrityErrors(copy);
      if (errors.length > 0) throw new Error(`the copy fails PRAGMA integrity_check: ${errors.slice(0, 5).join("; ")}`);
      described = describeDatabase(copy);
    } finally {
      copy.close();
    }
    const uploads = copyUploads(options.uploadsPath, path.join(temporary, "uploads"));
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now.toISOString(),
      migration: described.migration,
      database: { file: BACKUP_DB_FILE, bytes: fs.statSync(target).size, sha256: sha256File(target) },
      uploads,
      counts: described.counts,
      reason: options.reason ?? "manual",
    };
    fs.writeFileSync(path.join(temporary, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncPath(path.join(temporary, BACKUP_MANIFEST));
    fsyncPath(temporary);
    fs.renameSync(temporary, folder);
    fsyncPath(options.backupRoot);
    return { folder, manifest };
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw new Error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Complete backups under `backupRoot`, oldest first. */
export function listBackups(backupRoot: string): string[] {
  if (!fs.existsSync(backupRoot)) return [];
  return fs
    .readdirSync(backupRoot)
    .filter(
      (name) => /^charaka-\d{8}T\d{9}Z(-1)*$/.test(name) && fs.existsSync(path.join(backupRoot, name, BACKUP_MANIFEST)),
    )
    .sort()
    .map((name) => path.join(backupRoot, name));
}

/** Deletes the oldest complete backups beyond `keep` (and leftovers of interrupted ones). */
export function pruneBackups(backupRoot: string, keep: number): string[] {
  if (!fs.existsSync(backupRoot)) return [];
  for (const name of fs.readdirSync(backupRoot)) {
    if (/^charaka-.*\.tmp$/.test(name)) fs.rmSync(path.join(backupRoot, name), { recursive: true, force: true });
  }
  const all = listBackups(backupRoot);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const folder of removed) fs.rmSync(folder, { recursive: true, force: true });
  return removed;
}

export interface VerifyReport {
  ok: boolean;
  integrity: string[];
  auditChain: AuditChainCheck;
  documents: DocumentsCheck;
}

/**
 * What a restored (or backed-up) database must pass: `PRAGMA integrity_check`, the audit hash
 * chain from its first entry, and the SHA-256 of every stored document against its row.
 */
export async function verifyDatabase(databasePath: string, uploadsPath: string): Promise<VerifyReport> {
  const { db, sqlite } = createSqliteKysely(databasePath);
  try {
    const integrity = integrityErrors(sqlite);
    const auditChain = await checkAuditChain(db);
    const documents = await checkUploadedFiles(db, uploadsPath);
    return {
      ok: integrity.length === 0 && auditChain.ok && documents.missing.length === 0 && documents.altered.length === 0,
      integrity,
      auditChain,
      documents,
    };
  } finally {
    await db.destroy();
  }
}

/** Reads and checks a backup folder: complete, its database file matching the manifest's SHA-256. */
export function readBackup(folder: string): BackupManifest {
  if (folder.endsWith(".tmp")) throw new Error(`${folder} is an unfinished backup (its name ends in .tmp)`);
  const manifestFile = path.join(folder, BACKUP_MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`${folder} is not a Charaka backup (no ${BACKUP_MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  const dbFile = path.join(folder, manifest.database.file);
  if (!fs.existsSync(dbFile)) throw new Error(`${folder} has no database file ${manifest.database.file}`);
  const actual = sha256File(dbFile);
  if (actual !== manifest.database.sha256)
    throw new Error(`${dbFile} does not match the manifest's SHA-256 (the backup was altered or damaged)`);
  return manifest;
}

// ---------------------------------------------------------------------------------------------
// The server's lock file: restore refuses while a live process holds it.

export function lockFileFor(databasePath: string): string {
  return `${path.resolve(databasePath)}.lock`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * What tells a process apart from a later one given the same pid (Linux: the boot's id and the
 * process's start time in clock ticks since boot); null where /proc is not there. A server that died
 * without removing its lock (SIGKILL, out of memory, power cut) leaves its pid behind, and after a
 * restart (a container started again, a reboot) that pid may belong to another process: the lock then
 * names a process that is alive but is not the server that wrote it, and must not block the restart.
 */
function processIdentity(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const boot = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return null;
  }
}

/** The pid of a live server using this database, or null (no lock file, or a stale one). */
export function serverHoldingDatabase(databasePath: string): number | null {
  const file = lockFileFor(databasePath);
  if (!fs.existsSync(file)) return null;
  const [pidLine = "", identity = ""] = fs.readFileSync(file, "utf8").split("\n");
  const pid = Number(pidLine.trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  if (!processAlive(pid)) return null;
  // Alive: the writer itself, unless the pid now belongs to another process.
  const now = processIdentity(pid);
  return identity.trim() && now !== null && now !== identity.trim() ? null : pid;
}

/** Written by the server at start-up (pid and process identity inside), removed when it exits. */
export function holdDatabaseLock(databasePath: string): () => void {
  const file = lockFileFor(databasePath);
  const other = serverHoldingDatabase(databasePath);
  if (other !== null)
    throw new Error(`another Charaka server (pid ${other}) is using ${databasePath} (lock file ${file})`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n${processIdentity(process.pid) ?? ""}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (fs.readFileSync(file, "utf8").split("\n")[0]!.trim() === String(process.pid))
        fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}

// ---------------------------------------------------------------------------------------------

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database and uploads that were replaced were moved (kept, never deleted). */
  previous: { database: string | null; uploads: string | null };
  verify: VerifyReport;
}

/**
 * Replaces the database and uploads with a backup's, refusing while a server uses them. What was
 * there is moved aside (`<file>.before-restore-<timestamp>`), not deleted. Verified afterwards.
 */
export async function restoreBackup(options: {
  folder: string;
  databasePath: string;
  uploadsPath: string;
  now?: Date;
}): Promise<RestoreResult> {
  const pid = serverHoldingDatabase(options.databasePath);
  if (pid !== null)
    throw new Error(
      `Refusing to restore: a Charaka server (pid ${pid}) is running on ${options.databasePath}. Stop it first.`,
    );
  const manifest = readBackup(options.folder);
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:.]/g, "");
  const databasePath = path.resolve(options.databasePath);
  const uploadsPath = path.resolve(options.uploadsPath);
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });

  // Copy in beside the target first, so a failure here leaves the current database untouched.
  const incoming = `${databasePath}.restoring`;
  fs.copyFileSync(path.join(options.folder, manifest.database.file), incoming);
  fsyncPath(incoming);
  const incomingUploads = `${uploadsPath}.restoring`;
  fs.rmSync(incomingUploads, { recursive: true, force: true });
  copyUploads(path.join(options.folder, "uploads"), incomingUploads);

  let previousDatabase: string | null = null;
  if (fs.existsSync(databasePath)) {
    previousDatabase = `${databasePath}.before-restore-${stamp}`;
    // The -wal holds committed changes not yet in the main file: it moves with it.
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(databasePath + suffix)) fs.renameSync(databasePath + suffix, previousDatabase + suffix);
    }
  }
  fs.renameSync(incoming, databasePath);
  let previousUploads: string | null = null;
  if (fs.existsSync(uploadsPath)) {
    previousUploads = `${uploadsPath}.before-restore-${stamp}`;
    fs.renameSync(uploadsPath, previousUploads);
  }
  fs.renameSync(incomingUploads, uploadsPath);
  fsyncPath(path.dirname(databasePath));

  const verify = await verifyDatabase(databasePath, uploadsPath);
  return { manifest, previous: { database: previousDatabase, uploads: previousUploads }, verify };
}

/** Human lines for the CLI and the start-up log. */
export function formatVerifyReport(report: VerifyReport): string[] {
  return [
    `integrity_check: ${report.integrity.length === 0 ? "ok" : report.integrity.slice(0, 5).join("; ")}`,
    formatAuditChainCheck(report.auditChain),
    formatDocumentsCheck(report.documents),
  ];
}
