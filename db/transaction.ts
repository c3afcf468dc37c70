/**
 * Every command writes in one transaction. A command called by another (an import creating
 * agreements one after another, say) joins the caller's transaction instead of opening its
 * own, so the whole either lands or, when anything throws, leaves nothing behind.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
