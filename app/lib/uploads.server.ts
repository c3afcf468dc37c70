/**
 * Uploaded files: the type is decided by the bytes (magic numbers), never by the name or
 * the browser's claim; files are stored under a server-generated name in UPLOADS_PATH,
 * outside public/, and served only by routes that check access first.
 */
import fs from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { newId, sha256Hex } from "./crypto.server";
import { env } from "./env.server";
import type { FieldError } from "./forms";
import type { MessageKey } from "./i18n/translate";

export type FileKind = "pdf" | "png" | "jpeg";

const MIME: Record<FileKind, string> = { pdf: "application/pdf", png: "image/png", jpeg: "image/jpeg" };

/** The kind of file the bytes are, from their first bytes; null when none we accept. */
export function sniffFileKind(bytes: Uint8Array): FileKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  return null;
}

export function mimeType(kind: FileKind): string {
  return MIME[kind];
}

export interface StoredFile {
  storedName: string;
  originalName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/**
 * The most pixels an uploaded image (stamp, photo, scanned receipt) may have. A PDF that draws an image
 * decodes it whole (pdf-lib decodes a PNG into 4 bytes a pixel; a viewer decodes a JPEG the same way),
 * and a 1 MB PNG of 20,000 × 20,000 pixels decodes to 1.6 GB. 25 megapixels take every phone's photo (12
 * to 24 megapixels) and a 600 dpi A4 scan; the side limit refuses long thin strips of the same weight.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;
export const MAX_IMAGE_SIDE = 10_000;

export type UploadCheck =
  | { ok: true; kind: FileKind }
  | { ok: false; error: "empty" | "tooLarge" | "wrongType" }
  | { ok: false; error: "tooManyPixels"; width: number; height: number };

export function checkUpload(bytes: Uint8Array, allowed: readonly FileKind[], maxBytes: number): UploadCheck {
  if (bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (bytes.byteLength > maxBytes) return { ok: false, error: "tooLarge" };
  const kind = sniffFileKind(bytes);
  if (!kind || !allowed.includes(kind)) return { ok: false, error: "wrongType" };
  if (kind === "png" || kind === "jpeg") {
    // image-size reads the dimensions from the header (PNG's IHDR, JPEG's SOF), decoding nothing.
    let size: { width: number; height: number };
    try {
      size = imageSize(bytes);
    } catch {
      return { ok: false, error: "wrongType" };
    }
    if (size.width * size.height > MAX_IMAGE_PIXELS || Math.max(size.width, size.height) > MAX_IMAGE_SIDE)
      return { ok: false, error: "tooManyPixels", width: size.width, height: size.height };
  }
  return { ok: true, kind };
}

/**
 * The field error for a refused upload: `wrongType` names what the field accepts, every other refusal
 * says the same thing on every form (an image over the pixel limit says its size and the limits).
 */
export function uploadError(
  check: UploadCheck | { ok: false; error: "tooLarge" | "empty" },
  wrongType: MessageKey,
): FieldError {
  if (check.ok || check.error === "empty") return { key: "form.error.required" };
  if (check.error === "tooLarge") return { key: "upload.error.tooLarge" };
  if (check.error === "tooManyPixels")
    return {
      key: "upload.error.tooManyPixels",
      vars: { width: check.width, height: check.height, max: MAX_IMAGE_PIXELS / 1_000_000, side: MAX_IMAGE_SIDE },
    };
  return { key: wrongType };
}

function uploadsDir(): string {
  const dir = path.resolve(env().UPLOADS_PATH);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the bytes (already checked) under a new name; written to a temporary name, then renamed. */
export function storeFile(bytes: Uint8Array, kind: FileKind, originalName: string): StoredFile {
  const storedName = `${newId()}.${kind === "jpeg" ? "jpg" : kind}`;
  const target = path.join(uploadsDir(), storedName);
  const temporary = `${target}.part`;
  const fd = fs.openSync(temporary, "w");
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  return {
    storedName,
    originalName: originalName.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200) || storedName,
    mimeType: MIME[kind],
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
  };
}

export function readStoredFile(storedName: string): Buffer {
  if (!/^[a-z0-9]{16}\.(pdf|png|jpg)$/.test(storedName)) throw new Error("invalid stored file name");
  return fs.readFileSync(path.join(uploadsDir(), storedName));
}

/** Removes a stored file whose database row was not committed. */
export function discardFile(storedName: string): void {
  fs.rmSync(path.join(uploadsDir(), storedName), { force: true });
}

/**
 * Reads a POST body, multipart (files kept in memory, each at most `maxFileBytes`) or
 * url-encoded. A file over the limit is dropped and reported, the other fields still arrive,
 * so the form answers with a field error and keeps what was typed.
 */
export async function readFormData(
  request: Request,
  maxFileBytes: number,
): Promise<{ formData: FormData; tooLarge: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), tooLarge: false };
  const { unstable_parseMultipartFormData } = await import("@remix-run/node");
  let tooLarge = false;
  const formData = await unstable_parseMultipartFormData(request, async ({ filename, data, contentType }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= (filename ? maxFileBytes : 100_000)) chunks.push(chunk);
    }
    if (!filename) return new TextDecoder().decode(Buffer.concat(chunks));
    if (size > maxFileBytes) {
      tooLarge = true;
      return null;
    }
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  });
  return { formData, tooLarge };
}

/** The bytes and name of an uploaded file field, or null when none was chosen. */
export async function fileField(formData: FormData, name: string): Promise<{ bytes: Uint8Array; name: string } | null> {
  const value = formData.get(name);
  if (!value || typeof value === "string") return null;
  const bytes = new Uint8Array(await value.arrayBuffer());
  return bytes.byteLength === 0 && !value.name ? null : { bytes, name: value.name || "file" };
}
