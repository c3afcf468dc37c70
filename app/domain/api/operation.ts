/**
 * What an API operation is: its method and path, the scope it needs, the zod schemas of its path
 * parameters, query, body and answer (the same schemas validate requests and generate the OpenAPI
 * document), and its handler. Each resource module exports its operations; operations.server.ts
 * lists the modules.
 */
import type * as z from "zod";
import type { DB } from "../../../db/client";
import type { Actor } from "../access/access";
import type { LoadedAgreement } from "../agreement/agreement.queries.server";
import type { RequestMeta } from "../audit/audit.server";
import type { Locale } from "~/lib/i18n/locales";
import type { MessageKey } from "~/lib/i18n/translate";
import type { ApiScope } from "./tokens";

export type HttpMethod = "GET" | "POST" | "PATCH";

export interface ApiContext<P, Q, B> {
  db: DB;
  actor: Actor;
  /** With the `payments` scope: the token as its organization's treasurer, for money commands only. */
  paymentsActor: Actor | null;
  meta: RequestMeta;
  organizationId: string;
  params: P;
  query: Q;
  body: B;
  locale: Locale;
  now: Date;
  today: string;
  /** The agreement if the token's organization may see it (expired on read, as the pages do); a 404 otherwise. */
  agreement(agreementId: string): Promise<LoadedAgreement>;
}

export interface ApiOperation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  id: string;
  method: HttpMethod;
  /** Below /api/v1, OpenAPI style: /agreements/{agreementId}. */
  path: string;
  tag: "organization" | "agreements" | "obligations" | "deliverables" | "plan" | "committee" | "finance" | "reports";
  scope: ApiScope;
  summary: MessageKey;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** 200 unless said (201 for records created). */
  status?: 200 | 201;
  handle(ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** Declares an operation with its types inferred from its schemas. */
export function operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  op: ApiOperation<P, Q, B, R>,
): ApiOperation {
  return op as unknown as ApiOperation;
}
