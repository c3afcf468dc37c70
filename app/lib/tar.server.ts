/**
 * A minimal tar (ustar) writer for regular files and folders, streamed: enough to hand a backup
 * folder to a browser as one download that `tar -xf` (or 7-Zip, or Windows' tar) opens.
 * Names are relative paths under 100 bytes (backups use short generated names).
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

export function tarHeader(name: string, size: number, mtime: Date, type: "file" | "dir"): Buffer {
  if (Buffer.byteLength(name) > 99) throw new Error(`tar: name too long: ${name}`);
  const header = Buffer.alloc(512, 0);
  header.write(name, 0, 100, "utf8");
  header.write(octal(type === "dir" ? 0o755 : 0o644, 8), 100, 8, "ascii");
  header.write(octal(0, 8), 108, 8, "ascii");
  header.write(octal(0, 8), 116, 8, "ascii");
  header.write(octal(type === "dir" ? 0 : size, 12), 124, 12, "ascii");
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, "ascii");
  header.write("        ", 148, 8, "ascii");
  header.write(type === "dir" ? "5" : "0", 156, 1, "ascii");
  header.write("ustar\0", 257, 6, "ascii");
  header.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return header;
}

/** The entries of `folder`, named `<basename>/<relative path>`, folders before their files. */
function entries(folder: string): Array<{ name: string; file: string; dir: boolean }> {
  const base = path.basename(folder);
  const out: Array<{ name: string; file: string; dir: boolean }> = [{ name: `${base}/`, file: folder, dir: true }];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        out.push({ name: `${prefix}${entry.name}/`, file, dir: true });
        walk(file, `${prefix}${entry.name}/`);
      } else if (entry.isFile()) out.push({ name: `${prefix}${entry.name}`, file, dir: false });
    }
  };
  walk(folder, `${base}/`);
  return out;
}

/** A tar stream of `folder` (read as it streams; the folder must not change meanwhile). */
export function tarFolder(folder: string): Readable {
  async function* generate() {
    for (const entry of entries(folder)) {
      const stat = fs.statSync(entry.file);
      yield tarHeader(entry.name, stat.size, stat.mtime, entry.dir ? "dir" : "file");
      if (entry.dir) continue;
      for await (const chunk of fs.createReadStream(entry.file)) yield chunk as Buffer;
      const padding = (512 - (stat.size % 512)) % 512;
      if (padding) yield Buffer.alloc(padding, 0);
    }
    yield Buffer.alloc(1024, 0);
  }
  return Readable.from(generate());
}
