/**
 * CPU-heavy work (drawing a PDF) off the thread that answers requests. A task is a plain async
 * function declared with `workerTask(name, fn)`; calling it runs `fn` in a worker thread when the
 * server has started its pool (`startWorkers`), and in place otherwise (tests, command-line tools).
 *
 * The workers run build/pdf-worker.js, bundled from app/pdf-worker.ts by the `build` script: it
 * imports the same modules that declare the tasks (so each is registered under the same name on both
 * sides, and the bytes come from the same code) and calls `serveWorkerTasks()`; it loads nothing else
 * (no React, Remix or routes), which keeps each V8 isolate small.
 *
 * The pool: `size` workers per process (`pdfWorkersPerProcess`: the cores shared by the HTTP
 * processes), each given one task at a time; tasks beyond that wait in a queue, first come first
 * served. Several PDFs at once are then drawn in parallel, one per core, and a burst of requests
 * does not lay out a dozen documents at once in one isolate (each holding its pages in memory).
 */
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { log } from "./log.server";

type Task = (...args: never[]) => Promise<Uint8Array>;

const tasks = new Map<string, Task>();

interface Job {
  name: string;
  args: unknown[];
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The task it is drawing, if any. */
  job: Job | null;
}

let entry: URL | null = null;
let size = 1;
const slots: Slot[] = [];
const queue: Job[] = [];

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
 * The PDF workers each HTTP process runs: the machine's cores shared by the processes that serve
 * requests (at least one). With one process per core, one each; a single process uses them all.
 */
export function pdfWorkersPerProcess(httpProcesses: number): number {
  return Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, httpProcesses)));
}

/**
 * Called once by the server: tasks now run in a pool of `workers` threads started from `bundle`
 * (build/pdf-worker.js) — started now (`eager`, an HTTP process: the first PDF does not wait for
 * them and their warm-up), or at the first task (the primary of a cluster, which draws a PDF only for
 * a job, if ever). `server` is the server's own bundle: `npm run build` writes the worker's after it.
 * Without the worker's file, or with one older than the server's (the app rebuilt with `remix build`
 * alone: the worker would draw with the previous code), the tasks run in place, as in tests, and the
 * server says so.
 */
export function startWorkers(bundle: URL, server: URL, options: { workers?: number; eager?: boolean } = {}): void {
  const file = fileURLToPath(bundle);
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(fileURLToPath(server)).mtimeMs) {
    log().warn(
      `${file} is missing or older than the server's bundle (npm run build writes both): PDFs are drawn on the thread that answers requests.`,
    );
    return;
  }
  entry = bundle;
  size = Math.max(1, options.workers ?? 1);
  if (options.eager ?? true) while (slots.length < size) startWorker();
}

function isCloneError(error: unknown): boolean {
  return error instanceof Error && error.name === "DataCloneError";
}

function startWorker(): Slot {
  const worker = new Worker(entry!, { env: process.env });
  const slot: Slot = { worker, job: null };
  worker.on("message", (message: { bytes?: Uint8Array; error?: string }) => {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    if (message.bytes) job.resolve(message.bytes);
    else job.reject(new Error(message.error ?? "worker task failed"));
    dispatch();
  });
  // A worker that dies fails what it was drawing; the next task starts a new one.
  const fail = (error: Error) => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    slot.job?.reject(error);
    slot.job = null;
    dispatch();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
  worker.unref();
  slots.push(slot);
  return slot;
}

/** Hands the queue's first tasks to idle workers, starting workers up to the pool's size. */
function dispatch(): void {
  while (queue.length) {
    const slot = slots.find((s) => !s.job) ?? (slots.length < size ? startWorker() : null);
    if (!slot) return;
    const job = queue.shift()!;
    slot.job = job;
    try {
      slot.worker.postMessage({ name: job.name, args: job.args });
    } catch (error) {
      // The arguments cannot be sent (DataCloneError: drawn in place by workerTask); the worker is free.
      slot.job = null;
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** The pool as it is now: workers started, drawing a task, tasks waiting (tests, diagnostics). */
export function workerPoolState(): { workers: number; busy: number; queued: number } {
  return { workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length };
}

function runInWorker(name: string, args: unknown[]): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    queue.push({ name, args, resolve, reject });
    dispatch();
  });
}

/**
 * The worker's side: after `warmUp` (if given), runs the tasks it is sent one after the other and
 * sends the bytes back.
 */
export function serveWorkerTasks(warmUp?: () => Promise<void>): void {
  const port = parentPort;
  if (!port) return;
  let turn: Promise<unknown> = (warmUp?.() ?? Promise.resolve()).catch(() => {
    // a real task will report what is wrong
  });
  port.on("message", ({ name, args }: { name: string; args: never[] }) => {
    turn = turn.then(async () => {
      try {
        const task = tasks.get(name);
        if (!task) throw new Error(`unknown worker task ${name}`);
        const bytes = await task(...args);
        port.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
      } catch (error) {
        port.postMessage({ error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
