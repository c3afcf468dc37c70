import type { LoaderFunctionArgs } from "@remix-run/node";
import { pingDatabase } from "~/lib/db.server";
import { isReady } from "~/lib/readiness.server";

/**
 * Liveness and database check for monitors and load balancers. With `?ready`, also readiness:
 * 503 `{status: "starting"}` until the first daily job (run after the server starts listening) is done.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const ok = await pingDatabase();
  const headers = { "Cache-Control": "no-store" };
  if (ok && new URL(request.url).searchParams.has("ready") && !isReady())
    return Response.json({ status: "starting" }, { status: 503, headers });
  return Response.json({ status: ok ? "ok" : "error" }, { status: ok ? 200 : 503, headers });
}
