import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { recordSessionEvent } from "~/domain/identity/login.server";
import { currentSessionId, endSession, getOptionalUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { clientInfo } from "~/lib/http.server";

export async function loader() {
  return redirect("/");
}

/** Logging out is a POST (a link or a prefetch must never end a session). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const cookie = await endSession(db(), request, currentSessionId(request));
  if (user)
    await recordSessionEvent(db(), { actorUserId: user.id, ...clientInfo(request, context) }, "user.logged_out");
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
