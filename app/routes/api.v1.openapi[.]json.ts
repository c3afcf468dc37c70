/** The API's OpenAPI 3.1 document (public: it describes the API, it shows no data). */
import { openApiDocument } from "~/domain/api/openapi.server";
import { appOrigin } from "~/lib/env.server";

export function loader() {
  return new Response(JSON.stringify(openApiDocument(appOrigin())), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
