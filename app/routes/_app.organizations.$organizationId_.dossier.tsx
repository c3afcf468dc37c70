/**
 * /organizations/:organizationId/dossier — the association's dossier for the partners of its
 * agreements (from negotiation on), who do not see the rest of its page: its standing documents and
 * bank details, read-only. Anyone else gets 404. Its members manage it on the organization's page.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { PageHeader } from "~/components/ui/card";
import { dossierView } from "~/domain/finance/dossier.server";
import { displayName } from "~/domain/organization/organization";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { DossierCard } from "./_app.organizations.$organizationId/dossier-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.bank.nameFr ?? data.bank.nameAr} · Charaka` : "Charaka" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const parsed = z.object({ organizationId: recordId }).safeParse(params);
  if (!parsed.success) notFound();
  const view = await dossierView(db(), actor, parsed.data.organizationId, todayInMorocco());
  if (!view) notFound();
  // Read-only here: its managers upload on the organization's own page.
  return { ...view, canManage: false };
}

export default function PartnerDossier() {
  const dossier = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <>
      <PageHeader title={<span dir="auto">{displayName(dossier.bank, locale)}</span>} subtitle={t("dossier.title")} />
      <DossierCard dossier={dossier} saved={null} uploadFailure={null} bankFailure={null} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
