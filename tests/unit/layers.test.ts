/**
 * Routes and components do not query the database (STYLE.md, habit 1; issue #18): they call a
 * domain function (`app/domain/**.server.ts`) that holds the query, so a rule and the query that
 * serves it live together and a list's filter by organization cannot be forgotten in one page.
 * ESLint refuses `kysely` and `db/` imports there; this test refuses the query builder's calls.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const QUERY =
  /\.(selectFrom|selectNoFrom|updateTable|insertInto|replaceInto|deleteFrom|mergeInto|transaction)\s*\(|\bsql\s*(<[^>]*>)?\s*`|\bsql\.(raw|ref|table|id|lit|join)\s*\(/;

describe("layers", () => {
  it("no route or component queries the database inline: the query lives in a domain function", () => {
    const inline = ["app/routes", "app/components"].flatMap((folder) =>
      sources(folder).flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .flatMap((line, i) => (QUERY.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(inline).toEqual([]);
  });
});
