import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Badge, Card, PageHeader, WithAside } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError, Notice, typed } from "~/components/ui/form";
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

const STATUS_TONE = { active: "green", revoked: "slate", expired: "amber" } as const;
const DELIVERY_TONE = { pending: "blue", sent: "green", failed: "red", skipped: "slate" } as const;

export default function Integrations() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
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
          <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline" dir="ltr">
            {t("integrations.reference")}
          </a>
        }
      />
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t("integrations.intro")}</p>
      <WithAside
        className="space-y-3"
        aside={
          <div className="space-y-6">
            <Card title={t("apiToken.create")}>
              <AppForm failure={createFailure} className="space-y-4" key={created?.secret ?? "create"}>
                <input type="hidden" name="intent" value="createToken" />
                <TextField
                  label={t("apiToken.name")}
                  name="name"
                  required
                  maxLength={100}
                  hint={t("apiToken.nameHint")}
                  defaultValue={typed(createFailure?.values, "name")}
                  error={createFailure?.fieldErrors.name}
                />
                <SelectField
                  label={t("apiToken.access")}
                  name="access"
                  defaultValue={typed(createFailure?.values, "access", "read")}
                  error={createFailure?.fieldErrors.access}
                  options={view.accessChoices.map((a) => ({ value: a, label: t(`apiToken.access.${a}`) }))}
                />
                <TextField
                  label={t("apiToken.expiresOn")}
                  name="expiresOn"
                  type="date"
                  required
                  min={view.minExpiresOn}
                  max={view.maxExpiresOn}
                  dir="ltr"
                  defaultValue={typed(createFailure?.values, "expiresOn", view.defaultExpiresOn)}
                  error={createFailure?.fieldErrors.expiresOn}
                />
                <FormError failure={createFailure} />
                <Button disabled={navigation.state === "submitting"}>{t("apiToken.create")}</Button>
              </AppForm>
            </Card>
            <Card title={t("webhook.add")}>
              <AppForm failure={webhookFailure} className="space-y-4">
                <input type="hidden" name="intent" value="addWebhook" />
                <TextField
                  label={t("webhook.url")}
                  name="url"
                  type="url"
                  required
                  maxLength={2000}
                  dir="ltr"
                  placeholder="https://"
                  defaultValue={typed(webhookFailure?.values, "url")}
                  error={webhookFailure?.fieldErrors.url}
                />
                <fieldset
                  className="space-y-1"
                  aria-describedby={webhookFailure?.fieldErrors.events ? "webhook-events-error" : undefined}
                >
                  <legend className="mb-1 text-sm font-medium text-slate-800">{t("webhook.events")}</legend>
                  {view.webhookEvents.map((event) => (
                    <label key={event} className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="events"
                        value={event}
                        defaultChecked={[webhookFailure?.values.events ?? []].flat().includes(event)}
                        aria-invalid={webhookFailure?.fieldErrors.events ? true : undefined}
                        className="mt-0.5 h-4 w-4"
                      />
                      {t(`webhook.event.${event}`)}
                    </label>
                  ))}
                  {webhookFailure?.fieldErrors.events ? (
                    <p id="webhook-events-error" className="text-sm font-medium text-red-700" role="alert">
                      {t(webhookFailure.fieldErrors.events.key, webhookFailure.fieldErrors.events.vars)}
                    </p>
                  ) : null}
                </fieldset>
                <TextField
                  label={t("webhook.description")}
                  name="description"
                  optional
                  maxLength={200}
                  defaultValue={typed(webhookFailure?.values, "description")}
                  error={webhookFailure?.fieldErrors.description}
                />
                <FormError failure={webhookFailure} />
                <Button disabled={navigation.state === "submitting"}>{t("webhook.add")}</Button>
              </AppForm>
            </Card>
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
        <Card title={t("apiToken.title")}>
          {view.tokens.length === 0 ? (
            <p className="text-sm text-slate-600">{t("apiToken.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="api-tokens">
              {view.tokens.map((token) => {
                const revokeFailure = failureFor(result, "revokeToken", token.id);
                return (
                  <li key={token.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                    <div className="min-w-0 space-y-1">
                      <p className="font-medium text-slate-900">
                        <bdi>{token.name}</bdi>{" "}
                        <Badge tone={STATUS_TONE[token.status]}>{t(`apiToken.status.${token.status}`)}</Badge>
                      </p>
                      <p className="text-slate-600">
                        {t(`apiToken.access.${token.scopes as (typeof view.accessChoices)[number]}`)} ·{" "}
                        {t("apiToken.prefix")} <code dir="ltr">{token.prefix}…</code>
                      </p>
                      <p className="text-slate-600">
                        {t("apiToken.expiresOn")} <DateText value={token.expiresAt.slice(0, 10)} /> ·{" "}
                        {t("apiToken.lastUsed")}{" "}
                        {token.lastUsedAt ? <DateTimeText value={token.lastUsedAt} /> : t("apiToken.neverUsed")}
                        {token.createdBy ? (
                          <>
                            {" · "}
                            {t("apiToken.createdBy")} <bdi>{token.createdBy}</bdi>
                          </>
                        ) : null}
                      </p>
                    </div>
                    {token.canRevoke ? (
                      <AppForm failure={revokeFailure}>
                        <input type="hidden" name="intent" value="revokeToken" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <FormError failure={revokeFailure} />
                        <Button variant="danger" className="px-2 py-1 text-xs">
                          {t("apiToken.revoke")}
                        </Button>
                      </AppForm>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title={t("webhook.title")}>
          <p className="text-sm text-slate-600">{t("webhook.intro")}</p>
          <pre
            className="mb-4 mt-2 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs text-slate-800"
            dir="ltr"
          >
            Charaka-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256(secret, &quot;t.body&quot;)&gt;
          </pre>
          {view.endpoints.length === 0 ? (
            <p className="text-sm text-slate-600">{t("webhook.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="webhook-endpoints">
              {view.endpoints.map((endpoint) => (
                <li key={endpoint.id} className="space-y-2 py-3 text-sm">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="break-all font-mono text-xs text-slate-900" dir="ltr">
                        {endpoint.url}
                      </p>
                      {endpoint.description ? (
                        <p className="text-slate-600">
                          <bdi>{endpoint.description}</bdi>
                        </p>
                      ) : null}
                      <p className="text-slate-600">
                        {endpoint.events
                          .map((e) => t(`webhook.event.${e as (typeof view.webhookEvents)[number]}`))
                          .join(" · ")}
                      </p>
                    </div>
                    <span className="flex gap-1">
                      <AppForm>
                        <input type="hidden" name="intent" value="testWebhook" />
                        <input type="hidden" name="endpointId" value={endpoint.id} />
                        <Button variant="secondary" className="px-2 py-1 text-xs">
                          {t("webhook.test")}
                        </Button>
                      </AppForm>
                      <AppForm>
                        <input type="hidden" name="intent" value="removeWebhook" />
                        <input type="hidden" name="endpointId" value={endpoint.id} />
                        <Button variant="danger" className="px-2 py-1 text-xs">
                          {t("webhook.remove")}
                        </Button>
                      </AppForm>
                    </span>
                  </div>
                  {view.testedEndpointId === endpoint.id ? <Notice>{t("webhook.testQueued")}</Notice> : null}
                  <details>
                    <summary className="cursor-pointer text-slate-700">{t("webhook.secret")}</summary>
                    <input
                      readOnly
                      value={endpoint.secret}
                      aria-label={t("webhook.secret")}
                      data-testid="webhook-secret"
                      className="mt-1 w-full rounded border border-slate-200 bg-white px-2 py-1 font-mono text-xs"
                      dir="ltr"
                    />
                  </details>
                  <h3 className="pt-1 text-xs font-semibold uppercase text-slate-500">{t("webhook.log")}</h3>
                  {endpoint.deliveries.length === 0 ? (
                    <p className="text-slate-600">{t("webhook.logEmpty")}</p>
                  ) : (
                    <ul className="space-y-1" data-testid="webhook-log">
                      {endpoint.deliveries.map((d) => (
                        <li key={d.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-700">
                          <Badge tone={DELIVERY_TONE[d.status]}>{t(`webhook.status.${d.status}`)}</Badge>
                          <span>{t(`webhook.event.${d.eventType as "webhook.test"}`)}</span>
                          <span>
                            · <DateTimeText value={d.createdAt} />
                          </span>
                          <span>· {t("webhook.attempts", { count: d.attempts })}</span>
                          {d.lastStatusCode ? <span dir="ltr">· HTTP {d.lastStatusCode}</span> : null}
                          {d.lastError && !d.lastStatusCode ? <span dir="ltr">· {d.lastError}</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </WithAside>
      {view.oidcProviders ? (
        <div className="mt-6">
          <Card title={t("oidc.title")}>
            <p className="text-sm text-slate-600">{t("oidc.intro")}</p>
            <p className="mb-4 mt-1 break-all font-mono text-xs text-slate-800" dir="ltr">
              {view.oidcCallback}
            </p>
            {view.oidcProviders.length === 0 ? (
              <p className="mb-4 text-sm text-slate-600">{t("oidc.empty")}</p>
            ) : (
              <ul className="mb-4 divide-y divide-slate-100" data-testid="oidc-providers">
                {view.oidcProviders.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">
                        <bdi>{p.label}</bdi>{" "}
                        {p.passwordSignIn ? null : <Badge tone="amber">{t("oidc.passwordOff")}</Badge>}
                      </p>
                      <p className="break-all font-mono text-xs text-slate-600" dir="ltr">
                        {p.issuer} · {p.clientId} · {p.emailDomains}
                      </p>
                    </div>
                    <AppForm>
                      <input type="hidden" name="intent" value="removeOidcProvider" />
                      <input type="hidden" name="providerId" value={p.id} />
                      <Button variant="danger" className="px-2 py-1 text-xs">
                        {t("oidc.remove")}
                      </Button>
                    </AppForm>
                  </li>
                ))}
              </ul>
            )}
            <AppForm failure={oidcFailure} className="grid gap-4 sm:grid-cols-2">
              <input type="hidden" name="intent" value="addOidcProvider" />
              <TextField
                label={t("oidc.label")}
                name="label"
                required
                maxLength={80}
                defaultValue={typed(oidcFailure?.values, "label")}
                error={oidcFailure?.fieldErrors.label}
              />
              <TextField
                label={t("oidc.issuer")}
                name="issuer"
                type="url"
                required
                maxLength={500}
                dir="ltr"
                defaultValue={typed(oidcFailure?.values, "issuer")}
                error={oidcFailure?.fieldErrors.issuer}
              />
              <TextField
                label={t("oidc.clientId")}
                name="clientId"
                required
                maxLength={200}
                dir="ltr"
                defaultValue={typed(oidcFailure?.values, "clientId")}
                error={oidcFailure?.fieldErrors.clientId}
              />
              <TextField
                label={t("oidc.clientSecret")}
                name="clientSecret"
                type="password"
                autoComplete="off"
                required
                maxLength={500}
                dir="ltr"
                error={oidcFailure?.fieldErrors.clientSecret}
              />
              <TextField
                label={t("oidc.domains")}
                name="emailDomains"
                required
                maxLength={500}
                dir="ltr"
                hint={t("oidc.domainsHint")}
                defaultValue={typed(oidcFailure?.values, "emailDomains")}
                error={oidcFailure?.fieldErrors.emailDomains}
              />
              <label className="flex items-start gap-2 self-center text-sm">
                <input
                  type="checkbox"
                  name="passwordSignIn"
                  defaultChecked={oidcFailure ? typed(oidcFailure.values, "passwordSignIn") === "on" : true}
                  className="mt-0.5 h-4 w-4"
                />
                {t("oidc.passwordSignIn")}
              </label>
              <div className="sm:col-span-2">
                <FormError failure={oidcFailure} />
                <Button disabled={navigation.state === "submitting"}>{t("oidc.add")}</Button>
              </div>
            </AppForm>
          </Card>
        </div>
      ) : null}
    </>
  );
}
