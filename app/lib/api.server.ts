/**
 * The API's edge: a route module's loader or action for an operation (app/domain/api), with the
 * server's database, the rate limit from the configuration and the client's address for the audit.
 *
 *   export const loader = apiRoute({ GET: "listAgreements" });
 *   export const action = apiRoute({ PATCH: "updateIndicator" });
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerApi, problemResponse } from "~/domain/api/handler.server";
import { apiOperation } from "~/domain/api/operations.server";
import type { HttpMethod } from "~/domain/api/operation";
import { db } from "./db.server";
import { env } from "./env.server";
import { clientInfo } from "./http.server";

export function apiRoute(byMethod: Partial<Record<HttpMethod, string>>) {
  return ({ request, params, context }: ActionFunctionArgs) => {
    const id = byMethod[request.method.toUpperCase() as HttpMethod];
    if (!id)
      return problemResponse(
        { type: "about:blank", status: 405, title: "Method not allowed" },
        { Allow: Object.keys(byMethod).join(", ") },
      );
    return answerApi(
      db(),
      apiOperation(id),
      { request, params },
      { rateLimit: env().API_RATE_PER_MINUTE, client: clientInfo(request, context) },
    );
  };
}
