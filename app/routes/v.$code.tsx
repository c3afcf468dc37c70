/** The short link under a PDF's QR code: /v/<first 16 hex digits of the signed text's hash>. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { PublicHeader } from "~/components/public-header";
import { Verdict } from "~/components/verdict";
import { verifyHashPrefix } from "~/domain/signing/verification.server";
import { db } from "~/lib/db.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verify.title");

const Code = z.string().regex(/^[0-9a-f]{16}$/);

export async function loader({ params }: LoaderFunctionArgs) {
  const code = Code.safeParse(params.code);
  return { verdict: code.success ? await verifyHashPrefix(db(), code.data) : ({ match: false } as const) };
}

export default function ShortVerify() {
  const { verdict } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <PublicHeader />
      <h1 className="mb-4 text-2xl font-bold">{t("verify.title")}</h1>
      <Verdict verdict={verdict} />
      <p className="mt-6 text-sm">
        <Link to="/verify" className="text-brand-700 underline">
          {t("verify.other")}
        </Link>
      </p>
    </main>
  );
}
