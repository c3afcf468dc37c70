/**
 * The verification half of `npm run db:copy` (db/copy.ts): after the copy is committed, each
 * table is read back from PostgreSQL and compared with what was read from SQLite (counts and an
 * order-independent checksum of the rows, db/copy-plan.ts), the stored hashes of what was signed
 * or issued are compared key by key, and the report is printed.
 */
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { MAX_BATCH_BYTES, RowChecksum, type TableShape } from "./copy-plan";
import type { Database } from "./schema";
import { formatAuditChainCheck, formatDocumentsCheck, type AuditChainCheck, type DocumentsCheck } from "./verify";

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface HashReport {
  /** e.g. "agreement_version.hash". */
  column: string;
  checked: number;
  /** Keys whose hash differs, or that one side lacks. */
  differing: string[];
}

export interface CopyReport {
  ok: boolean;
  source: string;
  target: string;
  uploadsPath: string;
  migration: string;
  tables: TableReport[];
  searchIndex: { agreements: number; indexed: number; ok: boolean };
  /** The tables the target's triggers filled as the rows were copied, against those rows (0190, 0200): those that differ. */
  keptTables: { tables: string[]; stale: string[]; ok: boolean };
  auditChain: AuditChainCheck;
  documents: DocumentsCheck;
  signedHashes: HashReport[];
  /** Sequences set past the copied rows (none today: ids are text, the audit seq is assigned in code). */
  sequencesReset: string[];
  copySeconds: number;
  verifySeconds: number;
}

/**
 * The hashes that prove what was signed or issued, compared key by key (the table checksums
 * already cover them; these are named in the report because they are what /verify and a court
 * would look at).
 */
const SIGNED_HASHES = [
  { table: "agreement_version", key: "id", column: "hash" }, // the frozen text of each version
  { table: "signature", key: "id", column: "content_hash" }, // what each signatory signed
  { table: "paper_signing", key: "id", column: "content_hash" },
  { table: "pdf_document", key: "sha256", column: "content_hash" }, // issued PDFs, by their own SHA-256
  { table: "minutes_approval", key: "id", column: "minutes_hash" },
  { table: "attachment", key: "id", column: "sha256" },
] as const;

/**
 * Reads every copied table back from PostgreSQL (one read-only snapshot, through a cursor so a
 * big table never sits in memory) and compares its count and checksum with the source's.
 */
export async function compareTables(
  db: Kysely<Database>,
  shapes: TableShape[],
  sourceSums: Map<string, RowChecksum>,
): Promise<TableReport[]> {
  return db.connection().execute(async (connection) => {
    await sql`begin transaction isolation level repeatable read read only`.execute(connection);
    try {
      const reports: TableReport[] = [];
      for (const shape of shapes) {
        const source = sourceSums.get(shape.name)!;
        const columns = shape.columns.map((c) => c.name);
        const fetchRows = Math.max(
          50,
          Math.min(5_000, Math.floor(MAX_BATCH_BYTES / Math.max(1, source.bytes / Math.max(1, source.rows)))),
        );
        const checksum = new RowChecksum();
        await sql`declare copy_check no scroll cursor for select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(shape.name)}`.execute(
          connection,
        );
        for (;;) {
          const { rows } = await sql<
            Record<string, unknown>
          >`fetch forward ${sql.raw(String(fetchRows))} from copy_check`.execute(connection);
          for (const row of rows) checksum.add(columns.map((c) => row[c]));
          if (rows.length < fetchRows) break;
        }
        await sql`close copy_check`.execute(connection);
        const sourceChecksum = source.digest();
        const targetChecksum = checksum.digest();
        reports.push({
          table: shape.name,
          sourceRows: source.rows,
          targetRows: checksum.rows,
          sourceChecksum,
          targetChecksum,
          ok: source.rows === checksum.rows && sourceChecksum === targetChecksum,
        });
      }
      return reports;
    } finally {
      await sql`rollback`.execute(connection); // read only: nothing to keep
    }
  });
}

