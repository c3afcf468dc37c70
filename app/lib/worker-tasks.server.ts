/**
 * CPU-heavy work (drawing a PDF) off the thread that answers requests. A task is a plain async
 * function declared with `workerTask(name, fn)`; calling it runs `fn` in a worker thread when the
 * server has started one (`startWorkers`), and in place otherwise (tests, command-line tools).
 *
 * The worker runs build/pdf-worker.js, bundled from app/pdf-worker.ts by the `build` script: it
 * imports the same modules that declare the tasks (so each is registered under the same name on both
 * sides, and the bytes come from the same code) and calls `serveWorkerTasks()`; it loads nothing else
 * (no React, Remix or routes), which keeps the second V8 isolate small.
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { log } from "./log.server";

type Task = (...args: never[]) => Promise<Uint8Array>;

const tasks = new Map<string, Task>();

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

let pool: { worker: Worker; pending: Map<number, Pending>; nextId: number } | null = null;
let entry: URL | null = null;

export function workerTask<A extends unknown[]>(
  name: string,
  fn: (...args: A) => Promise<Uint8Array>,
): (...args: A) => Promise<Uint8Array> {
  tasks.set(name, fn as unknown as Task);
  return (...args: A) =>
    entry && isMainThread
      ? runInWorker(name, args).catch((error: unknown) => (isCloneError(error) ? fn(...args) : Promise.reject(error)))
      : fn(...args);
}

/**
 * Called once by the server: tasks now run in a worker started from `bundle` (build/pdf-worker.js),
 * started now so that the first PDF does not wait for it. `server` is the server's own bundle: `npm run
 * build` writes the worker's after it. Without the worker's file, or with one older than the server's
 * (the app rebuilt with `remix build` alone: the worker would draw with the previous code), the tasks
 * run in place, as in tests, and the server says so.
 */
export function startWorkers(bundle: URL, server: URL): void {
  const file = fileURLToPath(bundle);
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(fileURLToPath(server)).mtimeMs) {
    log().warn(
      `${file} is missing or older than the server's bundle (npm run build writes both): PDFs are drawn on the thread that answers requests.`,
    );
    return;
  }
  entry = bundle;
  workerPool();
}

function isCloneError(error: unknown): boolean {
  return error instanceof Error && error.name === "DataCloneError";
}

function workerPool() {
  if (pool) return pool;
  const worker = new Worker(entry!, { env: process.env });
  const state = { worker, pending: new Map<number, Pending>(), nextId: 1 };
  worker.on("message", (message: { id: number; bytes?: Uint8Array; error?: string }) => {
    const waiting = state.pending.get(message.id);
    if (!waiting) return;
    state.pending.delete(message.id);
    if (message.bytes) waiting.resolve(message.bytes);
    else waiting.reject(new Error(message.error ?? "worker task failed"));
  });
  // A worker that dies fails what it was doing; the next task starts a new one.
  const fail = (error: Error) => {
    for (const waiting of state.pending.values()) waiting.reject(error);
    state.pending.clear();
    if (pool === state) pool = null;
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
  worker.unref();
  pool = state;
  return state;
}

function runInWorker(name: string, args: unknown[]): Promise<Uint8Array> {
  const state = workerPool();
  const id = state.nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    try {
      state.worker.postMessage({ id, name, args });
    } catch (error) {
      state.pending.delete(id);
      reject(error);
    }
  });
}

/** The worker's side: runs the tasks it is sent, one at a time, and sends the bytes back. */
export function serveWorkerTasks(): void {
  const port = parentPort;
  if (!port) return;
  port.on("message", async ({ id, name, args }: { id: number; name: string; args: never[] }) => {
    try {
      const task = tasks.get(name);
      if (!task) throw new Error(`unknown worker task ${name}`);
      const bytes = await task(...args);
      port.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
