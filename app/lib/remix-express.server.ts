/**
 * Express → Remix, as @remix-run/express does it, with the request body passed through the limits of
 * app/lib/body-limits.server.ts on its way in: a body past its limit is never parsed, the request is
 * answered 413 (a page in the reader's language, or for a `.data` request the error Remix's client
 * shows in the route's error boundary) and the connection is closed so the rest is never read.
 */
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { bodyLimitFor, isMultipart, limitBody, multipartBoundary, type LimitExceeded } from "./body-limits.server";
import { DEFAULT_LOCALE, direction, negotiateLocale, isLocale, type Locale } from "./i18n/locales";
import { translate } from "./i18n/translate";
import { log } from "./log.server";

export function remixHandler(options: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    let refused = false;
    try {
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const contentType = req.get("content-type");
      const limit = bodyLimitFor(req.path, contentType);
      const controller = new AbortController();
      const refuse = (what: LimitExceeded) => {
        if (refused) return;
        refused = true;
        controller.abort();
        refuseTooLarge(req, res, what, limit.maxBytes);
      };
      if (hasBody && Number(req.get("content-length") ?? 0) > limit.maxBytes) return refuse("bytes");
      let body: ReadableStream | undefined;
      if (hasBody) {
        const limited = limitBody(limit, isMultipart(contentType) ? multipartBoundary(contentType) : null, refuse);
        req.pipe(limited);
        body = createReadableStreamFromReadable(limited);
      }
      // Abort the loaders and actions once no answer can be written (the client went away).
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => finished || controller.abort());
      const request = new Request(requestUrl(req), {
        method: req.method,
        headers: requestHeaders(req),
        signal: controller.signal,
        ...(body ? { body, duplex: "half" } : {}),
      } as RequestInit);
      const response = await handle(request, options.getLoadContext(req, res));
      if (refused) return;
      // Pages and `.data` answers are made for one reader (signed in or not): never kept by a browser's or
      // a proxy's cache, so the back button after logging out or a shared computer shows nothing of them.
      // A route that chooses its own caching (a stamp image, private for five minutes) keeps it.
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      await sendRemixResponse(res, response);
    } catch (error) {
      if (!refused) next(error);
    }
  };
}

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

/** Writes a fetch Response (status, headers, body) to Express's response. Exported for tests. */
export async function sendRemixResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/** What is gathered at most before it is written, whether or not the event loop turned. */
const BATCH_BYTES = 64 * 1024;

/**
 * The body as it comes, handed to compression and the socket once per turn of the event loop, not chunk
 * by chunk with a flush after each as @remix-run/node's writeReadableStreamToWritable does: a page
 * arrives in ~2 KB chunks, and each cost a zlib call, a sync-flush block and a socket write (the demo
 * dashboard went out as 10.4 KB of gzip for 6.8 KB in one piece). What a slow stream sends later still
 * goes out as soon as it comes.
 *
 * A reader slower than the body (a phone on a poor line, a big export) holds the body back: once
 * `res.write` says the socket's buffer is full, nothing more is read from the body until it drains, so
 * the server keeps about one buffer's worth per answer instead of the whole answer.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse & { flush?: () => void }) {
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let full: Promise<void> | null = null;
  let wake = () => {};
  let listening = false;
  const drained = () => {
    if (!listening) {
      // Once per answer: compression's res.on("drain") listens to its gzip stream (which drains once the
      // socket did), and its listeners cannot be removed through res.
      listening = true;
      res.on("drain", () => wake());
      res.on("close", () => wake());
    }
    return new Promise<void>((resolve) => {
      wake = () => {
        wake = () => {};
        full = null;
        resolve();
      };
    });
  };
  const send = () => {
    if (pending.length === 0 || res.writableEnded || res.destroyed) return;
    const taken = res.write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
    pendingBytes = 0;
    res.flush?.();
    if (!taken && !full) full = drained();
  };
  try {
    for (;;) {
      if (full) await full;
      if (res.destroyed) {
        // The client went away: the rest of the body is not made.
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      const first = pending.push(value) === 1;
      pendingBytes += value.byteLength;
      // A body that comes faster than the event loop turns (all of it in memory) goes out by batches.
      if (pendingBytes >= BATCH_BYTES) send();
      else if (first) setImmediate(send);
    }
    if (pending.length) res.write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** The URL as @remix-run/express builds it: the path from the request line, host and scheme as Express sees them. */
function requestUrl(req: ExpressRequest): string {
  const port = (value: string | undefined) => {
    const n = Number.parseInt(value?.split(":")[1] ?? "", 10);
    return Number.isSafeInteger(n) ? n : null;
  };
  const p = port(req.get("x-forwarded-host")) ?? port(req.get("host"));
  return new URL(`${req.protocol}://${req.hostname}${p ? `:${p}` : ""}${req.originalUrl}`).href;
}

/** The reader's language without touching the database: the language cookie, else the browser's. */
function requestLocale(req: ExpressRequest): Locale {
  const cookie = /(?:^|;\s*)charaka_locale=(\w+)/.exec(req.get("cookie") ?? "")?.[1];
  return isLocale(cookie) ? cookie : (negotiateLocale(req.get("accept-language") ?? null) ?? DEFAULT_LOCALE);
}

/**
 * Answers 413 and closes the connection. A `.data` request (a form sent by Remix's client) gets the
 * single-fetch encoding of a thrown 413 Response, so the route's error boundary shows the message; any
 * other request gets a small page in the reader's language.
 */
function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, what: LimitExceeded, maxBytes: number) {
  req.unpipe();
  log().warn(
    { event: "request.too_large", method: req.method, path: req.path, limit: what, maxBytes },
    "body over limit",
  );
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const locale = requestLocale(req);
  const title = translate(locale, "error.413.title");
  const body = translate(locale, "error.413.body");
  // Stop reading the body, and close the connection without dropping the answer: with `Connection:
  // close` Node destroys the socket as soon as the answer is written, while the client still sends, and
  // most clients then lose the answer unread (a reset discards it). Instead the socket stops reading (the
  // sender is held back by TCP flow control: nothing more is read or buffered), says it is done writing,
  // and is destroyed a second later, the time for the client to read the answer.
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  res.status(413).set("Connection", "close");
  if (req.path.endsWith(".data")) {
    // @remix-run/server-runtime 2.17's turbo-stream encoding of `{ error: ErrorResponse(413) }`.
    res
      .type("text/x-script")
      .send(`${JSON.stringify([{ _1: 2 }, "error", ["ErrorResponse", 3, 4, 5], body, 413, title])}\n`);
    return;
  }
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}" dir="${direction(locale)}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a">` +
        `<p style="color:#047857;font-weight:600">413</p><h1>${escape(title)}</h1><p>${escape(body)}</p>` +
        `<p><a href="/">${escape(translate(locale, "error.backHome"))}</a></p>` +
        `</body></html>`,
    );
}
