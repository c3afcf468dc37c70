/** Schemas shared by the API's resources: ids, dates, names in two languages, a page of records. */
import * as z from "zod";
import { recordId } from "~/lib/ids";

export const Id = recordId.meta({ description: "A record id (16 characters a–z, 0–9).", example: "k3v9x0c2m1p8q7r4" });
export const IsoDate = z.string().meta({ description: "A calendar date, YYYY-MM-DD.", example: "2026-03-15" });
export const Instant = z
  .string()
  .meta({ description: "An instant, ISO 8601 in UTC.", example: "2026-03-15T09:30:00.000Z" });

export const OrganizationRef = z.object({
  organizationId: Id,
  nameFr: z.string().nullable(),
  nameAr: z.string().nullable(),
});

/** A page of `item`: the records, and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  });
}

export const AgreementParams = z.object({ agreementId: Id });
