/** A fresh, migrated SQLite database in a temporary folder, through the app's own code. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DB } from "../../db/client";
import { migrateToLatest } from "../../db/migrator";
import { seedDemoIfEmpty } from "../../db/seed/demo";

export interface TestDatabase {
  db: DB;
  path: string;
  close(): Promise<void>;
}

export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charaka-test-"));
  const file = path.join(dir, "charaka.sqlite");
  const handle = openDatabase({ path: file });
  await migrateToLatest(handle.db);
  if (options.demo) await seedDemoIfEmpty(handle.db);
  return {
    db: handle.db,
    path: file,
    async close() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
