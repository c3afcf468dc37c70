/**
 * Migrations are frozen in time (issue #18): what an old migration does on a new database must never
 * change when today's code changes. So a migration imports nothing but Kysely (the few lines of
 * application logic it needs are copied into it), and a merged migration is never edited: its
 * SHA-256 is listed in db/migrations/FROZEN.sha256, and a change to a database is a new migration.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";

const folder = path.resolve(__dirname, "../../db/migrations");
const files = fs.readdirSync(folder).filter((f) => /^\d{4}-\d{2}-\d{2}-\d{4}-.+\.ts$/.test(f));

describe("migrations", () => {
  it("import nothing but kysely: no application code, no other module of the project", () => {
    const offending = files.flatMap((file) => {
      const source = fs.readFileSync(path.join(folder, file), "utf8");
      const specifiers = [...source.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map(
        (m) => m[1] ?? m[2],
      );
      return specifiers.filter((s) => s !== "kysely").map((s) => `${file} imports ${s}`);
    });
    expect(offending).toEqual([]);
  });

  it("once merged are never edited: each file's SHA-256 is the one listed in FROZEN.sha256", () => {
    const listed = new Map(
      fs
        .readFileSync(path.join(folder, "FROZEN.sha256"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [hash, name] = line.split(/\s+/);
          return [name!, hash!] as const;
        }),
    );
    const changed = files.filter((f) => {
      const hash = crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(folder, f)))
        .digest("hex");
      return listed.get(f) !== hash;
    });
    // A new migration: add its line (`sha256sum <file> >> db/migrations/FROZEN.sha256`) when it is merged.
    // An existing one: do not edit it; write a new migration that changes the database.
    expect(changed).toEqual([]);
  });

  it("are all registered, in the order of their names", () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    expect(names.length).toBe(files.length);
  });
});
