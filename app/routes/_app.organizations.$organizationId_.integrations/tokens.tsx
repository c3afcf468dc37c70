/** The API tokens: the form that makes one, and the list with their use and revocation. */
import { useActionData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import type { IntegrationsPage } from "~/domain/api/integrations-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

const STATUS_TONE = { active: "green", revoked: "slate", expired: "amber" } as const;

export function TokenForm({
  view,
  createFailure,
  created,
}: {
  view: IntegrationsPage;
  createFailure: ActionFailure | null;
  created: { secret: string } | null;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  return (
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
          hint={t("apiToken.accessHint")}
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
  );
}

export function TokenList({ view }: { view: IntegrationsPage }) {
  const { t } = useI18n();
  const result = useActionData();
  return (
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
  );
}
