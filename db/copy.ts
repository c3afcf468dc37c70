/**
 * `npm run db:copy` (db/cli/copy.ts): copies a SQLite database into an empty PostgreSQL database,
 * then proves the copy. The steps, in order:
 *   1. read the source in one read transaction (db/sqlite.ts openSqliteSnapshot): a live server
 *      may keep writing, the copy is still one consistent state;
 *   2. refuse a source with pending migrations, and a target where any table already has rows
 *      (checked before anything is written, and again under the write lock);
 *   3. apply the app's migrations to the target, then fill every table in one transaction, in the
 *      order the foreign keys require (db/copy-plan.ts), streaming the rows in multi-row INSERTs;
 *      rebuild the search index (db/search.ts);
 *   4. verify (db/copy-verify.ts): per table, row counts and an order-independent checksum of the
 *      rows on both sides; the audit hash chain on the target; the uploaded files' SHA-256
 *      (db/verify.ts); the stored hashes of signed texts and issued PDFs, one by one.
 *
 * Values are copied unchanged: every column is `text`, `integer` or `bigint` on both engines
 * (booleans are 0/1 integers, dates ISO-8601 text, money integer centimes: db/schema.ts), and
 * there is no blob, json or boolean column to convert. checkSameSchema() refuses to copy if a
 * later migration adds a PostgreSQL type that would need a conversion here.
 * Uploaded files are not in the database: the caller is told how to move them.
 */
import fs from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";
import { migrations as appMigrations } from "./migrations/index";
import { migrateToLatest, pendingMigrations } from "./migrator";
import { createPostgresKysely, describePostgresUrl } from "./postgres";
import type { Database } from "./schema";
import type { DB } from "./client";
import { reindexAllAgreements, SEARCH_INDEX_TABLE } from "./search";
import { openSqliteSnapshot, type SqliteSnapshot } from "./sqlite";
import {
  copyOrder,
  MAX_BATCH_BYTES,
  RowChecksum,
  rowBytes,
  rowsPerInsert,
  type DeferredReference,
  type TableShape,
} from "./copy-plan";
import { compareSignedHashes, compareTables, type CopyReport } from "./copy-verify";
import { stalePartners } from "../app/domain/organization/organization.server";
import { staleStatusCounts } from "../app/domain/agreement/agreement.queries.server";
import { staleOrganizationBeneficiaries } from "../app/domain/dashboard/beneficiaries.server";
import { checkAuditChain, checkUploadedFiles } from "./verify";

export { formatCopyReport, uploadsInstructions, type CopyReport } from "./copy-verify";

/** A refusal the user can act on (nothing was copied): the CLI prints the message alone and exits 1. */
export class CopyRefused extends Error {}

export interface CopyOptions {
  /** The SQLite file to read (never written). */
  sourcePath: string;
  /** A postgres:// URL naming an empty (or not yet migrated) database. */
  targetUrl: string;
  /** The source's UPLOADS_PATH: where the files named by `attachment` rows are checked. */
  uploadsPath: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** PostgreSQL types whose values come and go exactly as better-sqlite3's (see the header). */
const UNCONVERTED_TYPES = new Set(["text", "integer", "bigint"]);
/** Kysely's bookkeeping: each database has its own, written by migrateToLatest. */
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);
/**
 * Tables the target's triggers fill as the tables they derive from are copied (migrations 0190, 0200),
 * each with its check: not copied (their rows would collide with the triggers'), then compared with the
 * copied rows from scratch instead of row by row — the partners' sort names are each engine's lower().
 */
