/**
 * Agreements through the API: the list the token's organization may see (the same `visibleTo` rule
 * as the pages' list), filtered and read by cursor; one agreement with its parties, articles and
 * frozen versions (`findAgreement`: another organization's, or a draft of another, is a 404); one
 * version's frozen text and hash.
 */
import { sql } from "kysely";
import * as z from "zod";
import type { DB } from "../../../../db/client";
import { agreementIdsMatching } from "../../../../db/search";
import type { Actor } from "../../access/access";
import { AGREEMENT_KINDS, PARTY_ROLES } from "../../agreement/agreement.schema";
import {
  getVersionSnapshot,
  listClauses,
  listParties,
  listVersions,
  visibleTo,
  type LoadedAgreement,
} from "../../agreement/agreement.queries.server";
import { AGREEMENT_STATUSES } from "../../agreement/lifecycle";
import { operation } from "../operation";
import { decodeCursor, encodeCursor, PageQuery } from "../pagination";
import { ApiProblem, problem } from "../problem";
import { AgreementParams, Id, Instant, IsoDate, pageSchema } from "./common";

const Status = z.enum(AGREEMENT_STATUSES as [string, ...string[]]);

export const AgreementSummary = z.object({
  id: Id,
  reference: z.string(),
  kind: z.enum(AGREEMENT_KINDS),
  title: z.string(),
  titleSecondary: z.string().nullable(),
  status: Status,
  territory: z.string().nullable(),
  effectiveDate: IsoDate.nullable(),
  endDate: IsoDate.nullable().meta({ description: "The last day: the end date, or the start plus the duration." }),
  signedOn: IsoDate.nullable(),
  ownerOrganizationId: Id,
  parentAgreementId: Id.nullable().meta({ description: "For an amendment: the agreement it amends." }),
  textVersion: z.number().int().meta({ description: "Number of the last frozen version (0 before the first)." }),
  version: z.number().int().meta({ description: "The record's version (optimistic concurrency)." }),
  createdAt: Instant,
  updatedAt: Instant,
});

const Party = z.object({
  id: Id,
  organizationId: Id,
  nameFr: z.string().nullable(),
  nameAr: z.string().nullable(),
  organizationKind: z.string(),
  role: z.enum(PARTY_ROLES),
  signatoryName: z.string().nullable(),
  signatoryTitle: z.string().nullable(),
});

const Article = z.object({
  number: z.number().int(),
  heading: z.string(),
  body: z.string().meta({ description: "Markdown." }),
});
const Version = z.object({
  number: z.number().int(),
  reason: z.enum(["negotiation", "signature", "amendment"]),
  hash: z.string().meta({ description: "SHA-256 of the version's canonical JSON." }),
  createdAt: Instant,
});

export const AgreementDetail = AgreementSummary.extend({
  purpose: z.string().meta({ description: "Markdown." }),
  currency: z.string(),
  parties: z.array(Party),
  articles: z.array(Article),
  versions: z.array(Version),
});

type AgreementRow = LoadedAgreement["agreement"];