async function hashesOf(
  db: Kysely<Database>,
  table: string,
  key: string,
  column: string,
): Promise<Map<string, string | null>> {
  const { rows } = await sql<{
    k: string;
    h: string | null;
  }>`select ${sql.ref(key)} as k, ${sql.ref(column)} as h from ${sql.table(table)}`.execute(db);
  return new Map(rows.map((r) => [r.k, r.h]));
}

export async function compareSignedHashes(source: Kysely<Database>, target: Kysely<Database>): Promise<HashReport[]> {
  const reports: HashReport[] = [];
  for (const { table, key, column } of SIGNED_HASHES) {
    const before = await hashesOf(source, table, key, column);
    const after = await hashesOf(target, table, key, column);
    const differing = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => !before.has(k) || !after.has(k) || before.get(k) !== after.get(k))
      .sort();
    reports.push({ column: `${table}.${column}`, checked: before.size, differing });
  }
  return reports;
}

/** The verification, as printed by the CLI. */
export function formatCopyReport(report: CopyReport): string[] {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const lines = [`${"table".padEnd(width)}  ${"source rows".padStart(11)}  ${"target rows".padStart(11)}  checksum`];
  for (const t of report.tables) {
    const verdict = t.ok ? "same rows" : t.sourceRows !== t.targetRows ? "DIFFERENT COUNT" : "DIFFERENT ROWS";
    lines.push(
      `${t.table.padEnd(width)}  ${String(t.sourceRows).padStart(11)}  ${String(t.targetRows).padStart(11)}  ${verdict}`,
    );
  }
  const total = (pick: (t: TableReport) => number) => report.tables.reduce((sum, t) => sum + pick(t), 0);
  lines.push(
    `${"all tables".padEnd(width)}  ${String(total((t) => t.sourceRows)).padStart(11)}  ${String(total((t) => t.targetRows)).padStart(11)}  ${report.tables.every((t) => t.ok) ? "same rows" : "DIFFERENT"}`,
  );
  lines.push(
    `search index: ${report.searchIndex.indexed} of ${report.searchIndex.agreements} agreements${report.searchIndex.ok ? "" : " (INCOMPLETE)"}`,
  );
  lines.push(
    `kept by the target's triggers (${report.keptTables.tables.join(", ")}): ${report.keptTables.ok ? "same as the copied rows give" : `${report.keptTables.stale.join(", ")} DIFFERENT`}`,
  );
  lines.push(formatAuditChainCheck(report.auditChain));
  lines.push(`${formatDocumentsCheck(report.documents)} (files in ${report.uploadsPath})`);
  const hashes = report.signedHashes.map(
    (h) =>
      `${h.column} ${h.checked}${h.differing.length ? ` (${h.differing.length} DIFFERENT: ${h.differing.slice(0, 5).join(", ")})` : ""}`,
  );
  lines.push(`signed and issued hashes identical: ${hashes.join(", ")}`);
  if (report.sequencesReset.length) lines.push(`sequences reset: ${report.sequencesReset.join(", ")}`);
  lines.push(`copy ${report.copySeconds.toFixed(1)} s, verification ${report.verifySeconds.toFixed(1)} s`);
  return lines;
}

/** The database copy does not carry the uploaded files: how to give the new instances the same folder. */
export function uploadsInstructions(uploadsPath: string): string[] {
  const from = path.resolve(uploadsPath);
  return [
    `Uploaded files (signed scans, stamps, evidence) are not in the database: they stay in ${from}.`,
    "The instances running on PostgreSQL must see the same files. Either keep UPLOADS_PATH pointing at that folder,",
    "or copy it where they run and set UPLOADS_PATH there (again just before switching, to bring the latest files):",
    `  rsync -a ${from}/ <new uploads folder>/`,
  ];
}