const KEPT_BY_TRIGGERS: Record<string, (db: DB) => Promise<unknown[]>> = {
  organization_partner: stalePartners,
  organization_status_count: staleStatusCounts,
  organization_beneficiaries_by_month: staleOrganizationBeneficiaries,
};
const keptByTriggers = (table: string) => Object.hasOwn(KEPT_BY_TRIGGERS, table);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const seconds = (since: number) => (Date.now() - since) / 1000;

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const log = options.log ?? (() => {});
  const sourcePath = path.resolve(options.sourcePath);
  const uploadsPath = path.resolve(options.uploadsPath);
  if (!fs.existsSync(sourcePath))
    throw new CopyRefused(`No SQLite database at ${sourcePath} (give --from <file> or set DATABASE_PATH).`);
  const targetName = describePostgresUrl(options.targetUrl);
  const target = createPostgresKysely(options.targetUrl, { max: 2 });
  let source: SqliteSnapshot | undefined;
  try {
    try {
      await sql`select 1`.execute(target.db);
    } catch (error) {
      const hint = (error as { code?: unknown }).code === "3D000" ? " (create it first: see docs/postgresql.md)" : "";
      throw new CopyRefused(`Cannot connect to ${targetName}: ${errorText(error)}${hint}`);
    }
    source = openSqliteSnapshot(sourcePath);
    const migration = await checkSourceMigrations(source, sourcePath);
    const shapes = sqliteTables(source.sqlite);
    log(`Source: SQLite ${sourcePath} (migration ${migration}, ${shapes.length} tables), read in one snapshot`);

    await refuseNonEmptyTarget(target.db, targetName); // before the migrations: a refusal writes nothing
    const applied = await migrateToLatest(target.db);
    const targetColumns = await postgresColumns(target.db);
    checkSameSchema(shapes, targetColumns);
    const order = copyOrder(shapes);
    log(
      `Target: ${targetName} (${applied.length ? `${applied.length} migrations applied` : "already migrated"}, every table empty)`,
    );

    const copyStarted = Date.now();
    const sourceSums = new Map<string, RowChecksum>();
    let sequencesReset: string[] = [];
    const snapshot = source;
    await target.db.transaction().execute(async (trx) => {
      // Again under the write lock every transaction takes (db/postgres.ts): an app started on
      // the target meanwhile (seeding its demo data) cannot slip rows in before the copy.
      await refuseNonEmptyTarget(trx, targetName);
      for (const table of order.tables) {
        if (keptByTriggers(table)) continue;
        const shape = shapes.find((s) => s.name === table)!;
        const deferredColumns = order.deferred.filter((d) => d.from === table).flatMap((d) => d.columns);
        sourceSums.set(table, await copyTable(trx, snapshot.sqlite, shape, deferredColumns, log));
      }
      for (const reference of order.deferred)
        await setDeferredReference(
          trx,
          snapshot.sqlite,
          shapes.find((s) => s.name === reference.from)!,
          reference,
          targetColumns,
          log,
        );
      sequencesReset = await resetSequences(trx, targetColumns);
      const indexStarted = Date.now();
      const indexed = await reindexAllAgreements(trx);
      log(`  search index rebuilt: ${indexed} agreements (${seconds(indexStarted).toFixed(1)} s)`);
      const rows = [...sourceSums.values()].reduce((sum, c) => sum + c.rows, 0);
      log(`  ${rows} rows in ${order.tables.length} tables; committing…`);
    });
    const copySeconds = seconds(copyStarted);
    log(`Copied in ${copySeconds.toFixed(1)} s; verifying…`);

    const verifyStarted = Date.now();
    const tables = await compareTables(
      target.db,
      shapes.filter((s) => !keptByTriggers(s.name)),
      sourceSums,
    );
    const stale: string[] = [];
    for (const [table, check] of Object.entries(KEPT_BY_TRIGGERS))
      if ((await check(target.db)).length) stale.push(table);
    const keptTables = { tables: Object.keys(KEPT_BY_TRIGGERS), stale, ok: stale.length === 0 };
    const agreements = sourceSums.get("agreement")?.rows ?? 0;
    const indexed = Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(SEARCH_INDEX_TABLE)}`.execute(target.db)).rows[0]!
        .n,
    );
    const searchIndex = { agreements, indexed, ok: indexed === agreements };
    const auditChain = await checkAuditChain(target.db);
    const documents = await checkUploadedFiles(target.db, uploadsPath);
    const signedHashes = await compareSignedHashes(source.db, target.db);
    const ok =
      tables.every((t) => t.ok) &&
      searchIndex.ok &&
      keptTables.ok &&
      auditChain.ok &&
      documents.missing.length === 0 &&
      documents.altered.length === 0 &&
      signedHashes.every((h) => h.differing.length === 0);
    return {
      ok,
      source: `SQLite ${sourcePath}`,
      target: targetName,
      uploadsPath,
      migration,
      tables,
      searchIndex,
      keptTables,
      auditChain,
      documents,
      signedHashes,
      sequencesReset,
      copySeconds,
      verifySeconds: seconds(verifyStarted),
    };
  } finally {
    await source?.close();
    await target.db.destroy();
  }
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorText(error.errors[0]);
  const e = error as { message?: unknown; code?: unknown } | null;
  return (typeof e?.message === "string" && e.message) || (typeof e?.code === "string" && e.code) || String(error);
}

/** The source's last migration; refuses a file that is not Charaka's, was migrated by a newer version, or has pending migrations. */
async function checkSourceMigrations(source: SqliteSnapshot, file: string): Promise<string> {
  const hasTable = source.sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  const applied = hasTable
    ? (source.sqlite.prepare("select name from kysely_migration order by name").pluck().all() as string[])
    : [];
  if (applied.length === 0)
    throw new CopyRefused(`${file} is not a Charaka database (no migration was ever applied to it).`);
  const unknown = applied.filter((name) => !(name in appMigrations));
  if (unknown.length > 0)
    throw new CopyRefused(
      `${file} was migrated by a newer Charaka (${unknown.join(", ")} unknown here): copy it with that version.`,
    );
  const pending = await pendingMigrations(source.db);
  if (pending.length > 0) {
    throw new CopyRefused(
      `${file} has pending migrations (${pending.join(", ")}): start the app on it once, or run \`npm run db:migrate\` with DATABASE_PATH=${file}, then copy again. Nothing was copied.`,
    );
  }
  return applied[applied.length - 1]!;
}

