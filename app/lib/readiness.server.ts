/**
 * Whether the server's start-up work that runs after it starts listening (the first daily job)
 * has finished: `/healthz?ready` answers 503 until then, so tests and deployments can wait for it
 * while plain `/healthz` (liveness) answers as soon as the server listens.
 */
let ready = false;

export function markReady(): void {
  ready = true;
}

export function isReady(): boolean {
  return ready;
}
