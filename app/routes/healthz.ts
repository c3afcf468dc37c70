import { pingDatabase } from "~/lib/db.server";

/** Liveness and database check for monitors and load balancers. */
export async function loader() {
  const ok = await pingDatabase();
  return Response.json({ status: ok ? "ok" : "error" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