interface SqliteColumnInfo {
  name: string;
  notnull: number;
  pk: number;
}
interface SqliteForeignKeyInfo {
  id: number;
  seq: number;
  table: string;
  from: string;
}

/**
 * The tables to copy, read from SQLite's own catalog: ordinary tables only. Left out: the FTS5
 * index (`pragma table_list` types it "virtual", its storage tables "shadow"; PostgreSQL's index
 * is rebuilt instead), SQLite's internal sqlite_* tables and Kysely's migration bookkeeping.
 */
function sqliteTables(sqlite: SQLite.Database): TableShape[] {
  const list = sqlite.prepare("pragma table_list").all() as Array<{ schema: string; name: string; type: string }>;
  const names = list
    // The search index is never copied, whatever its storage on SQLite (FTS5 or a plain table beside
    // it): each engine's is built from the agreements by reindexAllAgreements.
    .filter(
      (t) =>
        t.schema === "main" &&
        t.type === "table" &&
        !t.name.startsWith("sqlite_") &&
        !MIGRATION_TABLES.has(t.name) &&
        !t.name.startsWith(SEARCH_INDEX_TABLE),
    )
    .map((t) => t.name)
    .sort();
  return names.map((name) => {
    const columns = sqlite.prepare(`pragma table_info(${quote(name)})`).all() as SqliteColumnInfo[];
    const primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const keys = sqlite.prepare(`pragma foreign_key_list(${quote(name)})`).all() as SqliteForeignKeyInfo[];
    const byId = new Map<number, SqliteForeignKeyInfo[]>();
    for (const k of keys) byId.set(k.id, [...(byId.get(k.id) ?? []), k]);
    const foreignKeys = [...byId.values()].map((parts) => ({
      table: parts[0]!.table,
      columns: parts.sort((a, b) => a.seq - b.seq).map((p) => p.from),
    }));
    return { name, columns: columns.map((c) => ({ name: c.name, notNull: c.notnull === 1 })), primaryKey, foreignKeys };
  });
}

interface PostgresColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_generated: string;
  is_identity: string;
  column_default: string | null;
}

