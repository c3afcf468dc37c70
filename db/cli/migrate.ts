/** `npm run db:migrate`: applies pending migrations (and seeds demo data into an empty database unless CHARAKA_DEMO=0). */
import { env } from "../../app/lib/env.server";
import { openDatabase } from "../client";
import { demoAccountsTable, DEMO_PASSWORD } from "../seed/demo";
import { prepareDatabase } from "../setup";

const config = env();
const handle = openDatabase({ path: config.DATABASE_PATH });
try {
  const { applied, seeded } = await prepareDatabase(handle.db, { demo: config.CHARAKA_DEMO });
  console.log(`${handle.description}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
  if (seeded) console.log(`Demo data seeded (password "${DEMO_PASSWORD}"):\n${demoAccountsTable()}`);
} finally {
  await handle.close();
}
