/**
 * The pure part of `npm run db:copy` (db/copy.ts): in which order tables can be filled so every
 * foreign key finds its row, how many rows go in one INSERT, and the checksum that proves two
 * tables hold the same rows. No database here: the shapes come from the caller.
 */
import crypto from "node:crypto";

export interface ForeignKey {
  /** Columns of the referencing table. */
  columns: string[];
  /** The referenced table (its columns do not matter for the order, nor for the second pass). */
  table: string;
}

export interface TableShape {
  name: string;
  columns: Array<{ name: string; notNull: boolean }>;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

/** A reference copied in a second pass: inserted as NULL, then set once every row exists. */
export interface DeferredReference extends ForeignKey {
  from: string;
}

export interface CopyOrder {
  tables: string[];
  deferred: DeferredReference[];
}

/**
 * Tables in an order where each comes after the tables it references (a topological sort of the
 * foreign keys). A table referencing itself (an amendment's parent agreement) cannot be ordered
 * that way row by row without sorting it in memory: that reference is deferred. A cycle between
 * tables is broken the same way, at a reference whose columns may be NULL; a cycle made only of
 * NOT NULL references cannot be copied with checked constraints and is refused. Ties are broken
 * by name, so the order is the same on every run.
 */
export function copyOrder(shapes: TableShape[]): CopyOrder {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const deferred: DeferredReference[] = [];
  // Each table's remaining references to other tables still to be placed.
  const pending = new Map<string, ForeignKey[]>();
  for (const shape of shapes) {
    const outward: ForeignKey[] = [];
    for (const fk of shape.foreignKeys) {
      if (fk.table === shape.name) deferred.push({ from: shape.name, ...fk });
      else if (byName.has(fk.table)) outward.push(fk);
      else throw new Error(`${shape.name} references ${fk.table}, which is not among the tables to copy`);
    }
    pending.set(shape.name, outward);
  }
  const tables: string[] = [];
  const placed = new Set<string>();
  while (placed.size < shapes.length) {
    const ready = [...pending.entries()]
      .filter(([name, fks]) => !placed.has(name) && fks.every((fk) => placed.has(fk.table)))
      .map(([name]) => name)
      .sort();
    if (ready.length > 0) {
      for (const name of ready) {
        tables.push(name);
        placed.add(name);
      }
      continue;
    }
    // Stuck: every remaining table waits on another remaining one. Defer one nullable reference.
    const breakable = [...pending.entries()]
      .filter(([name]) => !placed.has(name))
      .flatMap(([name, fks]) => fks.filter((fk) => !placed.has(fk.table)).map((fk) => ({ name, fk })))
      .filter(({ name, fk }) =>
        fk.columns.every((c) => !byName.get(name)!.columns.find((col) => col.name === c)?.notNull),
      )
      .sort((a, b) => a.name.localeCompare(b.name) || a.fk.columns.join().localeCompare(b.fk.columns.join()));
    const chosen = breakable[0];
    if (!chosen) {
      const remaining = shapes.map((s) => s.name).filter((n) => !placed.has(n));
      throw new Error(
        `cannot order the tables ${remaining.join(", ")}: their foreign keys form a cycle of NOT NULL columns`,
      );
    }
    deferred.push({ from: chosen.name, ...chosen.fk });
    pending.set(
      chosen.name,
      pending.get(chosen.name)!.filter((fk) => fk !== chosen.fk),
    );
  }
  for (const d of deferred) {
    if (d.columns.some((c) => byName.get(d.from)!.columns.find((col) => col.name === c)?.notNull)) {
      throw new Error(
        `${d.from}.${d.columns.join(", ")} references its own table and is NOT NULL: it cannot be filled in a second pass`,
      );
    }
    if (byName.get(d.from)!.primaryKey.length === 0)
      throw new Error(`${d.from} has no primary key: its deferred reference cannot be set afterwards`);
  }
  return { tables, deferred };
}

/** PostgreSQL's limit on bind parameters in one statement (a 16-bit count in the protocol). */
export const POSTGRES_MAX_PARAMETERS = 65_535;
/** Rows per INSERT when columns are few: past this, bigger statements stop paying off. */
const MAX_ROWS_PER_INSERT = 1_000;
/** Text per INSERT: 20,000 meetings with 50 KB minutes must not become one 100 MB statement. */
export const MAX_BATCH_BYTES = 4_000_000;

export function rowsPerInsert(columnCount: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(POSTGRES_MAX_PARAMETERS / columnCount)));
}

/** Rough size of a row's values, to cut batches by bytes as well as by rows. */
export function rowBytes(values: readonly unknown[]): number {
  let bytes = 0;
  for (const v of values) bytes += typeof v === "string" ? v.length : 8;
  return bytes;
}

const MOD = 1n << 256n;

/**
 * A checksum of a table's rows that does not depend on their order: the sum, modulo 2^256, of
 * each row's SHA-256 (over its values as JSON, in the column order given). Both engines then
 * read a table in whatever order is cheapest (SQLite by rowid, PostgreSQL through a cursor, no
 * sort, no collation to agree on), and equal checksums with equal counts mean the same rows.
 * Values must be normalised by the caller the same way on both sides: integers as numbers
 * (bigint money columns arrive as numbers from both drivers, see db/postgres.ts), text as
 * strings, NULL as null.
 */
export class RowChecksum {
  rows = 0;
  bytes = 0;
  private sum = 0n;

  add(values: readonly unknown[]): void {
    const json = JSON.stringify(values, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const digest = crypto.createHash("sha256").update(json).digest("hex");
    this.sum = (this.sum + BigInt(`0x${digest}`)) % MOD;
    this.rows += 1;
    this.bytes += json.length;
  }

  digest(): string {
    return this.sum.toString(16).padStart(64, "0");
  }
}