async function postgresColumns(db: Kysely<Database>): Promise<PostgresColumn[]> {
  const { rows } = await sql<PostgresColumn>`
    select c.table_name, c.column_name, c.data_type, c.is_generated, c.is_identity, c.column_default
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows.filter((c) => !MIGRATION_TABLES.has(c.table_name) && c.table_name !== SEARCH_INDEX_TABLE);
}

/** Same tables and columns on both sides, every PostgreSQL type one that needs no conversion. */
function checkSameSchema(shapes: TableShape[], targetColumns: PostgresColumn[]): void {
  const problems: string[] = [];
  const targetTables = new Set(targetColumns.map((c) => c.table_name));
  for (const shape of shapes) {
    if (!targetTables.has(shape.name)) {
      problems.push(`table ${shape.name} is missing on PostgreSQL`);
      continue;
    }
    const columns = targetColumns.filter((c) => c.table_name === shape.name && c.is_generated !== "ALWAYS");
    const sourceNames = shape.columns
      .map((c) => c.name)
      .sort()
      .join(", ");
    const targetNames = columns
      .map((c) => c.column_name)
      .sort()
      .join(", ");
    if (sourceNames !== targetNames)
      problems.push(`${shape.name} has columns (${sourceNames}) on SQLite but (${targetNames}) on PostgreSQL`);
    for (const c of columns) {
      if (!UNCONVERTED_TYPES.has(c.data_type))
        problems.push(
          `${shape.name}.${c.column_name} is ${c.data_type} on PostgreSQL: db/copy.ts copies values unchanged and needs a conversion for it`,
        );
    }
  }
  for (const table of targetTables) {
    if (!shapes.some((s) => s.name === table))
      problems.push(`table ${table} exists on PostgreSQL but not in the source`);
  }
  if (problems.length > 0)
    throw new Error(`The source and target schemas differ, nothing was copied: ${problems.join("; ")}`);
}

/** Refuses when any table of the target (other than Kysely's migration bookkeeping) has a row. */
async function refuseNonEmptyTarget(db: Kysely<Database>, targetName: string): Promise<void> {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const withRows: string[] = [];
  for (const { table_name } of tables) {
    if (MIGRATION_TABLES.has(table_name)) continue;
    const { rows } = await sql<{
      present: boolean;
    }>`select exists (select 1 from ${sql.table(table_name)}) as present`.execute(db);
    if (rows[0]?.present) withRows.push(table_name);
  }
  if (withRows.length > 0) {
    throw new CopyRefused(
      `${targetName} is not empty (rows in ${withRows.slice(0, 8).join(", ")}${withRows.length > 8 ? ", …" : ""}): db:copy only fills an empty database. Nothing was copied.`,
    );
  }
}

/** `insert into "t" ("a", "b") values ($1, $2), ($3, $4)…` for `rows` rows. */
function insertText(table: string, columns: string[], rows: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
  return `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values ${tuples.join(", ")}`;
}

/**
 * Streams one table from SQLite into PostgreSQL and returns the source rows' checksum. One
 * INSERT is in flight while the next batch is read: SQLite reading and PostgreSQL writing
 * overlap. Columns in `deferredColumns` are inserted as NULL (set later by setDeferredReference).
 */
async function copyTable(
  trx: Transaction<Database>,
  sqlite: SQLite.Database,
  shape: TableShape,
  deferredColumns: string[],
  log: (line: string) => void,
): Promise<RowChecksum> {
  const started = Date.now();
  const columns = shape.columns.map((c) => c.name);
  const nulled = new Set(deferredColumns.map((name) => columns.indexOf(name)));
  const checksum = new RowChecksum();
  const maxRows = rowsPerInsert(columns.length);
  const texts = new Map<number, string>();
  let batch: unknown[] = [];
  let batchRows = 0;
  let batchBytes = 0;
  let inFlight: Promise<unknown> | null = null;
  const send = async () => {
    if (batchRows === 0) return;
    let text = texts.get(batchRows);
    if (!text) texts.set(batchRows, (text = insertText(shape.name, columns, batchRows)));
    const parameters = batch;
    batch = [];
    batchRows = 0;
    batchBytes = 0;
    if (inFlight) await inFlight;
    inFlight = trx.executeQuery(CompiledQuery.raw(text, parameters));
    inFlight.catch(() => {}); // awaited before the next send or at the end; no unhandled rejection meanwhile
    // Let Kysely hand the query to the socket before this function goes back to reading SQLite synchronously.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    const rows = sqlite
      .prepare(`select ${columns.map(quote).join(", ")} from ${quote(shape.name)}`)
      .raw(true)
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      checksum.add(row);
      for (let i = 0; i < row.length; i++) batch.push(nulled.has(i) ? null : row[i]);
      batchRows += 1;
      batchBytes += rowBytes(row);
      if (batchRows >= maxRows || batchBytes >= MAX_BATCH_BYTES) await send();
      if (checksum.rows % 200_000 === 0) log(`  ${shape.name}: ${checksum.rows} rows…`);
    }
    await send();
    if (inFlight) await inFlight;
  } catch (error) {
    throw copyError(shape.name, error);
  }
  // Only the tables worth waiting for: the verification prints every table's count anyway.
  if (checksum.rows >= 100_000 || seconds(started) >= 1)
    log(`  ${shape.name}: ${checksum.rows} rows (${seconds(started).toFixed(1)} s)`);
  return checksum;
}

function copyError(table: string, error: unknown): Error {
  if ((error as { code?: unknown } | null)?.code === "23503") {
    return new CopyRefused(
      `Copying ${table}: ${errorText(error)}. The source has a row whose reference points to no row (list them with \`sqlite3 <file> "pragma foreign_key_check"\`). Nothing was copied.`,
    );
  }
  return new Error(`Copying ${table} failed, nothing was copied: ${errorText(error)}`, { cause: error });
}

