/**
 * `npm run db:copy -- --to postgres://user:password@host:5432/database [--from <SQLite file>] [--uploads <folder>]`:
 * copies a SQLite database (DATABASE_PATH unless --from) into an empty PostgreSQL database, then
 * verifies it (db/copy.ts) and prints the result and how to move the uploaded files.
 * Exit codes: 0 copied and every check passed; 1 refused, failed or a check did not pass;
 * 2 a bad or missing argument.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import * as z from "zod";
import { env } from "../../app/lib/env.server";

const USAGE =
  "usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--from <SQLite file, default DATABASE_PATH>] [--uploads <folder, default UPLOADS_PATH>]";

/**
 * A postgres:// URL (DATABASE_URL's rule, app/lib/env.server.ts) that names its database: the copy
 * must never land in a server's default database by accident. Checked here rather than with
 * db/client.ts's isPostgresUrl so a mistyped command answers before pg and SQLite are loaded.
 */
function namesADatabase(value: string): boolean {
  try {
    return /^postgres(ql)?:\/\//.test(value) && new URL(value).pathname.length > 1;
  } catch {
    return false;
  }
}

const Arguments = z.object({
  to: z.string({ error: "--to <postgres URL> is required" }).refine(namesADatabase, {
    error: "--to must be a postgres://user:password@host:port/database URL naming the database",
  }),
  from: z.string().min(1, { error: "--from needs a SQLite file" }).optional(),
  uploads: z.string().min(1, { error: "--uploads needs a folder" }).optional(),
});

function fail(message: string, code: 1 | 2): never {
  console.error(code === 2 ? `${message} (${USAGE})` : message);
  process.exit(code);
}

let parsed: z.infer<typeof Arguments>;
try {
  const { values } = parseArgs({
    options: { to: { type: "string" }, from: { type: "string" }, uploads: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const result = Arguments.safeParse(values);
  if (!result.success) fail(result.error.issues[0]!.message, 2);
  parsed = result.data;
} catch (error) {
  // parseArgs: an unknown option, a value missing after --to…
  fail(error instanceof Error ? error.message : String(error), 2);
}

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 1);
}

// Loaded once the arguments are known good: a mistyped command answers at once.
const { copySqliteToPostgres, CopyRefused, formatCopyReport, uploadsInstructions } = await import("../copy");
const sourcePath = path.resolve(parsed.from ?? config.DATABASE_PATH);
const uploadsPath = path.resolve(parsed.uploads ?? config.UPLOADS_PATH);
try {
  const report = await copySqliteToPostgres({
    sourcePath,
    targetUrl: parsed.to,
    uploadsPath,
    log: (line) => console.log(line),
  });
  console.log("");
  for (const line of formatCopyReport(report)) console.log(line);
  console.log("");
  for (const line of uploadsInstructions(uploadsPath)) console.log(line);
  console.log("");
  if (!report.ok)
    fail(
      "VERIFICATION FAILED: the lines above name what differs. Do not switch to this PostgreSQL database before looking at them.",
      1,
    );
  console.log(`All checks passed: ${report.target} holds the same data as ${report.source}.`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  fail(error instanceof CopyRefused ? message : `db:copy failed: ${message}`, 1);
}
