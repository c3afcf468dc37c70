/** `npm run daily`: runs the daily job once against DATABASE_URL or DATABASE_PATH and prints what it did. */
import { runDailyJobs } from "../../app/domain/jobs/daily.server";
import { appOrigin, env } from "../../app/lib/env.server";
import { mailTransport } from "../../app/lib/mail.server";
import { openDatabase } from "../client";
import { migrateToLatest } from "../migrator";

const handle = openDatabase({ url: env().DATABASE_URL, path: env().DATABASE_PATH });
try {
  await migrateToLatest(handle.db);
  const transport = mailTransport();
  console.log(
    JSON.stringify(
      await runDailyJobs(handle.db, new Date(), {
        appUrl: appOrigin(),
        mail: transport ? { transport, from: env().MAIL_FROM } : undefined,
      }),
    ),
  );
  transport?.close();
} finally {
  await handle.close();
}
