import * as z from "zod";

/** Route parameters that name a record: the shape produced by newId(). */
export const recordId = z.string().regex(/^[a-z0-9]{16}$/);

/** The rows a query read by id (`where id in …`) in the order of those ids; an id without a row is left out. */
export function inOrderOf<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
