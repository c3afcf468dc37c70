/**
 * Every command writes in one transaction. A command called by another (an import creating
 * agreements one after another, say) joins the caller's transaction instead of opening its
 * own, so the whole either lands or, when anything throws, leaves nothing behind.
 *
 * Work that must see the whole command's changes — the kept dashboard entries of each agreement it
 * changed (app/domain/dashboard/attention-entries.server.ts) — is asked for with beforeCommit and
 * runs once per key, at the end of the outermost transaction, inside it.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";
import { forgetReadsOnce } from "../app/lib/request-context.server";

const pending = new WeakMap<Transaction<Database>, Map<string, () => Promise<void>>>();

export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  // What the request read once may have changed: read again after (oncePerRequest).
  return db
    .transaction()
    .execute(async (trx) => {
      const result = await work(trx);
      await runBeforeCommit(trx);
      return result;
    })
    .finally(forgetReadsOnce);
}

/**
 * Runs `task` just before `trx` commits, once for each `key` however often it is asked. In a
 * transaction not opened by inTransaction, runBeforeCommit must be called by its opener.
 */
export function beforeCommit(trx: Transaction<Database>, key: string, task: () => Promise<void>): void {
  const tasks = pending.get(trx) ?? new Map<string, () => Promise<void>>();
  tasks.set(key, task);
  pending.set(trx, tasks);
}

/** The tasks asked for so far (and those they ask for), in order. */
export async function runBeforeCommit(trx: Transaction<Database>): Promise<void> {
  for (let tasks = pending.get(trx); tasks?.size; tasks = pending.get(trx)) {
    pending.delete(trx);
    for (const task of tasks.values()) await task();
  }
}
