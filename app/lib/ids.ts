import * as z from "zod";

/** Route parameters that name a record: the shape produced by newId(). */
export const recordId = z.string().regex(/^[a-z0-9]{16}$/);
