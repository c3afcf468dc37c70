/**
 * `npm run admin:create` as a real child process on the configured database: a SQLite file, or
 * (npm run test:pg) a PostgreSQL database of its own through DATABASE_URL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptLogin } from "~/domain/identity/login.server";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { runCli } from "../support/cli";
import { createPostgresDatabase, onPostgres } from "../support/db";

let dir: string;
let databaseEnv: Record<string, string>;
let dropPostgres: (() => Promise<void>) | null = null;
let handle: DatabaseHandle;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-admin-create-"));
  if (onPostgres) {
    const database = await createPostgresDatabase();
    databaseEnv = { DATABASE_URL: database.url };
    dropPostgres = database.drop;
    handle = openDatabase({ url: database.url, path: "" });
  } else {
    databaseEnv = { DATABASE_PATH: path.join(dir, "charaka.sqlite") };
    handle = openDatabase({ path: path.join(dir, "charaka.sqlite") });
  }
});
afterAll(async () => {
  await handle.close();
  await dropPostgres?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

function adminCreate(args: string[], password?: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...databaseEnv,
    BACKUP_PATH: path.join(dir, "backups"),
    UPLOADS_PATH: path.join(dir, "uploads"),
    CHARAKA_ADMIN_PASSWORD: password,
  };
  if (password === undefined) delete env.CHARAKA_ADMIN_PASSWORD;
  if (!onPostgres) delete env.DATABASE_URL;
  return runCli("db/cli/admin-create.ts", args, env);
}

const countUsers = async () =>
  Number(
    (
      await handle.db
        .selectFrom("user")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("npm run admin:create", () => {
  it("creates a platform administrator on a fresh database, who can then log in", async () => {
    const run = await adminCreate(
      ["--email", "Directrice@Association.ma", "--name", "Amina Berrada"],
      "a long enough secret 2026",
    );
    expect(run.output).toContain("Platform administrator created");
    expect(run.code).toBe(0);
    const user = await handle.db
      .selectFrom("user")
      .select(["id", "email", "name", "is_platform_admin"])
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: "directrice@association.ma", name: "Amina Berrada", is_platform_admin: 1 });
    const login = await attemptLogin(handle.db, {
      email: "directrice@association.ma",
      password: "a long enough secret 2026",
      ip: "198.51.100.7",
    });
    expect(login).toEqual({ ok: true, userId: user.id });
    const events = await handle.db.selectFrom("audit_event").select(["type", "subject_id"]).execute();
    expect(events).toEqual([{ type: "user.created", subject_id: user.id }]);
  });

  it("refuses an email that already has an account: exit 1, nothing changed", async () => {
    const before = await handle.db.selectFrom("user").selectAll().execute();
    const run = await adminCreate(
      ["--email", "directrice@association.ma", "--name", "Someone Else"],
      "another long secret 2026",
    );
    expect(run.code).toBe(1);
    expect(run.output).toContain("already has an account");
    expect(await handle.db.selectFrom("user").selectAll().execute()).toEqual(before);
  });

  it("refuses a weak password with the app's rule: exit 2, nothing written", async () => {
    const run = await adminCreate(["--email", "second@association.ma", "--name", "Second"], "short");
    expect(run.code).toBe(2);
    expect(run.output).toContain("at least 12 characters");
    expect(await countUsers()).toBe(1);
  });

  it("without a terminal nor CHARAKA_ADMIN_PASSWORD, says how to give the password (exit 2)", async () => {
    const run = await adminCreate(["--email", "third@association.ma", "--name", "Third"]);
    expect(run.code).toBe(2);
    expect(run.output).toContain("CHARAKA_ADMIN_PASSWORD");
    expect(await countUsers()).toBe(1);
  });

  it("a missing argument prints the usage line (exit 2)", async () => {
    const run = await adminCreate(["--email", "fourth@association.ma"], "a long enough secret 2026");
    expect(run.code).toBe(2);
    expect(run.output).toContain("usage: npm run admin:create");
  });
});
