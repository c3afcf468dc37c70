/**
 * `npm run admin:create -- --email <e> --name "<n>" [--locale fr|ar|en]`: creates a platform
 * administrator on the configured database (DATABASE_URL, or the SQLite file at DATABASE_PATH),
 * migrating it first (never seeding demo data). The password is typed on the terminal (hidden,
 * twice) or taken from CHARAKA_ADMIN_PASSWORD; it must follow the app's rules.
 *
 * Exit codes: 0 created; 1 refused (this email already has an account: nothing changed);
 * 2 bad arguments, a weak password or no way to read one.
 */
import { parseArgs } from "node:util";
import { createPlatformAdmin } from "../../app/domain/identity/account.server";
import { PlatformAdminSchema } from "../../app/domain/identity/identity.schema";
import { env } from "../../app/lib/env.server";
import { parseForm } from "../../app/lib/forms";
import { translate } from "../../app/lib/i18n/translate";
import { openDatabase } from "../client";
import { prepareDatabase } from "../setup";

const USAGE = 'usage: npm run admin:create -- --email <email> --name "<full name>" [--locale fr|ar|en]';

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          return resolve(value);
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          return reject(new Error("cancelled"));
        }
        value = ch === "\u007f" || ch === "\b" ? [...value].slice(0, -1).join("") : value + ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.CHARAKA_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!process.stdin.isTTY)
    fail(2, "No terminal to type the password on: set CHARAKA_ADMIN_PASSWORD (at least 12 characters).");
  const first = await askHidden("Password (at least 12 characters, not shown): ");
  const again = await askHidden("The same password again: ");
  if (first !== again) fail(2, "The two passwords are different. Nothing was changed.");
  return first;
}

let args;
try {
  args = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, locale: { type: "string", default: "fr" } },
    strict: true,
  }).values;
} catch (error) {
  fail(2, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
if (!args.email || !args.name) fail(2, USAGE);

const password = await readPassword().catch(() => fail(2, "Cancelled. Nothing was changed."));
const form = new FormData();
form.set("email", args.email);
form.set("name", args.name);
form.set("locale", args.locale ?? "fr");
form.set("password", password);
const parsed = parseForm(PlatformAdminSchema, form);
if (!parsed.ok) {
  const lines = Object.entries(parsed.fieldErrors).map(([field, e]) => `  ${field}: ${translate("en", e.key, e.vars)}`);
  fail(2, `Refused, nothing was changed:\n${lines.join("\n")}`);
}

const config = env();
const handle = openDatabase({ url: config.DATABASE_URL, path: config.DATABASE_PATH });
try {
  await prepareDatabase(handle.db, {
    demo: false,
    backup: handle.path
      ? { databasePath: handle.path, uploadsPath: config.UPLOADS_PATH, backupRoot: config.BACKUP_PATH }
      : undefined,
  });
  const result = await createPlatformAdmin(
    handle.db,
    { actorUserId: null, ip: null, userAgent: "charaka-cli admin:create" },
    parsed.data,
  );
  if (!result.ok) {
    process.exitCode = 1;
    console.error(`Refused: ${parsed.data.email} already has an account. Nothing was changed.`);
  } else {
    console.log(`Platform administrator created on ${handle.description}: ${parsed.data.email}`);
    console.log("Log in at /login; Charaka then asks to set up two-factor sign-in (/account/security).");
  }
} finally {
  await handle.close();
}
