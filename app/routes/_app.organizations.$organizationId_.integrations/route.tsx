import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { PageHeader, WithAside } from "~/components/ui/card";
import { failureFor, Notice } from "~/components/ui/form";
import { integrationsView } from "~/domain/api/integrations-view.server";
import { CreateTokenSchema, RevokeTokenSchema } from "~/domain/api/tokens.schema";
import { createToken, revokeToken } from "~/domain/api/tokens.server";
import { OidcProviderSchema, RemoveOidcProviderSchema } from "~/domain/identity/oidc.schema";
import { removeOidcProvider, saveOidcProvider } from "~/domain/identity/oidc.server";
import { displayName } from "~/domain/organization/organization";
import { AddEndpointSchema, EndpointSchema } from "~/domain/webhook/webhook.schema";
import { addEndpoint, queueTestEvent, removeEndpoint } from "~/domain/webhook/webhooks.server";
import { dispatch, fieldRejected, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { appOrigin, env } from "~/lib/env.server";
import { parseForm } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";
import { OidcCard } from "./oidc";
import { TokenForm, TokenList } from "./tokens";
import { WebhookForm, WebhookList } from "./webhooks";

const Params = z.object({ organizationId: recordId });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.nameFr ?? data.organization.nameAr} · API · Charaka` : "Charaka" },
];

async function organizationOf(params: unknown) {
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  return parsed.data.organizationId;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const view = await integrationsView(db(), actor, await organizationOf(params));
  if (!view) notFound();
  const search = new URL(request.url).searchParams;
  const revoked = search.get("revoked");
  return {
    ...view,
    revokedName: view.tokens.find((t) => t.id === revoked)?.name ?? null,
    testedEndpointId: search.get("tested"),
    oidcCallback: `${appOrigin()}/auth/oidc/callback`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  const organizationId = await organizationOf(params);
  const here = `/organizations/${organizationId}/integrations`;
  return dispatch(await readSubmission(request), {
    createToken: async ({ formData, intent }) => {
      const form = parseForm(CreateTokenSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await createToken(db(), actor, meta, { organizationId, ...form.data });
      // The one rule a token's creation has is its expiry: said next to the date.
      if (!result.ok && result.error === "rule")
        return fieldRejected(form.values, intent, { expiresOn: result.errors[0]! });
      if (!result.ok) return refused(result, form.values, intent);
      // Shown once, in this answer only: never in a URL, a log or the database.
      return data(
        { ok: true as const, intent, created: { name: form.data.name, secret: result.secret } },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
    addWebhook: async ({ formData, intent }) => {
      const form = parseForm(AddEndpointSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await addEndpoint(db(), actor, meta, {
        organizationId,
        ...form.data,
        allowPrivate: env().WEBHOOK_ALLOW_PRIVATE,
      });
      // Its one rule is about the address: said next to it.
      if (!result.ok && result.error === "rule") return fieldRejected(form.values, intent, { url: result.errors[0]! });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    removeWebhook: async ({ formData, intent }) => {
      const form = parseForm(EndpointSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await removeEndpoint(db(), actor, meta, { organizationId, endpointId: form.data.endpointId });
      if (!result.ok) return refused(result, form.values, intent, form.data.endpointId);
      return redirect(here);
    },
    testWebhook: async ({ formData, intent }) => {
      const form = parseForm(EndpointSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await queueTestEvent(db(), actor, { organizationId, endpointId: form.data.endpointId });
      if (!result.ok) return refused(result, form.values, intent, form.data.endpointId);
      return redirect(`${here}?tested=${form.data.endpointId}`);
    },
    addOidcProvider: async ({ formData, intent }) => {
      const form = parseForm(OidcProviderSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await saveOidcProvider(db(), actor, meta, { organizationId, ...form.data });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    removeOidcProvider: async ({ formData, intent }) => {
      const form = parseForm(RemoveOidcProviderSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await removeOidcProvider(db(), actor, meta, { organizationId, providerId: form.data.providerId });
      if (!result.ok) return refused(result, form.values, intent, form.data.providerId);
      return redirect(here);
    },
    revokeToken: async ({ formData, intent }) => {
      const form = parseForm(RevokeTokenSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await revokeToken(db(), actor, meta, { organizationId, tokenId: form.data.tokenId });
      if (!result.ok) return refused(result, form.values, intent, form.data.tokenId);
      return redirect(`${here}?revoked=${form.data.tokenId}`);
    },
  });
}

export default function Integrations() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const createFailure = failureFor(result, "createToken");
  const webhookFailure = failureFor(result, "addWebhook");
  const oidcFailure = failureFor(result, "addOidcProvider");
  const created = result && "created" in result ? result.created : null;
  return (
    <>
      <PageHeader
        title={t("integrations.title")}
        subtitle={
          <Link to={`/organizations/${view.organization.id}`} className="underline">
            <bdi>{displayName(view.organization, locale)}</bdi>
          </Link>
        }
        actions={
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            <a href="/api/v1/docs" className="text-sm text-brand-700 underline">
              {t("integrations.docs")}
            </a>
            <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline">
              {t("integrations.reference")}
            </a>
          </div>
        }
      />
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t("integrations.intro")}</p>
      <WithAside
        className="space-y-3"
        aside={
          <div className="space-y-6">
            <TokenForm view={view} createFailure={createFailure} created={created} />
            <WebhookForm view={view} webhookFailure={webhookFailure} />
          </div>
        }
      >
        {created ? (
          <Notice>
            <p>{t("apiToken.created", { name: `\u2068${created.name}\u2069` })}</p>
            <input
              readOnly
              value={created.secret}
              data-testid="api-token-secret"
              aria-label={t("apiToken.secret")}
              className="mt-2 w-full rounded border border-brand-100 bg-white px-2 py-1 font-mono text-xs"
              dir="ltr"
              onFocus={(e) => e.currentTarget.select()}
            />
          </Notice>
        ) : null}
        {view.revokedName ? (
          <Notice>{t("apiToken.revoked", { name: `\u2068${view.revokedName}\u2069` })}</Notice>
        ) : null}
        <TokenList view={view} />
        <WebhookList view={view} />
      </WithAside>
      {view.oidcProviders ? (
        <div className="mt-6">
          <OidcCard view={view} providers={view.oidcProviders} oidcFailure={oidcFailure} />
        </div>
      ) : null}
    </>
  );
}
