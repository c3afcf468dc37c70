import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { setLocale } from "~/domain/identity/account.server";
import { getOptionalUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { safeRedirectPath } from "~/lib/http.server";
import { localeCookie } from "~/lib/i18n/locale.server";
import { LOCALES } from "~/lib/i18n/locales";

const LocaleSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().max(2000).optional() });

export async function loader() {
  return redirect("/");
}

/** Switches the interface language: saved on the account when signed in, and in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LocaleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const user = await getOptionalUser(request);
  if (user) await setLocale(db(), user.id, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": localeCookie(parsed.data.locale) },
  });
}