function summary(a: AgreementRow): z.input<typeof AgreementSummary> {
  return {
    id: a.id,
    reference: a.reference,
    kind: a.kind,
    title: a.title,
    titleSecondary: a.title_secondary,
    status: a.status,
    territory: a.territory,
    effectiveDate: a.effective_date,
    endDate: a.ends_on ?? null,
    signedOn: a.signed_on,
    ownerOrganizationId: a.owner_organization_id,
    parentAgreementId: a.parent_agreement_id,
    textVersion: a.text_version,
    version: a.version,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

/** An agreement as the API (and a webhook's payload) shows it to `loaded`'s reader. */
export async function agreementRepresentation(db: DB, loaded: LoadedAgreement) {
  const id = loaded.agreement.id;
  const [parties, clauses, versions] = await Promise.all([
    listParties(db, id),
    listClauses(db, id),
    listVersions(db, id),
  ]);
  return {
    ...summary(loaded.agreement),
    purpose: loaded.agreement.purpose,
    currency: loaded.agreement.currency,
    parties: parties.map((p) => ({
      id: p.id,
      organizationId: p.organizationId,
      nameFr: p.nameFr,
      nameAr: p.nameAr,
      organizationKind: p.organizationKind,
      role: p.role,
      signatoryName: p.signatoryName,
      signatoryTitle: p.signatoryTitle,
    })),
    articles: clauses.map((c, i) => ({ number: i + 1, heading: c.heading, body: c.body })),
    versions: versions.map((v) => ({ number: v.number, reason: v.reason, hash: v.hash, createdAt: v.createdAt })),
  };
}

const ListQuery = PageQuery.extend({
  status: Status.optional(),
  kind: z.enum(AGREEMENT_KINDS).optional(),
  partner: Id.optional().meta({ description: "Only agreements with this organization as a party." }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: "Words of the reference, titles or text." }),
});

/** The agreements `actor` may see, in creation order, after `cursor`. */
async function listVisible(db: DB, actor: Actor, query: z.output<typeof ListQuery>) {
  let q = db.selectFrom("agreement").selectAll("agreement").where(visibleTo(actor));
  if (query.status) q = q.where("agreement.status", "=", query.status as AgreementRow["status"]);
  if (query.kind) q = q.where("agreement.kind", "=", query.kind);
  if (query.partner) {
    const partner = query.partner;
    q = q.where("agreement.id", "in", (eb) =>
      eb.selectFrom("agreement_party").select("agreement_id").where("organization_id", "=", partner),
    );
  }
  if (query.q) {
    const match = agreementIdsMatching(db, query.q);
    q = match ? q.where("agreement.id", "in", match) : q.where(sql<boolean>`1 = 0`);
  }
  if (query.cursor) {
    const key = decodeCursor(query.cursor);
    if (!key || key.length !== 2) throw new ApiProblem(problem("invalid", { detail: "cursor" }));
    const [createdAt, id] = key.map(String) as [string, string];
    q = q.where((eb) =>
      eb.or([
        eb("agreement.created_at", ">", createdAt),
        eb.and([eb("agreement.created_at", "=", createdAt), eb("agreement.id", ">", id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("agreement.created_at")
    .orderBy("agreement.id")
    .limit(query.limit + 1)
    .execute();
  const data = rows.slice(0, query.limit);
  const last = data[data.length - 1];
  return {
    data: data.map(summary),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

export const agreementOperations = [
  operation({
    id: "listAgreements",
    method: "GET",
    path: "/agreements",
    tag: "agreements",
    scope: "read",
    summary: "api.op.listAgreements",
    query: ListQuery,
    response: pageSchema(AgreementSummary),
    handle: (ctx) => listVisible(ctx.db, ctx.actor, ctx.query),
  }),
  operation({
    id: "getAgreement",
    method: "GET",
    path: "/agreements/{agreementId}",
    tag: "agreements",
    scope: "read",
    summary: "api.op.getAgreement",
    params: AgreementParams,
    response: AgreementDetail,
    handle: async (ctx) => agreementRepresentation(ctx.db, await ctx.agreement(ctx.params.agreementId)),
  }),
  operation({
    id: "getAgreementVersion",
    method: "GET",
    path: "/agreements/{agreementId}/versions/{number}",
    tag: "agreements",
    scope: "read",
    summary: "api.op.getAgreementVersion",
    params: AgreementParams.extend({ number: z.coerce.number().int().min(1).max(100_000) }),
    response: Version.extend({ snapshot: z.record(z.string(), z.unknown()).meta({ description: "The frozen text." }) }),
    handle: async (ctx) => {
      const loaded = await ctx.agreement(ctx.params.agreementId);
      const version = (await listVersions(ctx.db, loaded.agreement.id)).find((v) => v.number === ctx.params.number);
      const snapshot = version ? await getVersionSnapshot(ctx.db, loaded.agreement.id, version.number) : null;
      if (!version || !snapshot) throw new ApiProblem(problem("not_found"));
      return {
        number: version.number,
        reason: version.reason,
        hash: version.hash,
        createdAt: version.createdAt,
        snapshot: snapshot as unknown as Record<string, unknown>,
      };
    },
  }),
];
