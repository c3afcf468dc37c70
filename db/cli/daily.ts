/** `npm run daily`: runs the daily job once against DATABASE_PATH and prints what it did. */
import { runDailyJobs } from "../../app/domain/jobs/daily.server";
import { env } from "../../app/lib/env.server";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrator";

const handle = openDatabase({ path: env().DATABASE_PATH });
try {
  await migrateToLatest(handle.db);
  console.log(JSON.stringify(await runDailyJobs(handle.db)));
} finally {
  await handle.close();
}