/** Second pass for a deferred reference: `update … from (values …)` with the source's values, in batches. */
async function setDeferredReference(
  trx: Transaction<Database>,
  sqlite: SQLite.Database,
  shape: TableShape,
  reference: DeferredReference,
  targetColumns: PostgresColumn[],
  log: (line: string) => void,
): Promise<void> {
  const keys = shape.primaryKey;
  const all = [...keys, ...reference.columns];
  const typeOf = (column: string) =>
    targetColumns.find((c) => c.table_name === shape.name && c.column_name === column)!.data_type;
  const maxRows = rowsPerInsert(all.length);
  const run = async (values: unknown[], rows: number) => {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++)
      tuples.push(`(${all.map((c, i) => `$${r * all.length + i + 1}::${typeOf(c)}`).join(", ")})`);
    const text =
      `update ${quote(shape.name)} set ${reference.columns.map((c) => `${quote(c)} = v.${quote(c)}`).join(", ")} ` +
      `from (values ${tuples.join(", ")}) as v (${all.map(quote).join(", ")}) ` +
      `where ${keys.map((k) => `${quote(shape.name)}.${quote(k)} = v.${quote(k)}`).join(" and ")}`;
    await trx.executeQuery(CompiledQuery.raw(text, values));
  };
  let values: unknown[] = [];
  let rows = 0;
  let total = 0;
  try {
    const statement = sqlite.prepare(
      `select ${all.map(quote).join(", ")} from ${quote(shape.name)} where ${reference.columns.map((c) => `${quote(c)} is not null`).join(" or ")}`,
    );
    for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
      values.push(...row);
      rows += 1;
      total += 1;
      if (rows >= maxRows) {
        await run(values, rows);
        values = [];
        rows = 0;
      }
    }
    if (rows > 0) await run(values, rows);
  } catch (error) {
    throw copyError(shape.name, error);
  }
  log(
    `  ${shape.name}.${reference.columns.join(", ")} (references ${reference.table}): ${total} rows set in a second pass`,
  );
}

/** Moves every sequence or identity past the copied rows, so the next insert does not collide. */
async function resetSequences(trx: Transaction<Database>, targetColumns: PostgresColumn[]): Promise<string[]> {
  const generated = targetColumns.filter((c) => c.is_identity === "YES" || c.column_default?.startsWith("nextval("));
  for (const c of generated) {
    await sql`select setval(pg_get_serial_sequence(${quote(c.table_name)}, ${c.column_name}), coalesce(max(${sql.ref(c.column_name)}), 0) + 1, false) from ${sql.table(c.table_name)}`.execute(
      trx,
    );
  }
  return generated.map((c) => `${c.table_name}.${c.column_name}`);
}
