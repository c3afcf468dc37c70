/**
 * Cursor pagination: a list is read in a stable order (its records' creation, then id), and a page
 * ends with an opaque cursor naming its last record; the next page starts after it. Records added
 * meanwhile never shift a page (as an offset would), and a cursor says nothing a client could
 * rely on: base64url of the last key.
 */
import * as z from "zod";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const PageQuery = z.object({
  cursor: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .meta({ description: "The `nextCursor` of the previous page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Records per page (1–${MAX_PAGE_SIZE}).` }),
});

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The key a cursor names, or null when it was not made by encodeCursor. */
export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    return Array.isArray(key) && key.every((k) => typeof k === "string" || typeof k === "number") ? key : null;
  } catch {
    return null;
  }
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * One page of a list already read (an agreement's obligations, deliverables…: tens of records), in
 * the order of `keyOf`. `cursor` must have been decoded (null: first page).
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => readonly (string | number)[],
  after: readonly (string | number)[] | null,
  limit: number,
): Page<T> {
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const rest = after ? sorted.filter((item) => compareKeys(keyOf(item), after) > 0) : sorted;
  const data = rest.slice(0, limit);
  return { data, nextCursor: rest.length > limit ? encodeCursor(keyOf(data[data.length - 1]!)) : null };
}
