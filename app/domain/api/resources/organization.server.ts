/** The token's own organization: what its page shows a member, with its dossier's status. */
import * as z from "zod";
import { DOSSIER_KINDS } from "../../finance/dossier";
import { dossierStatuses } from "../../finance/dossier.server";
import { getOrganization } from "../../organization/organization.server";
import { operation } from "../operation";
import { ApiProblem, problem } from "../problem";
import { Id } from "./common";

const Organization = z.object({
  id: Id,
  kind: z.enum(["association", "company", "foundation", "public_body"]),
  nameFr: z.string().nullable(),
  nameAr: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  version: z.number().int(),
  dossier: z
    .object({
      complete: z.boolean().meta({ description: "One current document of each required kind." }),
      valid: z.boolean().meta({ description: "Complete, and none of them expired." }),
      missing: z.array(z.enum(DOSSIER_KINDS)),
      expired: z.array(z.enum(DOSSIER_KINDS)),
      expiringSoon: z.array(z.enum(DOSSIER_KINDS)),
    })
    .meta({ description: "The administrative dossier partners check before paying, as of today." }),
});

export const organizationOperations = [
  operation({
    id: "getOrganization",
    method: "GET",
    path: "/organization",
    tag: "organization",
    scope: "read",
    summary: "api.op.getOrganization",
    response: Organization,
    handle: async (ctx) => {
      const org = await getOrganization(ctx.db, ctx.actor, ctx.organizationId);
      if (!org) throw new ApiProblem(problem("not_found"));
      const dossier = (await dossierStatuses(ctx.db, [org.id], ctx.today)).get(org.id)!;
      return {
        id: org.id,
        kind: org.kind,
        nameFr: org.nameFr,
        nameAr: org.nameAr,
        city: org.city,
        region: org.region,
        registrationNumber: org.registrationNumber,
        contactEmail: org.contactEmail,
        contactPhone: org.contactPhone,
        version: org.version,
        dossier,
      };
    },
  }),
];
