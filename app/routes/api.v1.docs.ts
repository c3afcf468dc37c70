/**
 * The API's readable reference, rendered from the OpenAPI document (public like it: it describes
 * the API and shows no data). A standalone developer page in English, outside the app's layout:
 * a problem's `type` link opens here without signing in.
 */
import { openApiDocument } from "~/domain/api/openapi.server";
import { apiReferenceHtml } from "~/domain/api/reference.server";
import { appOrigin } from "~/lib/env.server";

export function loader() {
  return new Response(apiReferenceHtml(openApiDocument(appOrigin())), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
