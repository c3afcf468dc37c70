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
import { displayName } from "~/domain/organization/organization";
import { dispatch, fieldRejected, invalid, readSubmission, refused } from "~/lib/actions.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
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
  const revoked = new URL(request.url).searchParams.get("revoked");
  return { ...view, revokedName: view.tokens.find((t) => t.id === revoked)?.name ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta } = await requireActor(request, context);
  const organizationId = await organizationOf(params);
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
    revokeToken: async ({ formData, intent }) => {
      const form = parseForm(RevokeTokenSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await revokeToken(db(), actor, meta, { organizationId, tokenId: form.data.tokenId });
      if (!result.ok) return refused(result, form.values, intent, form.data.tokenId);
      return redirect(`/organizations/${organizationId}/integrations?revoked=${form.data.tokenId}`);
    },
  });
}

const STATUS_TONE = { active: "green", revoked: "slate", expired: "amber" } as const;

export default function Integrations() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const createFailure = failureFor(result, "createToken");
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
      </WithAside>
    </>
  );
}
