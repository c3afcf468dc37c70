/** The identity provider's answer: the account linked to it is signed in, or the login page says why not. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { completeOidcSignIn } from "~/domain/identity/oidc.server";
import { recordSessionEvent } from "~/domain/identity/login.server";
import { startSession } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { appOrigin, env } from "~/lib/env.server";
import { clientInfo, safeRedirectPath } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const client = clientInfo(request, context);
  const outcome = await completeOidcSignIn(
    db(),
    new URL(request.url),
    { redirectUri: `${appOrigin()}/auth/oidc/callback`, allowHttp: env().OIDC_ALLOW_HTTP },
    client,
  );
  if (!outcome.ok) return redirect(`/login?oidc=${outcome.reason}`);
  const { cookie } = await startSession(db(), request, outcome.userId, client);
  await recordSessionEvent(db(), { actorUserId: outcome.userId, ...client }, "user.logged_in");
  return redirect(safeRedirectPath(outcome.redirectTo), { headers: { "Set-Cookie": cookie } });
}
