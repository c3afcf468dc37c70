/**
 * How a page's body reaches the socket (app/lib/remix-express.server.ts): batched per turn of the event
 * loop, and held back while the reader is slower than the body — the server never buffers a whole big
 * answer for a client that does not read it — and whole and in order when the reader catches up.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRemixResponse } from "~/lib/remix-express.server";

const CHUNK = 16 * 1024;
const CHUNKS = 3072; // 48 MB: far more than the socket's and the kernel's buffers hold
const TOTAL = CHUNK * CHUNKS;

/** Chunk i: bytes that do not compress (gzip cannot make the answer small), different for each i. */
function chunk(i: number): Uint8Array {
  const bytes = new Uint8Array(CHUNK);
  let x = (i + 1) * 2654435761;
  for (let k = 0; k < CHUNK; k += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[k] = x;
    bytes[k + 1] = x >>> 8;
    bytes[k + 2] = x >>> 16;
    bytes[k + 3] = x >>> 24;
  }
  return bytes;
}

const expectedHash = (() => {
  const hash = crypto.createHash("sha256");
  for (let i = 0; i < CHUNKS; i++) hash.update(chunk(i));
  return hash.digest("hex");
})();

/** How many bytes the body made so far, per answer. */
const made: number[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(compression({ level: 3 })); // as app/server.ts
  app.get("/big", (_req, res, next) => {
    const answer = made.push(0) - 1;
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i === CHUNKS) return controller.close();
        controller.enqueue(chunk(i++));
        made[answer] = made[answer]! + CHUNK;
      },
    });
    sendRemixResponse(res, new Response(body, { headers: { "Content-Type": "application/octet-stream" } })).catch(next);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Until the body has stopped growing for a while (or a few seconds passed): what it made by then. */
async function whenStalled(answer: number): Promise<number> {
  let last = -1;
  for (let waited = 0; waited < 8000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (made[answer] === last) break;
    last = made[answer]!;
  }
  return made[answer]!;
}

async function slowReader(encoding: "identity" | "gzip") {
  const answer = made.length;
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http
      .get({ port, host: "127.0.0.1", path: "/big", headers: { "accept-encoding": encoding } }, resolve)
      .on("error", reject),
  );
  res.pause(); // a reader that reads nothing for now
  const madeWhileNotRead = await whenStalled(answer);
  const body = encoding === "gzip" ? res.pipe(zlib.createGunzip()) : res;
  const hash = crypto.createHash("sha256");
  let received = 0;
  for await (const piece of body as AsyncIterable<Buffer>) {
    hash.update(piece);
    received += piece.length;
  }
  return { header: res.headers["content-encoding"], madeWhileNotRead, received, hash: hash.digest("hex") };
}

describe("a big answer to a slow reader", () => {
  it("is made only as fast as the reader reads it, and arrives whole and in order", async () => {
    const r = await slowReader("identity");
    expect(r.header).toBeUndefined();
    expect(r.madeWhileNotRead).toBeLessThan(TOTAL / 2);
    expect(r.received).toBe(TOTAL);
    expect(r.hash).toBe(expectedHash);
  });

  it("is held back through compression as well", async () => {
    const r = await slowReader("gzip");
    expect(r.header).toBe("gzip");
    expect(r.madeWhileNotRead).toBeLessThan(TOTAL / 2);
    expect(r.received).toBe(TOTAL);
    expect(r.hash).toBe(expectedHash);
  });
});
