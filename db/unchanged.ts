/**
 * Answers that depend only on what the database holds, computed once and kept while nothing was
 * written: a page view asks the same few questions on every request (are there demo accounts?)
 * whose answers change only with a write.
 *
 * "Nothing was written" is SQLite's own counter, read without a query: `total_changes()` counts the
 * rows this connection changed, `PRAGMA data_version` changes when any other connection (another
 * HTTP process, `npm run demo:remove`, a worker thread) committed. Together they change with every
 * write that could change an answer, whoever made it, so a kept answer is never older than the last
 * commit. The mark is read before the query: a write landing while it runs only makes the next
 * request ask again.
 *
 * PostgreSQL has no such counter that costs less than the question itself: there, and inside a
 * transaction (another Kysely instance), every call computes.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";

type DB = Kysely<Database>;

/** How many distinct questions are kept per database; the oldest is forgotten first. */
const CAPACITY = 500;

const marks = new WeakMap<DB, () => string>();
const kept = new WeakMap<DB, Map<string, { mark: string; answer: Promise<unknown> }>>();

/** Called once by the driver that can tell when its database changed (db/sqlite.ts). */
export function registerWriteMark(db: DB, mark: () => string): void {
  marks.set(db, mark);
}

/** The answer of `compute()` for `key`, kept until the next write to `db`; shared by concurrent callers. */
export function untilWrite<T>(db: DB, key: string, compute: () => Promise<T>): Promise<T> {
  const readMark = marks.get(db);
  if (!readMark) return compute();
  let answers = kept.get(db);
  if (!answers) kept.set(db, (answers = new Map()));
  const mark = readMark();
  const hit = answers.get(key);
  if (hit && hit.mark === mark) return hit.answer as Promise<T>;
  const answer = compute();
  answers.delete(key);
  answers.set(key, { mark, answer });
  if (answers.size > CAPACITY) answers.delete(answers.keys().next().value!);
  // A failed question is asked again next time, not answered with its error.
  answer.catch(() => {
    if (answers.get(key)?.answer === answer) answers.delete(key);
  });
  return answer;
}
