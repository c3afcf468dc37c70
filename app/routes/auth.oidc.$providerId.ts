/** Starts a sign-in with an organization's identity provider (app/domain/identity/oidc.server.ts). */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { beginOidcSignIn } from "~/domain/identity/oidc.server";
import { requireAnonymous } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { appOrigin, env } from "~/lib/env.server";
import { notFound, safeRedirectPath } from "~/lib/http.server";
import { recordId } from "~/lib/ids";

const Params = z.object({ providerId: recordId });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  let url: URL | null;
  try {
    url = await beginOidcSignIn(db(), parsed.data.providerId, redirectTo, {
      redirectUri: `${appOrigin()}/auth/oidc/callback`,
      allowHttp: env().OIDC_ALLOW_HTTP,
    });
  } catch {
    // The provider does not answer (discovery failed): said on the login page.
    return redirect("/login?oidc=provider");
  }
  if (!url) notFound();
  return redirect(url.href);
}
