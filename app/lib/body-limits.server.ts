/**
 * Request body limits, enforced while the body streams in and before anything parses it: one
 * unauthenticated POST of 300 MB to /login used to be read whole by `request.formData()` and kill the
 * server ("JavaScript heap out of memory"). The server (app/server.ts) asks `bodyLimitFor` which limit
 * applies, refuses a declared Content-Length above it at once, and otherwise counts the bytes (and the
 * multipart parts) as they arrive through `limitBody`; past a limit the request is answered 413 and the
 * connection closed, so the rest of the body is never read.
 *
 * Per-file limits stay with each upload field (`readFormData(request, maxFileBytes)`: a field error next
 * to the field, the other fields kept); the limits here are the ceiling above every route's largest file.
 */
import { Transform, type TransformCallback } from "node:stream";

export interface BodyLimit {
  /** The whole body, in bytes. */
  maxBytes: number;
  /** Multipart only: the number of parts (fields and files) in all. */
  maxParts: number;
}

const KB = 1024;
const MB = 1024 * 1024;

/**
 * The table. Public routes (no account: sign-in, verification, invitations, forgotten passwords) get the
 * smallest limits; /verify takes one PDF of at most 20 MB (its own field limit). Signed-in forms carry up
 * to 200,000 characters of minutes (Arabic text is 6 bytes a character once url-encoded: 1.2 MB) or a
 * drawn signature (400 KB); signed-in uploads carry one file of at most 15 MB (a paper-signing scan) and
 * an equipment delivery's quantities, one field per item.
 */
export const BODY_LIMITS = {
  public: { form: { maxBytes: 16 * KB, maxParts: 0 }, multipart: { maxBytes: 21 * MB, maxParts: 10 } },
  signedIn: { form: { maxBytes: 2 * MB, maxParts: 0 }, multipart: { maxBytes: 25 * MB, maxParts: 500 } },
} as const;

/** Paths that anyone may post to without an account (with or without Remix's `.data` suffix). */
const PUBLIC_PATHS = [
  /^\/login$/,
  /^\/verify$/,
  /^\/forgot-password$/,
  /^\/reset-password(\/.*)?$/,
  /^\/invitations\//,
];

export function isPublicPath(pathname: string): boolean {
  const path = pathname.replace(/\.data$/, "");
  return PUBLIC_PATHS.some((pattern) => pattern.test(path));
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? "").toLowerCase().startsWith("multipart/form-data");
}

export function bodyLimitFor(pathname: string, contentType: string | undefined): BodyLimit {
  const audience = isPublicPath(pathname) ? BODY_LIMITS.public : BODY_LIMITS.signedIn;
  return isMultipart(contentType) ? audience.multipart : audience.form;
}

/** The multipart boundary of a Content-Type header, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export type LimitExceeded = "bytes" | "parts";

/**
 * A pass-through stream that counts bytes (and, for multipart bodies, boundary lines: one per part, plus
 * the closing one) and stops with `onExceeded` at the first byte past a limit. Nothing is buffered beyond
 * the boundary's length.
 */
export function limitBody(
  limit: BodyLimit,
  boundary: string | null,
  onExceeded: (what: LimitExceeded) => void,
): Transform {
  let bytes = 0;
  let delimiters = 0;
  const needle = boundary ? Buffer.from(`--${boundary}`) : null;
  let tail = Buffer.alloc(0);
  let stopped = false;
  const stop = (what: LimitExceeded, stream: Transform) => {
    stopped = true;
    onExceeded(what);
    stream.destroy(new Error(`request body over its limit (${what})`));
  };
  return new Transform({
    transform(this: Transform, chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (stopped) return done();
      bytes += chunk.byteLength;
      if (bytes > limit.maxBytes) return stop("bytes", this);
      if (needle) {
        const window = tail.byteLength ? Buffer.concat([tail, chunk]) : chunk;
        for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + needle.byteLength))
          delimiters += 1;
        tail = Buffer.from(window.subarray(Math.max(0, window.byteLength - (needle.byteLength - 1))));
        // n parts are framed by n + 1 delimiter lines.
        if (delimiters > limit.maxParts + 1) return stop("parts", this);
      }
      done(null, chunk);
    },
  });
}
