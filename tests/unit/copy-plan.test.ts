/** db:copy's pure rules: the table order foreign keys require, batch sizes under PostgreSQL's limit, the rows checksum. */
import { describe, expect, it } from "vitest";
import { copyOrder, POSTGRES_MAX_PARAMETERS, RowChecksum, rowsPerInsert, type TableShape } from "../../db/copy-plan";

const table = (
  name: string,
  references: Array<[column: string, table: string, notNull?: boolean]> = [],
): TableShape => ({
  name,
  columns: [
    { name: "id", notNull: true },
    ...references.map(([column, , notNull]) => ({ name: column, notNull: notNull ?? false })),
  ],
  primaryKey: ["id"],
  foreignKeys: references.map(([column, to]) => ({ columns: [column], table: to })),
});

describe("the copy order", () => {
  it("puts every table after the tables it references, ties by name", () => {
    const order = copyOrder([
      table("clause", [["agreement_id", "agreement", true]]),
      table("agreement", [["owner_id", "organization", true]]),
      table("organization"),
      table("audit_event"),
    ]);
    expect(order).toEqual({ tables: ["audit_event", "organization", "agreement", "clause"], deferred: [] });
  });

  it("defers a reference to the same table (an amendment's parent) to a second pass", () => {
    const order = copyOrder([table("agreement", [["parent_agreement_id", "agreement"]])]);
    expect(order.tables).toEqual(["agreement"]);
    expect(order.deferred).toEqual([{ from: "agreement", columns: ["parent_agreement_id"], table: "agreement" }]);
  });

  it("breaks a cycle between tables at a nullable reference, and refuses one made of NOT NULL references", () => {
    const order = copyOrder([table("a", [["b_id", "b", true]]), table("b", [["a_id", "a"]])]);
    expect(order.tables).toEqual(["b", "a"]);
    expect(order.deferred).toEqual([{ from: "b", columns: ["a_id"], table: "a" }]);
    expect(() => copyOrder([table("a", [["b_id", "b", true]]), table("b", [["a_id", "a", true]])])).toThrow(
      /cycle of NOT NULL columns/,
    );
    expect(() => copyOrder([table("a", [["a_id", "a", true]])])).toThrow(/NOT NULL/);
  });
});

describe("batches", () => {
  it("stay under PostgreSQL's 65,535 bind parameters whatever the column count", () => {
    for (const columns of [1, 3, 13, 28, 66, 200, 70_000]) {
      const rows = rowsPerInsert(columns);
      expect(rows).toBeGreaterThanOrEqual(1);
      if (columns <= POSTGRES_MAX_PARAMETERS) expect(rows * columns).toBeLessThanOrEqual(POSTGRES_MAX_PARAMETERS);
    }
    expect(rowsPerInsert(13)).toBe(1_000);
  });
});

describe("the rows checksum", () => {
  const sum = (rows: unknown[][]) => {
    const c = new RowChecksum();
    for (const r of rows) c.add(r);
    return c.digest();
  };
  it("is the same whatever the order the rows are read in", () => {
    expect(
      sum([
        ["a", 1, null],
        ["b", 2, "x"],
      ]),
    ).toBe(
      sum([
        ["b", 2, "x"],
        ["a", 1, null],
      ]),
    );
  });
  it("changes when one value changes, including its type or a NULL", () => {
    const base = sum([["a", 1, null]]);
    expect(sum([["a", 2, null]])).not.toBe(base);
    expect(sum([["a", "1", null]])).not.toBe(base);
    expect(sum([["a", 1, ""]])).not.toBe(base);
    expect(
      sum([
        ["a", 1, null],
        ["a", 1, null],
      ]),
    ).not.toBe(base);
  });
});
