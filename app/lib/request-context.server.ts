/**
 * What the server knows about the request being answered, wherever the code runs while answering it
 * (AsyncLocalStorage): its id (sent back as X-Request-Id, shown on the error page, on every log line)
 * and the signed-in user's id once the session is read. Set by app/server.ts for every request.
 * Facts several parts of one page read alike are read once per request (oncePerRequest).
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  userId: string | null;
  /** What oncePerRequest read, by key. */
  readOnce?: Map<string, Promise<unknown>>;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | null {
  return storage.getStore() ?? null;
}

/**
 * `read()` once per request for a key, its answer shared by the request's loaders; outside a request
 * (the CLI, the tests), read each time. For facts a page's parts read alike that the request's own
 * writes do not change (the reader's organizations sharing an agreement, as a dashboard's counts ask).
 */
export function oncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return read();
  context.readOnce ??= new Map();
  let answer = context.readOnce.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    context.readOnce.set(key, answer);
  }
  return answer;
}

/** Forgets what the request read once (a write of the request commits: db/transaction.ts). */
export function forgetReadsOnce(): void {
  storage.getStore()?.readOnce?.clear();
}
