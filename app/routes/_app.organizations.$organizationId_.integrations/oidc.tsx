/** Sign-in with an identity provider (OpenID Connect): the platform administrator's providers. */
import { useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import type { IntegrationsPage } from "~/domain/api/integrations-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

export function OidcCard({
  view,
  providers,
  oidcFailure,
}: {
  view: IntegrationsPage;
  providers: NonNullable<IntegrationsPage["oidcProviders"]>;
  oidcFailure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  return (
    <Card title={t("oidc.title")}>
      <p className="text-sm text-slate-600">{t("oidc.intro")}</p>
      <p className="mb-4 mt-1 break-all font-mono text-xs text-slate-800" dir="ltr">
        {view.oidcCallback}
      </p>
      {providers.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">{t("oidc.empty")}</p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-100" data-testid="oidc-providers">
          {providers.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  <bdi>{p.label}</bdi> {p.passwordSignIn ? null : <Badge tone="amber">{t("oidc.passwordOff")}</Badge>}
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
  );
}
