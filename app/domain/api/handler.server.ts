/**
 * One API request, from its `Authorization` header to its JSON answer: the token (401 when unknown,
 * revoked or expired), the token's rate limit (429 with Retry-After), the operation's scope (403),
 * its path parameters (a malformed id is a 404), its query and JSON body through the operation's zod
 * schemas (400 with every field's path), then the handler, whose domain refusals become problems the
 * same way everywhere: not_found → 404 (another organization's record is never told apart from a
 * missing one), conflict → 409 with the current version, rule → 422 with every blocker.
 */
import type * as z from "zod";
import type { DB } from "../../../db/client";
import { expireIfPast } from "../agreement/agreement.commands.server";
import { findAgreement } from "../agreement/agreement.queries.server";
import type { Refusal } from "../result";
import { issueToError } from "~/lib/forms";
import { negotiateLocale, type Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { todayInMorocco } from "~/lib/time";
import type { ApiContext, ApiOperation } from "./operation";
import { ApiProblem, problem, type FieldProblem, type Problem } from "./problem";
import { authenticateToken, countRequest } from "./tokens.server";
import { hasScope, paymentsActor } from "./tokens";

export interface ApiRequestOptions {
  /** Requests per token and minute. */
  rateLimit?: number;
  client?: { ip: string | null; userAgent: string | null };
  now?: Date;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** The zod issues of a query or body as field problems in the client's language. */
export function fieldProblems(error: z.ZodError, locale: Locale): FieldProblem[] {
  const { t } = createTranslator(locale);
  return error.issues.map((issue) => {
    const message = issueToError(issue);
    return {
      path: issue.path.map(String).join(".") || "(body)",
      code: message.key,
      detail: t(message.key, message.vars),
    };
  });
}

/** A domain refusal as the API's problem (thrown); `currentVersion` for a conflict. */
export function refusalProblem(result: Refusal, locale: Locale, currentVersion?: number): never {
  if (result.error === "not_found") throw new ApiProblem(problem("not_found"));
  if (result.error === "conflict")
    throw new ApiProblem(
      problem("conflict", {
        detail: createTranslator(locale).t("form.error.conflict"),
        ...(currentVersion !== undefined ? { currentVersion } : {}),
      }),
    );
  const { t } = createTranslator(locale);
  throw new ApiProblem(
    problem("rule", {
      detail: result.errors.map((e) => t(e.key, e.vars)).join(" "),
      errors: result.errors.map((e) => ({ path: "(body)", code: e.key, detail: t(e.key, e.vars) })),
    }),
  );
}

function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return query;
}

async function readJsonBody(request: Request, locale: Locale): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/json"))
    throw new ApiProblem(problem("unsupported_media_type", { detail: createTranslator(locale).t("api.error.json") }));
  const text = await request.text();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new ApiProblem(problem("invalid", { detail: createTranslator(locale).t("api.error.json") }));
  }
}

/** Answers one API request with `op`. */
export async function answerApi(
  db: DB,
  op: ApiOperation,
  args: { request: Request; params: Record<string, string | undefined> },
  options: ApiRequestOptions = {},
): Promise<Response> {
  const { request } = args;
  const now = options.now ?? new Date();
  const locale: Locale = negotiateLocale(request.headers.get("accept-language")) ?? "en";
  let rateHeaders: Record<string, string> = {};
  try {
    const header = request.headers.get("authorization") ?? "";
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const authenticated = bearer ? await authenticateToken(db, bearer, now) : null;
    if (!authenticated)
      throw new ApiProblem(problem("unauthorized", { detail: createTranslator(locale).t("api.error.token") }), {
        "WWW-Authenticate": `Bearer realm="charaka", error="invalid_token"`,
      });
    const { token, actor } = authenticated;
    const rate = await countRequest(db, token.id, { limit: options.rateLimit, now });
    rateHeaders = { "RateLimit-Limit": String(rate.limit) };
    if (!rate.ok)
      throw new ApiProblem(
        problem("rate_limited", {
          detail: createTranslator(locale).t("api.error.rate", { count: rate.retryAfterSeconds }),
          retryAfter: rate.retryAfterSeconds,
        }),
        { "Retry-After": String(rate.retryAfterSeconds), "RateLimit-Remaining": "0" },
      );
    rateHeaders["RateLimit-Remaining"] = String(rate.remaining);
    if (!hasScope(token, op.scope))
      throw new ApiProblem(problem("forbidden", { detail: createTranslator(locale).t("api.error.scope") }), {
        "WWW-Authenticate": `Bearer realm="charaka", error="insufficient_scope", scope="${op.scope}"`,
      });
    const params = op.params ? op.params.safeParse(args.params) : { success: true as const, data: {} };
    if (!params.success) throw new ApiProblem(problem("not_found"));
    const url = new URL(request.url);
    const query = op.query ? op.query.safeParse(queryObject(url)) : { success: true as const, data: {} };
    if (!query.success) throw new ApiProblem(problem("invalid", { errors: fieldProblems(query.error, locale) }));
    let body: unknown = undefined;
    if (op.body) {
      const parsed = op.body.safeParse(await readJsonBody(request, locale));
      if (!parsed.success) throw new ApiProblem(problem("invalid", { errors: fieldProblems(parsed.error, locale) }));
      body = parsed.data;
    }
    const ctx: ApiContext<unknown, unknown, unknown> = {
      db,
      actor,
      paymentsActor: hasScope(token, "payments") ? paymentsActor(token) : null,
      meta: { actorUserId: token.userId, ip: options.client?.ip ?? null, userAgent: options.client?.userAgent ?? null },
      organizationId: token.organizationId,
      params: params.data,
      query: query.data,
      body,
      locale,
      now,
      today: todayInMorocco(now),
      async agreement(agreementId) {
        let loaded = await findAgreement(db, actor, agreementId);
        if (loaded && (await expireIfPast(db, loaded.agreement, now)))
          loaded = await findAgreement(db, actor, agreementId);
        if (!loaded) throw new ApiProblem(problem("not_found"));
        return loaded;
      },
    };
    const result = await op.handle(ctx as never);
    return new Response(JSON.stringify(result), {
      status: op.status ?? 200,
      headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store", ...rateHeaders },
    });
  } catch (error) {
    if (error instanceof ApiProblem) return problemResponse(error.problem, { ...rateHeaders, ...error.headers });
    // A helper of the pages threw its 404 (notFound()): the same problem as ours.
    if (error instanceof Response && error.status === 404) return problemResponse(problem("not_found"), rateHeaders);
    throw error;
  }
}
