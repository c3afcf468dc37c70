/**
 * What the server knows about the request being answered, wherever the code runs while answering it
 * (AsyncLocalStorage): its id (sent back as X-Request-Id, shown on the error page, on every log line)
 * and the signed-in user's id once the session is read. Set by app/server.ts for every request.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  userId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | null {
  return storage.getStore() ?? null;
}
