/**
 * A POST whose body is generated as it is sent (never held in memory): for the body-limit tests, which
 * send hundreds of megabytes. Resolves with the status and page the server answered (even while the
 * body was still being written) and how many bytes were written before the server closed the connection.
 */
import http from "node:http";

export interface StreamPostResult {
  status: number | null;
  body: string;
  sentBytes: number;
}

export function streamPost(
  url: string,
  options: {
    headers: Record<string, string>;
    /** The body, chunk by chunk. */
    chunks: Iterable<Buffer>;
  },
): Promise<StreamPostResult> {
  const target = new URL(url);
  return new Promise((resolve) => {
    let sentBytes = 0;
    let status: number | null = null;
    let body = "";
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      resolve({ status, body, sentBytes });
    };
    const req = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: "POST",
      headers: options.headers,
    });
    req.on("response", (res) => {
      status = res.statusCode ?? null;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", done);
      res.on("error", done);
    });
    // The server closing the connection mid-body (EPIPE, ECONNRESET) is the expected end of the upload.
    req.on("error", () => setTimeout(done, 100));
    const iterator = options.chunks[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        if (req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        sentBytes += next.value.byteLength;
        if (!req.write(next.value)) {
          req.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

/** `total` bytes of `byte`, in 64 KB chunks (one buffer reused). */
export function* repeatedBytes(total: number, byte = "a"): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, byte);
  for (let sent = 0; sent < total; sent += chunk.byteLength) yield chunk;
}

/** A multipart body of `parts` one-character fields. */
export function* manyParts(boundary: string, parts: number): Generator<Buffer> {
  for (let i = 0; i < parts; i++)
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="field${i}"\r\n\r\nx\r\n`);
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** A multipart body with one file field of `size` bytes. */
export function* oneLargeFile(boundary: string, size: number): Generator<Buffer> {
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  yield* repeatedBytes(size);
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}
