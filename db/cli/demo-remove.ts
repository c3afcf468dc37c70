/**
 * `npm run demo:remove [-- --yes]`: deletes the demo organizations, accounts and agreements from the
 * configured database, and nothing else (app/domain/demo/demo.server.ts), after showing what goes.
 * Without --yes it asks on the terminal. Exit 0 removed (or nothing to remove), 1 not confirmed,
 * 2 no terminal to ask on.
 */
import { createInterface } from "node:readline/promises";
import { demoRemovalPreview, removeDemoData } from "../../app/domain/demo/demo.server";
import { env } from "../../app/lib/env.server";
import { openDatabase } from "../client";

const config = env();
const handle = openDatabase({ url: config.DATABASE_URL, path: config.DATABASE_PATH });
try {
  const preview = await demoRemovalPreview(handle.db);
  if (!preview) {
    console.log(`${handle.description}: no demo data.`);
  } else {
    console.log(`${handle.description}: the demo data to remove`);
    console.log(
      `  organizations (${preview.organizations.length}): ${preview.organizations.map((o) => o.nameFr ?? o.nameAr).join(", ")}`,
    );
    console.log(`  demo accounts: ${preview.people}`);
    console.log(`  agreements with a demo organization among their parties: ${preview.agreements}`);
    for (const a of preview.withRealOrganizations)
      console.log(`    with a real organization too, removed as well: ${a.reference} ${a.title}`);
    if (preview.realMembers > 0)
      console.log(
        `  real people who lose a membership of a demo organization (their accounts stay): ${preview.realMembers}`,
      );
    let confirmed = process.argv.includes("--yes");
    if (!confirmed) {
      if (!process.stdin.isTTY) {
        console.error("No terminal to confirm on: run `npm run demo:remove -- --yes`.");
        process.exit(2);
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      confirmed = (await rl.question('Type "yes" to remove them: ')).trim().toLowerCase() === "yes";
      rl.close();
    }
    if (!confirmed) {
      console.error("Not confirmed: nothing was removed.");
      process.exitCode = 1;
    } else {
      const report = await removeDemoData(handle.db, {
        actorUserId: null,
        ip: null,
        userAgent: "charaka-cli demo:remove",
      });
      console.log(`Removed: ${JSON.stringify(report)}`);
    }
  }
} finally {
  await handle.close();
}
